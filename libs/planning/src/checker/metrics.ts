import { recordText, type PlanWarning, type WeeklyMinShortfall } from '@telework/contracts';
import { PlanMetrics } from '../model/plan';
import { CheckContext, isWorking } from './check-context';
import { poolUsage } from './usage';
import { weeklyMinimum } from '../calendar/half-days';

export interface RecomputedMetrics {
  metrics: PlanMetrics;
  /** per pool id: every capacity found on a half-day at the peak (ties) */
  capacitiesAtPeak: Record<string, number[]>;
  /** every half-day key with the busiest remote count (ties) */
  busiestHalfDays: string[];
  /** soft rules not met, as data: SITE_OVERFLOW (the first 20), MORE_SITE_OVERFLOWS, WEEKLY_MIN_SHORTFALLS */
  codedWarnings: PlanWarning[];
  /** their record wording, `recordText(codedWarnings[i])` */
  warnings: string[];
}

const MAX_WARNING_LINES = 20;

/** Recomputes every metric of DESIGN.md from the snapshot and the plan's modes only. */
export function recomputeMetrics(ctx: CheckContext): RecomputedMetrics {
  const { snapshot, halfDays } = ctx;
  const n = halfDays.length;
  const { remote } = poolUsage(ctx);
  const warnings: PlanWarning[] = [];

  const pools: PlanMetrics['pools'] = {};
  const capacitiesAtPeak: Record<string, number[]> = {};
  snapshot.pools.forEach((pool, p) => {
    let peak = 0;
    let caps: number[] = [];
    for (let h = 0; h < n; h++) {
      const use = remote[p][h] + ctx.reserved[p][h];
      if (h === 0 || use > peak) {
        peak = use;
        caps = [ctx.capacity[p][h]];
      } else if (use === peak) {
        caps.push(ctx.capacity[p][h]);
      }
    }
    if (n === 0) caps = [pool.capacity];
    pools[pool.id] = { peak, capacityAtPeak: caps[0] };
    capacitiesAtPeak[pool.id] = caps;
  });

  const remoteAt = new Array<number>(n).fill(0);
  const siteIndex = new Map(snapshot.sites.map((s, i) => [s.id, i] as const));
  const onSite = snapshot.sites.map(() => new Array<number>(n).fill(0));
  let shortfalls = 0;
  const shortfallExamples: WeeklyMinShortfall[] = [];
  snapshot.agents.forEach((a, i) => {
    const m = ctx.modes[i];
    if (m === undefined) return;
    const s = siteIndex.get(a.siteId);
    for (let h = 0; h < n; h++) {
      if (m[h] === 'R') remoteAt[h]++;
      else if (m[h] === 'S' && s !== undefined) onSite[s][h]++;
    }
    if (!a.eligible) return;
    for (const w of ctx.weeks) {
      let working = 0;
      let r = 0;
      for (const h of w.halfDays) {
        if (isWorking(ctx, i, h)) working++;
        if (m[h] === 'R') r++;
      }
      const min = weeklyMinimum(a.weeklyMin, working);
      if (r < min) {
        shortfalls++;
        if (shortfallExamples.length < 5) shortfallExamples.push({ agent: a.id, remote: r, min, week: w.isoWeek });
      }
    }
  });

  let busiest = { halfDay: n > 0 ? halfDays[0].key : '', remote: n > 0 ? remoteAt[0] : 0 };
  for (let h = 1; h < n; h++) if (remoteAt[h] > busiest.remote) busiest = { halfDay: halfDays[h].key, remote: remoteAt[h] };
  const busiestHalfDays = halfDays.filter((hd) => remoteAt[hd.index] === busiest.remote).map((hd) => hd.key);

  let overflows = 0;
  const overflowLines: PlanWarning[] = [];
  snapshot.sites.forEach((site, s) => {
    for (let h = 0; h < n; h++) {
      if (onSite[s][h] > site.capacity) {
        overflows++;
        if (overflowLines.length < MAX_WARNING_LINES) {
          overflowLines.push({
            code: 'SITE_OVERFLOW', site: site.id, date: halfDays[h].date, period: halfDays[h].period, onSite: onSite[s][h], desks: site.capacity,
          });
        }
      }
    }
  });
  warnings.push(...overflowLines);
  if (overflows > overflowLines.length) warnings.push({ code: 'MORE_SITE_OVERFLOWS', count: overflows - overflowLines.length });
  if (shortfalls > 0) warnings.push({ code: 'WEEKLY_MIN_SHORTFALLS', count: shortfalls, examples: shortfallExamples });

  let granted = 0;
  let refused = 0;
  for (const e of ctx.requestEntries) {
    if (e?.status === 'GRANTED') granted++;
    else if (e?.status === 'REFUSED') refused++;
  }

  return {
    metrics: {
      pools,
      requestsGranted: granted,
      requestsRefused: refused,
      weeklyMinShortfalls: shortfalls,
      siteOverflows: overflows,
      busiestHalfDay: busiest,
      solveMs: typeof ctx.plan.metrics?.solveMs === 'number' ? ctx.plan.metrics.solveMs : 0,
    },
    capacitiesAtPeak,
    busiestHalfDays,
    codedWarnings: warnings,
    warnings: warnings.map(recordText),
  };
}
