import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { createDataSource } from '@telework/persistence';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
import { EngineJobError, assertHandlersCover } from './engine-job';
import { EngineJobStore } from './engine-job.store';
import { ENGINE_JOBS_QUEUE, EngineJobIdTakenError, EngineJobs } from './engine-jobs';
import { EngineJobsConsumer } from './engine-jobs.consumer';
import { EngineThreadPool } from './thread-pool';
import { bundleThreadEntry } from './testing/bundle-thread.testing';

jest.setTimeout(120_000);

const REDIS = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
let threadScript: string;
beforeAll(() => {
  threadScript = bundleThreadEntry(join(__dirname, 'testing/test-handlers.thread.ts'), 'engine-jobs-test');
});

/** Counts the event loop's 10 ms ticks while `work` runs: a loop blocked by the engine would not tick. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ value: T; ticks: number; ms: number }> {
  let ticks = 0;
  const started = Date.now();
  const timer = setInterval(() => ticks++, 10);
  try {
    const value = await work;
    return { value, ticks, ms: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

function unzip(value: Buffer | null): unknown {
  return value ? JSON.parse(gunzipSync(value).toString('utf8')) : null;
}

describe.each(TEST_DATABASE_MODES)('engine jobs in threads, on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: EngineJobStore;
  let pool: EngineThreadPool;
  let jobs: EngineJobs;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    store = new EngineJobStore(dataSource);
    pool = new EngineThreadPool(threadScript, 2);
    jobs = new EngineJobs({ store, pool });
  });

  afterAll(async () => {
    await pool?.close();
    await dataSource?.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database?.drop();
  });

  it('runs a job in a thread, keeps its input and result, and records it as DONE', async () => {
    const { id, result } = await jobs.run<{ sum: number }>({ kind: 'sum', input: { values: [1, 2, 39] }, timeLimitMs: 10_000 });
    expect(result.sum).toBe(42);
    const record = await store.get(id);
    expect(record).toMatchObject({ kind: 'sum', status: 'DONE', progressPct: 100, runner: 'threads', problem: null });
    expect(record?.startedAt).toBeTruthy();
    expect(record?.finishedAt).toBeTruthy();
    expect(unzip(await store.input(id))).toEqual({ values: [1, 2, 39] });
    expect(unzip(await store.result(id))).toEqual({ ok: true, sum: 42 });
  });

  it('keeps neither payload when the caller records them itself (an allocation solve), and still answers the result', async () => {
    const { id, result } = await jobs.run<{ sum: number }>({ kind: 'sum', input: { values: [40, 2] }, timeLimitMs: 10_000, keepPayloads: false });
    expect(result.sum).toBe(42);
    expect(await store.get(id)).toMatchObject({ kind: 'sum', status: 'DONE', progressPct: 100 });
    expect(await store.input(id)).toBeNull();
    expect(await store.result(id)).toBeNull();
  });

  it('tells its caller once when the thread has its input and works (its first progress), before the answer', async () => {
    const events: string[] = [];
    const running = jobs.run({ kind: 'spin', input: { ms: 600 }, timeLimitMs: 10_000, onRunning: () => events.push('running') })
      .then(() => events.push('answered'));
    await running;
    expect(events).toEqual(['running', 'answered']);
  });

  it('keeps the event loop free while a thread computes, and writes the progress', async () => {
    const id = randomUUID();
    const seen: number[] = [];
    const watcher = setInterval(() => void store.get(id).then((r) => r && seen.push(r.progressPct)), 100);
    const { value, ticks, ms } = await ticksDuring(jobs.run({ kind: 'spin', input: { ms: 1_500 }, timeLimitMs: 10_000, jobId: id }));
    clearInterval(watcher);
    expect(value.id).toBe(id);
    // a 10 ms timer on a free loop ticks about ms/10 times; a blocked loop would not tick at all during the spin
    expect(ticks).toBeGreaterThan((ms / 10) * 0.5);
    expect(seen.some((pct) => pct > 0 && pct < 100)).toBe(true);
  });

  it('warms a kept thread up: it stays however long it idles, where a thread of the same idle time is let go', async () => {
    const kept = new EngineThreadPool(threadScript, 1, 100, 1);
    const rows = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM engine_jobs`))[0].n as number;
    try {
      const before = await rows();
      expect(await kept.warmUp('sum', { values: [1, 2] })).toBeGreaterThanOrEqual(0);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(kept.threads).toBe(1);
      // and a warm-up is no job: no row was written for it
      expect(await rows()).toBe(before);
    } finally {
      await kept.close();
    }
  });

  it('keeps a thread between jobs, or lets it go at once with a short idle time', async () => {
    await jobs.run({ kind: 'sum', input: { values: [1] }, timeLimitMs: 10_000 });
    expect(pool.threads).toBeGreaterThan(0);
    const shortLived = new EngineThreadPool(threadScript, 1, 100);
    try {
      const answer = await new EngineJobs({ store, pool: shortLived }).run<{ sum: number }>({ kind: 'sum', input: { values: [2, 3] }, timeLimitMs: 10_000 });
      expect(answer.result.sum).toBe(5);
      const deadline = Date.now() + 10_000;
      while (shortLived.threads > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(shortLived.threads).toBe(0);
      expect(pool.threads).toBeGreaterThan(0);
    } finally {
      await shortLived.close();
    }
  });

  it('records a refusal as REFUSED with its code, and still answers the refusal', async () => {
    const { id, result } = await jobs.run<{ ok: boolean; code: string }>({ kind: 'refuse', input: {}, timeLimitMs: 10_000 });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_FIELDS' });
    expect(await store.get(id)).toMatchObject({ status: 'REFUSED', problem: { code: 'INVALID_FIELDS' } });
  });

  it('records a crash as FAILED and throws, and the pool keeps working', async () => {
    const failed = jobs.run({ kind: 'crash', input: {}, timeLimitMs: 10_000 });
    await expect(failed).rejects.toBeInstanceOf(EngineJobError);
    const error = (await failed.catch((e) => e)) as EngineJobError;
    expect(error.status).toBe('FAILED');
    expect(await store.get(error.jobId)).toMatchObject({ status: 'FAILED', problem: { code: 'JOB_FAILED' } });
    expect((await jobs.run<{ sum: number }>({ kind: 'sum', input: { values: [2] }, timeLimitMs: 10_000 })).result.sum).toBe(2);
  });

  it('stops a job at its time limit (its thread is stopped) and records TIMED_OUT', async () => {
    const started = Date.now();
    const error = (await jobs.run({ kind: 'spin', input: { ms: 20_000 }, timeLimitMs: 300 }).catch((e) => e)) as EngineJobError;
    expect(error).toBeInstanceOf(EngineJobError);
    expect(error.status).toBe('TIMED_OUT');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await store.get(error.jobId)).toMatchObject({ status: 'TIMED_OUT', problem: { code: 'JOB_TIMED_OUT' } });
  });

  it('cancels a running job at once and records CANCELLED', async () => {
    const id = randomUUID();
    const running = jobs.run({ kind: 'spin', input: { ms: 20_000 }, timeLimitMs: 60_000, jobId: id }).catch((e) => e);
    for (let i = 0; i < 100 && (await store.get(id))?.status !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
    const record = await jobs.cancel(id);
    expect(record?.cancelRequested).toBe(true);
    const error = (await running) as EngineJobError;
    expect(error.status).toBe('CANCELLED');
    expect(await store.get(id)).toMatchObject({ status: 'CANCELLED', cancelRequested: true });
  });

  it('refuses a client-chosen id that is already taken, and lists jobs by their author', async () => {
    const id = randomUUID();
    await jobs.run({ kind: 'sum', input: { values: [] }, timeLimitMs: 10_000, jobId: id });
    await expect(jobs.run({ kind: 'sum', input: { values: [] }, timeLimitMs: 10_000, jobId: id })).rejects.toBeInstanceOf(EngineJobIdTakenError);
    const all = await store.list({ limit: 100, offset: 0 });
    expect(all.total).toBeGreaterThanOrEqual(6);
    expect(all.items.map((job) => job.id)).toContain(id);
  });

  it('drops old payloads but keeps the record', async () => {
    const { id } = await jobs.run({ kind: 'sum', input: { values: [5] }, timeLimitMs: 10_000 });
    await dataSource.query(`UPDATE engine_jobs SET created_at = now() - interval '10 days' WHERE id = $1`, [id]);
    expect(await store.prunePayloads(7)).toBe(1);
    expect(await store.input(id)).toBeNull();
    expect(await store.get(id)).toMatchObject({ status: 'DONE' });
  });
});

describe('engine jobs through BullMQ to a worker, on postgres and Redis', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: EngineJobStore;
  let workerPool: EngineThreadPool;
  let queue: Queue;
  let consumer: EngineJobsConsumer;
  let jobs: EngineJobs;
  const prefix = `tw-test-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    store = new EngineJobStore(dataSource);
    workerPool = new EngineThreadPool(threadScript, 2);
    queue = new Queue(ENGINE_JOBS_QUEUE, { connection: REDIS, prefix });
    consumer = new EngineJobsConsumer(store, workerPool, { connection: REDIS, prefix, cancelPollMs: 100 });
    consumer.onError = (error) => console.error(error);
    consumer.start();
    jobs = new EngineJobs({ store, queue, pollMs: 50, queueGraceMs: 5_000 });
  });

  afterAll(async () => {
    await consumer?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await workerPool?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('runs the job in the worker and answers its result from the row', async () => {
    const { id, result } = await jobs.run<{ sum: number }>({ kind: 'sum', input: { values: [20, 22] }, timeLimitMs: 10_000 });
    expect(result.sum).toBe(42);
    expect(await store.get(id)).toMatchObject({ status: 'DONE', runner: 'queue' });
  });

  it('passes a refusal through, and cancels a running job from the API side', async () => {
    expect((await jobs.run<{ ok: boolean }>({ kind: 'refuse', input: {}, timeLimitMs: 10_000 })).result.ok).toBe(false);
    const id = randomUUID();
    const running = jobs.run({ kind: 'spin', input: { ms: 20_000 }, timeLimitMs: 60_000, jobId: id }).catch((e) => e);
    for (let i = 0; i < 200 && (await store.get(id))?.status !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
    await jobs.cancel(id);
    const error = (await running) as EngineJobError;
    expect(error.status).toBe('CANCELLED');
  });

  it('stops a job at its time limit in the worker', async () => {
    const error = (await jobs.run({ kind: 'spin', input: { ms: 20_000 }, timeLimitMs: 300 }).catch((e) => e)) as EngineJobError;
    expect(error.status).toBe('TIMED_OUT');
  });
});

describe('handlers checked at boot', () => {
  it('names the kinds without a handler', () => {
    expect(() => assertHandlersCover(['a', 'b'], { a: () => 1 }, 'worker')).toThrow('worker: no handler for engine job kind(s) b');
    expect(() => assertHandlersCover(['a'], { a: () => 1 }, 'worker')).not.toThrow();
  });
});
