import { PLANNING_TIME_ZONE } from '../i18n/tw-date.pipe';

/**
 * Planning dates are calendar dates in Paris written `YYYY-MM-DD` (as the API sends them).
 * Arithmetic is done on UTC midnights, which has no daylight-saving surprises.
 */
export type IsoDate = string;

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: PLANNING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Paris, whatever the browser's time zone. */
export function todayInParis(now: Date = new Date()): IsoDate {
  return parisDay.format(now);
}

function toUtc(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(date: IsoDate): number {
  const day = toUtc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the ISO week holding `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO week number (1–53). */
export function isoWeekNumber(date: IsoDate): number {
  const thursday = toUtc(addDays(date, 4 - isoWeekday(date)));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
}

/** Monday to Friday of the week starting `monday`. */
export function workWeek(monday: IsoDate): IsoDate[] {
  return [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Noon UTC of the date: a Date that is that same calendar day in Paris, for display. */
export function displayDate(date: IsoDate): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** `2026-12-07AM` → `{ date: '2026-12-07', period: 'AM' }` (rotation half-day keys). */
export function splitHalfDay(key: string): {
  date: IsoDate;
  period: 'AM' | 'PM';
} {
  return {
    date: key.slice(0, 10),
    period: key.slice(10) === 'PM' ? 'PM' : 'AM',
  };
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && fromUtc(toUtc(value)) === value;
}

/**
 * The Monday of the week the planning opens on: this week from Monday to Friday, the coming
 * week on a Saturday or Sunday (the week just ended is over: nothing left to plan or see).
 */
export function planningMonday(today: IsoDate): IsoDate {
  const monday = mondayOf(today);
  return isoWeekday(today) >= 6 ? addDays(monday, 7) : monday;
}
