import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import type { DataSource, EntityManager } from 'typeorm';
import type { CodedMessage } from '@telework/contracts';
import { queryReturning } from '@telework/persistence';

/** A run as the runner reads it when it starts: its horizon as dates. */
export interface AllocationRunRow {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  horizon_from: string;
  horizon_to: string;
  /** times the run has started, this one included */
  attempts: number;
}

/** A live run of the same horizon exists already: the trigger joins it. */
export interface CreatedRun {
  id: string;
  created: boolean;
}

/** What a succeeded run records besides its status. */
export interface RunOutcome {
  metrics: Record<string, unknown>;
  /** the English record wording of each coded warning, same order */
  warnings: string[];
  /** the run's warnings (RunWarning) then the plan's (PlanWarning) */
  codedWarnings: CodedMessage[];
  planVersion: number;
  changedAgents: number;
  /** the snapshot planned, as gzip-compressed JSON (the text its `inputHash` is the SHA-256 of) */
  inputSnapshotGz: Uint8Array;
  inputHash: string;
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
 * Records a CONTINUITY run of [from, to] for an event, in the caller's transaction: it replans
 * from today, inside the freeze window (ignore_freeze). When a run of the same horizon is live
 * already, it is joined and made to ignore the freeze window too (a RUNNING one reads that again
 * with its fresh data: the caller moves the planning data version in the same transaction).
 */
export async function createContinuityRun(
  manager: EntityManager,
  eventId: string,
  from: string,
  to: string,
  requestedBy: string | null,
): Promise<CreatedRun> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO allocation_runs (trigger, horizon_from, horizon_to, requested_by, continuity_event_id, ignore_freeze)
       VALUES ('CONTINUITY', $1, $2, $3, $4, true)
       ON CONFLICT (horizon_from, horizon_to) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
       RETURNING id`,
      [from, to, requestedBy, eventId],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true };
    const joined = await queryReturning<{ id: string }>(manager,
      `UPDATE allocation_runs SET ignore_freeze = true, continuity_event_id = coalesce(continuity_event_id, $3)
       WHERE horizon_from = $1 AND horizon_to = $2 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
      [from, to, eventId],
    );
    if (joined.length > 0) return { id: joined[0].id, created: false };
    // the live run just finished: record a new one
  }
  throw new Error(`could not record a continuity run of ${from} → ${to}: runs of that horizon kept finishing meanwhile`);
}

/** Whether a run replans inside the freeze window (a CONTINUITY run, or one that joined it). */
export async function allocationRunIgnoresFreeze(manager: Pick<EntityManager, 'query'>, runId: string): Promise<boolean> {
  const [run] = await manager.query(`SELECT ignore_freeze FROM allocation_runs WHERE id = $1`, [runId]);
  return run?.ignore_freeze === true;
}

/** Marks a run RUNNING (again, for a retry) unless it SUCCEEDED; the run, or undefined when it is not to run. */
export async function startAllocationRun(dataSource: DataSource, runId: string): Promise<AllocationRunRow | undefined> {
  const [run] = await queryReturning<AllocationRunRow>(dataSource,
    `UPDATE allocation_runs SET status = 'RUNNING', started_at = now(), attempts = attempts + 1, progress = 0, stage = 'start', error = NULL,
            error_code = NULL
     WHERE id = $1 AND status IN ('QUEUED', 'RUNNING', 'FAILED')
     RETURNING id, status, to_char(horizon_from, 'YYYY-MM-DD') AS horizon_from, to_char(horizon_to, 'YYYY-MM-DD') AS horizon_to, attempts`,
    [runId],
  );
  return run;
}

/** A run's status, or undefined when there is no such run. */
export async function findAllocationRunStatus(dataSource: DataSource, runId: string): Promise<AllocationRunRow['status'] | undefined> {
  const [existing] = await dataSource.query(`SELECT status FROM allocation_runs WHERE id = $1`, [runId]);
  return existing?.status;
}

/** A running run's progress (0-100) and stage; a run no longer RUNNING keeps its own. */
export async function reportAllocationRunProgress(dataSource: DataSource, runId: string, progress: number, stage: string): Promise<void> {
  await dataSource.query(`UPDATE allocation_runs SET progress = $2, stage = $3 WHERE id = $1 AND status = 'RUNNING'`, [runId, progress, stage]);
}

/** Records a run SUCCEEDED with its outcome, in the transaction that writes its plan. */
export async function recordAllocationRunSucceeded(manager: EntityManager, runId: string, outcome: RunOutcome): Promise<void> {
  await manager.query(
    `UPDATE allocation_runs SET status = 'SUCCEEDED', progress = 100, stage = 'done', finished_at = clock_timestamp(),
            metrics = $2, warnings = $3, coded_warnings = $8, plan_version = $4, changed_agents = $5, input_snapshot_gz = $6, input_hash = $7
     WHERE id = $1`,
    [runId, JSON.stringify(outcome.metrics), JSON.stringify(outcome.warnings), outcome.planVersion,
      outcome.changedAgents, Buffer.from(outcome.inputSnapshotGz), outcome.inputHash, JSON.stringify(outcome.codedWarnings)],
  );
}

const gunzip = promisify(gunzipCallback);

/**
 * The snapshot a run planned (to replay or audit it): undefined when there is no such run, null
 * when it stored none (yet). Kept compressed since 1765497600000; older runs kept it as jsonb.
 */
export async function readAllocationRunSnapshot(source: DataSource | EntityManager, runId: string): Promise<unknown> {
  const [run] = await source.query(`SELECT input_snapshot, input_snapshot_gz FROM allocation_runs WHERE id = $1`, [runId]);
  if (!run) return undefined;
  if (run.input_snapshot_gz) return JSON.parse((await gunzip(run.input_snapshot_gz)).toString('utf8'));
  return run.input_snapshot ?? null;
}

/**
 * Records a run FAILED with its error: coded (`code`, what the console words) and in English
 * (`message`, its first 4,000 characters, for logs).
 */
export async function recordAllocationRunFailed(dataSource: DataSource, runId: string, message: string, code: CodedMessage): Promise<void> {
  await dataSource.query(
    `UPDATE allocation_runs SET status = 'FAILED', finished_at = now(), error = $2, error_code = $3, stage = 'failed' WHERE id = $1`,
    [runId, message.slice(0, 4000), JSON.stringify(code)],
  );
}
