import { gunzip as gunzipCallback } from 'node:zlib';
import { promisify } from 'node:util';
import { Job, Worker, type ConnectionOptions } from 'bullmq';
import { EngineJobError } from './engine-job';
import { EngineJobStore } from './engine-job.store';
import { ENGINE_JOBS_QUEUE, executeJob } from './engine-jobs';
import { EngineThreadPool } from './thread-pool';

const gunzip = promisify(gunzipCallback);

/**
 * The worker process's side of the engine jobs: takes a job id from the queue, runs the job in
 * a thread of its pool (the event loop stays free to renew BullMQ's lock), looks every
 * `cancelPollMs` whether someone cancelled it, and stops it when its time is up. The row says
 * how it ended; the API waiting on it reads it there.
 */
export class EngineJobsConsumer {
  private worker?: Worker;
  /** where the BullMQ worker's own errors go (the app's logger) */
  onError?: (error: Error) => void;
  /** told of each job this process starts (the app logs which worker ran what) */
  onStart?: (id: string, kind: string) => void;

  constructor(
    private readonly store: EngineJobStore,
    private readonly pool: EngineThreadPool,
    private readonly options: { connection: ConnectionOptions; prefix?: string; cancelPollMs?: number; lockDurationMs?: number },
  ) {}

  start(): Worker {
    this.worker = new Worker(ENGINE_JOBS_QUEUE, (job) => this.process(job), {
      connection: this.options.connection,
      prefix: this.options.prefix,
      concurrency: this.pool.maxThreads,
      ...(this.options.lockDurationMs ? { lockDuration: this.options.lockDurationMs } : {}),
    });
    this.worker.on('error', (error) => this.onError?.(error));
    return this.worker;
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<{ jobId: string }>): Promise<string> {
    const id = job.data.jobId;
    const record = await this.store.get(id);
    if (!record) return 'unknown';
    if (!(await this.store.start(id))) {
      await this.store.finish(id, 'CANCELLED', { problem: { code: 'JOB_CANCELLED' } });
      return 'cancelled';
    }
    this.onStart?.(id, record.kind);
    const gz = await this.store.input(id);
    const input = gz ? JSON.parse((await gunzip(gz)).toString('utf8')) : null;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new EngineJobError(id, 'TIMED_OUT', `engine job ${record.kind} took more than ${record.timeLimitMs} ms: stopped`)),
      record.timeLimitMs,
    );
    const poll = setInterval(() => {
      void this.store.isCancelRequested(id).then((cancelled) => {
        if (cancelled) controller.abort(new EngineJobError(id, 'CANCELLED', `engine job ${id} was cancelled`));
      }).catch(() => undefined);
    }, this.options.cancelPollMs ?? 500);
    try {
      // the row has the input already: the thread compresses the result alone
      await executeJob(this.pool, this.store, id, record.kind, input, controller.signal, 'result');
      return 'done';
    } catch (error) {
      if (error instanceof EngineJobError) return error.status.toLowerCase();
      throw error;
    } finally {
      clearTimeout(timer);
      clearInterval(poll);
    }
  }
}
