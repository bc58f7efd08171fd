import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay, parseISO } from 'date-fns';
import { frenchPublicHolidays } from '@telework/planning';

const PARIS = 'Europe/Paris';

/** The calendar date in Paris at a given instant. */
export function parisDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), PARIS), 'yyyy-MM-dd');
}

export function addCalendarDays(date: string, days: number): string {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return getISODay(parseISO(date)) <= 5 && !holidays.has(date);
}

/**
 * The first date after the freeze window: today's working half-days and those of the next
 * `workingDays` working days keep their published assignments. With 0, the window is empty
 * and the run may change today's afternoon too — the caller decides.
 */
export function freezeEnd(today: string, workingDays: number): string {
  const holidays = new Set(frenchPublicHolidays(today, addCalendarDays(today, 60)));
  let date = today;
  let counted = 0;
  while (counted < workingDays) {
    if (isWorkingDay(date, holidays)) counted++;
    date = addCalendarDays(date, 1);
  }
  return date;
}

/** Monday of the ISO week after `date` (the nightly horizon starts there at the latest). */
export function nextMonday(date: string): string {
  const isoDay = getISODay(parseISO(date));
  return addCalendarDays(date, 8 - isoDay);
}
