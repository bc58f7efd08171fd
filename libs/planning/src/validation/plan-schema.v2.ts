/* Copy of schemas/plan.v2.schema.json (a spec checks they stay equal). */
export const PLAN_SCHEMA_V2 = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "plan.v2.schema.json",
  "title": "Plan, version 2",
  "description": "The planner's answer to one planning snapshot. Version 2 answers a version 2 snapshot: version 1 plus continuity events. On the half-days of an event an agent may be N (no workplace: neither a desk at its site nor a seat in a pool), each N with its entry in noWorkplace (why, as data, and its record wording); events gives each event's counts and metrics.noWorkplace the total. A version 2 snapshot whose events miss the horizon plans as version 1 does, with version 2.",
  "type": "object",
  "required": [
    "version",
    "halfDays",
    "rotation",
    "agents",
    "requests",
    "metrics"
  ],
  "properties": {
    "version": {
      "const": 2
    },
    "halfDays": {
      "type": "array",
      "description": "the working half-days of the horizon in time order, each as YYYY-MM-DD followed by AM or PM, e.g. 2026-12-07AM",
      "items": {
        "type": "string",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}(AM|PM)$"
      }
    },
    "rotation": {
      "type": "array",
      "description": "the half-days on which each group is remote (kept as given when the snapshot had one)",
      "items": {
        "type": "object",
        "required": [
          "groupId",
          "date",
          "period"
        ],
        "properties": {
          "groupId": {
            "type": "string"
          },
          "date": {
            "type": "string",
            "format": "date"
          },
          "period": {
            "enum": [
              "AM",
              "PM"
            ]
          }
        }
      }
    },
    "agents": {
      "type": "array",
      "description": "one entry for every agent of the snapshot",
      "items": {
        "type": "object",
        "required": [
          "id",
          "modes"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "modes": {
            "type": "string",
            "pattern": "^[RSON]*$",
            "description": "one letter per entry of halfDays, same order: R remote, S on site, O off, N no workplace (continuity-event half-days only)"
          }
        }
      }
    },
    "requests": {
      "type": "array",
      "description": "one entry for every request of the snapshot",
      "items": {
        "type": "object",
        "required": [
          "id",
          "status"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "status": {
            "enum": [
              "GRANTED",
              "REFUSED",
              "IGNORED"
            ],
            "description": "IGNORED: not approved, so it changed nothing"
          },
          "reason": {
            "type": "string",
            "description": "why it was refused, in words a person can act on, with the figures (which cap, which half-day): the record wording of refusal"
          },
          "refusal": {
            "type": "object",
            "description": "why it was refused, as data: a code of the libs/contracts catalogue (NOT_ELIGIBLE, NOT_WORKING, WEEKLY_MAX, POOL_FULL, STANDARD_SHARE_FULL, ON_SITE_REQUEST; on continuity-event half-days also EVENT_ON_SITE: the agent must stay on site, EVENT_SITE_FULL: no desk left at the event's capacity) and its figures; readers word it from the code. Plans written before it have only reason",
            "required": [
              "code"
            ],
            "properties": {
              "code": {
                "type": "string",
                "pattern": "^[A-Z][A-Z0-9_]*$"
              },
              "why": {
                "enum": [
                  "OUTSIDE_HORIZON",
                  "CLOSED",
                  "PUBLIC_HOLIDAY",
                  "WEEKEND",
                  "PART_TIME"
                ],
                "description": "NOT_WORKING: why the agent does not work the half-day"
              },
              "agent": {
                "type": "string"
              },
              "pool": {
                "type": "string"
              },
              "date": {
                "type": "string",
                "format": "date"
              },
              "period": {
                "enum": [
                  "AM",
                  "PM"
                ]
              },
              "horizonFrom": {
                "type": "string",
                "format": "date"
              },
              "horizonTo": {
                "type": "string",
                "format": "date"
              },
              "max": {
                "type": "integer",
                "description": "WEEKLY_MAX: the agent's weekly max"
              },
              "week": {
                "type": "integer",
                "description": "WEEKLY_MAX: the ISO week number"
              },
              "used": {
                "type": "integer",
                "description": "POOL_FULL: agents remote plus reserved seats; STANDARD_SHARE_FULL: STANDARD agents remote plus reserved seats"
              },
              "capacity": {
                "type": "integer",
                "description": "the pool's cap on that half-day"
              },
              "reserved": {
                "type": "integer",
                "description": "POOL_FULL: seats reserved for events on that half-day"
              },
              "reserve": {
                "type": "integer",
                "description": "STANDARD_SHARE_FULL: seats kept for ELECTED, DIRECTOR and ESSENTIAL agents"
              },
              "open": {
                "type": "integer",
                "description": "STANDARD_SHARE_FULL: capacity minus reserve"
              },
              "event": {
                "type": "string",
                "description": "EVENT_ON_SITE, EVENT_SITE_FULL: the continuity event's label (its id when it has none)"
              },
              "site": {
                "type": "string",
                "description": "EVENT_SITE_FULL: the site's name (its id when it has none)"
              },
              "siteCapacity": {
                "type": "integer",
                "description": "EVENT_SITE_FULL: the site's desks during the event (0: closed)"
              }
            }
          }
        }
      }
    },
    "metrics": {
      "type": "object",
      "required": [
        "pools",
        "requestsGranted",
        "requestsRefused",
        "weeklyMinShortfalls",
        "siteOverflows",
        "busiestHalfDay",
        "solveMs"
      ],
      "properties": {
        "pools": {
          "type": "object",
          "description": "per pool id: the highest use over all half-days and the cap on that half-day",
          "additionalProperties": {
            "type": "object",
            "required": [
              "peak",
              "capacityAtPeak"
            ],
            "properties": {
              "peak": {
                "type": "integer"
              },
              "capacityAtPeak": {
                "type": "integer"
              }
            }
          }
        },
        "requestsGranted": {
          "type": "integer"
        },
        "requestsRefused": {
          "type": "integer"
        },
        "weeklyMinShortfalls": {
          "type": "integer",
          "description": "agent-weeks below the agent's weekly min (scaled as in DESIGN.md)"
        },
        "siteOverflows": {
          "type": "integer",
          "description": "site x half-day pairs with more agents ON_SITE than the site's capacity; on continuity-event half-days, the event's capacity for the sites it lists"
        },
        "busiestHalfDay": {
          "type": "object",
          "required": [
            "halfDay",
            "remote"
          ],
          "properties": {
            "halfDay": {
              "type": "string"
            },
            "remote": {
              "type": "integer"
            }
          }
        },
        "solveMs": {
          "type": "number"
        },
        "noWorkplace": {
          "type": "integer",
          "description": "agent-half-days without a workplace (N) during continuity events; present when an event meets the horizon"
        }
      }
    },
    "keptOnSite": {
      "type": "array",
      "description": "agents kept on site on a half-day their group is remote by the rotation given in the snapshot, because that rotation breaks a hard rule there by itself (a cap cut, a weekly max lowered after it was made); only in plans made to tolerate such conflicts, each explained in warnings",
      "items": {
        "type": "object",
        "required": [
          "agentId",
          "date",
          "period",
          "rule"
        ],
        "properties": {
          "agentId": {
            "type": "string"
          },
          "date": {
            "type": "string",
            "format": "date"
          },
          "period": {
            "enum": [
              "AM",
              "PM"
            ]
          },
          "rule": {
            "enum": [
              "pool",
              "weekly-max"
            ],
            "description": "pool: the pool is over its cap or its STANDARD share on that half-day; weekly-max: the agent's week is over its weekly max"
          }
        }
      }
    },
    "warnings": {
      "type": "array",
      "items": {
        "type": "string"
      },
      "description": "what could not be met, with figures: the record wording of each codedWarnings entry, same order"
    },
    "codedWarnings": {
      "type": "array",
      "description": "the warnings as data, same order: a code of the libs/contracts catalogue (ROTATION_SEARCH_TIME_LIMIT, KEPT_ON_SITE_WEEKLY_MAX, KEPT_ON_SITE_POOL, SITE_OVERFLOW, MORE_SITE_OVERFLOWS, WEEKLY_MIN_SHORTFALLS; continuity events: EVENT_ON_SITE_OVER_CAPACITY, EVENT_NO_WORKPLACE) and its figures; warnings[i] is its record wording and readers word it from the code. Plans written before it have only warnings",
      "items": {
        "type": "object",
        "required": [
          "code"
        ],
        "properties": {
          "code": {
            "type": "string",
            "pattern": "^[A-Z][A-Z0-9_]*$"
          },
          "pool": {
            "type": "string"
          },
          "site": {
            "type": "string"
          },
          "agent": {
            "type": "string"
          },
          "group": {
            "type": "string",
            "description": "the group's name, else its id"
          },
          "date": {
            "type": "string",
            "format": "date"
          },
          "period": {
            "enum": [
              "AM",
              "PM"
            ]
          },
          "week": {
            "type": "integer",
            "description": "the ISO week number"
          },
          "count": {
            "type": "integer",
            "description": "KEPT_ON_SITE_WEEKLY_MAX: half-days the rotation puts the agent remote that week; MORE_SITE_OVERFLOWS: site overflows not listed; WEEKLY_MIN_SHORTFALLS: agent-weeks below the weekly minimum; EVENT_NO_WORKPLACE: agent-half-days without a workplace"
          },
          "max": {
            "type": "integer",
            "description": "KEPT_ON_SITE_WEEKLY_MAX: the agent's weekly max"
          },
          "halfDays": {
            "type": "array",
            "description": "KEPT_ON_SITE_WEEKLY_MAX: the half-days the agent is kept on site",
            "items": {
              "type": "object",
              "required": [
                "date",
                "period"
              ],
              "properties": {
                "date": {
                  "type": "string",
                  "format": "date"
                },
                "period": {
                  "enum": [
                    "AM",
                    "PM"
                  ]
                }
              }
            }
          },
          "remote": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: the pool's agents the rotation puts remote"
          },
          "standardRemote": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: of them, STANDARD agents"
          },
          "reserved": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: seats reserved for events"
          },
          "used": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: remote plus reserved"
          },
          "standardUsed": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: standardRemote plus reserved"
          },
          "capacity": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: the pool's cap on that half-day"
          },
          "open": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: capacity minus reserve"
          },
          "reserve": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: seats kept for ELECTED, DIRECTOR and ESSENTIAL agents"
          },
          "kept": {
            "type": "integer",
            "description": "KEPT_ON_SITE_POOL: agents kept on site"
          },
          "keptByTier": {
            "type": "object",
            "description": "KEPT_ON_SITE_POOL: agents kept on site per priority tier",
            "additionalProperties": false,
            "properties": {
              "ELECTED": {
                "type": "integer"
              },
              "DIRECTOR": {
                "type": "integer"
              },
              "ESSENTIAL": {
                "type": "integer"
              },
              "STANDARD": {
                "type": "integer"
              }
            }
          },
          "groups": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "KEPT_ON_SITE_POOL: the groups of the agents kept on site"
          },
          "onSite": {
            "type": "integer",
            "description": "SITE_OVERFLOW: agents on site; EVENT_ON_SITE_OVER_CAPACITY: agents who must stay on site"
          },
          "desks": {
            "type": "integer",
            "description": "SITE_OVERFLOW: the site's capacity"
          },
          "examples": {
            "type": "array",
            "description": "WEEKLY_MIN_SHORTFALLS: the first agent-weeks below the weekly minimum",
            "items": {
              "type": "object",
              "required": [
                "agent",
                "remote",
                "min",
                "week"
              ],
              "properties": {
                "agent": {
                  "type": "string"
                },
                "remote": {
                  "type": "integer"
                },
                "min": {
                  "type": "integer"
                },
                "week": {
                  "type": "integer"
                }
              }
            }
          },
          "event": {
            "type": "string",
            "description": "EVENT_*: the event's label (its id when it has none)"
          },
          "siteCapacity": {
            "type": "integer",
            "description": "EVENT_ON_SITE_OVER_CAPACITY: the site's desks during the event"
          },
          "agents": {
            "type": "integer",
            "description": "EVENT_NO_WORKPLACE: distinct agents without a workplace"
          }
        }
      }
    },
    "noWorkplace": {
      "type": "array",
      "description": "every N of agents[].modes, in agent then time order: present when a continuity event meets the horizon",
      "items": {
        "type": "object",
        "required": [
          "agentId",
          "date",
          "period",
          "eventId",
          "reason",
          "why"
        ],
        "properties": {
          "agentId": {
            "type": "string"
          },
          "date": {
            "type": "string",
            "format": "date"
          },
          "period": {
            "enum": [
              "AM",
              "PM"
            ]
          },
          "eventId": {
            "type": "string",
            "description": "the event whose site capacity leaves the agent without a desk"
          },
          "reason": {
            "type": "string",
            "description": "the record wording of why"
          },
          "why": {
            "type": "object",
            "required": [
              "code",
              "event",
              "site",
              "siteCapacity",
              "date",
              "period"
            ],
            "description": "why, as data (NoWorkplaceWhy of libs/contracts): NO_WORKPLACE_NOT_ELIGIBLE, NO_WORKPLACE_POOL_FULL (used of capacity, reserved), NO_WORKPLACE_STANDARD_SHARE (used of open = capacity - reserve), NO_WORKPLACE_WEEKLY_MAX (max, week)",
            "properties": {
              "code": {
                "enum": [
                  "NO_WORKPLACE_NOT_ELIGIBLE",
                  "NO_WORKPLACE_POOL_FULL",
                  "NO_WORKPLACE_STANDARD_SHARE",
                  "NO_WORKPLACE_WEEKLY_MAX"
                ]
              },
              "event": {
                "type": "string",
                "description": "the event's label (its id when it has none)"
              },
              "site": {
                "type": "string",
                "description": "the agent's site: its name, else its id"
              },
              "siteCapacity": {
                "type": "integer",
                "description": "the site's desks during the event (0: closed)"
              },
              "date": {
                "type": "string",
                "format": "date"
              },
              "period": {
                "enum": [
                  "AM",
                  "PM"
                ]
              },
              "pool": {
                "type": "string"
              },
              "used": {
                "type": "integer"
              },
              "capacity": {
                "type": "integer"
              },
              "reserved": {
                "type": "integer"
              },
              "open": {
                "type": "integer"
              },
              "reserve": {
                "type": "integer"
              },
              "max": {
                "type": "integer",
                "description": "the weekly max, a regime's included"
              },
              "week": {
                "type": "integer",
                "description": "the ISO week number"
              }
            }
          }
        }
      }
    },
    "events": {
      "type": "array",
      "description": "one entry per continuity event of the snapshot that meets the horizon: agent-half-days by mode over its working half-days",
      "items": {
        "type": "object",
        "required": [
          "id",
          "halfDays",
          "onSite",
          "remote",
          "noWorkplace",
          "agentsWithoutWorkplace"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "halfDays": {
            "type": "integer",
            "description": "working half-days of the horizon inside the event"
          },
          "onSite": {
            "type": "integer"
          },
          "remote": {
            "type": "integer"
          },
          "noWorkplace": {
            "type": "integer"
          },
          "agentsWithoutWorkplace": {
            "type": "integer",
            "description": "distinct agents without a workplace at least once"
          }
        }
      }
    }
  }
} as const;
