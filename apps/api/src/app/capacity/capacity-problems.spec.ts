import {
  CAPACITY_PROBLEM_MESSAGES, CapacityProblem, CapacityProblemCode, formatMessage, isKnownMessageCode, recordText,
} from '@telework/contracts';

/** One message of each code of the capacity area, with its figures (the type makes the list complete). */
const SAMPLES: { [C in CapacityProblemCode]: Extract<CapacityProblem, { code: C }> } = {
  POOL_NOT_FOUND: { code: 'POOL_NOT_FOUND', id: '00000000-0000-4000-8000-000000000000' },
  RESERVATION_NOT_FOUND: { code: 'RESERVATION_NOT_FOUND' },
  ROTATION_CALENDAR_NOT_FOUND: { code: 'ROTATION_CALENDAR_NOT_FOUND' },
  ALLOCATION_RUN_NOT_FOUND: { code: 'ALLOCATION_RUN_NOT_FOUND' },
  RUN_SNAPSHOT_NOT_STORED: { code: 'RUN_SNAPSHOT_NOT_STORED' },
  CAPACITY_CHANGE_DATE_REPEATED: { code: 'CAPACITY_CHANGE_DATE_REPEATED', date: '2027-01-04', index: 0 },
  RESERVE_ABOVE_CAPACITY: { code: 'RESERVE_ABOVE_CAPACITY', reserve: 2, capacity: 1, from: '2027-01-04', more: 2 },
  RANGE_OR_SNAPSHOT_REQUIRED: { code: 'RANGE_OR_SNAPSHOT_REQUIRED' },
  SNAPSHOT_OR_RANGE_NOT_BOTH: { code: 'SNAPSHOT_OR_RANGE_NOT_BOTH' },
  RESERVATION_OVER_CAPACITY: {
    code: 'RESERVATION_OVER_CAPACITY', pool: 'VDI', date: '2026-12-10', period: 'PM', used: 1640, seats: 70, capacity: 1700,
    reserve: 200, remote: 1580, standardRemote: 1400, reserved: 60,
  },
  RESERVATION_OVER_STANDARD_SHARE: {
    code: 'RESERVATION_OVER_STANDARD_SHARE', pool: 'VDI', date: '2026-12-10', period: 'PM', used: 1460, seats: 60, open: 1500,
    capacity: 1700, reserve: 200, remote: 1500, standardRemote: 1400, reserved: 60,
  },
  RESERVATIONS_ABOVE_OPEN_SEATS: {
    code: 'RESERVATIONS_ABOVE_OPEN_SEATS', pool: 'VPN', count: 12,
    halfDays: [{ date: '2026-12-16', period: 'PM', reserved: 40, capacity: 39, reserve: 0 }],
  },
  ROTATION_NOT_DRAFT: { code: 'ROTATION_NOT_DRAFT', status: 'PUBLISHED', action: 'edit' },
  ROTATION_PUBLISHED_MEANWHILE: { code: 'ROTATION_PUBLISHED_MEANWHILE', version: 3, from: '2026-12-07', to: '2027-01-03' },
  ROTATION_BREAKS_RULES: { code: 'ROTATION_BREAKS_RULES', count: 2 },
  SNAPSHOT_INVALID: { code: 'SNAPSHOT_INVALID', count: 1 },
  STORED_DATA_INVALID: { code: 'STORED_DATA_INVALID', count: 1 },
  OVERRIDES_MAKE_SNAPSHOT_INVALID: { code: 'OVERRIDES_MAKE_SNAPSHOT_INVALID', count: 1 },
};

describe('the capacity area’s codes', () => {
  it.each(Object.keys(CAPACITY_PROBLEM_MESSAGES))('%s is registered and worded in French and English with its figures', (code) => {
    const sample = SAMPLES[code as CapacityProblemCode];
    expect(isKnownMessageCode(code)).toBe(true);
    for (const locale of ['fr', 'en'] as const) {
      const text = formatMessage(sample, locale);
      expect(text).toBeTruthy();
      expect(text).not.toMatch(/undefined|NaN|\[object|null/);
    }
    expect(formatMessage(sample, 'fr')).not.toBe(formatMessage(sample, 'en'));
  });

  it('speaks French to a person: dates, half-days, numbers, statuses', () => {
    expect(formatMessage(SAMPLES.RESERVATION_OVER_CAPACITY, 'fr')).toBe(
      'places insuffisantes sur VDI le jeudi 10 décembre 2026 après-midi : 1\u202f640 prises + 70 demandées pour 1\u202f700 places',
    );
    expect(formatMessage(SAMPLES.RESERVATIONS_ABOVE_OPEN_SEATS, 'fr')).toBe(
      'VPN : cette modification laisse des places réservées pour des événements au-delà de ce que le pool garde hors réserve ' +
      'sur 12 demi-journées (mercredi 16 décembre 2026 après-midi : 40 places réservées pour 39 hors réserve (capacité 39, réserve 0) ; …) ' +
      '; déplacez ou supprimez d’abord ces réservations',
    );
    expect(formatMessage(SAMPLES.ROTATION_NOT_DRAFT, 'fr')).toBe('seul un brouillon peut être modifié ; ce calendrier est à l’état « publié »');
    expect(formatMessage({ ...SAMPLES.ROTATION_NOT_DRAFT, action: 'publish', meanwhile: true, status: 'SUPERSEDED' }, 'fr'))
      .toBe('ce calendrier est passé à l’état « remplacé » entre-temps : seul un brouillon peut être publié');
    expect(formatMessage(SAMPLES.ROTATION_BREAKS_RULES, 'fr')).toBe('la rotation enfreint 2 règles impératives');
    expect(formatMessage({ code: 'ROTATION_BREAKS_RULES', count: 1, published: true }, 'fr'))
      .toBe('la rotation publiée, avec ces chiffres, enfreint 1 règle impérative');
  });

  it('keeps the English record the API wrote before, figures in plain English', () => {
    expect(recordText(SAMPLES.RESERVATION_OVER_CAPACITY)).toBe('VDI full on 2026-12-10 PM: 1,640 + 70 of 1,700 seats');
    expect(recordText(SAMPLES.RESERVATION_OVER_STANDARD_SHARE)).toBe(
      'VDI full outside its reserve on 2026-12-10 PM: 1,460 + 60 of 1,500 seats (200 of 1,700 are kept for priority agents)',
    );
    expect(recordText(SAMPLES.RESERVATIONS_ABOVE_OPEN_SEATS)).toBe(
      'VPN: this change leaves seats reserved for events above what the pool keeps outside its reserve on 12 half-days ' +
      '(2026-12-16 PM: 40 seats reserved for 39 outside the reserve (capacity 39, reserve 0); …); move or delete those reservations first',
    );
    expect(recordText(SAMPLES.CAPACITY_CHANGE_DATE_REPEATED)).toBe('2027-01-04 is already given at capacityChanges[0]');
    expect(recordText(SAMPLES.RESERVE_ABOVE_CAPACITY)).toBe('must not exceed the capacity of 1 from 2027-01-04 (and 2 more dated capacities)');
    expect(recordText({ code: 'RESERVE_ABOVE_CAPACITY', reserve: 1_800, capacity: 1_700 })).toBe('must not exceed the capacity (1,800 > 1,700)');
    expect(recordText({ code: 'RESERVE_ABOVE_CAPACITY', reserve: 1_800, capacity: 1_700, pool: 'VDI' }))
      .toBe('the VDI reserve of 1,800 must not exceed its capacity of 1,700');
    expect(recordText(SAMPLES.ROTATION_PUBLISHED_MEANWHILE)).toBe(
      'rotation calendar version 3 (2026-12-07 → 2027-01-03) was published meanwhile for this range: reload, and publish this draft again if it should replace it',
    );
  });
});
