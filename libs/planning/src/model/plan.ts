/** Plan, version 1 (schemas/plan.schema.json) or 2 (schemas/plan.v2.schema.json: a v2 snapshot's plan, with continuity events). */
import type { NoWorkplaceWhy, PlanWarning, Refusal } from '@telework/contracts';
import type { Period } from './snapshot';

/** N (v2 only): without a workplace during a continuity event */
export type ModeLetter = 'R' | 'S' | 'O' | 'N';
export type PlanRequestStatus = 'GRANTED' | 'REFUSED' | 'IGNORED';

export interface PlanAgent {
  id: string;
  /** one letter per entry of `Plan.halfDays`: R remote, S on site, O off, N no workplace (v2) */
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
  /** v2: agent-half-days without a workplace during continuity events */
  noWorkplace?: number;
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

/** An agent-half-day without a workplace (mode N) during a continuity event, and why. */
export interface NoWorkplaceEntry {
  agentId: string;
  date: string;
  period: Period;
  eventId: string;
  /** the record wording, `recordText(why)` */
  reason: string;
  why: NoWorkplaceWhy;
}

/** What a continuity event did to the plan: agent-half-days by mode over its half-days. */
export interface EventOutcome {
  id: string;
  /** working half-days of the horizon inside the event */
  halfDays: number;
  onSite: number;
  remote: number;
  noWorkplace: number;
  /** distinct agents without a workplace at least once */
  agentsWithoutWorkplace: number;
}

export interface Plan {
  version: 1 | 2;
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
  /** v2: every N of `agents[].modes`, in agent then time order */
  noWorkplace?: NoWorkplaceEntry[];
  /** v2: one per continuity event of the snapshot that meets the horizon */
  events?: EventOutcome[];
}
