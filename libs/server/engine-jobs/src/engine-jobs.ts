import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import { promisify } from 'node:util';
import type { Queue } from 'bullmq';
import {
  EngineJobError, EngineJobRecord, EngineJobRunnerKind, EngineJobStatus, FINISHED_STATUSES, isRefusedResult, KeptPayloads, ThreadAnswer,
} from './engine-job';
import { EngineJobStore } from './engine-job.store';
import { EngineThreadPool } from './thread-pool';

const gzip = promisify(gzipCallback);
const gunzip = promisify(gunzipCallback);

/** The BullMQ queue of engine jobs; its jobs carry only the job id, the input is in the row. */
export const ENGINE_JOBS_QUEUE = 'engine-jobs';
export const ENGINE_JOB_NAME = 'engine.job';

export interface EngineJobRequest {
  kind: string;
  input: unknown;
  timeLimitMs: number;
  /** a client may choose the id (a UUID) to follow the job's progress while it waits for the answer */
  jobId?: string;
  createdBy?: string | null;
  /**
   * false: the job's row keeps neither its compressed input nor its result (default true), for a
   * caller that records both itself. Threads only: a queued job's input and result travel in its row.
   */
  keepPayloads?: boolean;
  /**
   * Called once the job's thread has its input and works (its first progress message): the caller
   * may then use its own event loop for other work without holding the job up. Threads only.
   */
  onRunning?: () => void;
}

export interface EngineJobsOptions {
  store: EngineJobStore;
  /** without Redis: the API's own threads */
  pool?: EngineThreadPool;
  /** with Redis: the queue a worker process consumes */
  queue?: Queue;
  /** how often a caller waiting on a queued job looks at its row */
  pollMs?: number;
  /** extra time a queued job may wait for a worker before its caller gives up */
  queueGraceMs?: number;
}

/**
 * Runs engine work as stored jobs, the same way for every kind: a row is written (kind, who,
 * time limit), the work runs in a worker thread (here, without Redis) or in a worker process
 * (through BullMQ, with Redis), its progress is written to the row, it stops on cancellation or
 * when its time is up, and its input and result are kept compressed. `run` waits for the
 * result, so an endpoint answers as before; the job's id lets the console show its progress.
 */
export class EngineJobs {
  readonly mode: EngineJobRunnerKind;
  private readonly aborts = new Map<string, AbortController>();

  constructor(private readonly options: EngineJobsOptions) {
    if (!options.pool && !options.queue) throw new Error('EngineJobs needs a thread pool or a queue');
    this.mode = options.queue ? 'queue' : 'threads';
  }

  get store(): EngineJobStore {
    return this.options.store;
  }

  /** Runs a job to its end: its result (possibly a refusal `{ ok: false, ... }`), or an EngineJobError. */
  async run<R>(request: EngineJobRequest): Promise<{ id: string; result: R }> {
    return this.mode === 'queue' ? this.runQueued<R>(request) : this.runInThread<R>(request);
  }

  /** Asks a job to stop: at once when it runs in this process, within a second in a worker. */
  async cancel(id: string): Promise<EngineJobRecord | null> {
    const record = await this.store.requestCancel(id);
    this.aborts.get(id)?.abort(new EngineJobError(id, 'CANCELLED', `engine job ${id} was cancelled`));
    return record;
  }

  private async runInThread<R>(request: EngineJobRequest): Promise<{ id: string; result: R }> {
    const pool = this.options.pool as EngineThreadPool;
    const id = await this.create(request, null);
    const controller = new AbortController();
    this.aborts.set(id, controller);
    const timer = setTimeout(
      () => controller.abort(new EngineJobError(id, 'TIMED_OUT', `engine job ${request.kind} took more than ${request.timeLimitMs} ms: stopped`)),
      request.timeLimitMs,
    );
    try {
      if (!(await this.store.start(id))) throw await this.endedBeforeStart(id);
      const answer = await executeJob(pool, this.store, id, request.kind, request.input, controller.signal, request.keepPayloads === false ? 'none' : 'both', request.onRunning);
      return { id, result: answer.result as R };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(id);
    }
  }

  private async runQueued<R>(request: EngineJobRequest): Promise<{ id: string; result: R }> {
    const queue = this.options.queue as Queue;
    const inputGz = await gzip(JSON.stringify(request.input ?? null), { level: 1 });
    const id = await this.create(request, inputGz);
    await queue.add(ENGINE_JOB_NAME, { jobId: id }, { jobId: id, removeOnComplete: 1_000, removeOnFail: 1_000, attempts: 1 });
    const deadline = Date.now() + request.timeLimitMs + (this.options.queueGraceMs ?? 30_000);
    const pollMs = this.options.pollMs ?? 100;
    for (;;) {
      const record = await this.store.get(id);
      if (record && FINISHED_STATUSES.includes(record.status)) {
        if (record.status === 'DONE' || record.status === 'REFUSED') {
          const gz = await this.store.result(id);
          const result = gz ? JSON.parse((await gunzip(gz)).toString('utf8')) : null;
          return { id, result: result as R };
        }
        throw new EngineJobError(id, record.status as EngineJobError['status'], `engine job ${request.kind} ended ${record.status}`);
      }
      if (Date.now() > deadline) {
        await this.store.finish(id, 'TIMED_OUT', { problem: { code: 'JOB_TIMED_OUT', limitMs: request.timeLimitMs } });
        throw new EngineJobError(id, 'TIMED_OUT', `engine job ${request.kind} got no answer from a worker within its time limit`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private async create(request: EngineJobRequest, inputGz: Uint8Array | null): Promise<string> {
    const id = await this.store.create({
      id: request.jobId, kind: request.kind, timeLimitMs: request.timeLimitMs, runner: this.mode,
      createdBy: request.createdBy ?? null, inputGz,
    });
    if (!id) throw new EngineJobIdTakenError(request.jobId as string);
    return id;
  }

  private async endedBeforeStart(id: string): Promise<EngineJobError> {
    await this.store.finish(id, 'CANCELLED', { problem: { code: 'JOB_CANCELLED' } });
    return new EngineJobError(id, 'CANCELLED', `engine job ${id} was cancelled before it started`);
  }
}

/** A client-chosen job id that another job already has. */
export class EngineJobIdTakenError extends Error {
  constructor(readonly jobId: string) {
    super(`engine job id ${jobId} is already taken`);
    this.name = 'EngineJobIdTakenError';
  }
}

/**
 * Runs a started job in a thread of the pool and ends its row: DONE (or REFUSED when the
 * handler refused its input) with the compressed input and result; CANCELLED / TIMED_OUT when
 * the signal aborted it (its thread is stopped); FAILED on an error. Shared by the API's
 * threads and the worker's consumer: one code path.
 */
export async function executeJob(
  pool: EngineThreadPool, store: EngineJobStore, id: string, kind: string, input: unknown, signal: AbortSignal, payloads: KeptPayloads = 'both',
  onRunning?: () => void,
): Promise<ThreadAnswer> {
  let lastWrite = 0;
  let pending: Promise<void> = Promise.resolve();
  let running = false;
  const onProgress = (pct: number, stage: string) => {
    if (!running) {
      running = true;
      onRunning?.();
    }
    const now = Date.now();
    if (now - lastWrite < 250 && pct < 100) return;
    lastWrite = now;
    pending = pending.then(() => store.progress(id, pct, stage)).catch(() => undefined);
  };
  try {
    const answer = await pool.execute(kind, input, { signal, onProgress, payloads });
    await pending;
    const status: EngineJobStatus = isRefusedResult(answer.result) ? 'REFUSED' : 'DONE';
    const refused = isRefusedResult(answer.result) ? answer.result : null;
    await store.finish(id, status, {
      inputGz: answer.inputGz, resultGz: answer.resultGz,
      problem: refused && typeof refused['code'] === 'string' ? { code: refused['code'] as string } : null,
    });
    return answer;
  } catch (error) {
    await pending;
    const reason = signal.aborted ? signal.reason : null;
    if (reason instanceof EngineJobError) {
      await store.finish(id, reason.status, {
        problem: reason.status === 'TIMED_OUT' ? { code: 'JOB_TIMED_OUT' } : { code: 'JOB_CANCELLED' },
      });
      throw reason;
    }
    await store.finish(id, 'FAILED', { problem: { code: 'JOB_FAILED' } });
    throw new EngineJobError(id, 'FAILED', `engine job ${kind} failed: ${(error as Error).message}`);
  }
}
