import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createDataSource } from '@telework/persistence';
import { createTestDatabase, TestDatabase } from '@telework/persistence/testing';
import { rebuildPoolUsage } from '@telework/planning-data';
import { ALLOCATION_QUEUE, bullConnection, NIGHTLY_SCHEDULER_ID } from '@telework/server-infrastructure';
import {
  Api, API_MAIN, API_READY, freePort, REDIS_URL, sharedEnv, sleep, start, Started, tearDown, WORKER_MAIN, WORKER_READY,
} from '../testing/processes';

jest.setTimeout(600_000);

/**
 * Issue 13, "several processes, one plan": two API processes and three workers, all started from
 * the built apps (`npx nx build api worker` beforehand; API_MAIN / WORKER_MAIN may point at other
 * builds), on one PostgreSQL database and one Redis (a QUEUE_PREFIX of this test's own). API 1
 * migrates and loads the demo; API 2 and the workers start once it has. Checked across them: the
 * nightly schedule fires once per tick, a run triggered on both APIs at once executes once,
 * approvals decided at once on both APIs keep the pool's cap and grant no half-day twice,
 * switching an account off on API 1 is refused by API 2 at once, and a calendar link made or
 * renewed on one API works or dies on the other at once.
 */
/** the workers' nightly schedule in this test: every 2 seconds (BullMQ reads the seconds field) */
const EVERY_2_S = '*/2 * * * * *';
const TICK_MS = 2_000;

describe('two APIs and three workers on one PostgreSQL and one Redis', () => {
  const prefix = `scale${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let db: DataSource;
  let queue: Queue;
  let apis: Started[] = [];
  let workers: Started[] = [];
  let api1: Api;
  let api2: Api;
  let hr: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const common = sharedEnv(database, prefix, 'tiny');
    const [port1, port2] = [await freePort(), await freePort()];
    // API 1 migrates the database and loads the demo (a published rotation); the others wait for it
    apis = [start('api1', API_MAIN, { ...common, PORT: String(port1), RUN_MIGRATIONS: 'true', DEMO_DATA: 'auto' }, API_READY)];
    await apis[0].ready;
    apis.push(start('api2', API_MAIN, { ...common, PORT: String(port2), RUN_MIGRATIONS: 'false', DEMO_DATA: 'off' }, API_READY));
    workers = [1, 2, 3].map((i) => start(`worker${i}`, WORKER_MAIN, {
      // reconciling lost runs every second (QUEUE_STALLED_INTERVAL_MS) rather than every 30 s
      ...common, RUN_MIGRATIONS: 'false', ALLOCATION_CRON: EVERY_2_S, QUEUE_STALLED_INTERVAL_MS: '1000', QUEUE_LOCK_DURATION_MS: '30000',
    }, WORKER_READY));
    await Promise.all([...apis, ...workers].map((p) => p.ready));
    api1 = new Api('api1', `http://127.0.0.1:${port1}`);
    api2 = new Api('api2', `http://127.0.0.1:${port2}`);
    db = createDataSource(database.config);
    await db.initialize();
    queue = new Queue(ALLOCATION_QUEUE, { connection: bullConnection(REDIS_URL), prefix });
    const [{ email }] = await db.query(`SELECT email FROM users WHERE role = 'HR' AND active ORDER BY email LIMIT 1`);
    hr = await api1.login(email);
  });

  afterAll(() => tearDown({ processes: [...workers, ...apis], queue, db, database }));

  /** `job <name> <id> started` lines of every worker: which worker took which job, how many times. */
  function starts(jobName: string): { worker: string; id: string }[] {
    const pattern = new RegExp(`job ${jobName.replace('.', '\\.')} (\\S+) started`, 'g');
    return workers.flatMap((w) => [...w.output().matchAll(pattern)].map((m) => ({ worker: w.name, id: m[1] })));
  }

  async function idle(timeoutMs = 240_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      const [{ live }] = await db.query(`SELECT count(*)::int AS live FROM allocation_runs WHERE status IN ('QUEUED', 'RUNNING')`);
      if (live === 0 && Object.values(counts).every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`still busy: ${JSON.stringify(counts)}, ${live} live run(s)`);
      await sleep(200);
    }
  }

  it('the nightly schedule fires once per tick: one scheduler for three workers, each tick taken by one worker once, each run executed once', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => ({ id: s.key ?? s.id, pattern: s.pattern, tz: s.tz }))).toEqual([
      { id: NIGHTLY_SCHEDULER_ID, pattern: EVERY_2_S, tz: 'Europe/Paris' },
    ]);
    const [{ before }] = await db.query(`SELECT coalesce(max(version), 0)::int AS before FROM plan_versions`);
    // a run that takes longer than the workers' reconciliation looks at (2 s): the directory is
    // locked for 6 s, so the first tick's run waits RUNNING while every worker reconciles 6 times
    const blocker = db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE agents IN ACCESS EXCLUSIVE MODE`);
    await sleep(6_000);
    await blocker.commitTransaction();
    await blocker.release();
    await sleep(6_000);
    await queue.removeJobScheduler(NIGHTLY_SCHEDULER_ID);
    await idle();

    const nightly = (await queue.getJobs(['completed', 'failed'])).filter((job) => job.name === 'allocation.nightly');
    const troubles = workers.flatMap((w) => w.output().split('\n').filter((line) => /failed|WARN|ERROR/.test(line)).map((line) => `${w.name}: ${line}`));
    if (troubles.length) console.log(troubles.join('\n'));
    const ticks = nightly.map((job) => Number(String(job.id).split(':').pop())).sort((a, b) => a - b);
    // it did fire, on its pattern, and no tick twice
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(tick % TICK_MS).toBe(0);
    for (const job of nightly) {
      const lines = workers.flatMap((w) => w.output().split('\n').filter((line) => line.includes(`${job.id} started`)).map((line) => `${w.name}: ${line}`));
      // one start of the tick records its run (or joins the live one). BullMQ now and then starts a
      // tick a second time: seen in ~1 run of 3 here, the job's stalledCounter 1, its first start
      // logging nothing and no worker logging a failure or an error, while the agents table was
      // locked; that second start records the tick's run, or finds it recorded and records none
      expect({ id: job.id, failed: job.failedReason ?? null, recording: lines.filter((line) => !line.includes('started again')).length })
        .toEqual({ id: job.id, failed: null, recording: 1 });
      if (job.attemptsStarted !== 1 || job.stalledCounter !== 0) {
        console.log(`tick ${job.id} started ${job.attemptsStarted} times, stalled ${job.stalledCounter}:\n${lines.join('\n')}`);
      }
    }
    // every tick was taken by a worker
    const started = starts('allocation.nightly');
    expect([...new Set(started.map((s) => s.id))].sort()).toEqual(nightly.map((job) => String(job.id)).sort());
    // the ticks spread over the workers: they compete for one queue
    console.log(`nightly ticks per worker: ${JSON.stringify(Object.fromEntries(workers.map((w) => [w.name, started.filter((s) => s.worker === w.name).length])))}`);

    // each tick queued a run of its own or joined the live one: never two runs of the horizon at once
    const outcomes = nightly.map((job) => job.returnvalue as { status: 'QUEUED' | 'JOINED' | 'DONE'; runId: string });
    expect(outcomes.filter((o) => o.status === 'JOINED').length).toBeGreaterThanOrEqual(1); // the ticks while the directory was locked
    const queued = [...new Set(outcomes.map((o) => o.runId))].sort(); // the runs the ticks recorded or joined
    const runs: { id: string; status: string; attempts: number; plan_version: number | null; seconds: number }[] = await db.query(
      `SELECT id, status, attempts, plan_version, extract(epoch FROM finished_at - created_at)::float AS seconds
       FROM allocation_runs WHERE trigger = 'SCHEDULE' ORDER BY id`,
    );
    for (const run of runs) expect({ id: run.id, status: run.status, attempts: run.attempts }).toEqual({ id: run.id, status: 'SUCCEEDED', attempts: 1 });
    expect(runs.map((run) => run.id)).toEqual(queued);
    console.log(`nightly runs: ${runs.length}, seconds from creation to end: ${runs.map((run) => run.seconds.toFixed(1)).join(', ')}`);
    expect(Math.max(...runs.map((run) => run.seconds))).toBeGreaterThan(4); // the locked one did outlast the reconciliation
    // each executed once, by one worker, as a job of its own id (what the reconciliation looks for)
    const runStarts = starts('allocation.run');
    for (const run of runs) expect({ run: run.id, starts: runStarts.filter((s) => s.id === run.id).length }).toEqual({ run: run.id, starts: 1 });
    // and a run writes at most one plan version (a replan of unchanged data may write none)
    const versions: { allocation_run_id: string; n: number }[] = await db.query(
      `SELECT allocation_run_id, count(*)::int AS n FROM plan_versions WHERE version > $1 GROUP BY allocation_run_id`, [before],
    );
    for (const row of versions) expect(row.n).toBe(1);
    expect(versions.every((row) => runs.some((run) => run.id === row.allocation_run_id && run.plan_version !== null))).toBe(true);
  });

  it('a run asked for on both APIs at once is one run, executed once by one worker', async () => {
    const horizon = { from: '2026-12-07', to: '2026-12-20' };
    const [{ before }] = await db.query(`SELECT coalesce(max(version), 0)::int AS before FROM plan_versions`);
    // an earlier plan of these weeks differs from the run's: the run has something to write
    await db.query(`UPDATE assignments SET mode = 'ON_SITE', source = 'DEFAULT', pool_id = NULL WHERE date BETWEEN $1 AND $2 AND mode = 'REMOTE' AND source = 'ROTATION'`, [horizon.from, horizon.to]);
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? api2 : api1).call('POST', '/api/allocation-runs', { token: hr, body: horizon })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const [runId] = [...ids] as string[];
    await idle();

    const [run] = await db.query(`SELECT status, attempts, plan_version, error FROM allocation_runs WHERE id = $1`, [runId]);
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempts: 1, error: null });
    const [{ runs }] = await db.query(`SELECT count(*)::int AS runs FROM allocation_runs WHERE horizon_from = $1 AND horizon_to = $2`, [horizon.from, horizon.to]);
    expect(runs).toBe(1);
    const versions = await db.query(`SELECT version FROM plan_versions WHERE version > $1`, [before]);
    expect(versions).toEqual([{ version: run.plan_version }]);
    expect(starts('allocation.run').filter((s) => s.id === runId)).toHaveLength(1);
  });

  it('approvals decided at once on both APIs, by the agents’ managers and by HR, keep the cap and grant no half-day twice', async () => {
    const AT = { date: '2026-12-16', period: 'AM' };
    const ALREADY_REMOTE = 8;
    const FREE = 12;
    // a pool of its own, so that the demo's agents do not count
    const [pool] = await db.query(
      `INSERT INTO capacity_pools (code, name, capacity, reserve) VALUES ('SCALE', 'Scale test', $1, 0) RETURNING id`, [ALREADY_REMOTE + FREE],
    );
    const managers: { email: string; org_unit_id: string; site_id: string }[] = await db.query(
      `SELECT u.email, o.id AS org_unit_id, a.site_id FROM users u JOIN agents a ON a.id = u.agent_id JOIN org_units o ON o.manager_agent_id = a.id
       WHERE u.role = 'MANAGER' AND u.active ORDER BY u.email`,
    );
    expect(managers.length).toBeGreaterThanOrEqual(2);
    const managerTokens = await Promise.all(managers.map((m, i) => (i % 2 ? api2 : api1).login(m.email)));
    // per manager's unit, the same number of agents: the first ALREADY_REMOTE of all remote, the rest asking
    const perUnit = Math.ceil((ALREADY_REMOTE + 5 * FREE) / managers.length);
    const agents: { id: string; unit: number }[] = [];
    for (const [unit, manager] of managers.entries()) {
      const rows: { id: string }[] = await db.query(
        `INSERT INTO agents (employee_number, first_name, last_name, email, site_id, org_unit_id, eligible, access_pool_id, tier)
         SELECT 'SC' || $5 || '-' || lpad(i::text, 4, '0'), 'Agent', 'Scale ' || i, 'scale' || $5 || '-' || i || '@example.fr', $1, $2, true, $3, 'STANDARD'
         FROM generate_series(1, $4::int) AS i ORDER BY i RETURNING id`,
        [manager.site_id, manager.org_unit_id, pool.id, perUnit, unit],
      );
      agents.push(...rows.map((row) => ({ id: row.id, unit })));
    }
    const remote = agents.filter((_, i) => i % (agents.length / ALREADY_REMOTE | 0) === 0).slice(0, ALREADY_REMOTE).map((a) => a.id);
    const asking = agents.filter((a) => !remote.includes(a.id));
    const [{ version }] = await db.query(
      `INSERT INTO plan_versions (version, horizon_from, horizon_to, kind)
       SELECT coalesce(max(version), 0) + 1, $1, $1, 'ROTATION_PUBLICATION' FROM plan_versions RETURNING version`, [AT.date],
    );
    await db.query(
      `INSERT INTO assignments (agent_id, date, period, mode, source, pool_id, site_id, plan_version)
       SELECT a.id, $2, $3, CASE WHEN a.id = ANY($4::uuid[]) THEN 'REMOTE' ELSE 'ON_SITE' END,
              CASE WHEN a.id = ANY($4::uuid[]) THEN 'ROTATION' ELSE 'DEFAULT' END,
              CASE WHEN a.id = ANY($4::uuid[]) THEN a.access_pool_id END, a.site_id, $5
       FROM agents a WHERE a.id = ANY($1::uuid[])`,
      [agents.map((a) => a.id), AT.date, AT.period, remote, version],
    );
    await rebuildPoolUsage(db.manager, AT.date, AT.date);
    const requests: { id: string; agent_id: string }[] = await db.query(
      `INSERT INTO telework_requests (agent_id, date, period, kind) SELECT id, $2, $3, 'REMOTE' FROM unnest($1::uuid[]) AS id RETURNING id, agent_id`,
      [asking.map((a) => a.id), AT.date, AT.period],
    );
    const unitOf = new Map(asking.map((a) => [a.id, a.unit]));

    // every request twice at the same moment: its manager on one API, HR on the other
    const started = Date.now();
    const decisions = await Promise.all(requests.flatMap((request, i) => {
      const unit = unitOf.get(request.agent_id) as number;
      const [managerApi, hrApi] = i % 2 ? [api1, api2] : [api2, api1];
      return [
        managerApi.call('POST', `/api/requests/${request.id}/approve`, { token: managerTokens[unit], body: {} }).then((r) => ({ ...r, request: request.id })),
        hrApi.call('POST', `/api/requests/${request.id}/approve`, { token: hr, body: {} }).then((r) => ({ ...r, request: request.id })),
      ];
    }));
    console.log(`${decisions.length} approvals of ${requests.length} requests on two APIs answered in ${Date.now() - started} ms`);

    // one decision per request; the other one is told it is decided already
    for (const request of requests) {
      const mine = decisions.filter((d) => d.request === request.id);
      expect(mine.map((d) => d.status).sort()).toEqual([200, 409]);
      expect(mine.find((d) => d.status === 409)?.body).toMatchObject({ code: 'REQUEST_NOT_PENDING' });
    }
    const decided = decisions.filter((d) => d.status === 200);
    expect(decided.filter((d) => d.body.allocationStatus === 'GRANTED')).toHaveLength(FREE);
    expect(decided.filter((d) => d.body.allocationStatus === 'WAITLISTED')).toHaveLength(requests.length - FREE);

    // the database agrees: the pool at its cap and not over, each granted half-day once
    const [counts] = await db.query(
      `SELECT count(*) FILTER (WHERE mode = 'REMOTE')::int AS remote, count(*) FILTER (WHERE source = 'REQUEST')::int AS granted
       FROM assignments WHERE date = $1 AND period = $2 AND pool_id = $3`, [AT.date, AT.period, pool.id],
    );
    expect(counts).toEqual({ remote: ALREADY_REMOTE + FREE, granted: FREE });
    const [usage] = await db.query(`SELECT remote_count FROM pool_usage WHERE pool_id = $1 AND date = $2 AND period = $3`, [pool.id, AT.date, AT.period]);
    expect(usage.remote_count).toBe(ALREADY_REMOTE + FREE);
    const [{ history, audit, notices }] = await db.query(
      `SELECT (SELECT count(*)::int FROM request_status_history WHERE request_id = ANY($1::uuid[]) AND status = 'APPROVED') AS history,
              (SELECT count(*)::int FROM audit_log WHERE entity_id = ANY($2::text[]) AND action = 'request.approved') AS audit,
              (SELECT count(*)::int FROM notices WHERE agent_id = ANY($3::uuid[]) AND kind = 'REQUEST_DECIDED') AS notices`,
      [requests.map((r) => r.id), requests.map((r) => r.id), asking.map((a) => a.id)],
    );
    expect({ history, audit, notices }).toEqual({ history: requests.length, audit: requests.length, notices: requests.length });
  });

  it('an account switched off on API 1 is refused by API 2 at its next request', async () => {
    const [agent] = await db.query(
      `SELECT u.email, u.agent_id FROM users u WHERE u.role = 'AGENT' AND u.active ORDER BY u.email OFFSET 1 LIMIT 1`,
    );
    const token = await api2.login(agent.email);
    // both APIs have it cached as active
    for (const api of [api1, api2, api2]) expect((await api.call('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await api1.call('POST', `/api/accounts/${agent.agent_id}/disable`, { token: hr })).status).toBe(200);
    for (const api of [api2, api1]) {
      const refused = await api.call('GET', '/api/auth/me', { token });
      expect({ api: api.name, status: refused.status, code: refused.body?.code }).toEqual({ api: api.name, status: 401, code: 'ACCOUNT_DISABLED' });
    }
  });

  it('a calendar link made on one API works on the other, and renewed there the old one dies on both at once', async () => {
    const [agent] = await db.query(`SELECT u.email FROM users u WHERE u.role = 'AGENT' AND u.active ORDER BY u.email OFFSET 2 LIMIT 1`);
    const token = await api1.login(agent.email);
    const made = await api1.call('GET', '/api/me/calendar-link', { token });
    expect(made.status).toBe(200);
    const path = new URL(made.body.url).pathname;
    for (const api of [api2, api1]) {
      const feed = await api.call('GET', path);
      expect({ api: api.name, status: feed.status }).toEqual({ api: api.name, status: 200 });
      expect(feed.text).toContain('BEGIN:VCALENDAR');
    }
    const renewed = await api2.call('POST', '/api/me/calendar-link', { token });
    expect(renewed.status).toBe(200);
    const newPath = new URL(renewed.body.url).pathname;
    expect(newPath).not.toBe(path);
    for (const api of [api1, api2]) {
      expect({ api: api.name, old: (await api.call('GET', path)).status, renewed: (await api.call('GET', newPath)).status })
        .toEqual({ api: api.name, old: 404, renewed: 200 });
    }
  });
});
