import { addDays, daysBetween } from '@telework/planning';
import type { FieldCheckInput } from '../common/problems';
import { fieldProblems } from '../common/problems';
import { API_DATE_CHECK, isApiDate } from '../common/iso-date.validator';

export { addDays, daysBetween };

/** Longest range a schedule read may cover (a quarter). */
export const MAX_SCHEDULE_DAYS = 92;

/** A required date's check: null when `value` is a date the API accepts. */
function dateCheck(field: string, value: unknown): FieldCheckInput | null {
  if (value === undefined || value === '') return { field, code: 'REQUIRED' };
  if (!isApiDate(value)) return { field, ...API_DATE_CHECK };
  return null;
}

/**
 * Checks `from`/`to` query values: both real YYYY-MM-DD dates, `to` ≥ `from`, at most `maxDays`
 * days (inclusive). Throws one 400 naming every wrong field, each with its code.
 */
export function checkDateRange(from: unknown, to: unknown, maxDays: number): { from: string; to: string } {
  const errors = [dateCheck('from', from), dateCheck('to', to)].filter((e): e is FieldCheckInput => e !== null);
  if (errors.length === 0) {
    const [first, last] = [from as string, to as string];
    const days = daysBetween(first, last) + 1;
    if (last < first) errors.push({ field: 'to', code: 'RANGE_END_BEFORE_START', from: first });
    else if (days > maxDays) errors.push({ field: 'to', code: 'RANGE_TOO_LONG', max: maxDays, days });
  }
  if (errors.length) throw fieldProblems(errors);
  return { from: from as string, to: to as string };
}

export function checkDate(field: string, value: unknown): string {
  const error = dateCheck(field, value);
  if (error) throw fieldProblems([error]);
  return value as string;
}
