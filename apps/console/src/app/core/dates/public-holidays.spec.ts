import { frenchPublicHolidays } from '@telework/planning';
import {
  easterSunday,
  frenchPublicHolidaysOf,
  isFrenchPublicHoliday,
  nonWorkingWhy,
} from './public-holidays';

describe('French public holidays in the console', () => {
  it('knows the eleven days of 2026', () => {
    expect(frenchPublicHolidaysOf(2026)).toEqual([
      '2026-01-01',
      '2026-04-06', // lundi de Pâques
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // lundi de Pentecôte
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('gives the same days as the API (libs/planning) from 2020 to 2040', () => {
    for (let year = 2020; year <= 2040; year++) {
      expect(frenchPublicHolidaysOf(year)).toEqual(
        frenchPublicHolidays(`${year}-01-01`, `${year}-12-31`),
      );
    }
  });

  it('tells weekends and holidays from working days', () => {
    expect(nonWorkingWhy('2026-12-05')).toBe('WEEKEND');
    expect(nonWorkingWhy('2026-12-06')).toBe('WEEKEND');
    expect(nonWorkingWhy('2026-12-25')).toBe('PUBLIC_HOLIDAY');
    expect(nonWorkingWhy('2026-12-07')).toBeNull();
    expect(isFrenchPublicHoliday('2027-05-06')).toBe(true); // Ascension 2027
    expect(isFrenchPublicHoliday('2027-05-07')).toBe(false);
  });
});
