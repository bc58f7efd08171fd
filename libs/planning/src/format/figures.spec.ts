import { formatCount, formatHalfDay, formatPercent } from './figures';

describe('figures', () => {
  it('groups thousands with commas', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1700)).toBe('1,700');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1500)).toBe('-1,500');
  });
  it('writes half-days and percentages', () => {
    expect(formatHalfDay('2026-12-08', 'PM')).toBe('2026-12-08 PM');
    expect(formatPercent(0.0184)).toBe('1.8 %');
  });
});
