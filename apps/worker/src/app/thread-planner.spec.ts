import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { generateScenario, PlanningSnapshot } from '@telework/planning';
import { planInline } from '@telework/planning-data';
import { threadPlanner } from './thread-planner';

jest.setTimeout(120_000);

/** The webpack bundle does not exist when tests run from the sources: bundle the thread entry the same way. */
function bundleThreadEntry(): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'worker-planner-')), 'planning-worker.js');
  buildSync({
    entryPoints: [resolve(__dirname, '../planning.worker.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile,
    tsconfig: resolve(__dirname, '../../../../tsconfig.base.json'), logLevel: 'warning',
  });
  return outfile;
}

/** Runs `work` while a 5 ms timer ticks; answers the longest gap between ticks (how long the event loop was stuck). */
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
    return { result, stallMs: Math.max(stallMs, Date.now() - last) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The worker's solve runs in a thread, so its event loop keeps renewing BullMQ's job lock (a
 * stall longer than the lock would let the job be declared stalled and run twice).
 */
describe('the worker’s thread planner', () => {
  let script: string;
  let snapshot: PlanningSnapshot;

  beforeAll(() => {
    script = bundleThreadEntry();
    snapshot = generateScenario('departement', 3).snapshot; // 5,000 agents and their requests

  });

  it('gives the inline plan, while the event loop keeps turning (stall ratio against inline)', async () => {
    const threaded = await longestStall(() => threadPlanner(script)(snapshot, { timeLimitMs: 60_000 }));
    const inline = await longestStall(() => planInline(snapshot, { timeLimitMs: 60_000 }));
    const strip = (plan: typeof inline.result) => ({ ...plan, metrics: { ...plan.metrics, solveMs: 0 } });
    expect(strip(threaded.result)).toEqual(strip(inline.result));
    console.log(`event loop stall while planning the département: thread ${threaded.stallMs} ms, inline ${inline.stallMs} ms`);
    expect(threaded.stallMs).toBeLessThan(inline.stallMs / 4);
  });

  it('rejects with the engine’s error when the snapshot is not valid', async () => {
    const broken = { ...snapshot, agents: snapshot.agents.map((a, i) => (i === 3 ? { ...a, siteId: 'nowhere' } : a)) };
    // the engine's error crosses the thread as itself: its kind, not words to read back
    await expect(threadPlanner(script)(broken, { timeLimitMs: 1_000 })).rejects.toMatchObject({ name: 'SnapshotValidationError' });
  });

  it('passes the run’s rotationConflicts to the engine: a published rotation broken by a cap cut keeps planning', async () => {
    const tiny = generateScenario('tiny', 2).snapshot;
    const rotation = (await planInline(tiny, { timeLimitMs: 60_000 })).rotation;
    const cut = { ...tiny, rotation, reservations: [], pools: tiny.pools.map((p) => (p.id === 'VDI' ? { ...p, capacity: (p.reserve ?? 0) + 3, capacityChanges: [] } : p)) };
    const planner = threadPlanner(script);
    await expect(planner(cut, { timeLimitMs: 60_000, rotationConflicts: 'refuse' })).rejects.toMatchObject({ name: 'RotationConflictError' });
    const kept = await planner(cut, { timeLimitMs: 60_000, rotationConflicts: 'keep-on-site' });
    expect(kept.keptOnSite?.length).toBeGreaterThan(0);
  });

  it('plans inline when there is no bundled script', () => {
    expect(threadPlanner(null)).toBe(planInline);
  });
});
