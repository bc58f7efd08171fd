import loadHighs from 'highs';
import { buildPlanningContext } from '../model/context';
import { planWithReport } from '../pipeline/plan-snapshot';
import { generateVaried } from '../scenario/varied';
import { ExactSolver, exactOverflows, rotationOverflows } from '../testing/rotation-referee';
import { validateSnapshot } from '../validation/validate-snapshot';
import { groupRemoteOf } from './build-rotation';

/**
 * On varied départements (random site sizes, group sizes, eligibility shares, part-time patterns,
 * tiers, weekly min / max, pool caps; scenario/varied.ts), each week of the built rotation is
 * checked against the fewest site × half-day overflows an exact MIP (HiGHS, the test's referee)
 * proves reachable under the same hard rules: never below it (the referee's model is the
 * builder's), and zero whenever zero is reachable. The builder runs without HiGHS, as the API,
 * the worker and the CLI run it.
 *
 * Not asserted: equality where the optimum is above zero (overloaded sites). On these 30 seeds
 * it holds but for seed 5 (21 against 19) and seed 6 (4 against 3); see README.md.
 */
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

describe('rotation site overflows against the exact optimum (HiGHS)', () => {
  let highs: ExactSolver;
  beforeAll(async () => {
    // one instance for the file: ~30 solves, far from the ~4,000 after which one failed (PITFALLS.md)
    highs = (await loadHighs()) as unknown as ExactSolver;
  });

  it.each(SEEDS)('varied département, seed %i: no overflow in a week where none is reachable, never fewer than the optimum', (seed) => {
    const { snapshot, parameters } = generateVaried({ seed, agents: [60, 200] });
    const { plan } = planWithReport(snapshot);
    const v = validateSnapshot(snapshot);
    if (!v.ok) throw new Error(`seed ${seed}: invalid snapshot`);
    const ctx = buildPlanningContext(v.snapshot);
    const built = rotationOverflows(ctx, groupRemoteOf(ctx, plan.rotation)).map((w) => ({ week: w.week, pairs: w.pairs }));
    const exact = exactOverflows(ctx, highs, 30);
    const wrong = built.some((w, i) => w.pairs < exact[i].pairs || (exact[i].pairs === 0 && w.pairs > 0));
    if (wrong) {
      throw new Error(`seed ${seed} ${JSON.stringify(parameters)}: built ${JSON.stringify(built)}, exact ${JSON.stringify(exact)}`);
    }
    // without requests the final plan keeps exactly the rotation's figures
    expect(plan.metrics.siteOverflows).toBe(built.reduce((x, w) => x + w.pairs, 0));
  });
});
