import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { DEFAULT_TIMEZONE } from './half-days';

const DAY_MS = 86_400_000;

/** Calendar-date arithmetic on YYYY-MM-DD strings (no time zone involved: dates, not instants). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The Monday after `date` (a Monday gives the following one). */
export function nextMonday(date: string): string {
  return addDays(date, 8 - isoWeekday(date));
}

/** The calendar date of an instant in a time zone (Europe/Paris by default). */
export function calendarDateAt(instant: Date | number, timezone: string = DEFAULT_TIMEZONE): string {
  return format(new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timezone), 'yyyy-MM-dd');
}
