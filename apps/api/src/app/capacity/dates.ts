import { registerDecorator, ValidationOptions } from 'class-validator';
import { addDays as addDaysIso, daysBetween, isIsoDate } from '@telework/planning';
import { badRequest } from '../common/validation';

export { addDaysIso, daysBetween };

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

/** `to` ≥ `from` and at most `maxDays` days long (both inclusive), or a 400 naming `to`. */
export function checkRange(from: string, to: string, maxDays: number): void {
  if (to < from) throw badRequest([{ field: 'to', message: `must be on or after from (${from})` }]);
  if (daysBetween(from, to) + 1 > maxDays) {
    throw badRequest([{ field: 'to', message: `the range may cover at most ${maxDays} days` }]);
  }
}

