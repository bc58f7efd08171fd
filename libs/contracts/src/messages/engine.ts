import type { HalfDayPeriod, PriorityTier } from '../enums';
import type { FieldCheck } from './api-errors';
import type { CapacityProblem } from './errors/capacity';
import type { DirectoryProblem } from './errors/directory';
import type { RequestProblem } from './errors/requests';
import { CONTINUITY_WARNING_MESSAGES, type ContinuityWarning } from './continuity';
import {
  formatMessageDate, formatMessageNumber, formatMessagePeriod, MessageCatalogue, MessageLocale, MessageStyle, registerMessages,
} from './format';

const count = (n: number | undefined, locale: MessageLocale, style: MessageStyle): string =>
  typeof n === 'number' ? formatMessageNumber(n, locale, style) : '';

/**
 * What the planning engine (libs/planning) finds besides its refusals (reasons.ts): the hard
 * rules a kept rotation breaks by itself, the plan's warnings, the errors of a planning
 * snapshot. Each is `{ code, ...figures }`; the engine keeps the record wording (`recordText`,
 * the English it wrote before) beside it, and the edges word it in French or English from the
 * code. `pool` is a pool id (VDI, VPN), `agent` an agent id, `group` a group's name or id,
 * `week` an ISO week number; dates are ISO dates.
 */

/** A rotation given in the snapshot that breaks a hard rule by itself (a cap cut, a weekly max lowered after it was made). */
export type RotationConflict =
  /** `remote` agents of the pool remote by the rotation + `reserved` seats for events = `used`, above `capacity` */
  | {
      code: 'ROTATION_POOL_OVER_CAPACITY'; pool: string; date: string; period: HalfDayPeriod;
      remote: number; reserved: number; used: number; capacity: number;
    }
  /** `standardRemote` STANDARD agents remote + `reserved` = `used`, above `open` = `capacity` − `reserve` */
  | {
      code: 'ROTATION_STANDARD_SHARE_OVER'; pool: string; date: string; period: HalfDayPeriod;
      standardRemote: number; reserved: number; used: number; open: number; capacity: number; reserve: number;
    }
  /** the agent is remote `count` half-days of week `week` by the rotation, above its weekly `max` */
  | { code: 'ROTATION_WEEKLY_MAX_OVER'; agent: string; group: string; week: number; count: number; max: number };

export type RotationConflictCode = RotationConflict['code'];

/** A half-day named in a message's list figure. */
export interface MessageHalfDay {
  date: string;
  period: HalfDayPeriod;
}

/** An agent-week below the weekly minimum, as an example in WEEKLY_MIN_SHORTFALLS. */
export interface WeeklyMinShortfall {
  agent: string;
  /** remote half-days the plan gives that week */
  remote: number;
  /** the weekly minimum, scaled to the half-days worked */
  min: number;
  week: number;
}

/** What a plan could not meet, or how it was made (plan `codedWarnings`; `warnings` holds their record wording). */
export type PlanWarning =
  /** the rotation search stopped at its time limit: valid, maybe not the best */
  | { code: 'ROTATION_SEARCH_TIME_LIMIT' }
  /** keep-on-site: an agent the rotation puts over its weekly max stays on site on `halfDays` */
  | {
      code: 'KEPT_ON_SITE_WEEKLY_MAX'; agent: string; group: string; week: number; count: number; max: number;
      halfDays: MessageHalfDay[];
    }
  /**
   * keep-on-site: a pool × half-day over its cap (`used` = `remote` + `reserved` > `capacity`)
   * or its STANDARD share (`standardUsed` = `standardRemote` + `reserved` > `open`) by the
   * rotation; `kept` agents stay on site (`keptByTier`), of `groups`
   */
  | {
      code: 'KEPT_ON_SITE_POOL'; pool: string; date: string; period: HalfDayPeriod;
      remote: number; standardRemote: number; reserved: number; used: number; standardUsed: number;
      capacity: number; open: number; reserve: number;
      kept: number; keptByTier: Partial<Record<PriorityTier, number>>; groups: string[];
    }
  /** more agents on site than the site's desks (the first 20 are listed, then MORE_SITE_OVERFLOWS) */
  | { code: 'SITE_OVERFLOW'; site: string; date: string; period: HalfDayPeriod; onSite: number; desks: number }
  | { code: 'MORE_SITE_OVERFLOWS'; count: number }
  /** `count` agent-weeks below the weekly minimum, the first five as `examples` */
  | { code: 'WEEKLY_MIN_SHORTFALLS'; count: number; examples: WeeklyMinShortfall[] }
  /** continuity events (messages/continuity.ts) */
  | ContinuityWarning;

export type PlanWarningCode = PlanWarning['code'];

/**
 * A finding of the snapshot's own checks, defined here only when no other catalogue has it.
 * The checks of one value reuse the field checks of api-errors.ts, the directory's, the
 * requests' and the capacity area's codes (see SnapshotProblem).
 */
export type SnapshotCheck =
  /** the id is given twice; `first`: the JSON path of the first one */
  | { code: 'DUPLICATE_ID'; id: string; first: string }
  /** an eligible agent without a group (ELIGIBLE_NEEDS_POOL for the pool) */
  | { code: 'ELIGIBLE_NEEDS_GROUP' }
  /** a group with more eligible agents than the snapshot's maxGroupSize */
  | { code: 'GROUP_OVER_MAX_SIZE'; group: string; members: number; max: number }
  /** seats reserved for events on a half-day above what the pool keeps outside its reserve */
  | {
      code: 'RESERVED_SEATS_ABOVE_OPEN'; pool: string; date: string; period: HalfDayPeriod;
      reserved: number; open: number; capacity: number; reserve: number;
    };

/** The members of a union of messages that have these codes. */
type WithCode<U extends { code: string }, C extends U['code']> = Extract<U, { code: C }>;

/**
 * One error of a planning snapshot, beside its JSON path: each code is defined once, the checks
 * of one value (schema) with the API's field checks, a broken reference with the directory's.
 */
export type SnapshotProblem =
  | SnapshotCheck
  | WithCode<FieldCheck,
      | 'REQUIRED' | 'UNKNOWN_FIELD' | 'NOT_ALLOWED' | 'NOT_A_DATE' | 'NOT_A_STRING' | 'NOT_AN_INTEGER' | 'NOT_A_NUMBER'
      | 'NOT_A_BOOLEAN' | 'NOT_AN_ARRAY' | 'NOT_AN_OBJECT' | 'TOO_SMALL' | 'TOO_LARGE' | 'BAD_FORMAT' | 'INVALID_VALUE'>
  | WithCode<DirectoryProblem, 'UNKNOWN_SITE' | 'UNKNOWN_GROUP' | 'UNKNOWN_AGENT' | 'POOL_NOT_CONFIGURED' | 'ELIGIBLE_NEEDS_POOL' | 'WEEKLY_MIN_ABOVE_MAX'>
  | WithCode<RequestProblem, 'RANGE_END_BEFORE_START'>
  | WithCode<CapacityProblem, 'CAPACITY_CHANGE_DATE_REPEATED' | 'RESERVE_ABOVE_CAPACITY'>;

export type SnapshotProblemCode = SnapshotProblem['code'];


function halfDay(h: MessageHalfDay, locale: MessageLocale, style: MessageStyle): string {
  const date = formatMessageDate(h.date, locale, style);
  const period = formatMessagePeriod(h.period, locale, style);
  return style === 'record' || locale === 'fr' ? `${date} ${period}` : `${date}, ${period}`;
}

const plural = (n: number | undefined, one: string, many: string) => (n === 1 ? one : many);

/** The record lists the tiers kept from the lowest priority up: "2 STANDARD, 1 ESSENTIAL". */
const TIERS_LOWEST_FIRST: PriorityTier[] = ['STANDARD', 'ESSENTIAL', 'DIRECTOR', 'ELECTED'];
const TIER_FR: Record<PriorityTier, [string, string]> = {
  STANDARD: ['standard', 'standard'],
  ESSENTIAL: ['essentiel', 'essentiels'],
  DIRECTOR: ['de direction', 'de direction'],
  ELECTED: ['élu', 'élus'],
};

function keptByTier(byTier: Partial<Record<PriorityTier, number>> | undefined, locale: MessageLocale, style: MessageStyle): string {
  return TIERS_LOWEST_FIRST.filter((t) => (byTier?.[t] ?? 0) > 0)
    .map((t) => {
      const n = byTier?.[t] as number;
      return `${count(n, locale, style)} ${locale === 'fr' && style !== 'record' ? TIER_FR[t][n === 1 ? 0 : 1] : t}`;
    })
    .join(', ');
}

function shortfalls(examples: WeeklyMinShortfall[] | undefined, locale: MessageLocale, style: MessageStyle): string {
  return (examples ?? [])
    .map((e) => {
      const [remote, min, week] = [e.remote, e.min, e.week].map((n) => count(n, locale, style));
      return locale === 'fr' ? `${e.agent} : ${remote} sur ${min} en semaine ${week}` : `${e.agent} ${remote} of ${min} in week ${week}`;
    })
    .join(locale === 'fr' ? ' ; ' : '; ');
}

export const ROTATION_CONFLICT_MESSAGES: MessageCatalogue<RotationConflict> = {
  ROTATION_POOL_OVER_CAPACITY: {
    fr: (f) => `${f.pool} au-delà de sa capacité le ${f.halfDay} : la rotation met ${f.remote} agents en télétravail ` +
      `+ ${f.reserved} places réservées = ${f.used} places sur ${f.capacity}`,
    en: (f) => `${f.pool} over capacity on ${f.halfDay}: the rotation puts ${f.remote} agents remote + ${f.reserved} reserved = ` +
      `${f.used} of ${f.capacity} seats`,
  },
  ROTATION_STANDARD_SHARE_OVER: {
    fr: (f) => `part des agents standard de ${f.pool} dépassée le ${f.halfDay} : la rotation met ${f.standardRemote} agents ` +
      `standard en télétravail + ${f.reserved} places réservées = ${f.used} places sur les ${f.open} hors réserve`,
    en: (f) => `${f.pool} STANDARD share over on ${f.halfDay}: the rotation puts ${f.standardRemote} STANDARD agents remote + ` +
      `${f.reserved} reserved = ${f.used} of ${f.open} seats`,
  },
  ROTATION_WEEKLY_MAX_OVER: {
    fr: (f) => `${f.agent} (groupe ${f.group}) est en télétravail ${f.count} demi-journées en semaine ${f.week} selon la rotation, ` +
      `au-delà de son plafond hebdomadaire de ${f.max}`,
    en: (f) => `${f.agent} (group ${f.group}) is remote ${f.count} half-days in week ${f.week} by the rotation, weekly max ${f.max}`,
  },
};

export const PLAN_WARNING_MESSAGES: MessageCatalogue<Exclude<PlanWarning, ContinuityWarning>> = {
  ROTATION_SEARCH_TIME_LIMIT: {
    fr: () => 'la recherche de la rotation s’est arrêtée à sa limite de temps : la rotation est valide mais n’est peut-être pas la meilleure',
    en: () => 'the rotation search stopped at its time limit; the rotation is valid but may not be the best',
  },
  KEPT_ON_SITE_WEEKLY_MAX: {
    fr: (f, m, style) => `${f.agent} (groupe ${f.group}) est en télétravail ${f.count} demi-journées en semaine ${f.week} selon la rotation, ` +
      `au-delà de son plafond hebdomadaire de ${f.max} : maintenu sur site le ${(m.halfDays ?? []).map((h) => halfDay(h, 'fr', style)).join(', ')}`,
    en: (f, m, style) => `${f.agent} (group ${f.group}) is remote ${f.count} half-days in week ${f.week} by the rotation, ` +
      `weekly max ${f.max}: kept on site on ${(m.halfDays ?? []).map((h) => halfDay(h, 'en', style)).join(style === 'record' ? ', ' : '; ')}`,
  },
  KEPT_ON_SITE_POOL: {
    fr: (f, m, style) => {
      const over: string[] = [];
      if (m.used > m.capacity) {
        over.push(`${f.remote} agents en télétravail + ${f.reserved} places réservées = ${f.used} places sur ${f.capacity}`);
      }
      if (m.standardUsed > m.open) {
        over.push(`${f.standardRemote} agents standard en télétravail + ${f.reserved} places réservées = ${f.standardUsed} places ` +
          `sur les ${f.open} hors réserve (réserve de ${f.reserve})`);
      }
      const groups = m.groups ?? [];
      return `${f.pool} au-delà de sa capacité le ${f.halfDay} avec la rotation${over.length ? ` : ${over.join(' ; ')}` : ''} : ` +
        `${f.kept} agent${plural(m.kept, '', 's')} maintenu${plural(m.kept, '', 's')} sur site` +
        `${m.keptByTier ? ` (${keptByTier(m.keptByTier, 'fr', style)})` : ''}` +
        `${groups.length ? `, ${plural(groups.length, 'du groupe', 'des groupes')} ${f.groups}` : ''}`;
    },
    en: (f, m, style) => {
      const over: string[] = [];
      if (m.used > m.capacity) over.push(`${f.remote} agents remote + ${f.reserved} reserved = ${f.used} of ${f.capacity} seats`);
      if (m.standardUsed > m.open) {
        over.push(`${f.standardRemote} STANDARD agents remote + ${f.reserved} reserved = ${f.standardUsed} ` +
          `of ${f.open} seats outside the reserve of ${f.reserve}`);
      }
      const groups = m.groups ?? [];
      return `${f.pool} over its cap on ${f.halfDay} with the rotation${over.length ? `: ${over.join('; ')}` : ''}: ` +
        `${f.kept} agent${plural(m.kept, '', 's')} kept on site` +
        `${m.keptByTier ? ` (${keptByTier(m.keptByTier, 'en', style)})` : ''}` +
        `${groups.length ? ` of group${plural(groups.length, '', 's')} ${f.groups}` : ''}`;
    },
  },
  SITE_OVERFLOW: {
    fr: (f) => `site ${f.site} au-delà de sa capacité le ${f.halfDay} : ${f.onSite} agents sur site pour ${f.desks} postes`,
    en: (f) => `site ${f.site} over capacity on ${f.halfDay}: ${f.onSite} on site for ${f.desks} desks`,
  },
  MORE_SITE_OVERFLOWS: {
    fr: (f, m) => `… et ${f.count} autre${plural(m.count, '', 's')} dépassement${plural(m.count, '', 's')} de capacité de site`,
    en: (f) => `… ${f.count} more site overflows`,
  },
  WEEKLY_MIN_SHORTFALLS: {
    fr: (f, m, style) => {
      const examples = shortfalls(m.examples, 'fr', style);
      return `${f.count} semaine${plural(m.count, '', 's')}-agent sous le minimum hebdomadaire${examples ? ` (par exemple ${examples})` : ''}`;
    },
    en: (f, m, style) => {
      const examples = shortfalls(m.examples, 'en', style);
      return `${f.count} agent-week${plural(m.count, '', 's')} below the weekly minimum${examples ? ` (e.g. ${examples})` : ''}`;
    },
  },
};

export const SNAPSHOT_CHECK_MESSAGES: MessageCatalogue<SnapshotCheck> = {
  DUPLICATE_ID: {
    fr: (f, m) => `l’identifiant «\u00a0${f.id}\u00a0» est déjà donné${m.first ? ` (${f.first})` : ''}`,
    en: (f, m) => `duplicate id "${f.id}"${m.first ? ` (also ${f.first})` : ''}`,
  },
  ELIGIBLE_NEEDS_GROUP: {
    fr: () => 'un agent éligible au télétravail doit appartenir à un groupe de rotation',
    en: () => 'an eligible agent needs a group',
  },
  GROUP_OVER_MAX_SIZE: {
    fr: (f) => `le groupe «\u00a0${f.group}\u00a0» compte ${f.members} agents éligibles, plus que la taille maximale de ${f.max}`,
    en: (f) => `group "${f.group}" has ${f.members} eligible agents, more than maxGroupSize ${f.max}`,
  },
  RESERVED_SEATS_ABOVE_OPEN: {
    fr: (f) => `${f.reserved} places réservées sur ${f.pool} le ${f.halfDay}, plus que les ${f.open} places hors réserve ` +
      `(capacité ${f.capacity}, réserve ${f.reserve})`,
    en: (f) => `${f.reserved} seats reserved on ${f.pool} on ${f.halfDay}, more than the ${f.open} seats outside its reserve ` +
      `(capacity ${f.capacity}, reserve ${f.reserve})`,
  },
};

registerMessages(ROTATION_CONFLICT_MESSAGES);
registerMessages(PLAN_WARNING_MESSAGES);
registerMessages(SNAPSHOT_CHECK_MESSAGES);

export const ROTATION_CONFLICT_CODES = Object.keys(ROTATION_CONFLICT_MESSAGES) as RotationConflictCode[];
export const PLAN_WARNING_CODES = [...Object.keys(PLAN_WARNING_MESSAGES), ...Object.keys(CONTINUITY_WARNING_MESSAGES)] as PlanWarningCode[];

export function isRotationConflict(value: unknown): value is RotationConflict {
  return !!value && typeof value === 'object' && ROTATION_CONFLICT_CODES.includes((value as RotationConflict).code);
}

export function isPlanWarning(value: unknown): value is PlanWarning {
  return !!value && typeof value === 'object' && PLAN_WARNING_CODES.includes((value as PlanWarning).code);
}
