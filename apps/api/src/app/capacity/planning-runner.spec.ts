import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateScenario, PlanningSnapshot } from '@telework/planning';
import { PlanningJob, runPlanningJob } from './planning-jobs';
import { planInline } from '@telework/planning-data';
import { PlanningRunner } from './planning-runner';
import { bundlePlanningWorker } from './worker-bundle.testing';

jest.setTimeout(120_000);

/** Runs `work` while a 5 ms timer ticks; answers the longest gap between ticks (event-loop stall). */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; elapsedMs: number }> {
  let last = Date.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const start = Date.now();
  try {
    const result = await work();
    stallMs = Math.max(stallMs, Date.now() - last);
    return { result, stallMs, elapsedMs: Date.now() - start };
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

describe('PlanningRunner', () => {
  let script: string;
  let departement: PlanningSnapshot;

  beforeAll(() => {
    script = bundlePlanningWorker();
    departement = generateScenario('departement', 1).snapshot;
  });

  const job = (snapshot: unknown): PlanningJob => ({
    kind: 'whatIf', snapshot, origin: 'body', overrides: { pools: [{ id: 'VDI', capacity: 1_500 }] }, timeLimitMs: 60_000,
  });

  it('plans the département in a worker thread with the same answer as inline, while the event loop keeps turning', async () => {
    const inWorker = new PlanningRunner();
    inWorker.workerScript = script;
    const threaded = await longestStall(() => inWorker.run(job(departement)));

    const inline = new PlanningRunner();
    inline.workerScript = null;
    const blocking = await longestStall(() => inline.run(job(departement)));

    expect(threaded.result.ok).toBe(true);
    expect(withoutSolveMs(threaded.result)).toEqual(withoutSolveMs(blocking.result));
    // inline, the loop is stuck for the whole solve; in the worker it never stalls for long
    expect(blocking.stallMs).toBeGreaterThan(500);
    expect(threaded.stallMs).toBeLessThan(Math.min(250, blocking.stallMs / 2));
  });

  it('plans allocation runs and rotations in the thread with the inline answers, refusals included', async () => {
    const runner = new PlanningRunner();
    runner.workerScript = script;
    const tiny = generateScenario('tiny', 4).snapshot;
    const plan = await runner.allocationPlanner()(tiny, { timeLimitMs: 60_000 });
    const strip = (p: typeof plan) => ({ ...p, metrics: { ...p.metrics, solveMs: 0 } });
    expect(strip(plan)).toEqual(strip(await planInline(tiny, { timeLimitMs: 60_000 })));

    const rotation = await runner.run({ kind: 'rotationPlan', snapshot: { ...tiny, requests: [] }, timeLimitMs: 60_000, field: 'from' });
    expect(rotation).toMatchObject({ ok: true, kind: 'rotationPlan', report: { rotationWeeks: expect.any(Array) } });
    // every group remote on one half-day breaks a cap: refused with the field named
    const everyone = tiny.groups.map((group) => ({ groupId: group.id, date: '2026-12-07', period: 'AM' as const }));
    const refused = await runner.run({
      kind: 'rotationPlan', snapshot: { ...tiny, horizon: { from: '2026-12-07', to: '2026-12-13' }, requests: [], rotation: everyone },
      timeLimitMs: 60_000, field: 'changes',
    });
    expect(refused).toMatchObject({ ok: false, status: 400, problem: { code: 'ROTATION_BREAKS_RULES', count: expect.any(Number) } });
    if (refused.ok) throw new Error('the rotation was accepted');
    // one coded entry per conflict, naming the field (the engine words a conflict itself: ENGINE_CHECK)
    expect(refused.problem).toEqual({ code: 'ROTATION_BREAKS_RULES', count: refused.errors.length });
    expect(refused.errors.length).toBeGreaterThan(0);
    expect(refused.errors.every((e) => e.field === 'changes' && e.code === 'ENGINE_CHECK' && typeof e['detail'] === 'string')).toBe(true);
  });

  it('brings refusals back across the thread (one error per path)', async () => {
    const runner = new PlanningRunner();
    runner.workerScript = script;
    const broken = { ...departement, agents: departement.agents.map((a, i) => (i === 7 ? { ...a, siteId: 'nowhere' } : a)) };
    const result = await runner.run(job(broken));
    expect(result).toEqual({
      ok: false, status: 400, problem: { code: 'SNAPSHOT_INVALID', count: 1 },
      errors: [{ field: 'snapshot.agents[7].siteId', code: 'ENGINE_CHECK', detail: 'unknown site "nowhere"' }],
    });
  });

  it('runs at most maxConcurrent jobs at once and queues the others', async () => {
    const runner = new PlanningRunner();
    runner.workerScript = script;
    const tiny = generateScenario('tiny', 2).snapshot;
    const jobs = [1, 2, 3].map(() => runner.run(job({ ...tiny, pools: tiny.pools.map((p) => (p.id === 'VDI' ? { ...p, capacity: 1_500 } : p)) })));
    expect(runner.load).toEqual({ running: runner.maxConcurrent, waiting: 3 - runner.maxConcurrent });
    const results = await Promise.all(jobs);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(runner.load).toEqual({ running: 0, waiting: 0 });
  });

  it('keeps its thread between jobs (no start-up and a warm JIT for the next one), and drops a thread that failed', async () => {
    const runner = new PlanningRunner();
    runner.workerScript = script;
    const tiny = generateScenario('tiny', 2).snapshot;
    const idleThreads = () => (runner as unknown as { idle: { worker: { threadId: number } }[] }).idle.map((entry) => entry.worker.threadId);
    expect((await runner.run({ kind: 'allocationPlan', snapshot: tiny, timeLimitMs: 60_000 })).ok).toBe(true);
    const [thread] = idleThreads();
    expect(thread).toBeGreaterThan(0);
    expect((await runner.run({ kind: 'allocationPlan', snapshot: tiny, timeLimitMs: 60_000 })).ok).toBe(true);
    expect(idleThreads()).toEqual([thread]);
    // an engine error ends the thread: it is not kept
    const broken = { ...tiny, agents: tiny.agents.map((a, i) => (i === 0 ? { ...a, siteId: 'nowhere' } : a)) };
    await expect(runner.run({ kind: 'allocationPlan', snapshot: broken, timeLimitMs: 60_000 })).rejects.toThrow(/nowhere/);
    expect(idleThreads()).toEqual([]);
    expect((await runner.run({ kind: 'allocationPlan', snapshot: tiny, timeLimitMs: 60_000 })).ok).toBe(true);
    expect(idleThreads()).toHaveLength(1);
    runner.onModuleDestroy();
    expect(idleThreads()).toEqual([]);
  });

  it('rejects when the worker dies, and frees its slot', async () => {
    const crashing = join(tmpdir(), `crashing-worker-${process.pid}.js`);
    writeFileSync(crashing, `throw new Error('boom in the worker');`);
    const runner = new PlanningRunner();
    runner.workerScript = crashing;
    await expect(runner.run(job(departement))).rejects.toThrow(/boom in the worker/);
    expect(runner.load).toEqual({ running: 0, waiting: 0 });
  });
});
