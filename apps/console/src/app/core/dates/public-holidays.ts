import { addDays, IsoDate, isoWeekday } from './iso-dates';

/**
 * French public holidays (jours fériés), as the API counts them (`frenchPublicHolidays` of
 * libs/planning, without the Alsace-Moselle days): New Year, Easter Monday, 1 and 8 May,
 * Ascension, Whit Monday, 14 July, 15 August, 1 and 11 November, Christmas. Computed here
 * rather than imported, so the console's bundle does not take in the planning engine.
 */
export function frenchPublicHolidaysOf(year: number): IsoDate[] {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  return [
    `${y}-01-01`,
    addDays(easter, 1),
    `${y}-05-01`,
    `${y}-05-08`,
    addDays(easter, 39),
    addDays(easter, 50),
    `${y}-07-14`,
    `${y}-08-15`,
    `${y}-11-01`,
    `${y}-11-11`,
    `${y}-12-25`,
  ].sort();
}

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const byYear = new Map<number, ReadonlySet<IsoDate>>();

export function isFrenchPublicHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) {
    days = new Set(frenchPublicHolidaysOf(year));
    byYear.set(year, days);
  }
  return days.has(date);
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

/** Why a date has no working half-day for anyone: a weekend or a public holiday; null otherwise. */
export function nonWorkingWhy(date: IsoDate): 'WEEKEND' | 'PUBLIC_HOLIDAY' | null {
  if (isWeekend(date)) return 'WEEKEND';
  if (isFrenchPublicHoliday(date)) return 'PUBLIC_HOLIDAY';
  return null;
}
