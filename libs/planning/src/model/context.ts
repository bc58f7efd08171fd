import { carriedWeekIndex, cutWeekMax, cutWeekMinimum } from '../calendar/carried-week';
import { HalfDay, isoWeeks, IsoWeek, offMask, weeklyMinimum, workingHalfDays } from '../calendar/half-days';
import { capacityOn, NormalisedSnapshot } from '../validation/normalised-snapshot';
import { Tier, TIERS_BY_PRIORITY } from './snapshot';

/**
 * A validated snapshot indexed for the engine: every id turned into a position, per half-day
 * figures in typed arrays. Built once per plan; read by the rotation builder and the allocator.
 */
export interface PlanningContext {
  snapshot: NormalisedSnapshot;
  halfDays: HalfDay[];
  weeks: IsoWeek[];
  weekOf: Int32Array;
  /** slot 0..9 (MON_AM..FRI_PM) of each half-day */
  slotOf: Int32Array;
  halfDayByKey: Map<string, number>;
  nH: number;
  nA: number;
  nP: number;
  nS: number;
  nG: number;
  poolIndex: Map<string, number>;
  siteIndex: Map<string, number>;
  groupIndex: Map<string, number>;
  agentIndex: Map<string, number>;
  /** [pool][h] capacity after changes */
  cap: Int32Array[];
  /** [pool] reserve */
  reserve: Int32Array;
  /** [pool][h] reserved seats of events */
  reserved: Int32Array[];
  siteCap: Int32Array;
  agentSite: Int32Array;
  /** -1 when none (or ineligible) */
  agentGroup: Int32Array;
  /** -1 when none */
  agentPool: Int32Array;
  eligible: Uint8Array;
  /** 0 ELECTED … 3 STANDARD */
  tierRank: Uint8Array;
  weeklyMin: Int32Array;
  weeklyMax: Int32Array;
  offMask: Int32Array;
  /** eligible members of each group, in snapshot order */
  groupMembers: Int32Array[];
  /** [week] bit mask of the slots present in that week */
  weekSlotMask: Int32Array;
  /**
   * The week the frozen half-days before horizon.from belong to (snapshot v2 `agents[].carried`):
   * 0 when some agent carries any, else −1 (then the two arrays below are all 0 and nothing changes).
   */
  carriedWeek: number;
  /** [agent] REMOTE half-days of the frozen part of the cut week */
  carriedRemote: Int32Array;
  /** [agent] working half-days of the frozen part of the cut week */
  carriedWorking: Int32Array;
}

export const STANDARD_RANK = TIERS_BY_PRIORITY.indexOf('STANDARD');

export function tierRankOf(tier: Tier): number {
  return TIERS_BY_PRIORITY.indexOf(tier);
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function buildPlanningContext(snapshot: NormalisedSnapshot): PlanningContext {
  const halfDays = workingHalfDays(snapshot.horizon, snapshot.closedDates, snapshot.timezone);
  const weeks = isoWeeks(halfDays);
  const nH = halfDays.length;
  const weekOf = new Int32Array(nH);
  const slotOf = new Int32Array(nH);
  const weekSlotMask = new Int32Array(weeks.length);
  for (const w of weeks) {
    for (const h of w.halfDays) {
      weekOf[h] = w.index;
      weekSlotMask[w.index] |= 1 << halfDays[h].slot;
    }
  }
  halfDays.forEach((h) => (slotOf[h.index] = h.slot));
  const halfDayByKey = new Map(halfDays.map((h) => [h.key, h.index] as const));
  const poolIndex = new Map(snapshot.pools.map((p, i) => [p.id, i] as const));
  const siteIndex = new Map(snapshot.sites.map((s, i) => [s.id, i] as const));
  const groupIndex = new Map(snapshot.groups.map((g, i) => [g.id, i] as const));
  const agentIndex = new Map(snapshot.agents.map((a, i) => [a.id, i] as const));

  const cap = snapshot.pools.map((p) => Int32Array.from(halfDays.map((h) => capacityOn(p, h.date))));
  const reserved = snapshot.pools.map(() => new Int32Array(nH));
  for (const r of snapshot.reservations) {
    const p = poolIndex.get(r.pool);
    const h = halfDayByKey.get(`${r.date}${r.period}`);
    if (p !== undefined && h !== undefined) reserved[p][h] += r.seats;
  }

  const nA = snapshot.agents.length;
  const agentSite = new Int32Array(nA);
  const agentGroup = new Int32Array(nA).fill(-1);
  const agentPool = new Int32Array(nA).fill(-1);
  const eligible = new Uint8Array(nA);
  const tierRank = new Uint8Array(nA);
  const weeklyMin = new Int32Array(nA);
  const weeklyMax = new Int32Array(nA);
  const off = new Int32Array(nA);
  const carriedRemote = new Int32Array(nA);
  const carriedWorking = new Int32Array(nA);
  let carries = false;
  const members: number[][] = snapshot.groups.map(() => []);
  snapshot.agents.forEach((a, i) => {
    agentSite[i] = siteIndex.get(a.siteId) ?? 0;
    eligible[i] = a.eligible ? 1 : 0;
    if (a.eligible && a.groupId !== null) {
      const g = groupIndex.get(a.groupId) ?? -1;
      agentGroup[i] = g;
      if (g >= 0) members[g].push(i);
    }
    if (a.pool !== null) agentPool[i] = poolIndex.get(a.pool) ?? -1;
    tierRank[i] = tierRankOf(a.tier);
    weeklyMin[i] = a.weeklyMin;
    weeklyMax[i] = a.weeklyMax;
    off[i] = offMask(a.offHalfDays);
    if (a.carried && (a.carried.remote > 0 || a.carried.working > 0)) {
      carriedRemote[i] = a.carried.remote;
      carriedWorking[i] = a.carried.working;
      carries = true;
    }
  });

  return {
    snapshot,
    halfDays,
    weeks,
    weekOf,
    slotOf,
    halfDayByKey,
    nH,
    nA,
    nP: snapshot.pools.length,
    nS: snapshot.sites.length,
    nG: snapshot.groups.length,
    poolIndex,
    siteIndex,
    groupIndex,
    agentIndex,
    cap,
    reserve: Int32Array.from(snapshot.pools.map((p) => p.reserve)),
    reserved,
    siteCap: Int32Array.from(snapshot.sites.map((s) => s.capacity)),
    agentSite,
    agentGroup,
    agentPool,
    eligible,
    tierRank,
    weeklyMin,
    weeklyMax,
    offMask: off,
    groupMembers: members.map((m) => Int32Array.from(m)),
    weekSlotMask,
    carriedWeek: carries ? carriedWeekIndex(snapshot.horizon.from, halfDays, weeks) : -1,
    carriedRemote,
    carriedWorking,
  };
}

/** REMOTE half-days agent a already has in week w before the horizon (the cut week's frozen part), else 0. */
export function carriedRemoteOf(ctx: PlanningContext, a: number, w: number): number {
  return w === ctx.carriedWeek ? ctx.carriedRemote[a] : 0;
}

/** The most R agent a may be given in week w of the horizon: its weekly max, less the cut week's carried R. */
export function plannedWeekMax(ctx: PlanningContext, a: number, w: number): number {
  return w === ctx.carriedWeek ? cutWeekMax(ctx.weeklyMax[a], ctx.carriedRemote[a]) : ctx.weeklyMax[a];
}

/**
 * The fewest R agent a needs in week w of the horizon, `working` being its working half-days
 * there: floor(weeklyMin × W / 10), or in the cut week the ISO week's minimum less its carried R.
 */
export function plannedWeekMin(ctx: PlanningContext, a: number, w: number, working: number): number {
  return w === ctx.carriedWeek
    ? cutWeekMinimum(ctx.weeklyMin[a], working, ctx.carriedWorking[a], ctx.carriedRemote[a])
    : weeklyMinimum(ctx.weeklyMin[a], working);
}

/** True when agent a works half-day h. */
export function works(ctx: PlanningContext, a: number, h: number): boolean {
  return ((ctx.offMask[a] >> ctx.slotOf[h]) & 1) === 0;
}
