import { addDays as addDaysIso, daysBetween } from '@telework/planning';
import { fieldProblems } from '../common/problems';

export { addDaysIso, daysBetween };

/** `to` ≥ `from` and at most `maxDays` days long (both inclusive), or a 400 naming `to` with its code. */
export function checkRange(from: string, to: string, maxDays: number): void {
  if (to < from) throw fieldProblems([{ field: 'to', code: 'RANGE_END_BEFORE_START', from }]);
  const days = daysBetween(from, to) + 1;
  if (days > maxDays) throw fieldProblems([{ field: 'to', code: 'RANGE_TOO_LONG', max: maxDays, days }]);
}
