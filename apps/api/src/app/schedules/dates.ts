import { addDays, daysBetween } from '@telework/planning';
import { DATE_MESSAGE, isApiDate } from '../common/iso-date.validator';

export { addDays, daysBetween };
import { badRequest, FieldError } from '../common/validation';

/** Longest range a schedule read may cover (a quarter). */
export const MAX_SCHEDULE_DAYS = 92;

/**
 * Checks `from`/`to` query values: both real YYYY-MM-DD dates, `to` ≥ `from`, at most `maxDays`
 * days (inclusive). Throws one 400 naming every wrong field.
 */
export function checkDateRange(from: unknown, to: unknown, maxDays: number): { from: string; to: string } {
  const errors: FieldError[] = [];
  const ok = (name: string, value: unknown): value is string => {
    if (value === undefined || value === '') {
      errors.push({ field: name, message: 'is required (YYYY-MM-DD)' });
      return false;
    }
    if (!isApiDate(value)) {
      errors.push({ field: name, message: DATE_MESSAGE });
      return false;
    }
    return true;
  };
  const fromOk = ok('from', from);
  const toOk = ok('to', to);
  if (fromOk && toOk) {
    if (to < from) errors.push({ field: 'to', message: `must be on or after from (${from})` });
    else if (daysBetween(from, to) + 1 > maxDays) errors.push({ field: 'to', message: `the range may cover at most ${maxDays} days` });
  }
  if (errors.length) throw badRequest(errors);
  return { from: from as string, to: to as string };
}

export function checkDate(field: string, value: unknown): string {
  if (value === undefined || value === '') throw badRequest([{ field, message: 'is required (YYYY-MM-DD)' }]);
  if (!isApiDate(value)) throw badRequest([{ field, message: DATE_MESSAGE }]);
  return value;
}
