import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type PlanningSnapshot } from '@telework/planning';
import { createDataSource } from '@telework/persistence';
import { createTestDatabase, TestDatabase } from '@telework/persistence/testing';
import { planInline, readAllocationRunSnapshot } from '@telework/planning-data';
import { ALLOCATION_QUEUE, bullConnection } from '@telework/server-infrastructure';
import {
  Api, API_MAIN, API_READY, freePort, REDIS_URL, sharedEnv, sleep, start, Started, tearDown, WORKER_MAIN, WORKER_READY,
} from '../testing/processes';

jest.setTimeout(600_000);

/**
 * Issue 13, "a run can be split by pool": three départements share one installation
 * (DEMO_SCENARIO=region-tiny, each its own pools and sites), one API and two workers on one
 * PostgreSQL and one Redis, ALLOCATION_SPLIT_MIN_AGENTS low enough for its 120 agents. A run
 * asked for on the API is executed by one worker, which splits it by pool: each part is an
 * engine job on the queue, taken by whichever worker is free, and the merged plan is the plan
 * of the whole snapshot planned at once.
 */
describe('a run of départements sharing one installation, split by pool across two workers', () => {
  const prefix = `split${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let db: DataSource;
  let queue: Queue;
  let api: Started | undefined;
  let workers: Started[] = [];
  let client: Api;
  let hr: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const common = {
      ...sharedEnv(database, prefix, 'region-tiny'),
      ALLOCATION_SPLIT_MIN_AGENTS: '50',
      // each worker starts its engine thread on its first job: a part keeps a worker busy a while
      ENGINE_WARM_UP: 'off',
    };
    const port = await freePort();
    api = start('api', API_MAIN, { ...common, PORT: String(port), RUN_MIGRATIONS: 'true', DEMO_DATA: 'auto' }, API_READY);
    await api.ready;
    workers = [1, 2].map((i) => start(`worker${i}`, WORKER_MAIN, { ...common, RUN_MIGRATIONS: 'false' }, WORKER_READY));
    await Promise.all(workers.map((w) => w.ready));
    client = new Api('api', `http://127.0.0.1:${port}`);
    db = createDataSource(database.config);
    await db.initialize();
    queue = new Queue(ALLOCATION_QUEUE, { connection: bullConnection(REDIS_URL), prefix });
    const [{ email }] = await db.query(`SELECT email FROM users WHERE role = 'HR' AND active ORDER BY email LIMIT 1`);
    hr = await client.login(email);
  });

  afterAll(() => tearDown({ processes: [...workers, api], queue, db, database }));

  it('plans each département as an engine job that the workers share, and writes the plan of the whole', async () => {
    const horizon = { from: '2026-12-07', to: '2026-12-20' };
    const since = new Date();
    const asked = await client.call('POST', '/api/allocation-runs', { token: hr, body: horizon });
    expect(asked.status).toBe(202);
    const runId = asked.body.id as string;
    let run: { status: string; metrics: Record<string, unknown>; error: unknown; plan_version: number | null } | undefined;
    for (let i = 0; i < 600; i++) {
      [run] = await db.query(`SELECT status, metrics, error, plan_version FROM allocation_runs WHERE id = $1`, [runId]);
      if (run && !['QUEUED', 'RUNNING'].includes(run.status)) break;
      await sleep(200);
    }
    expect(run).toMatchObject({ status: 'SUCCEEDED', error: null, plan_version: expect.any(Number) });

    // the parts: engine jobs on the queue, each started once, by more than one worker
    const parts: { id: string; status: string }[] = await db.query(
      `SELECT id, status FROM engine_jobs WHERE kind = 'allocationPlan' AND runner = 'queue' AND created_at >= $1 ORDER BY created_at`, [since]);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.status === 'DONE')).toBe(true);
    const startedBy = parts.map((p) => workers.filter((w) => w.output().includes(`engine job allocationPlan ${p.id} started`)).map((w) => w.name));
    console.log(`parts of the run and the worker that planned each: ${JSON.stringify(parts.map((p, i) => [p.id.slice(0, 8), startedBy[i]]))}`);
    expect(startedBy.every((names) => names.length === 1)).toBe(true);
    expect(new Set(startedBy.flat()).size).toBe(2);
    const splitLines = workers.flatMap((w) => w.output().split('\n').filter((line) => line.includes('split by pool into')));
    expect(splitLines).toHaveLength(1);
    expect(splitLines[0]).toContain(`split by pool into ${parts.length} engine jobs`);

    // the merged plan is the plan of the whole snapshot the run read, planned at once
    const snapshot = (await readAllocationRunSnapshot(db, runId)) as PlanningSnapshot;
    expect(snapshot.pools.map((p) => p.id).sort()).toEqual(['D01-VDI', 'D01-VPN', 'D02-VDI', 'D02-VPN', 'D03-VDI', 'D03-VPN']);
    const atOnce = await planInline(snapshot, { timeLimitMs: 60_000 });
    const figures = (m: Record<string, unknown>) => ({
      pools: m['pools'], requestsGranted: m['requestsGranted'], requestsRefused: m['requestsRefused'],
      weeklyMinShortfalls: m['weeklyMinShortfalls'], siteOverflows: m['siteOverflows'], busiestHalfDay: m['busiestHalfDay'],
    });
    expect(figures(run?.metrics ?? {})).toEqual(figures(atOnce.metrics as unknown as Record<string, unknown>));
    const remote: { agent: string; remote: number }[] = await db.query(
      `SELECT s.agent_id AS agent, count(*) FILTER (WHERE s.mode = 'REMOTE')::int AS remote
       FROM assignments s WHERE s.date BETWEEN $1 AND $2 GROUP BY s.agent_id`, [horizon.from, horizon.to]);
    const planned = new Map(atOnce.agents.map((a) => [a.id, [...a.modes].filter((m) => m === 'R').length] as const));
    expect(remote.length).toBe(snapshot.agents.length);
    expect(remote.filter((r) => planned.get(r.agent) !== r.remote)).toEqual([]);
  });
});
