import { recordText, type PlanWarning, type WeeklyMinShortfall } from '@telework/contracts';
import { EventOutcome, PlanMetrics } from '../model/plan';
import { carriedRemoteOf, carriedWorkingOf, CheckContext, isWorking, siteCapacityOf } from './check-context';
import { eventLabel, mustStayAt } from '../continuity/event-days';
import { poolUsage } from './usage';
import { weeklyMinimum } from '../calendar/half-days';

const R = 'R'.charCodeAt(0);
const S = 'S'.charCodeAt(0);
const N = 'N'.charCodeAt(0);

export interface RecomputedMetrics {
  metrics: PlanMetrics;
  /** per pool id: every capacity found on a half-day at the peak (ties) */
  capacitiesAtPeak: Record<string, number[]>;
  /** every half-day key with the busiest remote count (ties) */
  busiestHalfDays: string[];
  /** per continuity event meeting the horizon: agent-half-days by mode over its half-days */
  events: EventOutcome[];
  /** soft rules not met, as data: SITE_OVERFLOW (the first 20), MORE_SITE_OVERFLOWS, WEEKLY_MIN_SHORTFALLS */
  codedWarnings: PlanWarning[];
  /** their record wording, `recordText(codedWarnings[i])` */
  warnings: string[];
}

/** Site-overflow lines a plan lists before one MORE_SITE_OVERFLOWS */
export const MAX_WARNING_LINES = 20;
/** Agent-weeks a WEEKLY_MIN_SHORTFALLS warning names as examples */
export const MAX_SHORTFALL_EXAMPLES = 5;

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
  const mustOnSite = snapshot.sites.map(() => new Array<number>(n).fill(0));
  let noWorkplace = 0;
  let shortfalls = 0;
  const shortfallExamples: WeeklyMinShortfall[] = [];
  snapshot.agents.forEach((a, i) => {
    const m = ctx.modes[i];
    if (m === undefined) return;
    const s = siteIndex.get(a.siteId);
    for (let h = 0; h < n; h++) {
      const letter = m.charCodeAt(h);
      if (letter === R) remoteAt[h]++;
      else if (letter === N) noWorkplace++;
      else if (letter === S && s !== undefined) {
        onSite[s][h]++;
        if (ctx.days?.isEvent[h] && mustStayAt(ctx.days, i, h)) mustOnSite[s][h]++;
      }
    }
    if (!a.eligible) return;
    for (const w of ctx.weeks) {
      let working = 0;
      let r = 0;
      for (const h of w.halfDays) {
        if (isWorking(ctx, i, h)) working++;
        if (m.charCodeAt(h) === R) r++;
      }
      // the ISO week's figures: a cut week's frozen part counts (DESIGN.md, weeks)
      r += carriedRemoteOf(ctx, i, w.index);
      const min = weeklyMinimum(a.weeklyMin, working + carriedWorkingOf(ctx, i, w.index));
      if (r < min) {
        shortfalls++;
        if (shortfallExamples.length < MAX_SHORTFALL_EXAMPLES) shortfallExamples.push({ agent: a.id, remote: r, min, week: w.isoWeek });
      }
    }
  });

  let busiest = { halfDay: n > 0 ? halfDays[0].key : '', remote: n > 0 ? remoteAt[0] : 0 };
  for (let h = 1; h < n; h++) if (remoteAt[h] > busiest.remote) busiest = { halfDay: halfDays[h].key, remote: remoteAt[h] };
  const busiestHalfDays = halfDays.filter((hd) => remoteAt[hd.index] === busiest.remote).map((hd) => hd.key);

  let overflows = 0;
  const overflowLines: PlanWarning[] = [];
  const eventLines: PlanWarning[] = [];
  const events = snapshot.events ?? [];
  snapshot.sites.forEach((site, s) => {
    for (let h = 0; h < n; h++) {
      const desks = siteCapacityOf(ctx, s, h);
      if (onSite[s][h] > desks) {
        overflows++;
        if (overflowLines.length < MAX_WARNING_LINES) {
          overflowLines.push({
            code: 'SITE_OVERFLOW', site: site.id, date: halfDays[h].date, period: halfDays[h].period, onSite: onSite[s][h], desks,
          });
        }
      }
      // the agents who must stay on site above the desks an event leaves: said with the figures
      const listed = ctx.days?.siteCap[h].get(s);
      if (listed && mustOnSite[s][h] > listed.capacity) {
        eventLines.push({
          code: 'EVENT_ON_SITE_OVER_CAPACITY', event: eventLabel(events[listed.event]), site: site.name ?? site.id,
          date: halfDays[h].date, period: halfDays[h].period, onSite: mustOnSite[s][h], siteCapacity: listed.capacity,
        });
      }
    }
  });
  warnings.push(...overflowLines);
  if (overflows > overflowLines.length) warnings.push({ code: 'MORE_SITE_OVERFLOWS', count: overflows - overflowLines.length });
  if (shortfalls > 0) warnings.push({ code: 'WEEKLY_MIN_SHORTFALLS', count: shortfalls, examples: shortfallExamples });
  warnings.push(...eventLines);
  const outcomes = ctx.days ? eventOutcomesOf(ctx) : [];
  for (const o of outcomes) {
    if (o.noWorkplace > 0) {
      const e = events.find((x) => x.id === o.id);
      warnings.push({ code: 'EVENT_NO_WORKPLACE', event: e ? eventLabel(e) : o.id, count: o.noWorkplace, agents: o.agentsWithoutWorkplace });
    }
  }

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
      ...(ctx.days && ctx.days.active.length > 0 ? { noWorkplace } : {}),
      busiestHalfDay: busiest,
      solveMs: typeof ctx.plan.metrics?.solveMs === 'number' ? ctx.plan.metrics.solveMs : 0,
    },
    capacitiesAtPeak,
    busiestHalfDays,
    events: outcomes,
    codedWarnings: warnings,
    warnings: warnings.map(recordText),
  };
}

/** Agent-half-days by mode over each continuity event's half-days, from the plan's modes. */
export function eventOutcomesOf(ctx: CheckContext): EventOutcome[] {
  const days = ctx.days;
  if (!days) return [];
  const events = ctx.snapshot.events ?? [];
  return days.active.map((k) => {
    const o: EventOutcome = { id: events[k].id, halfDays: days.halfDaysOf[k].length, onSite: 0, remote: 0, noWorkplace: 0, agentsWithoutWorkplace: 0 };
    for (const m of ctx.modes) {
      if (m === undefined) continue;
      let without = false;
      for (const h of days.halfDaysOf[k]) {
        if (m[h] === 'S') o.onSite++;
        else if (m[h] === 'R') o.remote++;
        else if (m[h] === 'N') {
          o.noWorkplace++;
          without = true;
        }
      }
      if (without) o.agentsWithoutWorkplace++;
    }
    return o;
  });
}
