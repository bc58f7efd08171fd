/**
 * The week the freeze window cuts, on a generated scenario (issue 13): the scenario's 4 weeks are
 * planned from Monday without requests (the published plan, as the demo publishes it), then planned again from `--from` (the day after the
 * freeze window) with the published rotation kept, as the nightly run does: once blind to the
 * frozen half-days before it (the run before issue 13) and once with them carried (snapshot v2
 * `agents[].carried`). Prints the weekly-min shortfalls, the agent-weeks over the weekly max once
 * the frozen part is put back in front, and the solve times.
 *
 *   npx esbuild libs/planning/tools/measure-cut-week.ts --bundle --platform=node --outfile=/tmp/cut.js \
 *     && node /tmp/cut.js departement-100k 1 2026-12-09
 */
import { generateScenario } from '../src/scenario/scenarios';
import { buildCheckContext } from '../src/checker/check-context';
import { recomputeMetrics } from '../src/checker/metrics';
import { weeklyMaxRule } from '../src/checker/weekly-max.rule';
import { Plan } from '../src/model/plan';
import { PlanningSnapshot } from '../src/model/snapshot';
import { normaliseSnapshot } from '../src/validation/normalised-snapshot';
import { planSnapshot } from '../src/pipeline/plan-snapshot';

function main() {
  const [name = 'departement', seed = '1', from = '2026-12-09'] = process.argv.slice(2);
  const whole = generateScenario(name, Number(seed)).snapshot as PlanningSnapshot;
  let t = Date.now();
  // published as the demo publishes its first rotation (publishEngineRotation): the requests come after
  const published = planSnapshot({ ...whole, requests: [] });
  const publishMs = Date.now() - t;
  const k = published.halfDays.filter((key) => key.slice(0, 10) < from).length;
  const rest: PlanningSnapshot = {
    ...whole,
    horizon: { from, to: whole.horizon.to },
    rotation: published.rotation.filter((c) => c.date >= from),
    requests: (whole.requests ?? []).filter((r) => r.date >= from),
    reservations: (whole.reservations ?? []).filter((r) => r.date >= from),
  };
  const carried: PlanningSnapshot = {
    ...rest,
    version: 2,
    agents: rest.agents.map((a, i) => {
      const m = published.agents[i].modes.slice(0, k);
      let remote = 0;
      let working = 0;
      for (const x of m) {
        if (x === 'R') remote++;
        if (x !== 'O') working++;
      }
      return a.eligible && working > 0 ? { ...a, carried: { remote, working } } : a;
    }),
  };
  const wholeCtx = normaliseSnapshot(whole);
  const joined = (plan: Plan): Plan => ({
    ...published,
    agents: published.agents.map((a, i) => ({ id: a.id, modes: a.modes.slice(0, k) + plan.agents[i].modes })),
  });
  const report = (label: string, snapshot: PlanningSnapshot) => {
    t = Date.now();
    const plan = planSnapshot(snapshot, { rotationConflicts: 'keep-on-site' });
    const ms = Date.now() - t;
    const ctx = buildCheckContext(wholeCtx, joined(plan));
    const over = weeklyMaxRule.check(ctx).length;
    const wholeShort = recomputeMetrics(ctx).metrics.weeklyMinShortfalls;
    console.log(
      `${label.padEnd(32)} shortfalls reported ${String(plan.metrics.weeklyMinShortfalls).padStart(6)}` +
        ` | whole ISO weeks: shortfalls ${String(wholeShort).padStart(6)}, agent-weeks over the max ${String(over).padStart(5)}` +
        ` | granted ${plan.metrics.requestsGranted} | solve ${ms} ms`,
    );
  };
  console.log(`${name} seed ${seed}: ${whole.agents.length} agents, published plan ${whole.horizon.from}..${whole.horizon.to} in ${publishMs} ms, run from ${from} (${k} frozen half-days)`);
  report('before (frozen part not counted)', rest);
  report('after (carried, v2)', carried);
}

main();
