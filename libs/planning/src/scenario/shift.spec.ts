import { isoWeekday } from '../calendar/dates';
import { validateSnapshot } from '../validation/validate-snapshot';
import { generateScenario } from './scenarios';
import { shiftScenario } from './shift';

describe('shiftScenario', () => {
  const tiny = generateScenario('tiny', 3);

  it('moves every date by whole weeks and keeps the snapshot valid', () => {
    const moved = shiftScenario(tiny, '2027-03-01');
    const weeks = (Date.parse('2027-03-01') - Date.parse(tiny.snapshot.horizon.from)) / 86_400_000;
    expect(weeks % 7).toBe(0);
    expect(moved.snapshot.horizon.from).toBe('2027-03-01');
    expect(moved.snapshot.requests?.length).toBe(tiny.snapshot.requests?.length);
    (moved.snapshot.requests ?? []).forEach((request, i) => {
      const original = tiny.snapshot.requests?.[i];
      expect(isoWeekday(request.date)).toBe(isoWeekday(original?.date ?? ''));
      expect(request.date >= moved.snapshot.horizon.from && request.date <= moved.snapshot.horizon.to).toBe(
        (original?.date ?? '') >= tiny.snapshot.horizon.from && (original?.date ?? '') <= tiny.snapshot.horizon.to,
      );
    });
    expect(validateSnapshot(moved.snapshot).ok).toBe(true);
    expect(moved.people).toBe(tiny.people);
  });

  it('lists the public holidays of the new horizon as closed dates', () => {
    const easter = shiftScenario(generateScenario('departement', 1), '2027-03-22');
    expect(easter.snapshot.closedDates).toEqual(['2027-03-29']); // Easter Monday 2027
  });

  it('refuses a date that is not a Monday', () => {
    expect(() => shiftScenario(tiny, '2027-03-02')).toThrow(/not a Monday/);
  });
});
