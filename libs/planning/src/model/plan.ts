/** Plan, version 1 — mirrors schemas/plan.schema.json. */
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
  reason?: string;
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

export interface Plan {
  version: 1;
  /** e.g. "2026-12-07AM", in time order */
  halfDays: string[];
  rotation: { groupId: string; date: string; period: Period }[];
  agents: PlanAgent[];
  requests: PlanRequest[];
  metrics: PlanMetrics;
  warnings?: string[];
}
