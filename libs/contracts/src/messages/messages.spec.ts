import {
  formatMessage, knownMessageCodes, recordText, REFUSAL_MESSAGES, GENERIC_PROBLEM_MESSAGES, FIELD_CHECK_MESSAGES, Refusal,
} from './index';

describe('coded messages', () => {
  it('keeps the engine’s record wording of DESIGN.md', () => {
    const full: Refusal = { code: 'POOL_FULL', pool: 'VDI', date: '2026-12-08', period: 'PM', used: 1700, capacity: 1700, reserved: 0 };
    expect(recordText(full)).toBe('VDI full on 2026-12-08 PM: 1,700 of 1,700 seats');
    expect(recordText({ ...full, reserved: 20 })).toBe('VDI full on 2026-12-08 PM: 1,700 of 1,700 seats (20 reserved for events)');
    expect(recordText({ code: 'WEEKLY_MAX', max: 6, week: 50 })).toBe('weekly max of 6 half-days reached in week 50');
    expect(recordText({ code: 'NOT_WORKING', why: 'PART_TIME', agent: 'A0001', date: '2026-12-09', period: 'PM' }))
      .toBe('not a working half-day: A0001 is off on 2026-12-09 PM');
    expect(recordText({ code: 'STANDARD_SHARE_FULL', pool: 'VPN', date: '2026-12-08', period: 'AM', used: 1400, open: 1400, capacity: 1500, reserve: 100 }))
      .toBe('VPN STANDARD share full on 2026-12-08 AM: 1,400 of 1,400 seats (capacity 1,500 minus 100 kept for ELECTED, DIRECTOR and ESSENTIAL agents)');
  });

  it('speaks French to a person, with French dates, periods and numbers', () => {
    const text = formatMessage({ code: 'POOL_FULL', pool: 'VDI', date: '2026-12-08', period: 'PM', used: 1700, capacity: 1700, reserved: 20 }, 'fr');
    expect(text).toBe('VDI complet le mardi 8 décembre 2026 après-midi : 1\u202f700 places prises sur 1\u202f700, dont 20 réservées pour des événements');
    expect(formatMessage({ code: 'NOT_WORKING', why: 'WEEKEND' }, 'fr')).toBe('demi-journée non travaillée (week-end)');
    expect(formatMessage({ code: 'NOT_WORKING', why: 'WEEKEND' }, 'en')).toBe('not a working half-day (weekend)');
    expect(formatMessage({ code: 'TOO_LARGE', max: 10 }, 'fr')).toBe('doit valoir au plus 10');
  });

  it('knows every code in both languages, and no code twice', () => {
    const codes = [REFUSAL_MESSAGES, GENERIC_PROBLEM_MESSAGES, FIELD_CHECK_MESSAGES].flatMap((c) => Object.keys(c));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of knownMessageCodes()) {
      for (const locale of ['fr', 'en'] as const) {
        const text = formatMessage({ code }, locale);
        expect(text).toBeTruthy();
        expect(text).not.toMatch(/undefined|NaN|\[object/);
      }
    }
  });

  it('answers null for a code it does not know, so the caller shows its own words', () => {
    expect(formatMessage({ code: 'NO_SUCH_CODE' }, 'fr')).toBeNull();
    expect(recordText({ code: 'NO_SUCH_CODE' })).toBe('NO_SUCH_CODE');
  });
});
