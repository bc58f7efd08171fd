import { withItemProperties, withProperties } from './extend-schema';
import { PLAN_SCHEMA } from './plan-schema';

/*
 * Plan schema version 2, written as what it changes in version 1 (plan-schema.ts): version 2, the
 * letter N, the continuity-event refusals and warnings, noWorkplace, events and metrics.noWorkplace.
 * Everything else is version 1's own object. schemas/plan.v2.schema.json is this object written
 * out in full, key for key (a spec checks they stay equal).
 */
const v1 = PLAN_SCHEMA.properties;
const refusal = v1.requests.items.properties.refusal;
const warning = v1.codedWarnings.items;
const date = { "type": "string", "format": "date" } as const;
const period = { "enum": ["AM", "PM"] } as const;
const integer = { "type": "integer" } as const;

export const PLAN_SCHEMA_V2 = {
  ...PLAN_SCHEMA,
  "$id": "plan.v2.schema.json",
  "title": "Plan, version 2",
  "description": "The planner's answer to one planning snapshot. Version 2 answers a version 2 snapshot: version 1 plus continuity events. On the half-days of an event an agent may be N (no workplace: neither a desk at its site nor a seat in a pool), each N with its entry in noWorkplace (why, as data, and its record wording); events gives each event's counts and metrics.noWorkplace the total. A version 2 snapshot whose events miss the horizon plans as version 1 does, with version 2.",
  "properties": {
    ...v1,
    "version": { "const": 2 },
    "agents": withItemProperties(v1.agents, {
      "modes": {
        ...v1.agents.items.properties.modes,
        "pattern": "^[RSON]*$",
        "description": "one letter per entry of halfDays, same order: R remote, S on site, O off, N no workplace (continuity-event half-days only)",
      },
    } as const),
    "requests": withItemProperties(v1.requests, {
      "refusal": withProperties({
        ...refusal,
        "description": "why it was refused, as data: a code of the libs/contracts catalogue (NOT_ELIGIBLE, NOT_WORKING, WEEKLY_MAX, POOL_FULL, STANDARD_SHARE_FULL, ON_SITE_REQUEST; on continuity-event half-days also EVENT_ON_SITE: the agent must stay on site, EVENT_SITE_FULL: no desk left at the event's capacity) and its figures; readers word it from the code. Plans written before it have only reason",
      } as const, {
        "event": { "type": "string", "description": "EVENT_ON_SITE, EVENT_SITE_FULL: the continuity event's label (its id when it has none)" },
        "site": { "type": "string", "description": "EVENT_SITE_FULL: the site's name (its id when it has none)" },
        "siteCapacity": { "type": "integer", "description": "EVENT_SITE_FULL: the site's desks during the event (0: closed)" },
      } as const),
    }),
    "metrics": withProperties(v1.metrics, {
      "siteOverflows": {
        ...v1.metrics.properties.siteOverflows,
        "description": "site x half-day pairs with more agents ON_SITE than the site's capacity; on continuity-event half-days, the event's capacity for the sites it lists",
      },
      "noWorkplace": { "type": "integer", "description": "agent-half-days without a workplace (N) during continuity events; present when an event meets the horizon" },
    } as const),
    "codedWarnings": {
      ...withItemProperties(v1.codedWarnings, {
        "count": {
          ...warning.properties.count,
          "description": "KEPT_ON_SITE_WEEKLY_MAX: half-days the rotation puts the agent remote that week; MORE_SITE_OVERFLOWS: site overflows not listed; WEEKLY_MIN_SHORTFALLS: agent-weeks below the weekly minimum; EVENT_NO_WORKPLACE: agent-half-days without a workplace",
        },
        "onSite": { ...warning.properties.onSite, "description": "SITE_OVERFLOW: agents on site; EVENT_ON_SITE_OVER_CAPACITY: agents who must stay on site" },
        "event": { "type": "string", "description": "EVENT_*: the event's label (its id when it has none)" },
        "siteCapacity": { "type": "integer", "description": "EVENT_ON_SITE_OVER_CAPACITY: the site's desks during the event" },
        "agents": { "type": "integer", "description": "EVENT_NO_WORKPLACE: distinct agents without a workplace" },
      } as const),
      "description": "the warnings as data, same order: a code of the libs/contracts catalogue (ROTATION_SEARCH_TIME_LIMIT, KEPT_ON_SITE_WEEKLY_MAX, KEPT_ON_SITE_POOL, SITE_OVERFLOW, MORE_SITE_OVERFLOWS, WEEKLY_MIN_SHORTFALLS; continuity events: EVENT_ON_SITE_OVER_CAPACITY, EVENT_NO_WORKPLACE) and its figures; warnings[i] is its record wording and readers word it from the code. Plans written before it have only warnings",
    },
    "noWorkplace": {
      "type": "array",
      "description": "every N of agents[].modes, in agent then time order: present when a continuity event meets the horizon",
      "items": {
        "type": "object",
        "required": ["agentId", "date", "period", "eventId", "reason", "why"],
        "properties": {
          "agentId": { "type": "string" },
          "date": date,
          "period": period,
          "eventId": { "type": "string", "description": "the event whose site capacity leaves the agent without a desk" },
          "reason": { "type": "string", "description": "the record wording of why" },
          "why": {
            "type": "object",
            "required": ["code", "event", "site", "siteCapacity", "date", "period"],
            "description": "why, as data (NoWorkplaceWhy of libs/contracts): NO_WORKPLACE_NOT_ELIGIBLE, NO_WORKPLACE_POOL_FULL (used of capacity, reserved), NO_WORKPLACE_STANDARD_SHARE (used of open = capacity - reserve), NO_WORKPLACE_WEEKLY_MAX (max, week)",
            "properties": {
              "code": { "enum": ["NO_WORKPLACE_NOT_ELIGIBLE", "NO_WORKPLACE_POOL_FULL", "NO_WORKPLACE_STANDARD_SHARE", "NO_WORKPLACE_WEEKLY_MAX"] },
              "event": { "type": "string", "description": "the event's label (its id when it has none)" },
              "site": { "type": "string", "description": "the agent's site: its name, else its id" },
              "siteCapacity": { "type": "integer", "description": "the site's desks during the event (0: closed)" },
              "date": date,
              "period": period,
              "pool": { "type": "string" },
              "used": integer,
              "capacity": integer,
              "reserved": integer,
              "open": integer,
              "reserve": integer,
              "max": { "type": "integer", "description": "the weekly max, a regime's included" },
              "week": { "type": "integer", "description": "the ISO week number" },
            },
          },
        },
      },
    },
    "events": {
      "type": "array",
      "description": "one entry per continuity event of the snapshot that meets the horizon: agent-half-days by mode over its working half-days",
      "items": {
        "type": "object",
        "required": ["id", "halfDays", "onSite", "remote", "noWorkplace", "agentsWithoutWorkplace"],
        "properties": {
          "id": { "type": "string" },
          "halfDays": { "type": "integer", "description": "working half-days of the horizon inside the event" },
          "onSite": integer,
          "remote": integer,
          "noWorkplace": integer,
          "agentsWithoutWorkplace": { "type": "integer", "description": "distinct agents without a workplace at least once" },
        },
      },
    },
  },
} as const;
