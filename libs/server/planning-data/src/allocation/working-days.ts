import { addDays, frenchPublicHolidays, isoWeekday } from '@telework/planning';

export const addCalendarDays = addDays;

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return isoWeekday(date) <= 5 && !holidays.has(date);
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
