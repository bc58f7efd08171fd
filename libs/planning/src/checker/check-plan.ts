import type { PlanWarning } from '@telework/contracts';
import { Plan, PlanMetrics } from '../model/plan';
import { PlanningSnapshot } from '../model/snapshot';
import { NormalisedSnapshot } from '../validation/normalised-snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { buildCheckContext } from './check-context';
import { cohesionRule } from './cohesion.rule';
import { continuityRule } from './continuity.rule';
import { ineligibleRule } from './ineligible.rule';
import { keptOnSiteRule } from './kept-on-site.rule';
import { recomputeMetrics } from './metrics';
import { metricsRule } from './metrics.rule';
import { offHalfDaysRule } from './off-half-days.rule';
import { planShapeRule } from './plan-shape.rule';
import { poolCapRule } from './pool-cap.rule';
import { poolReserveRule } from './pool-reserve.rule';
import { refusalJustifiedRule } from './refusal-justified.rule';
import { requestStatusRule } from './request-status.rule';
import { rotationKeptRule } from './rotation-kept.rule';
import { CheckRule, Violation } from './rule';
import { weeklyMaxRule } from './weekly-max.rule';

/** Every hard rule of DESIGN.md, plus the plan's shape and metrics. */
export const CHECK_RULES: readonly CheckRule[] = [
  planShapeRule,
  rotationKeptRule,
  offHalfDaysRule,
  ineligibleRule,
  poolCapRule,
  poolReserveRule,
  weeklyMaxRule,
  cohesionRule,
  keptOnSiteRule,
  continuityRule,
  requestStatusRule,
  refusalJustifiedRule,
  metricsRule,
];

export interface CheckResult {
  violations: Violation[];
  /** recomputed from the plan (solveMs copied) */
  metrics: PlanMetrics;
  /** soft rules not met (site overflows, weekly-min shortfalls), with figures, as data */
  codedWarnings: PlanWarning[];
  /** their record wording, `recordText(codedWarnings[i])` */
  warnings: string[];
}

/**
 * Verifies every hard rule on a plan and recomputes its metrics, from the snapshot and the plan
 * only. An invalid snapshot gives one `snapshot` violation per bad path.
 */
export function checkPlan(snapshot: PlanningSnapshot | NormalisedSnapshot, plan: Plan): CheckResult {
  const valid = validateSnapshot(snapshot);
  if (!valid.ok) {
    return {
      violations: valid.errors.map((e) => ({ rule: 'snapshot', message: `${e.path}: ${e.message}` })),
      metrics: emptyMetrics(),
      codedWarnings: [],
      warnings: [],
    };
  }
  const ctx = buildCheckContext(valid.snapshot, plan);
  const violations = CHECK_RULES.flatMap((rule) => rule.check(ctx));
  const recomputed = recomputeMetrics(ctx);
  return { violations, metrics: recomputed.metrics, codedWarnings: recomputed.codedWarnings, warnings: recomputed.warnings };
}

function emptyMetrics(): PlanMetrics {
  return {
    pools: {},
    requestsGranted: 0,
    requestsRefused: 0,
    weeklyMinShortfalls: 0,
    siteOverflows: 0,
    busiestHalfDay: { halfDay: '', remote: 0 },
    solveMs: 0,
  };
}
