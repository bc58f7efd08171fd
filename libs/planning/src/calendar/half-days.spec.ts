import {
  agentWorkingHalfDays,
  isIsoDate,
  isoWeeks,
  offMask,
  weeklyMinimum,
  workingHalfDays,
} from './half-days';

describe('calendar', () => {
  it('lists Monday–Friday AM/PM minus closed dates (tiny horizon)', () => {
    // Wed 2026-12-09 .. Tue 2026-12-22, 2026-12-16 closed: 9 working days, 18 half-days
    const hds = workingHalfDays({ from: '2026-12-09', to: '2026-12-22' }, ['2026-12-16']);
    expect(hds).toHaveLength(18);
    expect(hds[0].key).toBe('2026-12-09AM');
    expect(hds[1].key).toBe('2026-12-09PM');
    expect(hds.map((h) => h.date)).not.toContain('2026-12-16');
    expect(hds.map((h) => h.date)).not.toContain('2026-12-12');
    expect(hds[hds.length - 1].key).toBe('2026-12-22PM');
    expect(hds[0].weekdayHalfDay).toBe('WED_AM');
    expect(hds.map((h) => h.index)).toEqual(hds.map((_, i) => i));
  });

  it('cuts ISO weeks to the horizon', () => {
    const hds = workingHalfDays({ from: '2026-12-09', to: '2026-12-22' }, ['2026-12-16']);
    const weeks = isoWeeks(hds);
    expect(weeks.map((w) => w.isoWeek)).toEqual([50, 51, 52]);
    expect(weeks.map((w) => w.halfDays.length)).toEqual([6, 8, 4]);
    expect(weeks[1].id).toBe('2026-W51');
  });

  it('handles a year boundary (ISO week 53 of 2026, week 1 of 2027)', () => {
    const hds = workingHalfDays({ from: '2026-12-28', to: '2027-01-08' }, ['2027-01-01']);
    const weeks = isoWeeks(hds);
    expect(weeks.map((w) => w.id)).toEqual(['2026-W53', '2027-W01']);
    expect(weeks[0].halfDays).toHaveLength(8);
  });

  it('removes part-time off half-days', () => {
    const hds = workingHalfDays({ from: '2026-12-07', to: '2026-12-11' });
    expect(agentWorkingHalfDays(hds, ['WED_AM', 'WED_PM'])).toHaveLength(8);
    expect(offMask(['MON_AM', 'FRI_PM'])).toBe(1 | (1 << 9));
  });

  it('scales the weekly minimum to the working half-days', () => {
    expect(weeklyMinimum(4, 10)).toBe(4);
    expect(weeklyMinimum(4, 8)).toBe(3);
    expect(weeklyMinimum(4, 6)).toBe(2);
    expect(weeklyMinimum(4, 2)).toBe(0);
  });

  it('validates calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(workingHalfDays({ from: '2026-12-10', to: '2026-12-09' })).toEqual([]);
  });
});
