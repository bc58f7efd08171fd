import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@telework/planning';
import { badRequest } from './validation';

/**
 * The dates the API accepts anywhere (bodies, query strings, services): a real calendar date
 * written YYYY-MM-DD, between these bounds. 2026-02-30 is refused, and so is 0000-01-01, which
 * PostgreSQL itself refuses (there is no year 0), and years no plan will ever cover.
 */
export const MIN_API_DATE = '1900-01-01';
export const MAX_API_DATE = '2999-12-31';
export const DATE_MESSAGE = `must be a date YYYY-MM-DD between ${MIN_API_DATE} and ${MAX_API_DATE}`;

/** The one date check of the API: every date read from a request goes through it. */
export function isApiDate(value: unknown): value is string {
  return typeof value === 'string' && isIsoDate(value) && value >= MIN_API_DATE && value <= MAX_API_DATE;
}

/** A required date, or a 400 naming `field`. */
export function requireApiDate(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') throw badRequest([{ field, message: 'is required (YYYY-MM-DD)' }]);
  if (!isApiDate(value)) throw badRequest([{ field, message: DATE_MESSAGE }]);
  return value;
}

/** Decorator form of isApiDate, message "must be a date YYYY-MM-DD between …". */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isApiDate(value),
        defaultMessage: () => DATE_MESSAGE,
      },
    },
    options,
  );
}
