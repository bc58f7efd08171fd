import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@telework/planning';
import { badRequest } from '../common/validation';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
  };
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (calendar dates, no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `to` ≥ `from` and at most `maxDays` days long (both inclusive), or a 400 naming `to`. */
export function checkRange(from: string, to: string, maxDays: number): void {
  if (to < from) throw badRequest([{ field: 'to', message: `must be on or after from (${from})` }]);
  if (daysBetween(from, to) + 1 > maxDays) {
    throw badRequest([{ field: 'to', message: `the range may cover at most ${maxDays} days` }]);
  }
}

/** Today's calendar date in Europe/Paris. */
export function parisToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The Monday after `today` (a Monday gives the following one). */
export function nextMonday(today: string): string {
  const isoDay = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1; // 1 = Monday … 7 = Sunday
  return addDaysIso(today, 8 - isoDay);
}
