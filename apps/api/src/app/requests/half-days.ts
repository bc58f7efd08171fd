import { getISOWeek, getISOWeekYear } from 'date-fns';
import { addDays, isIsoDate } from '@telework/planning';

const DAY_MS = 86_400_000;

export { isIsoDate };

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / DAY_MS) + 1;
}

/** Every calendar date of [from, to]. */
export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) out.push(date);
  return out;
}

/** Monday and Sunday of the ISO week of `date`, and its number ("week 50"). */
export function isoWeekOf(date: string): { monday: string; sunday: string; week: number; year: number } {
  const d = utc(date);
  const monday = addDays(date, -((d.getUTCDay() + 6) % 7));
  // date-fns reads the local calendar: build the date at local midday so any zone gives the same day
  const local = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
  return { monday, sunday: addDays(monday, 6), week: getISOWeek(local), year: getISOWeekYear(local) };
}

/** "08/12/2026" */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
