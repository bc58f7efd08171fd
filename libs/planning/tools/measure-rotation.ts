/**
 * Measures the rotation builder against the exact referee (HiGHS): per scenario, the rotation's
 * site overflows (pairs) against the proven optimum of each week, the busiest half-day against
 * the LP bound, the final plan's overflows and the solve time.
 *
 *   npx esbuild libs/planning/tools/measure-rotation.ts --bundle --platform=node --external:highs \
 *     --outfile=/tmp/measure.js && NODE_PATH=node_modules node /tmp/measure.js departement 1-8 varied 1-30
 *
 * (HiGHS stays outside the bundle: bundled, its loader finds no file to require itself from.)
 * Scenario names: a generator of scenario/scenarios.ts, `varied` (150..700 agents) or
 * `varied-small` (60..200 agents).
 */
import loadHighs from 'highs';
import { generateScenario } from '../src/scenario/scenarios';
import { generateVaried } from '../src/scenario/varied';
import { validateSnapshot } from '../src/validation/validate-snapshot';
import { buildPlanningContext } from '../src/model/context';
import { planWithReport } from '../src/pipeline/plan-snapshot';
import { groupRemoteOf } from '../src/rotation/build-rotation';
import { exactOverflows, rotationOverflows, ExactSolver } from '../src/testing/rotation-referee';
import { PlanningSnapshot } from '../src/model/snapshot';

function range(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number);
  return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
}

async function main() {
  const args = process.argv.slice(2);
  const totals = { worse: 0, weeks: 0, seeds: 0, bad: 0 };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    for (const seed of range(args[i + 1])) {
      const snapshot: PlanningSnapshot = name === 'varied' ? generateVaried({ seed }).snapshot : name === 'varied-small' ? generateVaried({ seed, agents: [60, 200] }).snapshot : generateScenario(name, seed).snapshot;
      const c0 = process.cpuUsage();
      const { plan, report } = planWithReport(snapshot);
      const c1 = process.cpuUsage(c0);
      const ms = (c1.user + c1.system) / 1000; // CPU time: the machine is shared
      const v = validateSnapshot(snapshot);
      if (!v.ok) throw new Error('invalid');
      const ctx = buildPlanningContext(v.snapshot);
      const gr = groupRemoteOf(ctx, plan.rotation);
      const got = rotationOverflows(ctx, gr);
      // a fresh HiGHS per scenario (PITFALLS: one instance has failed after ~4,000 solves)
      const highs = (await loadHighs()) as unknown as ExactSolver;
      const t1 = performance.now();
      let exact: { pairs: number }[];
      try {
        exact = exactOverflows(ctx, highs, 30);
      } catch (e) {
        console.log(`${name} ${seed}: the referee gave no answer: ${(e as Error).message}`);
        continue;
      }
      const exactMs = performance.now() - t1;
      // the rotation counted with no request at all (the figure)
      const bare = validateSnapshot({ ...snapshot, requests: [] });
      if (!bare.ok) throw new Error('invalid');
      const bctx = buildPlanningContext(bare.snapshot);
      const bareGot = rotationOverflows(bctx, gr);
      const gotP = got.reduce((x, w) => x + w.pairs, 0);
      const exP = exact.reduce((x, w) => x + w.pairs, 0);
      const bareP = bareGot.reduce((x, w) => x + w.pairs, 0);
      let busiest = 0;
      let bound = 0;
      for (const w of report.rotationWeeks) if (w.busiest > busiest) { busiest = w.busiest; bound = w.lowerBound; }
      const worseWeeks = got.filter((w, k) => w.pairs > exact[k].pairs).length;
      totals.worse += worseWeeks;
      totals.weeks += got.length;
      totals.seeds++;
      if (worseWeeks > 0) totals.bad++;
      console.log(
        `${name} ${seed}: agents ${snapshot.agents.length} groups ${snapshot.groups.length} sites ${snapshot.sites.length} | ` +
          `rotation overflows ${gotP} (per week ${got.map((w) => w.pairs).join('/')}) exact ${exP} (${exact.map((w) => w.pairs).join('/')}) ` +
          `[requests aside ${bareP}] plan ${plan.metrics.siteOverflows} | busiest ${busiest} bound ${bound} ` +
          `(${bound > 0 ? (((busiest - bound) / bound) * 100).toFixed(1) : '-'} %) | solve ${ms.toFixed(0)} ms CPU, exact ${exactMs.toFixed(0)} ms` +
          (worseWeeks > 0 ? '  <-- ABOVE OPTIMUM' : ''),
      );
    }
  }
  console.log(`seeds ${totals.seeds}, above the optimum on ${totals.bad} (weeks ${totals.worse} of ${totals.weeks})`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
