import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { queryReturning } from '@telework/persistence';
import { planWithReport, PlanningSnapshot } from '@telework/planning';
import { publishedCoverage, readPlanningSnapshot } from '../snapshot.repository';
import { writePlan } from '../plan.writer';
import { addCalendarDays, freezeEnd } from './working-days';

export interface AllocationSettings {
  maxGroupSize: number;
  freezeWorkingDays: number;
  timeLimitMs: number;
}

export interface AllocationRunRow {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  horizon_from: string;
  horizon_to: string;
}

export type ProgressReporter = (progress: number, stage: string) => Promise<void> | void;

export class AllocationRunError extends Error {}

/** A live run of the same horizon exists already: the trigger joins it. */
export interface CreatedRun {
  id: string;
  created: boolean;
}

/**
 * Records a run, or returns the live one of the same horizon (a partial unique index makes
 * this safe under concurrent triggers): two triggers never run the same horizon twice at once.
 */
export async function createAllocationRun(
  dataSource: DataSource,
  trigger: 'SCHEDULE' | 'MANUAL',
  from: string,
  to: string,
  requestedBy: string | null,
): Promise<CreatedRun> {
  const inserted: { id: string }[] = await dataSource.query(
    `INSERT INTO allocation_runs (trigger, horizon_from, horizon_to, requested_by)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (horizon_from, horizon_to) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
     RETURNING id`,
    [trigger, from, to, requestedBy],
  );
  if (inserted.length > 0) return { id: inserted[0].id, created: true };
  const [live] = await dataSource.query(
    `SELECT id FROM allocation_runs WHERE horizon_from = $1 AND horizon_to = $2 AND status IN ('QUEUED', 'RUNNING')`,
    [from, to],
  );
  if (!live) return createAllocationRun(dataSource, trigger, from, to, requestedBy); // it just finished: try again
  return { id: live.id, created: false };
}

/**
 * One allocation run, idempotent: reads the snapshot of the horizon (published rotation,
 * approved requests), stores it with its hash, plans it with the engine, and writes the new
 * plan version, the request decisions, the notices and the run's outcome in ONE transaction.
 * A crash at any point leaves the previous plan; a retry of a finished run does nothing; a
 * retry of an interrupted one recomputes the same plan from the same inputs.
 */
export async function runAllocation(
  dataSource: DataSource,
  runId: string,
  settings: AllocationSettings,
  options: { today: string; onProgress?: ProgressReporter },
): Promise<{ status: 'SUCCEEDED' | 'SKIPPED'; planVersion?: number; changedAgents?: number }> {
  const report: ProgressReporter = async (progress, stage) => {
    await dataSource.query(`UPDATE allocation_runs SET progress = $2, stage = $3 WHERE id = $1 AND status = 'RUNNING'`, [runId, progress, stage]);
    await options.onProgress?.(progress, stage);
  };

  const [run] = await queryReturning<AllocationRunRow>(dataSource,
    `UPDATE allocation_runs SET status = 'RUNNING', started_at = now(), attempts = attempts + 1, progress = 0, stage = 'start', error = NULL
     WHERE id = $1 AND status IN ('QUEUED', 'RUNNING', 'FAILED')
     RETURNING id, status, to_char(horizon_from, 'YYYY-MM-DD') AS horizon_from, to_char(horizon_to, 'YYYY-MM-DD') AS horizon_to`,
    [runId],
  );
  if (!run) {
    const [existing] = await dataSource.query(`SELECT status FROM allocation_runs WHERE id = $1`, [runId]);
    if (!existing) throw new AllocationRunError(`allocation run ${runId} does not exist`);
    return { status: 'SKIPPED' }; // already SUCCEEDED: a retried job does nothing
  }

  try {
    const today = options.today;
    const keepBefore = freezeEnd(today, settings.freezeWorkingDays);
    const from = run.horizon_from > keepBefore ? run.horizon_from : keepBefore;
    const warnings: string[] = [];
    if (from > run.horizon_to) {
      throw new AllocationRunError(
        `nothing to plan: the horizon ${run.horizon_from} → ${run.horizon_to} lies inside the freeze window (until ${addCalendarDays(keepBefore, -1)})`,
      );
    }
    if (from > run.horizon_from) warnings.push(`half-days before ${from} are frozen and keep their published assignments`);
    const coverage = await publishedCoverage(dataSource.manager, from, run.horizon_to);
    if (!coverage) {
      throw new AllocationRunError(`no published rotation calendar covers ${from} → ${run.horizon_to}: publish one first`);
    }
    if (coverage.from > from || coverage.to < run.horizon_to) {
      warnings.push(`the published rotation covers only ${coverage.from} → ${coverage.to}; the run plans that span`);
    }
    await report(10, 'snapshot');
    const snapshot: PlanningSnapshot = await readPlanningSnapshot(dataSource.manager, {
      from: coverage.from,
      to: coverage.to,
      maxGroupSize: settings.maxGroupSize,
      rotation: { kind: 'published' },
    });
    const inputHash = createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
    await dataSource.query(`UPDATE allocation_runs SET input_snapshot = $2, input_hash = $3 WHERE id = $1`, [
      runId, JSON.stringify(snapshot), inputHash,
    ]);
    await report(30, 'plan');
    const started = Date.now();
    const { plan } = planWithReport(snapshot, { timeLimitMs: settings.timeLimitMs });
    const solveMs = Date.now() - started;
    await report(70, 'write');

    const result = await dataSource.transaction(async (manager) => {
      const written = await writePlan(manager, {
        snapshot, plan, kind: 'ALLOCATION', allocationRunId: runId, keepBefore: coverage.from, notify: true,
      });
      const metrics = { ...plan.metrics, solveMs, assignmentsWritten: written.assignmentsWritten };
      await manager.query(
        `UPDATE allocation_runs SET status = 'SUCCEEDED', progress = 100, stage = 'done', finished_at = clock_timestamp(),
                metrics = $2, warnings = $3, plan_version = $4, changed_agents = $5
         WHERE id = $1`,
        [runId, JSON.stringify(metrics), JSON.stringify([...warnings, ...(plan.warnings ?? [])]), written.version, written.changedAgentIds.length],
      );
      return written;
    });
    await options.onProgress?.(100, 'done');
    return { status: 'SUCCEEDED', planVersion: result.version, changedAgents: result.changedAgentIds.length };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await dataSource.query(
      `UPDATE allocation_runs SET status = 'FAILED', finished_at = now(), error = $2, stage = 'failed' WHERE id = $1`,
      [runId, message.slice(0, 4000)],
    );
    throw error;
  }
}
