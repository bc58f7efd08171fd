import { MODE_O, MODE_R } from '../allocation/allocate';
import { EventDays, extraPoolAt } from '../continuity/event-days';
import { MODE_N } from '../continuity/overlay';
import { PlanningContext, plannedWeekMin, popcount } from '../model/context';
import { PlanMetrics, PlanRequest } from '../model/plan';

/**
 * Metrics of a plan from the engine's own arrays (the checker recomputes them apart). With
 * continuity events (`days`): pool and site capacities of the events, an agent made eligible
 * counts on the event's pool, N half-days count apart (`noWorkplace`).
 */
export function engineMetrics(ctx: PlanningContext, modes: Uint8Array, requests: PlanRequest[], solveMs: number, days?: EventDays): PlanMetrics {
  const { nA, nH, nP } = ctx;
  let noWorkplace = 0;
  const use = Array.from({ length: nP }, () => new Int32Array(nH));
  const remote = new Int32Array(nH);
  const onSite = new Int32Array(ctx.nS * nH);
  let shortfalls = 0;
  for (let a = 0; a < nA; a++) {
    const own = ctx.agentPool[a];
    const s = ctx.agentSite[a];
    for (let h = 0; h < nH; h++) {
      const m = modes[a * nH + h];
      if (m === MODE_R) {
        remote[h]++;
        const p = days && days.isEvent[h] && !ctx.eligible[a] ? extraPoolAt(days, a, h) : own;
        if (p >= 0) use[p][h]++;
      } else if (m === MODE_N) {
        noWorkplace++;
      } else if (m !== MODE_O) {
        onSite[s * nH + h]++;
      }
    }
    if (!ctx.eligible[a]) continue;
    for (const w of ctx.weeks) {
      let r = 0;
      for (const h of w.halfDays) if (modes[a * nH + h] === MODE_R) r++;
      const working = popcount(ctx.weekSlotMask[w.index] & ~ctx.offMask[a]);
      if (r < plannedWeekMin(ctx, a, w.index, working)) shortfalls++;
    }
  }
  const cap = days ? days.poolCap : ctx.cap;
  const pools: PlanMetrics['pools'] = {};
  ctx.snapshot.pools.forEach((pool, p) => {
    let peak = 0;
    let capacityAtPeak = pool.capacity;
    for (let h = 0; h < nH; h++) {
      const u = use[p][h] + ctx.reserved[p][h];
      if (h === 0 || u > peak) {
        peak = u;
        capacityAtPeak = cap[p][h];
      }
    }
    pools[pool.id] = { peak, capacityAtPeak };
  });
  let overflows = 0;
  for (let s = 0; s < ctx.nS; s++) {
    for (let h = 0; h < nH; h++) {
      const desks = days?.siteCap[h].get(s)?.capacity ?? ctx.siteCap[s];
      if (onSite[s * nH + h] > desks) overflows++;
    }
  }
  let busiest = { halfDay: nH > 0 ? ctx.halfDays[0].key : '', remote: nH > 0 ? remote[0] : 0 };
  for (let h = 1; h < nH; h++) if (remote[h] > busiest.remote) busiest = { halfDay: ctx.halfDays[h].key, remote: remote[h] };
  return {
    pools,
    requestsGranted: requests.filter((r) => r.status === 'GRANTED').length,
    requestsRefused: requests.filter((r) => r.status === 'REFUSED').length,
    weeklyMinShortfalls: shortfalls,
    siteOverflows: overflows,
    ...(days ? { noWorkplace } : {}),
    busiestHalfDay: busiest,
    solveMs,
  };
}

/** Modes as the plan writes them: one letter per half-day. */
export function modeStrings(ctx: PlanningContext, modes: Uint8Array): string[] {
  const letters = [83 /* S */, 82 /* R */, 79 /* O */, 78 /* N */];
  const { nH } = ctx;
  const out: string[] = new Array(ctx.nA);
  const buf = new Array<number>(nH);
  for (let a = 0; a < ctx.nA; a++) {
    for (let h = 0; h < nH; h++) buf[h] = letters[modes[a * nH + h]];
    out[a] = String.fromCharCode(...buf);
  }
  return out;
}
