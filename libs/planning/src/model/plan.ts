/** Plan, version 1 — mirrors schemas/plan.schema.json. */
import type { PlanWarning, Refusal } from '@telework/contracts';
import type { Period } from './snapshot';

export type ModeLetter = 'R' | 'S' | 'O';
export type PlanRequestStatus = 'GRANTED' | 'REFUSED' | 'IGNORED';

export interface PlanAgent {
  id: string;
  /** one letter per entry of `Plan.halfDays`: R remote, S on site, O off */
  modes: string;
}

export interface PlanRequest {
  id: string;
  status: PlanRequestStatus;
  /** REFUSED only: the refusal's record wording, `recordText(refusal)` */
  reason?: string;
  /** REFUSED only: why, as data (`{ code, ...figures }` of libs/contracts); absent from plans written before it */
  refusal?: Refusal;
}

export interface PoolPeak {
  peak: number;
  capacityAtPeak: number;
}

export interface PlanMetrics {
  pools: Record<string, PoolPeak>;
  requestsGranted: number;
  requestsRefused: number;
  weeklyMinShortfalls: number;
  siteOverflows: number;
  busiestHalfDay: { halfDay: string; remote: number };
  solveMs: number;
}

/**
 * An agent kept on site on a half-day its group is remote by a GIVEN rotation, because the
 * rotation itself breaks a hard rule there (a pool cap or reserve cut below what the rotation
 * needs, a weekly max lowered below it). Only plans made with `rotationConflicts:
 * 'keep-on-site'` have them; the checker verifies each is needed (see checker/kept-on-site.rule.ts).
 */
export interface KeptOnSite {
  agentId: string;
  date: string;
  period: Period;
  /** `pool`: the pool × half-day is over its cap or its STANDARD share; `weekly-max`: the agent's week is */
  rule: 'pool' | 'weekly-max';
}

export interface Plan {
  version: 1;
  /** e.g. "2026-12-07AM", in time order */
  halfDays: string[];
  rotation: { groupId: string; date: string; period: Period }[];
  agents: PlanAgent[];
  requests: PlanRequest[];
  metrics: PlanMetrics;
  /** present (non-empty) only when a given rotation broke a hard rule and was planned around */
  keptOnSite?: KeptOnSite[];
  /** what could not be met, with figures: the record wording of each `codedWarnings` entry, same order */
  warnings?: string[];
  /**
   * the warnings as data (`{ code, ...figures }` of libs/contracts: SITE_OVERFLOW, KEPT_ON_SITE_POOL…),
   * `warnings[i] === recordText(codedWarnings[i])`; absent from plans written before it
   */
  codedWarnings?: PlanWarning[];
}
