import {
  addDays,
  datesBetween,
  isIsoDate,
  isoWeekday,
  isoWeekNumber,
  mondayOf,
  splitHalfDay,
  todayInParis,
  workWeek,
} from './iso-dates';

describe('iso dates', () => {
  it('takes today in Paris, not in UTC', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Paris
    expect(todayInParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('adds days across months and daylight-saving changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-12-07', -7)).toBe('2026-11-30');
  });

  it('finds the Monday and ISO week number', () => {
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(isoWeekNumber('2026-12-07')).toBe(50);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
    expect(workWeek('2026-12-07')).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
    ]);
  });

  it('lists dates, splits half-day keys and checks real dates', () => {
    expect(datesBetween('2026-12-30', '2027-01-02')).toHaveLength(4);
    expect(splitHalfDay('2026-12-07PM')).toEqual({
      date: '2026-12-07',
      period: 'PM',
    });
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });
});
