import { carriedWeekIndex } from '../calendar/carried-week';
import { HalfDay, isoWeeks, IsoWeek, offMask, workingHalfDays } from '../calendar/half-days';
import { EventDays, extraPoolAt, resolveEventDays } from '../continuity/event-days';
import { Plan, PlanRequest } from '../model/plan';
import { NormalisedSnapshot, capacityOn } from '../validation/normalised-snapshot';

/**
 * What every checker rule reads: the snapshot and the plan, indexed. Built from those two only
 * (never from the allocator's or the rotation builder's state), so tests can use the checker
 * as an oracle.
 */
export interface CheckContext {
  snapshot: NormalisedSnapshot;
  plan: Plan;
  halfDays: HalfDay[];
  weeks: IsoWeek[];
  /** week index of each half-day */
  weekOf: number[];
  halfDayByKey: Map<string, number>;
  /** per snapshot agent: its modes when the plan's entry is well formed, else undefined */
  modes: (string | undefined)[];
  /** per snapshot agent: bit mask of its off weekday half-days */
  offMasks: number[];
  /** `${groupId}|${halfDayIndex}` for each rotation cell of the plan on a working half-day */
  groupRemote: Set<string>;
  /** per snapshot request: the plan's entry (first one), if any */
  requestEntries: (PlanRequest | undefined)[];
  /** per snapshot request: its entry's position in `plan.requests` (where a finding points), −1 when none */
  requestEntryIndexes: number[];
  poolIndex: Map<string, number>;
  /** [pool][halfDay] capacity after capacityChanges and, on continuity-event half-days, the events' capacities */
  capacity: ArrayLike<number>[];
  /** [pool][halfDay] capacity after capacityChanges only (what a rotation was made against) */
  normalCapacity: number[][];
  /** continuity events over the horizon (version 2 snapshots; null for version 1) */
  days: EventDays | null;
  /** [agent] its own pool's index, −1 when none (`poolOf` gives the pool an R takes) */
  agentPool: number[];
  /** [pool][halfDay] reserved seats of events */
  reserved: number[][];
  /** `${agentIndex}|${halfDayIndex}` → rule, for each well-formed `plan.keptOnSite` entry (first one) */
  keptOnSite: Map<string, 'pool' | 'weekly-max'>;
  /** the week of horizon.from when the horizon cuts it (snapshot v2 `agents[].carried` count there), else −1 */
  carriedWeek: number;
}

/** REMOTE half-days agent i carries into week w (the frozen part of the cut week), else 0. */
export function carriedRemoteOf(ctx: CheckContext, i: number, w: number): number {
  return w === ctx.carriedWeek ? ctx.snapshot.agents[i].carried?.remote ?? 0 : 0;
}

/** Working half-days agent i carries into week w (the frozen part of the cut week), else 0. */
export function carriedWorkingOf(ctx: CheckContext, i: number, w: number): number {
  return w === ctx.carriedWeek ? ctx.snapshot.agents[i].carried?.working ?? 0 : 0;
}

/**
 * The pool index an R of agent i at h takes: an eligible agent's own pool, on a continuity-event
 * half-day the event's pool for an agent it makes eligible; undefined when the agent may not be R.
 */
export function poolOf(ctx: CheckContext, i: number, h: number): number | undefined {
  const own = ctx.agentPool[i];
  if (ctx.snapshot.agents[i].eligible) return own < 0 ? undefined : own;
  if (!ctx.days || !ctx.days.isEvent[h]) return undefined;
  const p = extraPoolAt(ctx.days, i, h);
  return p < 0 ? undefined : p;
}

/** Agent i's weekly max in week w, a continuity regime included. */
export function weeklyMaxOf(ctx: CheckContext, i: number, w: number): number {
  return ctx.days ? ctx.days.weeklyMax[i * ctx.days.nW + w] : ctx.snapshot.agents[i].weeklyMax;
}

/** Desks of site s at h: the events' capacity where one lists it, else the site's. */
export function siteCapacityOf(ctx: CheckContext, s: number, h: number): number {
  return ctx.days?.siteCap[h].get(s)?.capacity ?? ctx.snapshot.sites[s].capacity;
}

export function isWorking(ctx: CheckContext, agent: number, h: number): boolean {
  return (ctx.offMasks[agent] & (1 << ctx.halfDays[h].slot)) === 0;
}

export function buildCheckContext(snapshot: NormalisedSnapshot, plan: Plan): CheckContext {
  const halfDays = workingHalfDays(snapshot.horizon, snapshot.closedDates, snapshot.timezone);
  const weeks = isoWeeks(halfDays);
  const weekOf: number[] = new Array(halfDays.length).fill(0);
  for (const w of weeks) for (const h of w.halfDays) weekOf[h] = w.index;
  const halfDayByKey = new Map(halfDays.map((h) => [h.key, h.index] as const));

  const entries = new Map<string, string>();
  for (const a of Array.isArray(plan.agents) ? plan.agents : []) {
    if (a && typeof a.id === 'string' && !entries.has(a.id)) entries.set(a.id, a.modes);
  }
  const letters = snapshot.version === 2 ? /^[RSON]*$/ : /^[RSO]*$/;
  const modes = snapshot.agents.map((a) => {
    const m = entries.get(a.id);
    return typeof m === 'string' && m.length === halfDays.length && letters.test(m) ? m : undefined;
  });

  const groupRemote = new Set<string>();
  for (const c of Array.isArray(plan.rotation) ? plan.rotation : []) {
    const h = halfDayByKey.get(`${c.date}${c.period}`);
    if (h !== undefined) groupRemote.add(`${c.groupId}|${h}`);
  }

  const planRequests = new Map<string, { entry: PlanRequest; index: number }>();
  (Array.isArray(plan.requests) ? plan.requests : []).forEach((r, index) => {
    if (r && typeof r.id === 'string' && !planRequests.has(r.id)) planRequests.set(r.id, { entry: r, index });
  });

  const poolIndex = new Map(snapshot.pools.map((p, i) => [p.id, i] as const));
  const normalCapacity = snapshot.pools.map((p) => halfDays.map((h) => capacityOn(p, h.date)));
  const days = snapshot.version === 2 ? resolveEventDays(snapshot, halfDays, weeks, normalCapacity) : null;
  const capacity: ArrayLike<number>[] = days ? days.poolCap : normalCapacity;
  const reserved = snapshot.pools.map(() => halfDays.map(() => 0));
  for (const r of snapshot.reservations) {
    const p = poolIndex.get(r.pool);
    const h = halfDayByKey.get(`${r.date}${r.period}`);
    if (p !== undefined && h !== undefined) reserved[p][h] += r.seats;
  }

  const agentIndex = new Map(snapshot.agents.map((a, i) => [a.id, i] as const));
  const keptOnSite = new Map<string, 'pool' | 'weekly-max'>();
  for (const k of Array.isArray(plan.keptOnSite) ? plan.keptOnSite : []) {
    const a = k ? agentIndex.get(k.agentId) : undefined;
    const h = k ? halfDayByKey.get(`${k.date}${k.period}`) : undefined;
    if (a === undefined || h === undefined || (k.rule !== 'pool' && k.rule !== 'weekly-max')) continue;
    if (!keptOnSite.has(`${a}|${h}`)) keptOnSite.set(`${a}|${h}`, k.rule);
  }

  return {
    snapshot,
    plan,
    halfDays,
    weeks,
    weekOf,
    halfDayByKey,
    modes,
    offMasks: snapshot.agents.map((a) => offMask(a.offHalfDays)),
    groupRemote,
    requestEntries: snapshot.requests.map((r) => planRequests.get(r.id)?.entry),
    requestEntryIndexes: snapshot.requests.map((r) => planRequests.get(r.id)?.index ?? -1),
    poolIndex,
    capacity,
    normalCapacity,
    days,
    agentPool: snapshot.agents.map((a) => (a.pool === null ? -1 : poolIndex.get(a.pool) ?? -1)),
    reserved,
    keptOnSite,
    carriedWeek: carriedWeekIndex(snapshot.horizon.from, halfDays, weeks),
  };
}
