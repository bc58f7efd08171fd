import fc from 'fast-check';
import { buildCheckContext, isWorking } from '../checker/check-context';
import { buildPlanningContext, works } from '../model/context';
import { Plan } from '../model/plan';
import { smallSnapshot } from '../testing/small-snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { addDays } from './dates';
import { closedDayWhy, isFrenchPublicHoliday, notWorkingWhy, weekdayHalfDayOf } from './working-half-day';

describe('notWorkingWhy', () => {
  const horizon = { from: '2026-12-07', to: '2026-12-31' };
  // Wed 2026-12-16 is an office closure, Fri 2026-12-25 Christmas, Sat 2026-12-26 a closed weekend day
  const closed = ['2026-12-16', '2026-12-25', '2026-12-26'];

  it('is null on a half-day the agent works', () => {
    expect(notWorkingWhy('2026-12-09', 'AM', ['WED_PM'], closed, horizon)).toBeNull();
    expect(notWorkingWhy('2026-12-09', 'AM', [], new Set(closed))).toBeNull();
  });

  it('names the reason, in the order horizon, weekend, closed, part-time', () => {
    expect(notWorkingWhy('2027-01-04', 'AM', [], closed, horizon)).toBe('OUTSIDE_HORIZON');
    expect(notWorkingWhy('2026-12-06', 'AM', [], closed, horizon)).toBe('OUTSIDE_HORIZON');
    expect(notWorkingWhy('2026-12-12', 'PM', [], closed, horizon)).toBe('WEEKEND');
    // a weekend day listed as closed is a weekend day
    expect(notWorkingWhy('2026-12-26', 'AM', [], closed, horizon)).toBe('WEEKEND');
    expect(notWorkingWhy('2026-12-25', 'AM', [], closed, horizon)).toBe('PUBLIC_HOLIDAY');
    expect(notWorkingWhy('2026-12-16', 'AM', ['WED_AM'], closed, horizon)).toBe('CLOSED');
    expect(notWorkingWhy('2026-12-09', 'PM', ['WED_PM'], closed, horizon)).toBe('PART_TIME');
    expect(notWorkingWhy('2026-12-09', 'PM', ['WED_PM'], new Set<string>())).toBe('PART_TIME');
  });

  it('works a public holiday the employer did not close (it only reads closedDates)', () => {
    expect(isFrenchPublicHoliday('2026-12-25')).toBe(true);
    expect(notWorkingWhy('2026-12-25', 'AM', [], [], horizon)).toBeNull();
  });

  it('reads the Alsace-Moselle holidays as public holidays when closed', () => {
    // Saint Étienne, 26 December 2025 (a Friday), and Good Friday 2026 (3 April)
    expect(closedDayWhy('2025-12-26', ['2025-12-26'])).toBe('PUBLIC_HOLIDAY');
    expect(closedDayWhy('2026-04-03', ['2026-04-03'])).toBe('PUBLIC_HOLIDAY');
    expect(closedDayWhy('2026-04-02', ['2026-04-02'])).toBe('CLOSED');
  });

  it('gives the weekday half-day code of a date', () => {
    expect(weekdayHalfDayOf('2026-12-07', 'AM')).toBe('MON_AM');
    expect(weekdayHalfDayOf('2026-12-11', 'PM')).toBe('FRI_PM');
    expect(weekdayHalfDayOf('2026-12-13', 'PM')).toBeNull();
  });

  it('is the rule the engine and the checker plan with, on every date around the horizon', () => {
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        const valid = validateSnapshot(snapshot);
        if (!valid.ok) throw new Error('invalid snapshot');
        const s = valid.snapshot;
        const ctx = buildPlanningContext(s);
        // the checker's working half-days come from the snapshot alone: any plan will do
        const check = buildCheckContext(s, { version: 1, halfDays: [], rotation: [], agents: [], requests: [] } as unknown as Plan);
        for (let date = addDays(s.horizon.from, -3); date <= addDays(s.horizon.to, 3); date = addDays(date, 1)) {
          for (const period of ['AM', 'PM'] as const) {
            const h = ctx.halfDayByKey.get(`${date}${period}`);
            expect(check.halfDayByKey.get(`${date}${period}`)).toBe(h);
            s.agents.forEach((agent, a) => {
              const why = notWorkingWhy(date, period, agent.offHalfDays, s.closedDates, s.horizon);
              const engine = h !== undefined && works(ctx, a, h);
              const checker = h !== undefined && isWorking(check, a, h);
              expect([why === null, why === null]).toEqual([engine, checker]);
              if (h === undefined) expect(why).not.toBe('PART_TIME');
            });
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
