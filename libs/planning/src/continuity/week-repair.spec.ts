import loadHighs from 'highs';
import { noWorkplaceLowerBound, type LpSolver } from '../bounds/no-workplace-bound';
import { checkPlan } from '../checker/check-plan';
import type { ContinuityEventSnapshot, Plan, PlanningSnapshot, Tier, WeekdayHalfDay } from '../model';
import { WEEKDAY_HALF_DAYS } from '../model/snapshot';
import { planWithReport } from '../pipeline/plan-snapshot';
import { mulberry32 } from '../scenario/prng';

/**
 * The week repair against the exact fewest N: on random small départements whose continuity
 * events last several half-days and whose weekly maxes bind (so that the greedy pass, spending the
 * budgets in time order, can leave more N than needed), the engine's N is compared with the
 * no-workplace bound (HiGHS, as the bound's spec) where that bound is exact (its LP integral: it
 * is then the fewest N itself): equal but for a stated few cases, never above the greedy pass
 * alone, and the checker finds nothing.
 *
 * "The greedy pass alone" is the same engine with the repair turned off (its module replaced by a
 * no-op in an isolated registry): the only way to show the repair at work on the same cases.
 */

let highs: LpSolver;
beforeAll(async () => {
  highs = await loadHighs();
});

const DATES = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18'];
const KEYS = DATES.flatMap((d) => [`${d}AM`, `${d}PM`]);

/** A random small département, one or two weeks, with multi-day events and small weekly maxes. */
function smallCase(seed: number): PlanningSnapshot {
  const rng = mulberry32(seed).fork(0x5eed);
  const weeks = rng.chance(0.3) ? 2 : 1;
  const days = DATES.slice(0, weeks * 5);
  const keys = KEYS.slice(0, weeks * 10);
  const sites = Array.from({ length: rng.between(1, 3) }, (_, i) => ({ id: `S${i + 1}`, capacity: rng.between(3, 12) }));
  const pools = Array.from({ length: rng.between(1, 2) }, (_, i) => {
    const reserve = rng.between(0, 1);
    return { id: `P${i + 1}`, capacity: rng.between(reserve + 1, 8), reserve };
  });
  const tiers: Tier[] = ['ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD', 'STANDARD', 'STANDARD', 'STANDARD'];
  const agents = Array.from({ length: rng.between(8, 28) }, (_, i) => {
    const eligible = rng.chance(0.75);
    // small weekly maxes: the budgets bind over events of several half-days
    const max = rng.between(1, 4);
    const off: WeekdayHalfDay[] = rng.chance(0.2) ? [rng.pick(WEEKDAY_HALF_DAYS)] : [];
    return {
      id: `A${i + 1}`, siteId: rng.pick(sites).id, eligible, groupId: eligible ? `G${rng.between(1, 3)}` : null, pool: eligible ? rng.pick(pools).id : null,
      tier: rng.pick(tiers), weeklyMin: 0, weeklyMax: max, offHalfDays: off, orgUnitId: rng.chance(0.5) ? 'U1' : 'U2',
    };
  });
  const events: ContinuityEventSnapshot[] = Array.from({ length: rng.between(1, 3) }, (_, k) => {
    const start = rng.int(keys.length - 1);
    const end = Math.min(keys.length - 1, start + rng.between(1, 9));
    const e: ContinuityEventSnapshot = {
      id: `E${k + 1}`, from: keys[start].slice(0, 10), fromPeriod: keys[start].slice(10) as 'AM' | 'PM',
      to: keys[end].slice(0, 10), toPeriod: keys[end].slice(10) as 'AM' | 'PM',
      // sites closed or cut to a few desks
      sites: rng.shuffle([...sites]).slice(0, rng.between(1, sites.length)).map((s) => ({ siteId: s.id, capacity: rng.between(0, Math.ceil(s.capacity / 3)) })),
    };
    if (rng.chance(0.35)) {
      const pool = rng.pick(pools);
      e.pools = [{ poolId: pool.id, capacity: rng.between(pool.reserve, pool.capacity + 4) }];
    }
    if (rng.chance(0.3)) e.regime = { weeklyMax: rng.between(2, 5), ...(rng.chance(0.5) ? { scope: { tiers: ['STANDARD'] as Tier[] } } : {}) };
    if (rng.chance(0.3)) e.extraEligible = agents.filter((a) => !a.eligible && rng.chance(0.5)).map((a) => ({ agentId: a.id, pool: rng.pick(pools).id }));
    if (rng.chance(0.2)) e.onSite = { agentIds: [rng.pick(agents).id] };
    return e;
  });
  const requests = Array.from({ length: rng.between(0, 4) }, (_, k) => {
    const key = rng.pick(keys);
    return { id: `Q${k + 1}`, agentId: rng.pick(agents).id, date: key.slice(0, 10), period: key.slice(10) as 'AM' | 'PM', kind: rng.chance(0.6) ? 'REMOTE' as const : 'ON_SITE' as const, status: 'APPROVED' as const };
  });
  // a kept rotation (the engine's rotation search is not what is tested here): each group remote
  // on random half-days, beyond the weekly maxes at times (then kept on site)
  const rotation = ['G1', 'G2', 'G3'].flatMap((groupId) =>
    keys.filter(() => rng.chance(0.35)).map((key) => ({ groupId, date: key.slice(0, 10), period: key.slice(10) as 'AM' | 'PM' })));
  return {
    version: 2, horizon: { from: days[0], to: days[days.length - 1] }, closedDates: [], pools, sites,
    groups: [{ id: 'G1' }, { id: 'G2' }, { id: 'G3' }], agents, events, requests, rotation,
  };
}

/** The rotation kept as given (conflicts with the weekly maxes kept on site): any baseline will do, the bound reads it from the plan. */
const OPTIONS = { rotationConflicts: 'keep-on-site' as const };

/** planSnapshot with the week repair turned off (the greedy pass alone), loaded once in its own registry. */
let planGreedyOnly: (snapshot: PlanningSnapshot) => Plan;
beforeAll(() => {
  jest.isolateModules(() => {
    jest.doMock('./week-repair', () => ({ repairWeek: () => 0 }));
    const { planWithReport: greedy } = require('../pipeline/plan-snapshot') as typeof import('../pipeline/plan-snapshot');
    planGreedyOnly = (snapshot) => greedy(snapshot, OPTIONS).plan;
  });
  jest.dontMock('./week-repair');
});

const N = (plan: Plan) => plan.metrics.noWorkplace ?? 0;

describe('continuity week repair: the fewest N when weekly maxes bind', () => {
  it('reaches the exact bound on 98 % of random small départements with multi-day events (never above the greedy pass), checker clean', () => {
    const SEEDS = 300;
    let planned = 0;
    let exact = 0;
    let binding = 0;
    let greedyAbove = 0;
    let repairedTo = 0;
    let greedyTotal = 0;
    let engineTotal = 0;
    let greedyExcess = 0;
    let engineExcess = 0;
    let worstExcess = 0;
    const gaps: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const snapshot = smallCase(seed);
      let plan: Plan;
      try {
        plan = planWithReport(snapshot, OPTIONS).plan;
      } catch (e) {
        // a random snapshot the engine refuses (e.g. an event pool cap below the reserve) says nothing here
        if ((e as Error).name === 'SnapshotValidationError') continue;
        throw e;
      }
      planned++;
      const where = `seed ${seed}`;
      expect([where, checkPlan(snapshot, plan).violations]).toEqual([where, []]);
      const greedy = planGreedyOnly(snapshot);
      expect([where, checkPlan(snapshot, greedy).violations]).toEqual([where, []]);
      const bound = noWorkplaceLowerBound(snapshot, plan, { solver: highs });
      expect([where, bound.unsolvedWeeks]).toEqual([where, 0]);
      const n = N(plan);
      // a proven bound, and the repair never adds N
      expect([where, bound.lowerBound <= n, n <= N(greedy)]).toEqual([where, true, true]);
      greedyTotal += N(greedy);
      engineTotal += n;
      if (bound.weeks.some((w) => w.budgetsMayBind)) binding++;
      if (N(greedy) > bound.lowerBound) greedyAbove++;
      if (!bound.exact) continue;
      exact++;
      greedyExcess += N(greedy) - bound.lowerBound;
      engineExcess += n - bound.lowerBound;
      worstExcess = Math.max(worstExcess, n - bound.lowerBound);
      if (n !== bound.lowerBound) gaps.push(`${where}: N ${n}, exact ${bound.lowerBound}, greedy alone ${N(greedy)}`);
      else if (N(greedy) > n) repairedTo++;
    }
    // the cases do what they should: most plan, budgets bind in most, the greedy alone falls short in many
    expect(planned).toBeGreaterThan(SEEDS * 0.8);
    expect(binding).toBeGreaterThan(planned * 0.8);
    expect(exact).toBeGreaterThan(planned * 0.9);
    expect(greedyAbove).toBeGreaterThan(50);
    // measured (seeds 1…300): the greedy alone above the fewest N in 71 cases (+180 N in all); after
    // the repair 4 cases remain, by 1 to 3 (+7): seeds 203, 237, 241, 275, which need chains the
    // repair does not try (it follows one chain at a time, the LP may move several at once)
    expect(gaps.length).toBeLessThanOrEqual(Math.ceil(exact * 0.02));
    expect(worstExcess).toBeLessThanOrEqual(3);
    expect(engineExcess * 10).toBeLessThanOrEqual(greedyExcess);
    expect(repairedTo).toBeGreaterThanOrEqual(greedyAbove - gaps.length);
    expect(engineTotal).toBeLessThan(greedyTotal);
  });
});
