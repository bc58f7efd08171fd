import type { WhatIfOverrides } from '@telework/contracts';
import {
  capacityNeeded, formatCount, NormalisedSnapshot, Plan, planSnapshot, PlanningSnapshot, planWithReport, PlanReport,
  RotationConflictError, SnapshotValidationError, validateSnapshot,
} from '@telework/planning';
import type { FieldError } from '../common/validation';

/**
 * The CPU-heavy planning work of the API, as plain data in and out, so that it runs the same in
 * a worker thread (planning.worker.ts) or inline: what-if, licence sizing, rotation drafts,
 * edits and publications (rotationPlan), and allocation runs without Redis (allocationPlan).
 * No Nest, no database here.
 */
export type PlanningJob =
  | {
      kind: 'whatIf';
      snapshot: unknown;
      /** where the snapshot came from: the request body (its errors are 400s) or the database */
      origin: 'body' | 'database';
      overrides: WhatIfOverrides;
      timeLimitMs: number;
    }
  | { kind: 'licences'; snapshot: PlanningSnapshot; pool: string }
  /** a rotation draft, a cell edit's check or a publication: refusals name `field` */
  | { kind: 'rotationPlan'; snapshot: PlanningSnapshot; timeLimitMs: number; field: string }
  /** an allocation run's solve: failures are errors (the run fails and is retried) */
  | { kind: 'allocationPlan'; snapshot: PlanningSnapshot; timeLimitMs: number; rotationConflicts?: 'refuse' | 'keep-on-site' };

export type PlanningJobResult =
  | { ok: true; kind: 'whatIf'; metrics: Record<string, unknown>; warnings: string[] }
  | { ok: true; kind: 'licences'; capacity: number; lowerBound: number | null }
  | { ok: true; kind: 'rotationPlan'; plan: Plan; report: PlanReport }
  | { ok: true; kind: 'allocationPlan'; plan: Plan }
  | { ok: false; status: 400 | 409 | 422; message: string; errors: FieldError[] };

export function runPlanningJob(job: PlanningJob): PlanningJobResult {
  switch (job.kind) {
    case 'whatIf':
      return whatIf(job);
    case 'licences':
      return licences(job);
    case 'rotationPlan':
      return rotationPlan(job);
    case 'allocationPlan':
      return {
        ok: true, kind: 'allocationPlan',
        plan: planWithReport(job.snapshot, { timeLimitMs: job.timeLimitMs, rotationConflicts: job.rotationConflicts }).plan,
      };
  }
}

function rotationPlan(job: Extract<PlanningJob, { kind: 'rotationPlan' }>): PlanningJobResult {
  try {
    const { plan, report } = planWithReport(job.snapshot, { timeLimitMs: job.timeLimitMs, now: () => Date.now() });
    return { ok: true, kind: 'rotationPlan', plan, report };
  } catch (error) {
    if (error instanceof RotationConflictError) {
      return refused(400, 'the rotation breaks a hard rule', error.issues.slice(0, 50).map((message) => ({ field: job.field, message })));
    }
    if (error instanceof SnapshotValidationError) {
      return refused(400, 'the stored data does not make a valid planning snapshot',
        error.errors.slice(0, 50).map((e) => ({ field: 'data', message: `${e.path}: ${e.message}` })));
    }
    throw error;
  }
}

function whatIf(job: Extract<PlanningJob, { kind: 'whatIf' }>): PlanningJobResult {
  const valid = validateSnapshot(job.snapshot);
  if (!valid.ok) {
    const errors = valid.errors.map((e) => ({ field: `snapshot.${e.path}`, message: e.message }));
    return job.origin === 'body'
      ? refused(400, 'the snapshot is not a valid planning snapshot (schema v1)', errors)
      : refused(422, 'the stored data of this period does not make a valid planning snapshot', errors);
  }
  const applied = applyOverrides(valid.snapshot, job.overrides);
  if ('errors' in applied) return refused(400, 'the overrides do not fit the snapshot', applied.errors);
  try {
    const plan = planSnapshot(applied.snapshot, { timeLimitMs: job.timeLimitMs, now: () => Date.now() });
    return { ok: true, kind: 'whatIf', metrics: { ...plan.metrics }, warnings: plan.warnings ?? [] };
  } catch (error) {
    if (error instanceof SnapshotValidationError) {
      // the overrides made the snapshot impossible (e.g. reservations above a lowered cap)
      return refused(400, 'the snapshot with the overrides is not valid', error.errors.map((e) => ({
        field: `snapshot.${e.path}`, message: `with the overrides: ${e.message}`,
      })));
    }
    if (error instanceof RotationConflictError) {
      return refused(409, `the published rotation breaks a hard rule with these figures (${error.issues.length})`,
        error.issues.map((issue) => ({ field: 'snapshot.rotation', message: issue })));
    }
    throw error;
  }
}

/**
 * Pool overrides (by pool code) set a constant capacity over the horizon and/or the reserve;
 * weeklyMin / weeklyMax replace every eligible agent's.
 */
export function applyOverrides(
  base: NormalisedSnapshot,
  overrides: WhatIfOverrides,
): { snapshot: NormalisedSnapshot } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const pools = base.pools.map((pool) => ({ ...pool, capacityChanges: [...pool.capacityChanges] }));
  (overrides.pools ?? []).forEach((override, i) => {
    const pool = pools.find((p) => p.id === override.id);
    if (!pool) {
      errors.push({ field: `overrides.pools[${i}].id`, message: `no pool "${override.id}" in the snapshot (pools: ${pools.map((p) => p.id).join(', ')})` });
      return;
    }
    if (override.capacity !== undefined) {
      pool.capacity = override.capacity;
      pool.capacityChanges = [];
    }
    if (override.reserve !== undefined) pool.reserve = override.reserve;
    const smallest = Math.min(pool.capacity, ...pool.capacityChanges.map((c) => c.capacity));
    if (pool.reserve > smallest) {
      errors.push({
        field: `overrides.pools[${i}].${override.reserve !== undefined ? 'reserve' : 'capacity'}`,
        message: `the ${pool.id} reserve of ${formatCount(pool.reserve)} would be more than its capacity of ${formatCount(smallest)}`,
      });
    }
  });
  const { weeklyMin, weeklyMax } = overrides;
  const agents = base.agents.map((agent) =>
    agent.eligible
      ? { ...agent, weeklyMin: weeklyMin ?? agent.weeklyMin, weeklyMax: weeklyMax ?? agent.weeklyMax }
      : agent,
  );
  if (weeklyMin !== undefined || weeklyMax !== undefined) {
    const crossed = agents.filter((agent) => agent.eligible && agent.weeklyMin > agent.weeklyMax);
    if (crossed.length > 0) {
      const field = weeklyMin !== undefined && weeklyMax !== undefined ? 'overrides.weeklyMin'
        : weeklyMin !== undefined ? 'overrides.weeklyMin' : 'overrides.weeklyMax';
      const example = crossed[0];
      errors.push({
        field,
        message: `would put the weekly minimum above the weekly maximum of ${formatCount(crossed.length)} eligible agent(s) ` +
          `(e.g. ${example.id}: ${example.weeklyMin} > ${example.weeklyMax})`,
      });
    }
  }
  if (errors.length > 0) return { errors };
  return { snapshot: { ...base, pools, agents } };
}

function licences(job: Extract<PlanningJob, { kind: 'licences' }>): PlanningJobResult {
  try {
    const sized = capacityNeeded(job.snapshot, job.pool);
    return { ok: true, kind: 'licences', capacity: sized.capacity, lowerBound: sized.lowerBound ?? null };
  } catch (error) {
    if (error instanceof SnapshotValidationError) {
      return refused(422, 'the stored data of this period does not make a valid planning snapshot',
        error.errors.map((e) => ({ field: `snapshot.${e.path}`, message: e.message })));
    }
    throw error;
  }
}

function refused(status: 400 | 409 | 422, message: string, errors: FieldError[]): PlanningJobResult {
  return { ok: false, status, message, errors };
}
