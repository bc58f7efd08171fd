import { withItemProperties } from './extend-schema';
import { PLANNING_SNAPSHOT_SCHEMA } from './snapshot-schema';

/*
 * Planning snapshot schema version 2, written as what it adds to version 1 (snapshot-schema.ts):
 * version 2, agents[].orgUnitId, agents[].carried (the frozen part of a cut week) and the continuity events. Everything else is version 1's own
 * object. schemas/planning-snapshot.v2.schema.json is this object written out in full, key for key
 * (a spec checks they stay equal); the engine does no I/O.
 */
const v1 = PLANNING_SNAPSHOT_SCHEMA.properties;
const period = { "enum": ["AM", "PM"] } as const;
const ids = { "type": "array", "items": { "type": "string" } } as const;

/** An event's list of capacities by site or by pool: `{ [key]: id, capacity }`. */
function capacities<K extends string, D extends string>(key: K, description: D) {
  return {
    "type": "array",
    description,
    "items": {
      "type": "object",
      "required": [key, "capacity"],
      "additionalProperties": false,
      "properties": { [key]: { "type": "string" }, "capacity": { "type": "integer", "minimum": 0 } } as Record<K | "capacity", object>,
    },
  } as const;
}

export const PLANNING_SNAPSHOT_SCHEMA_V2 = {
  ...PLANNING_SNAPSHOT_SCHEMA,
  "$id": "planning-snapshot.v2.schema.json",
  "title": "Planning snapshot, version 2",
  "description": `${PLANNING_SNAPSHOT_SCHEMA.description} Version 2 is version 1 plus continuity events (\`events\`: strikes, site closures, crises, with their site and pool capacities, telework regime, agents made eligible and agents who must stay on site) and each agent's org unit (\`agents[].orgUnitId\`, for the events' scopes and the impact by org unit), and the frozen part of a week the horizon cuts (\`agents[].carried\`: its remote and working half-days before horizon.from, counted in that week's minimum and maximum). A version 1 snapshot is valid input forever and plans exactly as before; so does a version 2 snapshot whose events miss the horizon and that carries nothing (its plan has version 2).`,
  "properties": {
    ...v1,
    "version": { "const": 2 },
    "agents": withItemProperties(v1.agents, {
      "orgUnitId": { "type": ["string", "null"], "description": "version 2: the agent's org unit (events' scopes by org unit, impact by org unit); the planner ignores it otherwise" },
      "carried": {
        "type": "object",
        "required": ["remote", "working"],
        "additionalProperties": false,
        "description": "version 2: the frozen part of a week the horizon cuts — the half-days of the ISO week of horizon.from that come before horizon.from, already planned and kept as they are (a nightly run starting after the freeze window). The week's rules count them: the weekly max applies to remote + the R planned in the week, the weekly minimum is floor(weeklyMin × (W + working) / 10) against the same sum, W being the agent's working half-days of the week inside the horizon. Absent: nothing carried (0 and 0), as for a week that starts inside the horizon.",
        "properties": {
          "remote": { "type": "integer", "minimum": 0, "maximum": 10, "description": "REMOTE half-days of the agent in that frozen part (at most `working`)" },
          "working": { "type": "integer", "minimum": 0, "maximum": 10, "description": "half-days of that frozen part the agent works (not OFF), at most the weekday half-days of the week before horizon.from" },
        },
      },
    } as const),
    "events": {
      "type": "array",
      "description": "version 2: continuity events. From (from, fromPeriod) to (to, toPeriod) inclusive, on the working half-days of the horizon only. The planner plans the whole horizon as without them (the baseline), then replans only the event half-days: every working agent is S, R or N (no workplace: neither a desk nor a seat). Where several events cover a half-day: a site's capacity is the smallest of those listing it, a pool's likewise, the regime's weekly max the largest applying to the agent, onSite and extraEligible their union.",
      "default": [],
      "items": {
        "type": "object",
        "required": ["id", "from", "fromPeriod", "to", "toPeriod"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string" },
          "label": { "type": "string", "description": "named in the reasons and warnings (the id when absent)" },
          "kind": { "enum": ["STRIKE", "SITE_CLOSURE", "CRISIS", "WEATHER", "OTHER"] },
          "from": { "type": "string", "format": "date", "description": "first date, with fromPeriod its first half-day" },
          "fromPeriod": period,
          "to": { "type": "string", "format": "date", "description": "last date, with toPeriod its last half-day (inclusive)" },
          "toPeriod": period,
          "sites": capacities("siteId", "desks of these sites during the event (0: closed): a hard cap, only the agents who must stay on site may exceed it (a warning with the figures). Sites not listed keep their capacity (a soft cap, as outside events)."),
          "pools": capacities("poolId", "seats of these pools during the event, in place of their capacity (reserve and reservations still apply)"),
          "regime": {
            "type": "object",
            "required": ["weeklyMax"],
            "additionalProperties": false,
            "description": "telework regime: in every ISO week the event touches, the agents in scope may telework up to weeklyMax half-days (never less than their own weekly max), and they telework first on the event half-days as far as seats allow",
            "properties": {
              "weeklyMax": { "type": "integer", "minimum": 1, "maximum": 10, "description": "10: full time" },
              "scope": { "$ref": "#/$defs/eventScope", "description": "absent or every list empty: every agent" },
            },
          },
          "extraEligible": {
            "type": "array",
            "description": "agents who may telework during the event only, on the pool given (agents already eligible keep their own pool)",
            "items": {
              "type": "object",
              "required": ["agentId", "pool"],
              "additionalProperties": false,
              "properties": { "agentId": { "type": "string" }, "pool": { "type": "string" } },
            },
          },
          "onSite": { "$ref": "#/$defs/eventScope", "description": "agents who must stay on site (essential services) on the event half-days; absent or every list empty: nobody" },
        },
      },
    },
  },
  "$defs": {
    "eventScope": {
      "type": "object",
      "additionalProperties": false,
      "description": "who a rule applies to: the agents listed, of the tiers listed or of the org units listed (any of them)",
      "properties": {
        "agentIds": { ...ids, "description": "agent ids" },
        "tiers": { "type": "array", "items": { "enum": v1.agents.items.properties.tier.enum } },
        "orgUnitIds": { ...ids, "description": "matched against agents[].orgUnitId" },
      },
    },
  },
} as const;
