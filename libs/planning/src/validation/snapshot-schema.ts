/* Copy of schemas/planning-snapshot.schema.json (a spec checks they stay equal): the engine does no I/O. */
export const PLANNING_SNAPSHOT_SCHEMA = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "planning-snapshot.schema.json",
  "title": "Planning snapshot, version 1",
  "description": "Everything the planner needs for one horizon. Dates are ISO calendar dates (YYYY-MM-DD) in the snapshot's time zone. Working half-days are Monday to Friday, AM and PM, minus closedDates. The planner adds no holiday of its own: the exporter lists them in closedDates.",
  "type": "object",
  "required": ["version", "horizon", "pools", "sites", "groups", "agents"],
  "additionalProperties": false,
  "properties": {
    "version": { "const": 1 },
    "horizon": {
      "type": "object",
      "required": ["from", "to"],
      "additionalProperties": false,
      "properties": {
        "from": { "type": "string", "format": "date", "description": "first date, inclusive" },
        "to": { "type": "string", "format": "date", "description": "last date, inclusive" }
      }
    },
    "timezone": { "type": "string", "default": "Europe/Paris" },
    "closedDates": { "type": "array", "items": { "type": "string", "format": "date" }, "default": [], "description": "dates nobody works: the public holidays and any office closure; a refusal on one of them reads PUBLIC_HOLIDAY when the date is a French public holiday (metropolitan or Alsace-Moselle), else CLOSED" },
    "maxGroupSize": { "type": "integer", "minimum": 1, "default": 300 },
    "pools": {
      "type": "array",
      "description": "Remote-access resources. Every REMOTE half-day of an agent takes one seat of the agent's pool.",
      "items": {
        "type": "object",
        "required": ["id", "capacity"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string", "examples": ["VDI", "VPN"] },
          "capacity": { "type": "integer", "minimum": 0, "description": "concurrent seats per half-day" },
          "reserve": { "type": "integer", "minimum": 0, "default": 0, "description": "seats that only ELECTED, DIRECTOR and ESSENTIAL agents may take" },
          "capacityChanges": {
            "type": "array",
            "description": "from this date on (inclusive) the capacity is this number, until the next change",
            "items": {
              "type": "object",
              "required": ["from", "capacity"],
              "additionalProperties": false,
              "properties": {
                "from": { "type": "string", "format": "date" },
                "capacity": { "type": "integer", "minimum": 0 }
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
        "required": ["id", "capacity"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string" },
          "name": { "type": "string" },
          "capacity": { "type": "integer", "minimum": 0, "description": "agents that may be ON_SITE per half-day" }
        }
      }
    },
    "groups": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id"],
        "additionalProperties": false,
        "properties": { "id": { "type": "string" }, "name": { "type": "string" } }
      }
    },
    "agents": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "siteId", "eligible"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string" },
          "siteId": { "type": "string" },
          "groupId": { "type": ["string", "null"], "description": "required for eligible agents; null for ineligible ones" },
          "eligible": { "type": "boolean" },
          "pool": { "type": ["string", "null"], "description": "pool id a remote half-day takes; required for eligible agents" },
          "tier": { "enum": ["ELECTED", "DIRECTOR", "ESSENTIAL", "STANDARD"], "default": "STANDARD" },
          "weeklyMin": { "type": "integer", "minimum": 0, "maximum": 10, "default": 4 },
          "weeklyMax": { "type": "integer", "minimum": 0, "maximum": 10, "default": 6 },
          "offHalfDays": {
            "type": "array",
            "description": "recurring half-days not worked (part-time)",
            "items": { "enum": ["MON_AM", "MON_PM", "TUE_AM", "TUE_PM", "WED_AM", "WED_PM", "THU_AM", "THU_PM", "FRI_AM", "FRI_PM"] },
            "default": []
          }
        }
      }
    },
    "rotation": {
      "type": "array",
      "description": "A published rotation to keep: the half-days on which each group is remote. When absent, the planner builds the rotation.",
      "items": {
        "type": "object",
        "required": ["groupId", "date", "period"],
        "additionalProperties": false,
        "properties": {
          "groupId": { "type": "string" },
          "date": { "type": "string", "format": "date" },
          "period": { "enum": ["AM", "PM"] }
        }
      }
    },
    "requests": {
      "type": "array",
      "description": "Telework requests. Only APPROVED ones may change a plan.",
      "items": {
        "type": "object",
        "required": ["id", "agentId", "date", "period", "kind", "status"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string" },
          "agentId": { "type": "string" },
          "date": { "type": "string", "format": "date" },
          "period": { "enum": ["AM", "PM"] },
          "kind": { "enum": ["REMOTE", "ON_SITE"], "description": "REMOTE: an extra remote half-day; ON_SITE: come in on a rotation remote half-day" },
          "status": { "enum": ["PENDING", "APPROVED", "REFUSED"] }
        }
      },
      "default": []
    },
    "reservations": {
      "type": "array",
      "description": "Seats taken out of a pool for an event (a council session by video).",
      "items": {
        "type": "object",
        "required": ["id", "pool", "date", "period", "seats"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string" },
          "pool": { "type": "string" },
          "date": { "type": "string", "format": "date" },
          "period": { "enum": ["AM", "PM"] },
          "seats": { "type": "integer", "minimum": 0 },
          "label": { "type": "string" }
        }
      },
      "default": []
    }
  }
} as const;
