import type { NotWorkingWhy } from '@telework/contracts';
import { Period, WEEKDAY_HALF_DAYS, WeekdayHalfDay } from '../model/snapshot';
import { frenchPublicHolidays } from './public-holidays';

/**
 * The one rule of "is this a half-day this agent works, and if not why", shared by the engine
 * (its working half-days and off masks are built from the parts below), the checker and the
 * API's instant grant. Checked in this order:
 *
 * 1. OUTSIDE_HORIZON: the date is before `horizon.from` or after `horizon.to` (only when a
 *    horizon is given);
 * 2. WEEKEND: Saturday or Sunday (of the calendar date itself: no time zone is involved);
 * 3. PUBLIC_HOLIDAY or CLOSED: the date is one of `closedDates`. A closed date that is a French
 *    public holiday (metropolitan or Alsace-Moselle, `frenchPublicHolidays`) reads
 *    PUBLIC_HOLIDAY; any other closed date (a bridge day, an office closure) reads CLOSED.
 *    Snapshots list the public holidays in `closedDates` (their exporters do) and have no field
 *    of their own for them, so the engine tells the two apart this way; a date that is a
 *    holiday but not listed as closed is worked (the employer decides, the planner only reads
 *    `closedDates`);
 * 4. PART_TIME: the weekday half-day ('WED_PM') is one of the agent's `offHalfDays`.
 *
 * A weekend day listed as closed (a holiday on a Saturday) reads WEEKEND.
 */
export type { NotWorkingWhy };

/** Why a whole date is not worked, whoever the agent: the agent-independent part of the rule. */
export type ClosedDayWhy = Exclude<NotWorkingWhy, 'PART_TIME'>;

export interface DateRange {
  from: string;
  to: string;
}

/** 1 = Monday … 7 = Sunday of the calendar date itself (`isoWeekday` of dates.ts, not imported: dates.ts imports half-days.ts, which imports this file) */
function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** True for a French public holiday, metropolitan or Alsace-Moselle. */
export function isFrenchPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (!Number.isInteger(year)) return false;
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(frenchPublicHolidays(`${date.slice(0, 4)}-01-01`, `${date.slice(0, 4)}-12-31`, { alsaceMoselle: true }));
    holidaysByYear.set(year, days);
  }
  return days.has(date);
}

function isClosed(date: string, closedDates: ReadonlySet<string> | readonly string[]): boolean {
  return Array.isArray(closedDates) ? closedDates.includes(date) : (closedDates as ReadonlySet<string>).has(date);
}

/** Steps 1 to 3 of the rule: why nobody works `date`, or null when it is a working day. */
export function closedDayWhy(
  date: string,
  closedDates: ReadonlySet<string> | readonly string[],
  horizon?: DateRange,
): ClosedDayWhy | null {
  if (horizon && (date < horizon.from || date > horizon.to)) return 'OUTSIDE_HORIZON';
  if (isoWeekday(date) > 5) return 'WEEKEND';
  if (isClosed(date, closedDates)) return isFrenchPublicHoliday(date) ? 'PUBLIC_HOLIDAY' : 'CLOSED';
  return null;
}

/** The weekday half-day code of a date and period ('WED_PM'), or null on a weekend. */
export function weekdayHalfDayOf(date: string, period: Period): WeekdayHalfDay | null {
  const day = isoWeekday(date);
  return day > 5 ? null : WEEKDAY_HALF_DAYS[(day - 1) * 2 + (period === 'AM' ? 0 : 1)];
}

/** Step 4 of the rule: the agent does not work this weekday half-day ('WED_PM'). */
export function isOffHalfDay(weekdayHalfDay: string, offHalfDays: readonly string[] | undefined): boolean {
  return (offHalfDays ?? []).includes(weekdayHalfDay);
}

/**
 * Why `date` `period` is not a working half-day of an agent whose off half-days are
 * `offHalfDays` (codes like 'WED_PM'), or null when the agent works it. See the rule above.
 */
export function notWorkingWhy(
  date: string,
  period: Period,
  offHalfDays: readonly string[] | undefined,
  closedDates: ReadonlySet<string> | readonly string[],
  horizon?: DateRange,
): NotWorkingWhy | null {
  const closed = closedDayWhy(date, closedDates, horizon);
  if (closed) return closed;
  const slot = weekdayHalfDayOf(date, period);
  return slot !== null && isOffHalfDay(slot, offHalfDays) ? 'PART_TIME' : null;
}
