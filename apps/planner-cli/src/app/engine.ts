/**
 * The engine functions the CLI calls, looked up on `@telework/planning` by name: the engine
 * is written in parallel with this CLI, and a missing export gives a clear message instead
 * of a build failure. Signatures are the ones agreed for libs/planning/src/index.ts.
 */
import * as planning from '@telework/planning';
import type { Plan, PlanningSnapshot, RotationCell } from '@telework/planning';
import { CliError } from './io';

export interface ValidationError { path: string; message: string; }
export interface Violation { rule: string; message: string; path?: string; }

export interface Engine {
  validateSnapshot(input: unknown): { ok: true; snapshot: PlanningSnapshot } | { ok: false; errors: ValidationError[] };
  planSnapshot(
    snapshot: PlanningSnapshot,
    options?: { now?: () => number; timeLimitMs?: number; onProgress?: (pct: number, stage: string) => void },
  ): Plan;
  checkPlan(snapshot: PlanningSnapshot, plan: Plan): { violations: Violation[]; metrics: Plan['metrics']; warnings: string[] };
  capacityNeeded(
    snapshot: PlanningSnapshot,
    poolId: string,
    options?: { now?: () => number; timeLimitMs?: number },
  ): { poolId: string; capacity: number; plan: Plan; lowerBound?: number };
  bounds(
    snapshot: PlanningSnapshot,
    rotation?: RotationCell[],
  ): { busiestHalfDayLowerBound: number; maxGrantsForRotation: number; weeklyMinShortfallsLowerBound: number };
  planFirstComeFirstServed(snapshot: PlanningSnapshot, options?: { now?: () => number }): Plan;
}

const lib = planning as unknown as Partial<Engine>;

export function engine<K extends keyof Engine>(name: K): Engine[K] {
  const fn = lib[name];
  if (typeof fn !== 'function') throw new CliError(`@telework/planning does not export ${name}() (yet): rebuild after the engine is merged`, 3);
  return fn as Engine[K];
}
