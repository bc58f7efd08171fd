import { addDays, calendarDateAt, daysBetween, isoWeekday, nextMonday } from './dates';

describe('calendar dates', () => {
  it('adds days across months, years and the DST change', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDays('2026-12-07', -7)).toBe('2026-11-30');
    expect(daysBetween('2026-12-07', '2027-01-03')).toBe(27);
  });

  it('finds the weekday and the next Monday', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(nextMonday('2026-11-28')).toBe('2026-11-30');
    expect(nextMonday('2026-11-30')).toBe('2026-12-07');
  });

  it('gives the Paris date of an instant, not the UTC one', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1)
    expect(calendarDateAt(Date.parse('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC on 27 June is 00:30 on the 28th in Paris (UTC+2)
    expect(calendarDateAt(new Date('2027-06-27T22:30:00Z'))).toBe('2027-06-28');
  });
});
