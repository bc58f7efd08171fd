import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { generateScenario, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { createDataSource, seedDemoDepartement } from '@telework/persistence';
import { createTestDatabase, TestDatabase } from '@telework/persistence/testing';
import { createAllocationRun, publishEngineRotation, readAllocationRunSnapshot } from '@telework/planning-data';
import { loadConfig } from '@telework/server-config';
import { ALLOCATION_JOB_OPTIONS, ALLOCATION_QUEUE, bullConnection, NIGHTLY_SCHEDULER_ID } from '@telework/server-infrastructure';
import { createWorker } from './bootstrap';
import { EngineJobsProcessor, LARGE_ALLOCATION_AGENTS } from './engine-jobs.processor';

jest.setTimeout(180_000);

const WORKER_MAIN = resolve(__dirname, '../../../../dist/apps/worker/main.js');
const FROM = '2026-12-07';
const TO = '2026-12-20';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A private Redis for the tests that stop and restart it, so other suites keep theirs. */
class PrivateRedis {
  private process?: ChildProcess;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      const probe = new Redis(this.url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await sleep(100);
      }
    }
    throw new Error('private redis did not start');
  }
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
  }
}

function startWorkerProcess(env: Record<string, string>): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  let output = '';
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', LOG_LEVEL: 'log', ALLOCATION_CATCH_UP: 'false', PLANNING_TODAY: '2026-11-30', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolveReady, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker ready: consuming jobs')) resolveReady();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output, ready };
}

async function waitForRun(dataSource: DataSource, runId: string, statuses: string[], timeoutMs = 90_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [run] = await dataSource.query(`SELECT * FROM allocation_runs WHERE id = $1`, [runId]);
    if (statuses.includes(run.status)) return run;
    await sleep(50);
  }
  throw new Error(`run ${runId} did not reach ${statuses.join('/')}`);
}

async function planFingerprint(dataSource: DataSource): Promise<{ version: number; hash: string }> {
  const [{ version }] = await dataSource.query(`SELECT max(version)::int AS version FROM plan_versions`);
  const [{ hash }] = await dataSource.query(
    `SELECT md5(string_agg(agent_id::text || date::text || period || mode || plan_version::text, ',' ORDER BY agent_id, date, period)) AS hash FROM assignments`,
  );
  return { version, hash };
}

/** The assignments of the run's horizon equal what the engine plans from the run's stored snapshot. */
async function expectAssignmentsMatchStoredSnapshot(dataSource: DataSource, runId: string): Promise<void> {
  const snapshot = (await readAllocationRunSnapshot(dataSource, runId)) as PlanningSnapshot;
  const plan = planSnapshot(snapshot);
  const rows: { agent_id: string; modes: string }[] = await dataSource.query(
    `SELECT agent_id, string_agg(CASE mode WHEN 'REMOTE' THEN 'R' WHEN 'ON_SITE' THEN 'S' ELSE 'O' END, '' ORDER BY date, period) AS modes
     FROM assignments WHERE date BETWEEN $1 AND $2 GROUP BY agent_id`,
    [snapshot.horizon.from, snapshot.horizon.to],
  );
  const stored = new Map(rows.map((row) => [row.agent_id, row.modes]));
  expect(stored.size).toBe(plan.agents.length);
  for (const agent of plan.agents) expect({ id: agent.id, modes: stored.get(agent.id) }).toEqual({ id: agent.id, modes: agent.modes });
}

describe('worker on the real PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedDemoDepartement(dataSource, generateScenario('tiny', 5), 'unused-hash');
    await publishEngineRotation(dataSource, FROM, TO);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('refuses to start without REDIS_URL or with the embedded database, saying why', async () => {
    await expect(createWorker(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/x' }))).rejects.toThrow(/REDIS_URL is not set/);
    await expect(createWorker(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }))).rejects.toThrow(/DATABASE_URL is not set/);
  });

  it('runs an allocation job from the queue, and upserts one nightly scheduler however many times it boots', async () => {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    const config = loadConfig({ DATABASE_URL: (database.config as { url: string }).url, REDIS_URL: redis.url, LOG_LEVEL: 'error', ALLOCATION_CATCH_UP: 'false', PLANNING_TODAY: '2026-11-30' });
    const first = await createWorker(config);
    await first.init();
    const second = await createWorker(config);
    await second.init();
    const queue = new Queue(ALLOCATION_QUEUE, { connection: bullConnection(redis.url), prefix: 'telework' });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key ?? s.id)).toEqual([NIGHTLY_SCHEDULER_ID]);
      expect(schedulers[0].pattern).toBe('0 2 * * *');
      expect(schedulers[0].tz).toBe('Europe/Paris');

      const before = await planFingerprint(dataSource);
      const run = await createAllocationRun(dataSource, 'MANUAL', FROM, TO, null);
      await queue.add('allocation.run', { runId: run.id }, { ...ALLOCATION_JOB_OPTIONS, jobId: run.id });
      const done = await waitForRun(dataSource, run.id, ['SUCCEEDED', 'FAILED']);
      expect(done.error).toBeNull();
      expect(done.status).toBe('SUCCEEDED');
      expect(done.progress).toBe(100);
      expect(done.plan_version).toBe(before.version + 1);
      await expectAssignmentsMatchStoredSnapshot(dataSource, run.id);
      // a small installation's run solved in the kept threads: the large-run thread was never started
      expect([first, second].map((app) => app.get(EngineJobsProcessor).largeAllocationPool.threads)).toEqual([0, 0]);
      const engine = first.get(EngineJobsProcessor);
      expect(engine.allocationJobsFor(LARGE_ALLOCATION_AGENTS - 1)).not.toBe(engine.allocationJobsFor(LARGE_ALLOCATION_AGENTS));
      expect(engine.allocationJobsFor(100_000)).toBe(engine.allocationJobsFor(LARGE_ALLOCATION_AGENTS));
    } finally {
      await queue.close();
      await first.close();
      await second.close();
      await redis.stop();
    }
  });

  it('shuts down cleanly on SIGTERM with exit code 0', async () => {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    const worker = startWorkerProcess({ DATABASE_URL: (database.config as { url: string }).url, REDIS_URL: redis.url, RUN_MIGRATIONS: 'false' });
    try {
      await worker.ready;
      const exit = new Promise<number | null>((done) => worker.child.once('exit', (code) => done(code)));
      worker.child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(worker.output()).toContain('SIGTERM received, shutting down');
    } finally {
      worker.child.kill('SIGKILL');
      await redis.stop();
    }
  });
});

describe('faults, on the reference département', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let redis: PrivateRedis;
  const FAST_STALL = { QUEUE_LOCK_DURATION_MS: '2000', QUEUE_STALLED_INTERVAL_MS: '1000' };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedDemoDepartement(dataSource, generateScenario('departement', 11), 'unused-hash');
    await publishEngineRotation(dataSource, FROM, TO);
    redis = new PrivateRedis(await freePort());
    await redis.start();
  });

  afterAll(async () => {
    await redis?.stop();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('a worker killed mid-run (SIGKILL) leaves the previous plan intact, and the retried job gives the engine’s plan', async () => {
    const env = { DATABASE_URL: (database.config as { url: string }).url, REDIS_URL: redis.url, RUN_MIGRATIONS: 'false', ...FAST_STALL };
    const victim = startWorkerProcess(env);
    await victim.ready;
    const before = await planFingerprint(dataSource);
    const run = await createAllocationRun(dataSource, 'MANUAL', FROM, TO, null);
    const queue = new Queue(ALLOCATION_QUEUE, { connection: bullConnection(redis.url), prefix: 'telework' });
    let survivor: ReturnType<typeof startWorkerProcess> | undefined;
    try {
      await queue.add('allocation.run', { runId: run.id }, { ...ALLOCATION_JOB_OPTIONS, jobId: run.id });
      // kill it once it is planning or writing: after the snapshot, before the commit
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [row] = await dataSource.query(`SELECT status, progress FROM allocation_runs WHERE id = $1`, [run.id]);
        if (row.status === 'RUNNING' && row.progress >= 30) break;
        if (row.status === 'SUCCEEDED' || Date.now() > deadline) throw new Error(`could not catch the run mid-way (${row.status})`);
        await sleep(5);
      }
      victim.child.kill('SIGKILL');
      await new Promise((done) => victim.child.once('exit', done));

      expect(await planFingerprint(dataSource)).toEqual(before);
      const [stuck] = await dataSource.query(`SELECT status FROM allocation_runs WHERE id = $1`, [run.id]);
      expect(stuck.status).toBe('RUNNING');

      survivor = startWorkerProcess(env);
      await survivor.ready;
      const done = await waitForRun(dataSource, run.id, ['SUCCEEDED', 'FAILED'], 120_000);
      expect(done.error).toBeNull();
      expect(done.status).toBe('SUCCEEDED');
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      const after = await planFingerprint(dataSource);
      expect(after.version).toBe(before.version + 1);
      await expectAssignmentsMatchStoredSnapshot(dataSource, run.id);
    } finally {
      await queue.close();
      victim.child.kill('SIGKILL');
      survivor?.child.kill('SIGKILL');
    }
  });

  it('survives a Redis restart that loses every job: the run is enqueued again and the worker keeps consuming', async () => {
    const env = { DATABASE_URL: (database.config as { url: string }).url, REDIS_URL: redis.url, RUN_MIGRATIONS: 'false', ...FAST_STALL };
    const worker = startWorkerProcess(env);
    await worker.ready;
    try {
      // Redis goes away before the job is consumed: the run exists only in the database
      await redis.stop();
      const run = await createAllocationRun(dataSource, 'MANUAL', '2026-12-08', TO, null);
      await sleep(1_500);
      await redis.start(); // empty: no persistence
      const done = await waitForRun(dataSource, run.id, ['SUCCEEDED', 'FAILED'], 120_000);
      expect(done.error).toBeNull();
      expect(done.status).toBe('SUCCEEDED');

      // and the same worker still consumes new jobs after the restart
      const next = await createAllocationRun(dataSource, 'MANUAL', '2026-12-09', TO, null);
      const queue = new Queue(ALLOCATION_QUEUE, { connection: bullConnection(redis.url), prefix: 'telework' });
      await queue.add('allocation.run', { runId: next.id }, { ...ALLOCATION_JOB_OPTIONS, jobId: next.id });
      await queue.close();
      expect((await waitForRun(dataSource, next.id, ['SUCCEEDED', 'FAILED'], 120_000)).status).toBe('SUCCEEDED');
    } finally {
      worker.child.kill('SIGKILL');
    }
  });
});
