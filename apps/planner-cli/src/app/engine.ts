/**
 * The engine functions the CLI calls, in one place (tests and the bench reach them the same way).
 */
import {
  type IntegerBoundOptions, type MipSolver,
  bounds, capacityNeeded, checkPlan, continuityOverflows, noWorkplaceLowerBound, planFirstComeFirstServed, planSnapshot, planWithReport,
  validateSnapshot,
} from '@telework/planning';

const ENGINE = {
  validateSnapshot, planSnapshot, planWithReport, checkPlan, capacityNeeded, bounds, planFirstComeFirstServed, noWorkplaceLowerBound,
  continuityOverflows,
};

export type Engine = typeof ENGINE;

export function engine<K extends keyof Engine>(name: K): Engine[K] {
  return ENGINE[name];
}

/** The whole-group bound's search for a budget of `seconds`: at most 20 s per solver call. */
export function integerBoundOptions(solver: MipSolver, seconds: number, now: () => number): IntegerBoundOptions {
  return { solver, timeLimitSec: Math.min(20, seconds), budgetSec: seconds, now };
}
