import fc from 'fast-check';
import loadHighs from 'highs';
import { buildPlanningContext } from '../model/context';
import { PlanningSnapshot } from '../model/snapshot';
import { planSnapshot } from '../pipeline/plan-snapshot';
import { smallSnapshot } from '../testing/small-snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { bounds } from './bounds';
import { MipSolver, relaxationFits, relaxationModel, searchWeekIntegerBound } from './integer-bound';
import { requestMasks, weekData } from './week-data';
import { WeekRelaxation, weekRelaxations } from './week-bound';

let highs: MipSolver;
beforeAll(async () => {
  highs = await loadHighs();
});

/** One week (Mon 2026-12-07 .. Fri 2026-12-11), `groups` groups of `size` agents, weekly 4..6. */
function week(groups: number, size: number): PlanningSnapshot {
  const agents = [];
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < size; i++) agents.push({ id: `A${g}-${i}`, siteId: 'S1', groupId: `G${g}`, eligible: true, pool: 'VDI' });
  }
  return {
    version: 1,
    horizon: { from: '2026-12-07', to: '2026-12-11' },
    timezone: 'Europe/Paris',
    pools: [{ id: 'VDI', capacity: 1000, reserve: 0 }],
    sites: [{ id: 'S1', capacity: 10_000 }],
    groups: Array.from({ length: groups }, (_, g) => ({ id: `G${g}` })),
    agents,
    requests: [],
  };
}

function relaxationsOf(snapshot: PlanningSnapshot): WeekRelaxation[][] {
  const v = validateSnapshot(snapshot);
  if (!v.ok) throw new Error('invalid fixture');
  const ctx = buildPlanningContext(v.snapshot);
  const masks = requestMasks(ctx);
  return ctx.weeks.map((w) => [...weekRelaxations(ctx, weekData(ctx, w.index, masks))]);
}

/** Every combination of one minimal mask per group: the relaxation's least largest load. */
function bruteForceOptimum(rel: WeekRelaxation): number {
  let best = Infinity;
  const chosen: number[] = [];
  const walk = (i: number) => {
    if (i === rel.masks.length) {
      let mx = 0;
      for (let j = 0; j < rel.k; j++) {
        let v = rel.base[j];
        chosen.forEach((m, g) => {
          if (m >= 0 && m & (1 << j)) v += rel.load[g * rel.k + j];
        });
        mx = Math.max(mx, v);
      }
      best = Math.min(best, mx);
      return;
    }
    const list = rel.masks[i].length > 0 ? Array.from(rel.masks[i]) : [-1];
    for (const m of list) {
      chosen[i] = m;
      walk(i + 1);
    }
  };
  walk(0);
  return best;
}

describe('integer-aware busiest half-day bound (hand-solved)', () => {
  it('sees that whole groups cannot spread: 3 groups × 10 agents × 4 half-days on 10 half-days', () => {
    // 12 group-half-days on 10 half-days: two half-days carry two groups, so 20 at least; the LP
    // spreads 120 agent-half-days evenly (12), the MIP proves 20, the builder reaches it
    const s = week(3, 10);
    const lp = bounds(s);
    expect(lp.busiestHalfDayLpBound).toBe(12);
    expect(lp.busiestHalfDayLowerBound).toBe(12);
    const plan = planSnapshot(s);
    const b = bounds(s, plan.rotation, { integer: { solver: highs } });
    expect(b.busiestHalfDayLpBound).toBe(12);
    expect(b.busiestHalfDayLowerBound).toBe(20);
    expect(plan.metrics.busiestHalfDay.remote).toBe(20);
    expect(b.integerSearch?.unanswered).toBe(0);
  });

  it('needs no solver where the LP is already whole: 5 groups × 4 half-days = 2 per half-day', () => {
    const s = week(5, 10);
    const b = bounds(s, planSnapshot(s).rotation, { integer: { solver: highs } });
    expect(b.busiestHalfDayLowerBound).toBe(20);
    expect(b.integerSearch?.solverCalls).toBe(0);
  });

  it('writes a model HiGHS reads, and refuses a limit under the base at once', () => {
    const [[rel]] = relaxationsOf(week(3, 10));
    const model = relaxationModel(rel, 19);
    expect(model).toContain(' g0: ');
    expect(model).toContain(' h9: ');
    expect(highs.solve(model as string, { output_flag: false }).Status).toBe('Infeasible');
    expect(highs.solve(relaxationModel(rel, 20) as string, { output_flag: false }).Status).toBe('Optimal');
    expect(relaxationModel({ ...rel, base: Float64Array.from(rel.base, (_, j) => (j === 3 ? 25 : 0)) }, 20)).toBeNull();
  });

  it('proves nothing from an unanswered call (time limit, solver error)', () => {
    const [[rel]] = relaxationsOf(week(3, 10));
    const timedOut: MipSolver = { solve: () => ({ Status: 'Time limit reached' }) };
    const broken: MipSolver = {
      solve: () => {
        throw new Error('wasm trap');
      },
    };
    expect(relaxationFits(rel, 19, timedOut, 1)).toBe('unknown');
    expect(relaxationFits(rel, 19, broken, 1)).toBe('unknown');
    const r = searchWeekIntegerBound([rel], 12, 20, { solver: timedOut });
    expect(r.bound).toBe(12);
    expect(r.unknown).toBeGreaterThan(0);
  });
});

describe('integer-aware busiest half-day bound (random small snapshots)', () => {
  it('equals max over the forced sets of min(threshold, brute-force optimum), and holds for the plan', () => {
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        const weeks = relaxationsOf(snapshot);
        const size = weeks.flat().reduce((n, rel) => n * rel.masks.reduce((m, list) => m * Math.max(1, list.length), 1), 1);
        fc.pre(size <= 50_000);
        let expected = 0;
        for (const rels of weeks) for (const rel of rels) expected = Math.max(expected, Math.min(rel.threshold, bruteForceOptimum(rel)));
        const plan = planSnapshot(snapshot);
        const b = bounds(snapshot, plan.rotation, { integer: { solver: highs } });
        expect(b.integerSearch?.unanswered).toBe(0);
        expect(b.busiestHalfDayLowerBound).toBe(Math.max(b.busiestHalfDayLpBound, expected));
        expect(b.busiestHalfDayLowerBound).toBeGreaterThanOrEqual(b.busiestHalfDayLpBound);
      }),
      { numRuns: 120 },
    );
  });

  it('never passes the busiest half-day of a plan with no shortfall and no request', () => {
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        const s = { ...snapshot, requests: [] };
        const plan = planSnapshot(s);
        fc.pre(plan.metrics.weeklyMinShortfalls === 0);
        const b = bounds(s, plan.rotation, { integer: { solver: highs } });
        expect(plan.metrics.busiestHalfDay.remote).toBeGreaterThanOrEqual(b.busiestHalfDayLowerBound);
      }),
      { numRuns: 80 },
    );
  });
});
