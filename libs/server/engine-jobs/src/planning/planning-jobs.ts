import type { CapacityProblem, CodedMessage, WhatIfOverrides } from '@telework/contracts';
import {
  capacityNeeded, continuityImpact, ContinuityImpactResult, generateScenario, NormalisedSnapshot, Plan, planSnapshot, PlanningSnapshot, planWithReport,
  PlanReport, RotationConflictError, SnapshotValidationError, UnknownContinuityEventError, ValidationError, validateSnapshot,
} from '@telework/planning';
import type { ProgressReporter } from '../engine-job';

/** A finding about one field of the input: its JSON path, its code and figures. */
export type FieldCheckInput = CodedMessage & { field: string; message?: string };

/**
 * The engine jobs of planning, as plain data in and out: what-if, licence sizing, rotation
 * drafts, cell checks and publications (rotationPlan), allocation solves (allocationPlan). They
 * run in a worker thread of the API or of the worker (thread-entry.ts), never on an event loop.
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
  | { kind: 'allocationPlan'; snapshot: PlanningSnapshot; timeLimitMs: number; rotationConflicts?: 'refuse' | 'keep-on-site' }
  /** a continuity event's impact preview: its weeks planned with and without it (the snapshot has it as if active) */
  | { kind: 'continuityImpact'; snapshot: PlanningSnapshot; eventId: string; timeLimitMs: number }
  /** a thread's warm-up at start-up (no row, no caller waiting): see warmUp */
  | { kind: 'warmUp' };

export type PlanningJobResult =
  | { ok: true; kind: 'whatIf'; metrics: Record<string, unknown>; warnings: string[] }
  | { ok: true; kind: 'licences'; capacity: number; lowerBound: number | null }
  | { ok: true; kind: 'rotationPlan'; plan: Plan; report: PlanReport }
  | { ok: true; kind: 'allocationPlan'; plan: Plan }
  | { ok: true; kind: 'continuityImpact'; impact: ContinuityImpactResult }
  | { ok: true; kind: 'warmUp'; agents: number }
  /**
   * A refusal as data: `problem` is the answer's code and figures (INVALID_FIELDS when only
   * fields are wrong), `errors` one coded entry per finding (the fields, the engine's checks).
   */
  | { ok: false; status: 400 | 409 | 422; problem: CapacityProblem | { code: 'INVALID_FIELDS' }; errors: FieldCheckInput[] };

/** At most this many findings are sent back (the count says how many there are). */
const MAX_FINDINGS = 50;

/**
 * The engine's validation errors, each an entry naming its JSON path under `prefix`, with the
 * error's code and figures (a `SnapshotProblem` of libs/contracts; the message is its record wording).
 */
function validationFindings(errors: ValidationError[], prefix: string): FieldCheckInput[] {
  return errors.slice(0, MAX_FINDINGS).map(({ path, ...problem }) => ({ ...problem, field: `${prefix}${path}` }));
}

/** What a kept rotation breaks by itself, one entry per conflict: its code and figures (a `RotationConflict`). */
function conflictFindings(error: RotationConflictError, field: string): FieldCheckInput[] {
  return error.conflicts.slice(0, MAX_FINDINGS).map((conflict) => ({ field, ...conflict }));
}

export function runPlanningJob(job: PlanningJob, progress: ProgressReporter = () => undefined): PlanningJobResult {
  switch (job.kind) {
    case 'whatIf':
      return whatIf(job, progress);
    case 'licences':
      return licences(job, progress);
    case 'rotationPlan':
      return rotationPlan(job, progress);
    case 'continuityImpact':
      return impact(job, progress);
    case 'warmUp':
      return warmUp();
    case 'allocationPlan':
      return {
        ok: true, kind: 'allocationPlan',
        plan: planWithReport(job.snapshot, { timeLimitMs: job.timeLimitMs, rotationConflicts: job.rotationConflicts, onProgress: progress }).plan,
      };
  }
}

/**
 * Loads the engine in this thread and warms its JIT on the paths a nightly run takes: a generated
 * département (5,000 agents) has its rotation searched, then is planned with that rotation
 * published, as an allocation run plans. A fresh thread planned a département's run in ~0.7 s
 * against ~0.25 s once warm.
 */
function warmUp(): PlanningJobResult {
  const { snapshot } = generateScenario('departement', 1);
  const drafted = planWithReport(snapshot, { timeLimitMs: 1_000 }).plan;
  planWithReport({ ...snapshot, rotation: drafted.rotation }, { timeLimitMs: 1_000, rotationConflicts: 'keep-on-site' });
  return { ok: true, kind: 'warmUp', agents: snapshot.agents.length };
}

function rotationPlan(job: Extract<PlanningJob, { kind: 'rotationPlan' }>, progress: ProgressReporter): PlanningJobResult {
  try {
    const { plan, report } = planWithReport(job.snapshot, { timeLimitMs: job.timeLimitMs, now: () => Date.now(), onProgress: progress });
    return { ok: true, kind: 'rotationPlan', plan, report };
  } catch (error) {
    if (error instanceof RotationConflictError) {
      return refused(400, { code: 'ROTATION_BREAKS_RULES', count: error.conflicts.length }, conflictFindings(error, job.field));
    }
    if (error instanceof SnapshotValidationError) {
      return refused(400, { code: 'STORED_DATA_INVALID', count: error.errors.length }, validationFindings(error.errors, 'data.'));
    }
    throw error;
  }
}

/**
 * A continuity event's impact: the engine's continuityImpact on its weeks. A published rotation
 * that breaks a rule by itself (a cap cut since) is planned around as allocation runs do: the
 * preview shows what a run would do. Stored data the engine refuses is a 422.
 */
function impact(job: Extract<PlanningJob, { kind: 'continuityImpact' }>, progress: ProgressReporter): PlanningJobResult {
  try {
    const result = continuityImpact(job.snapshot, job.eventId, {
      timeLimitMs: job.timeLimitMs, now: () => Date.now(), onProgress: progress, rotationConflicts: 'keep-on-site',
    });
    return { ok: true, kind: 'continuityImpact', impact: result };
  } catch (error) {
    if (error instanceof SnapshotValidationError) {
      return refused(422, { code: 'STORED_DATA_INVALID', count: error.errors.length }, validationFindings(error.errors, 'snapshot.'));
    }
    if (error instanceof UnknownContinuityEventError) {
      // the snapshot read for the preview always has the event: its absence is the stored data's doing (e.g. deleted meanwhile)
      return refused(422, { code: 'STORED_DATA_INVALID', count: 1 }, [{ field: 'snapshot.events', code: 'UNKNOWN_REFERENCE' }]);
    }
    throw error;
  }
}

function whatIf(job: Extract<PlanningJob, { kind: 'whatIf' }>, progress: ProgressReporter): PlanningJobResult {
  const valid = validateSnapshot(job.snapshot);
  if (!valid.ok) {
    const errors = validationFindings(valid.errors, 'snapshot.');
    return job.origin === 'body'
      ? refused(400, { code: 'SNAPSHOT_INVALID', count: valid.errors.length }, errors)
      : refused(422, { code: 'STORED_DATA_INVALID', count: valid.errors.length }, errors);
  }
  const applied = applyOverrides(valid.snapshot, job.overrides);
  if ('errors' in applied) return refused(400, { code: 'INVALID_FIELDS' }, applied.errors);
  try {
    const plan = planSnapshot(applied.snapshot, { timeLimitMs: job.timeLimitMs, now: () => Date.now(), onProgress: progress });
    return { ok: true, kind: 'whatIf', metrics: { ...plan.metrics }, warnings: plan.warnings ?? [] };
  } catch (error) {
    if (error instanceof SnapshotValidationError) {
      // the overrides made the snapshot impossible (e.g. reservations above a lowered cap)
      return refused(400, { code: 'OVERRIDES_MAKE_SNAPSHOT_INVALID', count: error.errors.length }, validationFindings(error.errors, 'snapshot.'));
    }
    if (error instanceof RotationConflictError) {
      return refused(409, { code: 'ROTATION_BREAKS_RULES', count: error.conflicts.length, published: true }, conflictFindings(error, 'snapshot.rotation'));
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
): { snapshot: NormalisedSnapshot } | { errors: FieldCheckInput[] } {
  const errors: FieldCheckInput[] = [];
  const pools = base.pools.map((pool) => ({ ...pool, capacityChanges: [...pool.capacityChanges] }));
  (overrides.pools ?? []).forEach((override, i) => {
    const pool = pools.find((p) => p.id === override.id);
    if (!pool) {
      errors.push({ field: `overrides.pools[${i}].id`, code: 'NOT_ALLOWED', value: override.id, allowed: pools.map((p) => p.id) });
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
        code: 'RESERVE_ABOVE_CAPACITY', pool: pool.id, reserve: pool.reserve, capacity: smallest,
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
      const [example] = crossed;
      errors.push({
        field: weeklyMin !== undefined ? 'overrides.weeklyMin' : 'overrides.weeklyMax',
        code: 'WEEKLY_MIN_ABOVE_MAX', weeklyMin: example.weeklyMin, weeklyMax: example.weeklyMax,
        // how many eligible agents it crosses, and the first of them
        agents: crossed.length, agent: example.id,
      });
    }
  }
  if (errors.length > 0) return { errors };
  return { snapshot: { ...base, pools, agents } };
}

function licences(job: Extract<PlanningJob, { kind: 'licences' }>, progress: ProgressReporter): PlanningJobResult {
  try {
    progress(0, 'sizing');
    const sized = capacityNeeded(job.snapshot, job.pool);
    return { ok: true, kind: 'licences', capacity: sized.capacity, lowerBound: sized.lowerBound ?? null };
  } catch (error) {
    if (error instanceof SnapshotValidationError) {
      return refused(422, { code: 'STORED_DATA_INVALID', count: error.errors.length }, validationFindings(error.errors, 'snapshot.'));
    }
    throw error;
  }
}

function refused(
  status: 400 | 409 | 422,
  problem: Extract<PlanningJobResult, { ok: false }>['problem'],
  errors: FieldCheckInput[],
): PlanningJobResult {
  return { ok: false, status, problem, errors };
}
