import { PlanningContext } from '../model/context';
import { maskTables, MaskTables, RequestMasks, WeekData, weekData } from '../bounds/week-data';

/**
 * One ISO week of the rotation problem, indexed for fast moves. A group's choice is a bit mask
 * over the week's k half-days (bit j = the week's j-th half-day). Every figure a group adds
 * when remote on half-day j is precomputed.
 */
export interface WeekModel {
  /** member patterns the model was built from, and their mask tables (same order) */
  data: WeekData;
  tables: MaskTables[];
  week: number;
  k: number;
  /** global half-day index of local j */
  hds: number[];
  /** bit mask of the local half-days that are a Monday or a Friday */
  monFriMask: number;
  /** groups with at least one member working this week */
  groups: number[];
  /** [g][j] expected remote agents added when g is remote at j (members working, minus those already remote by request) */
  load: Int32Array[];
  /** [g][p*k + j] seats of pool p taken by g at j (members working) */
  poolUse: Int32Array[];
  /** [g][p*k + j] STANDARD seats */
  stdUse: Int32Array[];
  /** [g][p*k + j] members of g with an approved REMOTE request at j (their request becomes void) */
  reqUse: Int32Array[];
  /**
   * [g] sites of g that can overflow (more people than desks at some half-day with no group
   * remote; the others never can) and, per site, members on site at j who leave when g is remote
   * (all its working members but those an ON_SITE request keeps: an approved REMOTE request frees
   * no desk in this count, it may be refused, so the final plan never has more on site)
   */
  siteUse: { site: number; counts: Int32Array }[][];
  /** [g][mask] 1 when every member stays within its weekly max */
  feasible: Uint8Array[];
  /** [g][mask] members below their weekly minimum */
  shortfall: Int32Array[];
  /** [g][mask] approved REMOTE requests the weekly max refuses */
  refused: Int32Array[];
  /** [g] fewest shortfalls over the feasible masks */
  minShortfall: number[];
  /** [g] fewest weekly-max refusals over the feasible masks with the fewest shortfalls */
  minRefused: number[];
  /** sums of minShortfall and minRefused over the groups */
  floorShortfall: number;
  floorRefused: number;
  /** [g] size (members working this week) */
  size: number[];
  /** baseline before any group is remote */
  base: {
    /** [j] expected remote agents from requests */
    load: Float64Array;
    /** [p*k + j] seats taken by reservations */
    pool: Int32Array;
    /** [p*k + j] seats counted against capacity − reserve (reservations) */
    std: Int32Array;
    /** [p*k + j] seats asked by approved REMOTE requests */
    req: Int32Array;
    /** [s*k + j] agents on site with no group remote (REMOTE requests not counted on) */
    onSite: Int32Array;
  };
  /** [p*k + j] capacity and capacity − reserve */
  cap: Int32Array;
  stdCap: Int32Array;
}

/**
 * The week's model from the member patterns of `weekData` (ON_SITE requests taken off the
 * rotation's half-days, approved REMOTE requests counted as expected remote agents).
 */
export function buildWeekModel(ctx: PlanningContext, week: number, masks: RequestMasks): WeekModel {
  const data = weekData(ctx, week, masks);
  const { k, hds } = data;
  const { nP, nS } = ctx;
  let monFriMask = 0;
  hds.forEach((h, j) => {
    const d = ctx.halfDays[h].isoDay;
    if (d === 1 || d === 5) monFriMask |= 1 << j;
  });

  const baseLoad = new Float64Array(k);
  const basePool = new Int32Array(nP * k);
  const baseReq = new Int32Array(nP * k);
  const onSite = new Int32Array(nS * k);
  const cap = new Int32Array(nP * k);
  const stdCap = new Int32Array(nP * k);
  for (let p = 0; p < nP; p++) {
    for (let j = 0; j < k; j++) {
      const h = hds[j];
      basePool[p * k + j] = ctx.reserved[p][h];
      cap[p * k + j] = ctx.cap[p][h];
      stdCap[p * k + j] = ctx.cap[p][h] - ctx.reserve[p];
    }
  }
  // every working agent is on site unless an approved REMOTE request takes it home
  const nW = ctx.weeks.length;
  const slotBit = new Int32Array(10);
  hds.forEach((h, j) => (slotBit[ctx.slotOf[h]] |= 1 << j));
  for (let a = 0; a < ctx.nA; a++) {
    let work = 0;
    const off = ctx.offMask[a];
    for (let s = 0; s < 10; s++) if (!((off >> s) & 1)) work |= slotBit[s];
    const req = ctx.eligible[a] ? masks.remote[a * nW + week] : 0;
    const s = ctx.agentSite[a];
    for (let j = 0; j < k; j++) {
      const bit = 1 << j;
      if (!(work & bit)) continue;
      // on site whatever its request asks: an approved REMOTE request may still be refused
      // (pool full, weekly max), so only the rotation is counted on to free desks
      onSite[s * k + j]++;
      if (req & bit) {
        baseLoad[j]++;
        baseReq[ctx.agentPool[a] * k + j]++;
      }
    }
  }

  // sites with more people than desks on some half-day before any group is remote
  const critical = new Uint8Array(nS);
  for (let s = 0; s < nS; s++) for (let j = 0; j < k; j++) if (onSite[s * k + j] > ctx.siteCap[s]) critical[s] = 1;
  const groups: number[] = [];
  const tables: MaskTables[] = [];
  const load: Int32Array[] = [];
  const poolUse: Int32Array[] = [];
  const stdUse: Int32Array[] = [];
  const reqUse: Int32Array[] = [];
  const siteUse: { site: number; counts: Int32Array }[][] = [];
  const feasible: Uint8Array[] = [];
  const shortfall: Int32Array[] = [];
  const refused: Int32Array[] = [];
  const minShortfall: number[] = [];
  const minRefused: number[] = [];
  const size: number[] = [];
  // site of each pattern is not kept by weekData: count members per site here
  for (const gw of data.groups) {
    const g = gw.group;
    const L = new Int32Array(k);
    const PU = new Int32Array(nP * k);
    const SU = new Int32Array(nP * k);
    const RU = new Int32Array(nP * k);
    for (const pt of gw.patterns) {
      for (let j = 0; j < k; j++) {
        const bit = 1 << j;
        if (!(pt.eff & bit)) continue;
        PU[pt.pool * k + j] += pt.count;
        if (pt.std) SU[pt.pool * k + j] += pt.count;
        if (pt.req & bit) RU[pt.pool * k + j] += pt.count;
        else L[j] += pt.count;
      }
    }
    const bySite = new Map<number, Int32Array>();
    for (const a of ctx.groupMembers[g]) {
      const i = a * nW + week;
      let work = 0;
      const off = ctx.offMask[a];
      for (let s = 0; s < 10; s++) if (!((off >> s) & 1)) work |= slotBit[s];
      // members leave with their group, except where an ON_SITE request keeps them (always granted)
      const leave = work & ~masks.onSite[i];
      if (leave === 0) continue;
      let sc = bySite.get(ctx.agentSite[a]);
      if (!sc) {
        sc = new Int32Array(k);
        bySite.set(ctx.agentSite[a], sc);
      }
      for (let j = 0; j < k; j++) if (leave & (1 << j)) sc[j]++;
    }
    const t = maskTables(gw, k);
    tables.push(t);
    groups.push(g);
    load[g] = L;
    poolUse[g] = PU;
    stdUse[g] = SU;
    reqUse[g] = RU;
    // only sites that can overflow matter: the rotation only ever takes people off site
    siteUse[g] = [...bySite.entries()]
      .filter(([site]) => critical[site] === 1)
      .sort((x, y) => x[0] - y[0])
      .map(([site, counts]) => ({ site, counts }));
    feasible[g] = t.feasible;
    shortfall[g] = t.shortfall;
    refused[g] = t.refused;
    let least = Infinity;
    for (let x = 0; x < t.feasible.length; x++) if (t.feasible[x] && t.shortfall[x] < least) least = t.shortfall[x];
    minShortfall[g] = least === Infinity ? 0 : least;
    let fewest = Infinity;
    for (let x = 0; x < t.feasible.length; x++) if (t.feasible[x] && t.shortfall[x] === minShortfall[g] && t.refused[x] < fewest) fewest = t.refused[x];
    minRefused[g] = fewest === Infinity ? 0 : fewest;
    size[g] = gw.size;
  }

  return {
    data,
    tables,
    week,
    k,
    hds,
    monFriMask,
    groups,
    load,
    poolUse,
    stdUse,
    reqUse,
    siteUse,
    feasible,
    shortfall,
    refused,
    minShortfall,
    minRefused,
    floorShortfall: groups.reduce((x, g) => x + minShortfall[g], 0),
    floorRefused: groups.reduce((x, g) => x + minRefused[g], 0),
    size,
    base: { load: baseLoad, pool: basePool, std: Int32Array.from(basePool), req: baseReq, onSite },
    cap,
    stdCap,
  };
}
