import { CheckContext } from './check-context';
import { recomputeMetrics } from './metrics';
import { CheckRule, ViolationList } from './rule';

/** The plan's metrics equal the ones recomputed from its modes (ties may pick any half-day). */
export const metricsRule: CheckRule = {
  id: 'metrics',
  description: 'metrics match the plan',
  check(ctx: CheckContext) {
    const v = new ViolationList('metrics');
    const got = ctx.plan.metrics;
    if (!got || typeof got !== 'object') {
      v.add('metrics are missing', 'metrics');
      return v.done();
    }
    const r = recomputeMetrics(ctx);
    const want = r.metrics;
    for (const key of ['requestsGranted', 'requestsRefused', 'weeklyMinShortfalls', 'siteOverflows', 'noWorkplace'] as const) {
      if (got[key] !== want[key]) v.add(`${key} is ${got[key]}, recomputed ${want[key]}`, `metrics.${key}`);
    }
    if (
      !got.busiestHalfDay ||
      got.busiestHalfDay.remote !== want.busiestHalfDay.remote ||
      (r.busiestHalfDays.length > 0 && !r.busiestHalfDays.includes(got.busiestHalfDay.halfDay))
    ) {
      v.add(
        `busiestHalfDay is ${JSON.stringify(got.busiestHalfDay)}, recomputed ${want.busiestHalfDay.remote} remote on ${r.busiestHalfDays.join(' or ')}`,
        'metrics.busiestHalfDay',
      );
    }
    const pools = got.pools ?? {};
    for (const id of Object.keys(want.pools)) {
      const g = pools[id];
      const w = want.pools[id];
      if (!g || g.peak !== w.peak || !r.capacitiesAtPeak[id].includes(g.capacityAtPeak)) {
        v.add(`pools.${id} is ${JSON.stringify(g)}, recomputed peak ${w.peak} with capacity ${r.capacitiesAtPeak[id].join(' or ')}`, `metrics.pools.${id}`);
      }
    }
    for (const id of Object.keys(pools)) {
      if (!(id in want.pools)) v.add(`pools.${id} is not a pool of the snapshot`, `metrics.pools.${id}`);
    }
    if (typeof got.solveMs !== 'number' || got.solveMs < 0) v.add('solveMs must be a number ≥ 0', 'metrics.solveMs');
    return v.done();
  },
};
