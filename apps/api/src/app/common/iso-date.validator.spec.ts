import { isApiDate } from './iso-date.validator';

/** isApiDate remembers its verdicts on date-long strings: asked again, it must answer the same. */
describe('isApiDate', () => {
  const cases: [unknown, boolean][] = [
    ['2026-12-14', true], ['2028-02-29', true], ['1900-01-01', true], ['2999-12-31', true],
    ['2026-02-30', false], ['2027-02-29', false], ['2026-13-01', false], ['1899-12-31', false], ['3000-01-01', false],
    ['0000-01-01', false], ['2026-1-1', false], ['2026/12/14', false], ['2026-12-14T00:00', false], ['20261214', false],
    ['', false], [' 2026-12-14', false], [20261214, false], [null, false], [undefined, false],
  ];

  it.each([1, 2, 3])('answers each value the same, asked for the time number %s', () => {
    for (const [value, expected] of cases) expect([value, isApiDate(value)]).toEqual([value, expected]);
  });
});
