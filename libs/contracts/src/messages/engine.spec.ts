import {
  CONTINUITY_WARNING_MESSAGES, NO_WORKPLACE_MESSAGES, NoWorkplaceWhy,
  formatMessage, isKnownMessageCode, isPlanWarning, isRotationConflict, PLAN_WARNING_MESSAGES, PlanWarning, PlanWarningCode,
  recordText, ROTATION_CONFLICT_MESSAGES, RotationConflict, RotationConflictCode, SNAPSHOT_CHECK_MESSAGES, SnapshotCheck,
  SnapshotProblemCode,
} from './index';

type Samples<M extends { code: string }> = { [C in M['code']]: Extract<M, { code: C }> };

/** One message of each new code with its figures (the types make the lists complete). */
const CONFLICTS: Samples<RotationConflict> = {
  ROTATION_POOL_OVER_CAPACITY: {
    code: 'ROTATION_POOL_OVER_CAPACITY', pool: 'VDI', date: '2026-12-07', period: 'AM', remote: 5, reserved: 0, used: 5, capacity: 3,
  },
  ROTATION_STANDARD_SHARE_OVER: {
    code: 'ROTATION_STANDARD_SHARE_OVER', pool: 'VDI', date: '2026-12-07', period: 'AM',
    standardRemote: 1450, reserved: 60, used: 1510, open: 1500, capacity: 1700, reserve: 200,
  },
  ROTATION_WEEKLY_MAX_OVER: { code: 'ROTATION_WEEKLY_MAX_OVER', agent: 'A4', group: 'G1', week: 50, count: 4, max: 1 },
};

const WARNINGS: Samples<PlanWarning> = {
  ROTATION_SEARCH_TIME_LIMIT: { code: 'ROTATION_SEARCH_TIME_LIMIT' },
  KEPT_ON_SITE_WEEKLY_MAX: {
    code: 'KEPT_ON_SITE_WEEKLY_MAX', agent: 'A4', group: 'G1', week: 50, count: 4, max: 1,
    halfDays: [{ date: '2026-12-07', period: 'PM' }, { date: '2026-12-08', period: 'AM' }, { date: '2026-12-08', period: 'PM' }],
  },
  KEPT_ON_SITE_POOL: {
    code: 'KEPT_ON_SITE_POOL', pool: 'VDI', date: '2026-12-07', period: 'AM',
    remote: 5, standardRemote: 3, reserved: 0, used: 5, standardUsed: 3, capacity: 3, open: 2, reserve: 1,
    kept: 2, keptByTier: { STANDARD: 2 }, groups: ['G1'],
  },
  SITE_OVERFLOW: { code: 'SITE_OVERFLOW', site: 'S1', date: '2026-12-07', period: 'AM', onSite: 1204, desks: 1200 },
  MORE_SITE_OVERFLOWS: { code: 'MORE_SITE_OVERFLOWS', count: 3 },
  WEEKLY_MIN_SHORTFALLS: {
    code: 'WEEKLY_MIN_SHORTFALLS', count: 2,
    examples: [{ agent: 'A1', remote: 2, min: 4, week: 50 }, { agent: 'A2', remote: 3, min: 4, week: 51 }],
  },
  EVENT_ON_SITE_OVER_CAPACITY: {
    code: 'EVENT_ON_SITE_OVER_CAPACITY', event: 'Grève', site: 'Hôtel du Département', date: '2026-12-10', period: 'AM',
    onSite: 42, siteCapacity: 30,
  },
  EVENT_NO_WORKPLACE: { code: 'EVENT_NO_WORKPLACE', event: 'Grève', count: 180, agents: 95 },
};

const NO_WORKPLACE: Samples<NoWorkplaceWhy> = {
  NO_WORKPLACE_NOT_ELIGIBLE: {
    code: 'NO_WORKPLACE_NOT_ELIGIBLE', event: 'Grève', site: 'Hôtel du Département', siteCapacity: 0, date: '2026-12-10', period: 'AM',
  },
  NO_WORKPLACE_POOL_FULL: {
    code: 'NO_WORKPLACE_POOL_FULL', event: 'Grève', site: 'Hôtel du Département', siteCapacity: 40, date: '2026-12-10', period: 'PM',
    pool: 'VDI', used: 1700, capacity: 1700, reserved: 20,
  },
  NO_WORKPLACE_STANDARD_SHARE: {
    code: 'NO_WORKPLACE_STANDARD_SHARE', event: 'Grève', site: 'S01', siteCapacity: 0, date: '2026-12-10', period: 'AM',
    pool: 'VPN', used: 380, open: 380, capacity: 400, reserve: 20,
  },
  NO_WORKPLACE_WEEKLY_MAX: {
    code: 'NO_WORKPLACE_WEEKLY_MAX', event: 'Grève', site: 'S01', siteCapacity: 0, date: '2026-12-11', period: 'AM', max: 6, week: 50,
  },
};

const CHECKS: Samples<SnapshotCheck> = {
  DUPLICATE_ID: { code: 'DUPLICATE_ID', id: 'A01', first: 'agents[0]' },
  ELIGIBLE_NEEDS_GROUP: { code: 'ELIGIBLE_NEEDS_GROUP' },
  GROUP_OVER_MAX_SIZE: { code: 'GROUP_OVER_MAX_SIZE', group: 'G2', members: 5, max: 4 },
  RESERVED_SEATS_ABOVE_OPEN: {
    code: 'RESERVED_SEATS_ABOVE_OPEN', pool: 'VDI', date: '2026-12-17', period: 'PM', reserved: 5, open: 4, capacity: 5, reserve: 1,
  },
};

/** Every code a snapshot error may have, those of other catalogues included. */
const SNAPSHOT_CODES: { [C in SnapshotProblemCode]: true } = {
  DUPLICATE_ID: true, ELIGIBLE_NEEDS_GROUP: true, GROUP_OVER_MAX_SIZE: true, RESERVED_SEATS_ABOVE_OPEN: true,
  REQUIRED: true, UNKNOWN_FIELD: true, NOT_ALLOWED: true, NOT_A_DATE: true, NOT_A_STRING: true, NOT_AN_INTEGER: true,
  NOT_A_NUMBER: true, NOT_A_BOOLEAN: true, NOT_AN_ARRAY: true, NOT_AN_OBJECT: true, TOO_SMALL: true, TOO_LARGE: true,
  BAD_FORMAT: true, INVALID_VALUE: true,
  UNKNOWN_SITE: true, UNKNOWN_GROUP: true, UNKNOWN_AGENT: true, POOL_NOT_CONFIGURED: true, ELIGIBLE_NEEDS_POOL: true,
  WEEKLY_MIN_ABOVE_MAX: true, RANGE_END_BEFORE_START: true, CAPACITY_CHANGE_DATE_REPEATED: true, RESERVE_ABOVE_CAPACITY: true,
};

const ALL = { ...CONFLICTS, ...WARNINGS, ...CHECKS, ...NO_WORKPLACE } as Record<string, { code: string }>;

describe('the engine’s codes', () => {
  it('defines each new code once, with a sample', () => {
    const codes = [
      ROTATION_CONFLICT_MESSAGES, PLAN_WARNING_MESSAGES, SNAPSHOT_CHECK_MESSAGES, CONTINUITY_WARNING_MESSAGES, NO_WORKPLACE_MESSAGES,
    ].flatMap((c) => Object.keys(c));
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(ALL).sort()).toEqual([...codes].sort());
  });

  it.each(Object.keys(ALL))('%s is registered and worded in French and English, with and without its figures', (code) => {
    expect(isKnownMessageCode(code)).toBe(true);
    for (const message of [ALL[code], { code }]) {
      for (const locale of ['fr', 'en'] as const) {
        for (const style of ['person', 'record'] as const) {
          const text = formatMessage(message, locale, style);
          expect(text).toBeTruthy();
          expect(text).not.toMatch(/undefined|NaN|\[object|null/);
        }
      }
    }
    expect(formatMessage(ALL[code], 'fr')).not.toBe(formatMessage(ALL[code], 'en'));
  });

  it('knows every code a snapshot error may have', () => {
    for (const code of Object.keys(SNAPSHOT_CODES)) expect(isKnownMessageCode(code)).toBe(true);
  });

  it('keeps the engine’s record wording', () => {
    expect(recordText(CONFLICTS.ROTATION_POOL_OVER_CAPACITY))
      .toBe('VDI over capacity on 2026-12-07 AM: the rotation puts 5 agents remote + 0 reserved = 5 of 3 seats');
    expect(recordText(CONFLICTS.ROTATION_STANDARD_SHARE_OVER))
      .toBe('VDI STANDARD share over on 2026-12-07 AM: the rotation puts 1,450 STANDARD agents remote + 60 reserved = 1,510 of 1,500 seats');
    expect(recordText(CONFLICTS.ROTATION_WEEKLY_MAX_OVER)).toBe('A4 (group G1) is remote 4 half-days in week 50 by the rotation, weekly max 1');
    expect(recordText(WARNINGS.KEPT_ON_SITE_WEEKLY_MAX)).toBe(
      'A4 (group G1) is remote 4 half-days in week 50 by the rotation, weekly max 1: kept on site on 2026-12-07 PM, 2026-12-08 AM, 2026-12-08 PM',
    );
    expect(recordText(WARNINGS.KEPT_ON_SITE_POOL)).toBe(
      'VDI over its cap on 2026-12-07 AM with the rotation: 5 agents remote + 0 reserved = 5 of 3 seats; ' +
        '3 STANDARD agents remote + 0 reserved = 3 of 2 seats outside the reserve of 1: 2 agents kept on site (2 STANDARD) of group G1',
    );
    expect(recordText({ ...WARNINGS.KEPT_ON_SITE_POOL, used: 3, remote: 3, kept: 1, keptByTier: { STANDARD: 1 }, groups: ['G1', 'G2'] }))
      .toBe('VDI over its cap on 2026-12-07 AM with the rotation: 3 STANDARD agents remote + 0 reserved = 3 of 2 seats outside the reserve of 1: ' +
        '1 agent kept on site (1 STANDARD) of groups G1, G2');
    expect(recordText({ ...WARNINGS.KEPT_ON_SITE_POOL, keptByTier: { ELECTED: 1, STANDARD: 2, ESSENTIAL: 1 }, kept: 4 }))
      .toContain(': 4 agents kept on site (2 STANDARD, 1 ESSENTIAL, 1 ELECTED) of group G1');
    expect(recordText(WARNINGS.SITE_OVERFLOW)).toBe('site S1 over capacity on 2026-12-07 AM: 1,204 on site for 1,200 desks');
    expect(recordText(WARNINGS.MORE_SITE_OVERFLOWS)).toBe('… 3 more site overflows');
    expect(recordText(WARNINGS.WEEKLY_MIN_SHORTFALLS))
      .toBe('2 agent-weeks below the weekly minimum (e.g. A1 2 of 4 in week 50; A2 3 of 4 in week 51)');
    expect(recordText(CHECKS.DUPLICATE_ID)).toBe('duplicate id "A01" (also agents[0])');
    expect(recordText(CHECKS.GROUP_OVER_MAX_SIZE)).toBe('group "G2" has 5 eligible agents, more than maxGroupSize 4');
    expect(recordText(CHECKS.RESERVED_SEATS_ABOVE_OPEN))
      .toBe('5 seats reserved on VDI on 2026-12-17 PM, more than the 4 seats outside its reserve (capacity 5, reserve 1)');
  });

  it('speaks French to a person', () => {
    expect(formatMessage(CONFLICTS.ROTATION_POOL_OVER_CAPACITY, 'fr')).toBe(
      'VDI au-delà de sa capacité le lundi 7 décembre 2026 matin : la rotation met 5 agents en télétravail + 0 places réservées = 5 places sur 3',
    );
    expect(formatMessage(WARNINGS.KEPT_ON_SITE_POOL, 'fr')).toBe(
      'VDI au-delà de sa capacité le lundi 7 décembre 2026 matin avec la rotation : 5 agents en télétravail + 0 places réservées = 5 places sur 3 ; ' +
        '3 agents standard en télétravail + 0 places réservées = 3 places sur les 2 hors réserve (réserve de 1) : ' +
        '2 agents maintenus sur site (2 standard), du groupe G1',
    );
    expect(formatMessage(WARNINGS.KEPT_ON_SITE_WEEKLY_MAX, 'fr')).toBe(
      'A4 (groupe G1) est en télétravail 4 demi-journées en semaine 50 selon la rotation, au-delà de son plafond hebdomadaire de 1 : ' +
        'maintenu sur site le lundi 7 décembre 2026 après-midi, mardi 8 décembre 2026 matin, mardi 8 décembre 2026 après-midi',
    );
    expect(formatMessage(WARNINGS.SITE_OVERFLOW, 'fr'))
      .toBe('site S1 au-delà de sa capacité le lundi 7 décembre 2026 matin : 1\u202f204 agents sur site pour 1\u202f200 postes');
    expect(formatMessage(WARNINGS.WEEKLY_MIN_SHORTFALLS, 'fr'))
      .toBe('2 semaines-agent sous le minimum hebdomadaire (par exemple A1 : 2 sur 4 en semaine 50 ; A2 : 3 sur 4 en semaine 51)');
  });

  it('tells its messages apart', () => {
    expect(isRotationConflict(CONFLICTS.ROTATION_WEEKLY_MAX_OVER)).toBe(true);
    expect(isRotationConflict(WARNINGS.SITE_OVERFLOW)).toBe(false);
    expect(isPlanWarning(WARNINGS.SITE_OVERFLOW)).toBe(true);
    expect(isPlanWarning({ code: 'POOL_FULL' })).toBe(false);
  });
});
