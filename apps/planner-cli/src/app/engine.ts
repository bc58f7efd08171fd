/**
 * The engine functions the CLI calls, in one place (tests and the bench reach them the same way).
 */
import {
  bounds, capacityNeeded, checkPlan, planFirstComeFirstServed, planSnapshot, planWithReport, validateSnapshot,
} from '@telework/planning';

const ENGINE = { validateSnapshot, planSnapshot, planWithReport, checkPlan, capacityNeeded, bounds, planFirstComeFirstServed };

export type Engine = typeof ENGINE;

export function engine<K extends keyof Engine>(name: K): Engine[K] {
  return ENGINE[name];
}
