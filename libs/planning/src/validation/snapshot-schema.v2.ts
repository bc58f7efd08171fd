/* Copy of schemas/planning-snapshot.v2.schema.json (a spec checks they stay equal): the engine does no I/O. */
export const PLANNING_SNAPSHOT_SCHEMA_V2 = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "planning-snapshot.v2.schema.json",
  "title": "Planning snapshot, version 2",
  "description": "Everything the planner needs for one horizon. Dates are ISO calendar dates (YYYY-MM-DD) in the snapshot's time zone. Working half-days are Monday to Friday, AM and PM, minus closedDates. The planner adds no holiday of its own: the exporter lists them in closedDates. Version 2 is version 1 plus continuity events (`events`: strikes, site closures, crises, with their site and pool capacities, telework regime, agents made eligible and agents who must stay on site) and each agent's org unit (`agents[].orgUnitId`, for the events' scopes and the impact by org unit). A version 1 snapshot is valid input forever and plans exactly as before; so does a version 2 snapshot whose events miss the horizon (its plan has version 2).",
  "type": "object",
  "required": [
    "version",
    "horizon",
    "pools",
    "sites",
    "groups",
    "agents"
  ],
  "additionalProperties": false,
  "properties": {
    "version": {
      "const": 2
    },
    "horizon": {
      "type": "object",
      "required": [
        "from",
        "to"
      ],
      "additionalProperties": false,
      "properties": {
        "from": {
          "type": "string",
          "format": "date",
          "description": "first date, inclusive"
        },
        "to": {
          "type": "string",
          "format": "date",
          "description": "last date, inclusive"
        }
      }
    },
    "timezone": {
      "type": "string",
      "default": "Europe/Paris"
    },
    "closedDates": {
      "type": "array",
      "items": {
        "type": "string",
        "format": "date"
      },
      "default": [],
      "description": "dates nobody works: the public holidays and any office closure; a refusal on one of them reads PUBLIC_HOLIDAY when the date is a French public holiday (metropolitan or Alsace-Moselle), else CLOSED"
    },
    "maxGroupSize": {
      "type": "integer",
      "minimum": 1,
      "default": 300
    },
    "pools": {
      "type": "array",
      "description": "Remote-access resources. Every REMOTE half-day of an agent takes one seat of the agent's pool.",
      "items": {
        "type": "object",
        "required": [
          "id",
          "capacity"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string",
            "examples": [
              "VDI",
              "VPN"
            ]
          },
          "capacity": {
            "type": "integer",
            "minimum": 0,
            "description": "concurrent seats per half-day"
          },
          "reserve": {
            "type": "integer",
            "minimum": 0,
            "default": 0,
            "description": "seats that only ELECTED, DIRECTOR and ESSENTIAL agents may take"
          },
          "capacityChanges": {
            "type": "array",
            "description": "from this date on (inclusive) the capacity is this number, until the next change",
            "items": {
              "type": "object",
              "required": [
                "from",
                "capacity"
              ],
              "additionalProperties": false,
              "properties": {
                "from": {
                  "type": "string",
                  "format": "date"
                },
                "capacity": {
                  "type": "integer",
                  "minimum": 0
                }
              }
            },
            "default": []
          }
        }
      }
    },
    "sites": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "id",
          "capacity"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "capacity": {
            "type": "integer",
            "minimum": 0,
            "description": "agents that may be ON_SITE per half-day"
          }
        }
      }
    },
    "groups": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "id"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          }
        }
      }
    },
    "agents": {
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "id",
          "siteId",
          "eligible"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
          "siteId": {
            "type": "string"
          },
          "groupId": {
            "type": [
              "string",
              "null"
            ],
            "description": "required for eligible agents; null for ineligible ones"
          },
          "eligible": {
            "type": "boolean"
          },
          "pool": {
            "type": [
              "string",
              "null"
            ],
            "description": "pool id a remote half-day takes; required for eligible agents"
          },
          "tier": {
            "enum": [
              "ELECTED",
              "DIRECTOR",
              "ESSENTIAL",
              "STANDARD"
            ],
            "default": "STANDARD"
          },
          "weeklyMin": {
            "type": "integer",
            "minimum": 0,
            "maximum": 10,
            "default": 4
          },
          "weeklyMax": {
            "type": "integer",
            "minimum": 0,
            "maximum": 10,
            "default": 6
          },
          "offHalfDays": {
            "type": "array",
            "description": "recurring half-days not worked (part-time)",
            "items": {
              "enum": [
                "MON_AM",
                "MON_PM",
                "TUE_AM",
                "TUE_PM",
                "WED_AM",
                "WED_PM",
                "THU_AM",
                "THU_PM",
                "FRI_AM",
                "FRI_PM"
              ]
            },
            "default": []
          },
          "orgUnitId": {
            "type": [
              "string",
              "null"
            ],
            "description": "version 2: the agent's org unit (events' scopes by org unit, impact by org unit); the planner ignores it otherwise"
          }
        }
      }
    },
    "rotation": {
      "type": "array",
      "description": "A published rotation to keep: the half-days on which each group is remote. When absent, the planner builds the rotation.",
      "items": {
        "type": "object",
        "required": [
          "groupId",
          "date",
          "period"
        ],
        "additionalProperties": false,
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
    "requests": {
      "type": "array",
      "description": "Telework requests. Only APPROVED ones may change a plan.",
      "items": {
        "type": "object",
        "required": [
          "id",
          "agentId",
          "date",
          "period",
          "kind",
          "status"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
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
          "kind": {
            "enum": [
              "REMOTE",
              "ON_SITE"
            ],
            "description": "REMOTE: an extra remote half-day; ON_SITE: come in on a rotation remote half-day"
          },
          "status": {
            "enum": [
              "PENDING",
              "APPROVED",
              "REFUSED"
            ]
          }
        }
      },
      "default": []
    },
    "reservations": {
      "type": "array",
      "description": "Seats taken out of a pool for an event (a council session by video).",
      "items": {
        "type": "object",
        "required": [
          "id",
          "pool",
          "date",
          "period",
          "seats"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
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
          "seats": {
            "type": "integer",
            "minimum": 0
          },
          "label": {
            "type": "string"
          }
        }
      },
      "default": []
    },
    "events": {
      "type": "array",
      "description": "version 2: continuity events. From (from, fromPeriod) to (to, toPeriod) inclusive, on the working half-days of the horizon only. The planner plans the whole horizon as without them (the baseline), then replans only the event half-days: every working agent is S, R or N (no workplace: neither a desk nor a seat). Where several events cover a half-day: a site's capacity is the smallest of those listing it, a pool's likewise, the regime's weekly max the largest applying to the agent, onSite and extraEligible their union.",
      "default": [],
      "items": {
        "type": "object",
        "required": [
          "id",
          "from",
          "fromPeriod",
          "to",
          "toPeriod"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
          "label": {
            "type": "string",
            "description": "named in the reasons and warnings (the id when absent)"
          },
          "kind": {
            "enum": [
              "STRIKE",
              "SITE_CLOSURE",
              "CRISIS",
              "WEATHER",
              "OTHER"
            ]
          },
          "from": {
            "type": "string",
            "format": "date",
            "description": "first date, with fromPeriod its first half-day"
          },
          "fromPeriod": {
            "enum": [
              "AM",
              "PM"
            ]
          },
          "to": {
            "type": "string",
            "format": "date",
            "description": "last date, with toPeriod its last half-day (inclusive)"
          },
          "toPeriod": {
            "enum": [
              "AM",
              "PM"
            ]
          },
          "sites": {
            "type": "array",
            "description": "desks of these sites during the event (0: closed): a hard cap, only the agents who must stay on site may exceed it (a warning with the figures). Sites not listed keep their capacity (a soft cap, as outside events).",
            "items": {
              "type": "object",
              "required": [
                "siteId",
                "capacity"
              ],
              "additionalProperties": false,
              "properties": {
                "siteId": {
                  "type": "string"
                },
                "capacity": {
                  "type": "integer",
                  "minimum": 0
                }
              }
            }
          },
          "pools": {
            "type": "array",
            "description": "seats of these pools during the event, in place of their capacity (reserve and reservations still apply)",
            "items": {
              "type": "object",
              "required": [
                "poolId",
                "capacity"
              ],
              "additionalProperties": false,
              "properties": {
                "poolId": {
                  "type": "string"
                },
                "capacity": {
                  "type": "integer",
                  "minimum": 0
                }
              }
            }
          },
          "regime": {
            "type": "object",
            "required": [
              "weeklyMax"
            ],
            "additionalProperties": false,
            "description": "telework regime: in every ISO week the event touches, the agents in scope may telework up to weeklyMax half-days (never less than their own weekly max), and they telework first on the event half-days as far as seats allow",
            "properties": {
              "weeklyMax": {
                "type": "integer",
                "minimum": 1,
                "maximum": 10,
                "description": "10: full time"
              },
              "scope": {
                "$ref": "#/$defs/eventScope",
                "description": "absent or every list empty: every agent"
              }
            }
          },
          "extraEligible": {
            "type": "array",
            "description": "agents who may telework during the event only, on the pool given (agents already eligible keep their own pool)",
            "items": {
              "type": "object",
              "required": [
                "agentId",
                "pool"
              ],
              "additionalProperties": false,
              "properties": {
                "agentId": {
                  "type": "string"
                },
                "pool": {
                  "type": "string"
                }
              }
            }
          },
          "onSite": {
            "$ref": "#/$defs/eventScope",
            "description": "agents who must stay on site (essential services) on the event half-days; absent or every list empty: nobody"
          }
        }
      }
    }
  },
  "$defs": {
    "eventScope": {
      "type": "object",
      "additionalProperties": false,
      "description": "who a rule applies to: the agents listed, of the tiers listed or of the org units listed (any of them)",
      "properties": {
        "agentIds": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "agent ids"
        },
        "tiers": {
          "type": "array",
          "items": {
            "enum": [
              "ELECTED",
              "DIRECTOR",
              "ESSENTIAL",
              "STANDARD"
            ]
          }
        },
        "orgUnitIds": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "matched against agents[].orgUnitId"
        }
      }
    }
  }
} as const;
