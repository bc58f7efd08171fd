import { frenchPublicHolidays } from './public-holidays';

describe('frenchPublicHolidays', () => {
  it('lists Christmas and New Year in the reference horizon', () => {
    expect(frenchPublicHolidays('2026-12-07', '2027-01-03')).toEqual(['2026-12-25', '2027-01-01']);
  });

  it('gives the eleven national days of 2026, Easter-based ones included', () => {
    expect(frenchPublicHolidays('2026-01-01', '2026-12-31')).toEqual([
      '2026-01-01', // Jour de l'an
      '2026-04-06', // Lundi de Pâques (Easter 2026-04-05)
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Lundi de Pentecôte
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('adds Vendredi saint and Saint Étienne for Alsace-Moselle', () => {
    const days = frenchPublicHolidays('2027-01-01', '2027-12-31', { alsaceMoselle: true });
    expect(days).toContain('2027-03-26'); // Easter 2027-03-28
    expect(days).toContain('2027-12-26');
    expect(days).toHaveLength(13);
  });

  it('is inclusive at both ends and empty for an empty range', () => {
    expect(frenchPublicHolidays('2026-12-25', '2026-12-25')).toEqual(['2026-12-25']);
    expect(frenchPublicHolidays('2026-12-26', '2026-12-24')).toEqual([]);
  });

  it('refuses dates that are not ISO', () => {
    expect(() => frenchPublicHolidays('25/12/2026', '2026-12-31')).toThrow(/ISO/);
  });
});
