import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CodedMessage } from '@telework/contracts';
import { queryReturning } from '@telework/persistence';
import { EngineJobRecord, EngineJobRunnerKind, EngineJobStatus } from './engine-job';

const RECORD_COLUMNS = `
  id, kind, status, progress_pct AS "progressPct", stage, time_limit_ms AS "timeLimitMs",
  cancel_requested AS "cancelRequested", runner, problem, created_by AS "createdBy",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt"`;

/** How long a job's input and result are kept; the row itself stays as the record. */
export const ENGINE_JOB_PAYLOAD_DAYS = 14;

/** The rows of `engine_jobs`: one per piece of engine work, whichever process runs it. */
export class EngineJobStore {
  constructor(private readonly dataSource: DataSource) {}

  /** A new QUEUED job; false when the id is already taken (a client-chosen id used twice). */
  async create(job: {
    id?: string; kind: string; timeLimitMs: number; runner: EngineJobRunnerKind; createdBy: string | null; inputGz?: Uint8Array | null;
  }): Promise<string | null> {
    const id = job.id ?? randomUUID();
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO engine_jobs (id, kind, time_limit_ms, runner, created_by, input_gz)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, job.kind, job.timeLimitMs, job.runner, job.createdBy, job.inputGz ? Buffer.from(job.inputGz) : null],
    );
    return rows.length > 0 ? id : null;
  }

  /** QUEUED → RUNNING; false when the job was cancelled (or taken) meanwhile. */
  async start(id: string): Promise<boolean> {
    const rows = await queryReturning(this.dataSource,
      `UPDATE engine_jobs SET status = 'RUNNING', started_at = now(), stage = 'start'
       WHERE id = $1 AND status = 'QUEUED' AND NOT cancel_requested RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async progress(id: string, pct: number, stage: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE engine_jobs SET progress_pct = $2, stage = $3 WHERE id = $1 AND status = 'RUNNING'`,
      [id, Math.max(0, Math.min(100, Math.round(pct))), stage],
    );
  }

  /** Ends a job once (a later call changes nothing): its outcome, and what to keep of it. */
  async finish(id: string, status: EngineJobStatus, kept: { inputGz?: Uint8Array | null; resultGz?: Uint8Array | null; problem?: CodedMessage | null }): Promise<boolean> {
    const rows = await queryReturning(this.dataSource,
      `UPDATE engine_jobs
       SET status = $2, finished_at = now(), progress_pct = CASE WHEN $2 = 'DONE' THEN 100 ELSE progress_pct END,
           stage = CASE WHEN $2 = 'DONE' THEN 'done' ELSE stage END,
           input_gz = coalesce($3, input_gz), result_gz = $4, problem = $5
       WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING id`,
      [id, status, kept.inputGz ? Buffer.from(kept.inputGz) : null, kept.resultGz ? Buffer.from(kept.resultGz) : null,
        kept.problem ? JSON.stringify(kept.problem) : null],
    );
    return rows.length > 0;
  }

  /** Asks a live job to stop; answers the job as it is now (null when unknown). */
  async requestCancel(id: string): Promise<EngineJobRecord | null> {
    await this.dataSource.query(
      `UPDATE engine_jobs SET cancel_requested = true WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [id],
    );
    return this.get(id);
  }

  async get(id: string): Promise<EngineJobRecord | null> {
    const [row] = await this.dataSource.query(`SELECT ${RECORD_COLUMNS} FROM engine_jobs WHERE id = $1`, [id]);
    return row ? { ...row, problem: parseJson(row.problem) } : null;
  }

  async list(options: { createdBy?: string; limit: number; offset: number }): Promise<{ items: EngineJobRecord[]; total: number }> {
    const where = options.createdBy ? 'WHERE created_by = $3' : '';
    const params: unknown[] = [options.limit, options.offset, ...(options.createdBy ? [options.createdBy] : [])];
    const items = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM engine_jobs ${where} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, params,
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM engine_jobs ${options.createdBy ? 'WHERE created_by = $1' : ''}`,
      options.createdBy ? [options.createdBy] : [],
    );
    return { items: items.map((row: EngineJobRecord) => ({ ...row, problem: parseJson(row.problem) })), total };
  }

  async isCancelRequested(id: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT cancel_requested AS c FROM engine_jobs WHERE id = $1`, [id]);
    return !!row?.c;
  }

  async input(id: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(`SELECT input_gz FROM engine_jobs WHERE id = $1`, [id]);
    return row?.input_gz ?? null;
  }

  async result(id: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(`SELECT result_gz FROM engine_jobs WHERE id = $1`, [id]);
    return row?.result_gz ?? null;
  }

  /** Drops the payloads of jobs older than `days` (the rows stay: who ran what, when, how it ended). */
  async prunePayloads(days: number): Promise<number> {
    const rows = await queryReturning(this.dataSource,
      `UPDATE engine_jobs SET input_gz = NULL, result_gz = NULL
       WHERE created_at < now() - make_interval(days => $1) AND (input_gz IS NOT NULL OR result_gz IS NOT NULL) RETURNING id`,
      [days],
    );
    return rows.length;
  }

  /**
   * Housekeeping at a process's start: jobs left QUEUED or RUNNING by a process that died (older
   * than twice their time limit) are FAILED, and payloads older than ENGINE_JOB_PAYLOAD_DAYS go.
   */
  async tidy(): Promise<{ abandoned: number; pruned: number }> {
    return { abandoned: await this.failAbandoned(0), pruned: await this.prunePayloads(ENGINE_JOB_PAYLOAD_DAYS) };
  }

  /** Jobs left RUNNING or QUEUED by a process that died: failed, so no caller waits forever. */
  async failAbandoned(olderThanMs: number): Promise<number> {
    const rows = await queryReturning(this.dataSource,
      `UPDATE engine_jobs SET status = 'FAILED', finished_at = now(), problem = '{"code":"JOB_FAILED"}'::jsonb
       WHERE status IN ('QUEUED', 'RUNNING') AND created_at < now() - make_interval(secs => $1::double precision / 1000)
         AND created_at < now() - make_interval(secs => time_limit_ms::double precision / 1000 * 2) RETURNING id`,
      [olderThanMs],
    );
    return rows.length;
  }
}


function parseJson(value: unknown): CodedMessage | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? JSON.parse(value) : (value as CodedMessage);
}
