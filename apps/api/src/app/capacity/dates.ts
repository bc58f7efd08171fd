import { addDays as addDaysIso, daysBetween } from '@telework/planning';
import { badRequest } from '../common/validation';

export { addDaysIso, daysBetween };

/** `to` ≥ `from` and at most `maxDays` days long (both inclusive), or a 400 naming `to`. */
export function checkRange(from: string, to: string, maxDays: number): void {
  if (to < from) throw badRequest([{ field: 'to', message: `must be on or after from (${from})` }]);
  if (daysBetween(from, to) + 1 > maxDays) {
    throw badRequest([{ field: 'to', message: `the range may cover at most ${maxDays} days` }]);
  }
}

