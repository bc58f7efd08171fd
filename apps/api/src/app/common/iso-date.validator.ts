import { ValidateBy, ValidationOptions } from 'class-validator';
import { recordText } from '@telework/contracts';
import { isIsoDate } from '@telework/planning';
import { fieldProblems } from './problems';

/**
 * The dates the API accepts anywhere (bodies, query strings, services): a real calendar date
 * written YYYY-MM-DD, between these bounds. 2026-02-30 is refused, and so is 0000-01-01, which
 * PostgreSQL itself refuses (there is no year 0), and years no plan will ever cover.
 */
export const MIN_API_DATE = '1900-01-01';
export const MAX_API_DATE = '2999-12-31';
/** The field check of a date the API refuses: code and bounds, as the console words it. */
export const API_DATE_CHECK = { code: 'NOT_A_DATE', min: MIN_API_DATE, max: MAX_API_DATE } as const;

/**
 * The verdicts of isApiDate on YYYY-MM-DD-long strings: requests check the same few dates over and
 * over, and isIsoDate (a date-fns parse and format) was ~4% of the CPU of a schedule read.
 */
const dateVerdicts = new Map<string, boolean>();
const MAX_DATE_VERDICTS = 10_000;

function inApiCalendar(value: string): boolean {
  return isIsoDate(value) && value >= MIN_API_DATE && value <= MAX_API_DATE;
}

/** The one date check of the API: every date read from a request goes through it. */
export function isApiDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value.length !== 10) return inApiCalendar(value);
  let verdict = dateVerdicts.get(value);
  if (verdict === undefined) {
    verdict = inApiCalendar(value);
    if (dateVerdicts.size >= MAX_DATE_VERDICTS) dateVerdicts.clear();
    dateVerdicts.set(value, verdict);
  }
  return verdict;
}

/** A required date, or a 400 naming `field` (REQUIRED, or NOT_A_DATE with the bounds). */
export function requireApiDate(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') throw fieldProblems([{ field, code: 'REQUIRED' }]);
  if (!isApiDate(value)) throw fieldProblems([{ field, ...API_DATE_CHECK }]);
  return value;
}

/** Decorator form of isApiDate: constraint `isIsoDate`, whose constraints are the bounds (the figures of NOT_A_DATE). */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      constraints: [MIN_API_DATE, MAX_API_DATE],
      validator: {
        validate: (value: unknown) => isApiDate(value),
        defaultMessage: () => recordText(API_DATE_CHECK),
      },
    },
    options,
  );
}
