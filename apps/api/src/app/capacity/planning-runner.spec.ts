import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { generateScenario, PlanningSnapshot } from '@telework/planning';
import { PlanningJob, runPlanningJob } from '@telework/engine-jobs';
import { planInline } from '@telework/planning-data';
import { createDataSource } from '@telework/persistence';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
import type { AppConfig } from '@telework/server-config';
import { EngineJobsService } from '../jobs/engine-jobs.provider';
import { PlanningRunner } from './planning-runner';

jest.setTimeout(180_000);

/** Runs `work` while a 5 ms timer ticks; answers the longest gap between ticks (event-loop stall). */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = Date.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, Date.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

function withoutSolveMs(result: ReturnType<typeof runPlanningJob>) {
  if (!result.ok || result.kind !== 'whatIf') return result;
  const metrics: Record<string, unknown> = { ...result.metrics };
  delete metrics['solveMs'];
  return { ...result, metrics };
}

const job = (snapshot: unknown): PlanningJob => ({
  kind: 'whatIf', snapshot, origin: 'body', overrides: { pools: [{ id: 'VDI', capacity: 1_500 }] }, timeLimitMs: 60_000,
});

/**
 * The API's planning work as engine jobs, in threads (no Redis): the threads answer what the
 * engine answers inline, refusals included, the event loop keeps turning, and each job is a row.
 */
describe.each(TEST_DATABASE_MODES)('PlanningRunner on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let jobs: EngineJobsService;
  let runner: PlanningRunner;
  let departement: PlanningSnapshot;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    jobs = new EngineJobsService(dataSource, { redisUrl: null, queue: { prefix: 'unused' } } as unknown as AppConfig);
    // runs of 50 agents and more split by pool (the region below); tiny (40 agents) stays whole
    runner = new PlanningRunner(jobs, { allocationSplitMinAgents: 50 } as AppConfig);
    departement = generateScenario('departement', 1).snapshot;
  });

  afterAll(async () => {
    await jobs?.onApplicationShutdown();
    await dataSource?.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database?.drop();
  });

  it('plans the département in a thread with the inline answer, while the event loop keeps turning', async () => {
    const threaded = await longestStall(() => runner.run(job(departement)));
    const inline = runPlanningJob(job(departement));
    expect(threaded.result.ok).toBe(true);
    expect(withoutSolveMs(threaded.result)).toEqual(withoutSolveMs(inline));
    // the solve takes seconds; the loop never stalls for more than a fraction of that
    expect(threaded.stallMs).toBeLessThan(250);
    const [row] = await dataSource.query(`SELECT kind, status, progress_pct, input_gz IS NOT NULL AS kept FROM engine_jobs ORDER BY created_at DESC LIMIT 1`);
    expect(row).toEqual({ kind: 'whatIf', status: 'DONE', progress_pct: 100, kept: true });
  });

  it('plans allocation runs and rotations in the thread with the inline answers, refusals included', async () => {
    const tiny = generateScenario('tiny', 4).snapshot;
    const plan = await runner.allocationPlanner()(tiny, { timeLimitMs: 60_000 });
    const strip = (p: typeof plan) => ({ ...p, metrics: { ...p.metrics, solveMs: 0 } });
    expect(strip(plan)).toEqual(strip(await planInline(tiny, { timeLimitMs: 60_000 })));
    // the run records its snapshot and writes its plan: the solve's job row keeps neither payload
    const [solve] = await dataSource.query(
      `SELECT status, input_gz IS NULL AND result_gz IS NULL AS bare FROM engine_jobs WHERE kind = 'allocationPlan' ORDER BY created_at DESC LIMIT 1`);
    expect(solve).toEqual({ status: 'DONE', bare: true });

    const rotation = await runner.run({ kind: 'rotationPlan', snapshot: { ...tiny, requests: [] }, timeLimitMs: 60_000, field: 'from' });
    expect(rotation).toMatchObject({ ok: true, kind: 'rotationPlan', report: { rotationWeeks: expect.any(Array) } });
    // every group remote on one half-day breaks a cap: refused with the field named, each conflict coded
    const everyone = tiny.groups.map((group) => ({ groupId: group.id, date: '2026-12-07', period: 'AM' as const }));
    const refused = await runner.run({
      kind: 'rotationPlan', snapshot: { ...tiny, horizon: { from: '2026-12-07', to: '2026-12-13' }, requests: [], rotation: everyone },
      timeLimitMs: 60_000, field: 'changes',
    });
    expect(refused).toMatchObject({ ok: false, status: 400, problem: { code: 'ROTATION_BREAKS_RULES', count: expect.any(Number) } });
    if (refused.ok) throw new Error('the rotation was accepted');
    expect(refused.errors.length).toBeGreaterThan(0);
    expect(refused.errors.every((e) => e.field === 'changes' && e.code.startsWith('ROTATION_'))).toBe(true);
    const [row] = await dataSource.query(`SELECT status, problem FROM engine_jobs ORDER BY created_at DESC LIMIT 1`);
    expect(row.status).toBe('REFUSED');
  });

  it('splits the run of a region by pool: one engine job per part, merged into the plan of the whole', async () => {
    const region = generateScenario('region-tiny', 3).snapshot;
    const published = { ...region, rotation: (await planInline(region, { timeLimitMs: 60_000 })).rotation };
    const since = new Date();
    const plan = await runner.allocationPlanner()(published, { timeLimitMs: 60_000 });
    const inline = await planInline(published, { timeLimitMs: 60_000 });
    const canonical = (p: typeof plan) => ({
      ...p, metrics: { ...p.metrics, solveMs: 0 }, rotation: p.rotation.map((c) => JSON.stringify(c)).sort(),
      keptOnSite: p.keptOnSite?.map((k) => JSON.stringify(k)).sort(), warnings: p.warnings?.slice().sort(), codedWarnings: p.codedWarnings?.map((w) => JSON.stringify(w)).sort(),
    });
    expect(canonical(plan)).toEqual(canonical(inline));
    const solves = await dataSource.query(
      `SELECT status FROM engine_jobs WHERE kind = 'allocationPlan' AND created_at >= $1`, [since]);
    // three départements, each its own pools: at least three parts (a site of ineligible agents alone is one more)
    expect(solves.length).toBeGreaterThanOrEqual(3);
    expect(solves.every((s: { status: string }) => s.status === 'DONE')).toBe(true);
  });

  it('brings refusals back across the thread, one coded error per path', async () => {
    const broken = { ...departement, agents: departement.agents.map((a, i) => (i === 7 ? { ...a, siteId: 'nowhere' } : a)) };
    const result = await runner.run(job(broken));
    expect(result).toMatchObject({ ok: false, status: 400, problem: { code: 'SNAPSHOT_INVALID', count: 1 } });
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ field: 'snapshot.agents[7].siteId' });
  });

  it('answers a cancelled job as 409 JOB_CANCELLED and a failed solve as an error of the run', async () => {
    const id = randomUUID();
    const running = jobs.run({ kind: 'whatIf', input: job(departement), timeLimitMs: 60_000, jobId: id }).catch((e) => e);
    for (let i = 0; i < 200 && (await jobs.store.get(id))?.status !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 10));
    await jobs.cancel(id);
    expect(((await running) as { status: string }).status).toBe('CANCELLED');

    const tiny = generateScenario('tiny', 2).snapshot;
    const broken = { ...tiny, agents: tiny.agents.map((a, i) => (i === 0 ? { ...a, siteId: 'nowhere' } : a)) };
    await expect(runner.allocationPlanner()(broken, { timeLimitMs: 60_000 })).rejects.toThrow();
    expect((await runner.run({ kind: 'allocationPlan', snapshot: tiny, timeLimitMs: 60_000 })).ok).toBe(true);
  });
});
