import {
  formatMessage, PLAN_CHANGE_MESSAGES, PlanChange, recordText, RequestProblem, REQUESTS_PROBLEM_MESSAGES,
} from '@telework/contracts';
import { seatRefusal } from './instant-allocation';

/** One example of every code of the requests area, with its figures. */
const EXAMPLES: (RequestProblem | PlanChange)[] = [
  { code: 'REQUEST_NOT_FOUND' },
  { code: 'NO_AGENT_ACCOUNT' },
  { code: 'OWN_REQUEST_DECISION' },
  { code: 'AGENT_NOT_IN_TEAM' },
  { code: 'NOT_THE_ASKER' },
  { code: 'REQUEST_NOT_PENDING', status: 'APPROVED' },
  { code: 'REQUEST_NOT_CANCELLABLE', status: 'REFUSED' },
  { code: 'HALF_DAY_PASSED', date: '2026-11-26', period: 'PM', today: '2026-11-30' },
  { code: 'CALENDAR_LINK_UNKNOWN' },
  { code: 'DATE_IN_PAST', today: '2026-11-30' },
  { code: 'DATE_TOO_FAR', days: 60, last: '2027-01-29' },
  { code: 'DATE_AND_RANGE_MIXED' },
  { code: 'DATE_OR_RANGE_REQUIRED' },
  { code: 'RANGE_END_BEFORE_START', from: '2026-12-10' },
  { code: 'RANGE_TOO_LONG', days: 40, max: 31 },
  { code: 'NO_WORKING_HALF_DAY', from: '2026-12-12', to: '2026-12-13' },
  { code: 'PLAN_KEPT_REMOTE' },
  { code: 'PLAN_BACK_ON_SITE' },
  { code: 'PLAN_BACK_TO_REMOTE' },
  { code: 'PLAN_STAYS_ON_SITE', refusal: { code: 'WEEKLY_MAX', max: 4, week: 50 } },
];

describe('requests area messages', () => {
  it('has an example of every code it defines', () => {
    expect(EXAMPLES.map((m) => m.code).sort()).toEqual(
      [...Object.keys(REQUESTS_PROBLEM_MESSAGES), ...Object.keys(PLAN_CHANGE_MESSAGES)].sort());
  });

  it.each(EXAMPLES.map((m) => [m.code, m] as const))('words %s in French and in English, figures filled', (_code, message) => {
    for (const locale of ['fr', 'en'] as const) {
      const text = formatMessage(message, locale);
      expect(text).toBeTruthy();
      expect(text).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(formatMessage(message, 'fr')).not.toBe(formatMessage(message, 'en'));
  });

  it('speaks French to the agent, with French dates and statuses', () => {
    expect(formatMessage({ code: 'HALF_DAY_PASSED', date: '2026-11-26', period: 'PM', today: '2026-11-30' }, 'fr'))
      .toBe('la demi-journée du jeudi 26 novembre 2026 après-midi est passée (nous sommes le lundi 30 novembre 2026)');
    expect(formatMessage({ code: 'REQUEST_NOT_CANCELLABLE', status: 'REFUSED' }, 'fr'))
      .toBe('la demande est refusée : seule une demande en attente ou approuvée peut être annulée');
    expect(formatMessage({ code: 'PLAN_STAYS_ON_SITE', refusal: { code: 'WEEKLY_MAX', max: 4, week: 50 } }, 'fr'))
      .toBe('reste sur site pour l’instant (plafond de 4 demi-journées de télétravail atteint en semaine 50) : l’allocation de nuit la replanifiera');
  });

  it('keeps the English record of the plan notes the history had before codes', () => {
    expect(recordText({ code: 'PLAN_BACK_ON_SITE' })).toBe('back on site in the plan: the seat is freed');
    expect(recordText({ code: 'PLAN_BACK_TO_REMOTE' })).toBe('back to remote by the rotation');
    expect(recordText({ code: 'PLAN_KEPT_REMOTE' })).toBe('remote by the rotation: the plan keeps the half-day remote');
    expect(recordText({ code: 'PLAN_STAYS_ON_SITE', refusal: { code: 'WEEKLY_MAX', max: 4, week: 50 } }))
      .toBe('stays on site for now (weekly max of 4 half-days reached in week 50): the nightly run will re-plan it');
  });
});

describe('seatRefusal: the instant grant’s figures, the engine’s shapes', () => {
  const at = ['2026-12-08', 'PM'] as const;
  const figures = { code: 'VDI', capacity: 100, reserve: 10, reserved: 5, remote: 80, standard: 70 };

  it('grants while REMOTE agents + reserved seats stay under the capacity, and STANDARD ones under capacity − reserve', () => {
    expect(seatRefusal(figures, ...at, true)).toBeNull();
    expect(seatRefusal({ ...figures, standard: 84 }, ...at, true)).toBeNull();
    expect(seatRefusal({ ...figures, remote: 94, standard: 84 }, ...at, false)).toBeNull();
  });

  it('answers POOL_FULL with used = REMOTE agents + reserved seats', () => {
    expect(seatRefusal({ ...figures, remote: 95 }, ...at, false)).toEqual({
      code: 'POOL_FULL', pool: 'VDI', date: '2026-12-08', period: 'PM', used: 100, capacity: 100, reserved: 5,
    });
  });

  it('answers STANDARD_SHARE_FULL with used = STANDARD agents + reserved seats and open = capacity − reserve, to STANDARD agents only', () => {
    const full = { ...figures, standard: 85 };
    expect(seatRefusal(full, ...at, true)).toEqual({
      code: 'STANDARD_SHARE_FULL', pool: 'VDI', date: '2026-12-08', period: 'PM', used: 90, open: 90, capacity: 100, reserve: 10,
    });
    expect(seatRefusal(full, ...at, false)).toBeNull();
    expect(recordText(seatRefusal(full, ...at, true) ?? { code: 'none' }))
      .toBe('VDI STANDARD share full on 2026-12-08 PM: 90 of 90 seats (capacity 100 minus 10 kept for ELECTED, DIRECTOR and ESSENTIAL agents)');
  });
});
