import { PlanningContext, popcount, STANDARD_RANK, works } from '../model/context';
import { weeklyMinimum } from '../calendar/half-days';

/**
 * One ISO week of the rotation problem, indexed for fast moves. A group's choice is a bit mask
 * over the week's k half-days (bit j = the week's j-th half-day). Every figure a group adds
 * when remote on half-day j is precomputed.
 */
export interface WeekModel {
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
  /** [g] sites of g and, per site, members on site at j who leave when g is remote: flat [site, c0..ck-1]* */
  siteUse: { site: number; counts: Int32Array }[][];
  /** [g][mask] 1 when every member stays within its weekly max */
  feasible: Uint8Array[];
  /** [g][mask] members below their weekly minimum */
  shortfall: Int32Array[];
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
    /** [s*k + j] agents on site */
    onSite: Int32Array;
  };
  /** [p*k + j] capacity and capacity − reserve */
  cap: Int32Array;
  stdCap: Int32Array;
}

export function buildWeekModel(ctx: PlanningContext, week: number, requested: Set<number>): WeekModel {
  const hds = ctx.weeks[week].halfDays;
  const k = hds.length;
  const { nP, nS, nH } = ctx;
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
  for (let a = 0; a < ctx.nA; a++) {
    const s = ctx.agentSite[a];
    for (let j = 0; j < k; j++) {
      const h = hds[j];
      if (!works(ctx, a, h)) continue;
      if (requested.has(a * nH + h)) {
        baseLoad[j]++;
        baseReq[ctx.agentPool[a] * k + j]++;
      } else {
        onSite[s * k + j]++;
      }
    }
  }

  const groups: number[] = [];
  const load: Int32Array[] = [];
  const poolUse: Int32Array[] = [];
  const stdUse: Int32Array[] = [];
  const reqUse: Int32Array[] = [];
  const siteUse: { site: number; counts: Int32Array }[][] = [];
  const feasible: Uint8Array[] = [];
  const shortfall: Int32Array[] = [];
  const size: number[] = [];
  const full = 1 << k;
  for (let g = 0; g < ctx.nG; g++) {
    const L = new Int32Array(k);
    const PU = new Int32Array(nP * k);
    const SU = new Int32Array(nP * k);
    const RU = new Int32Array(nP * k);
    const bySite = new Map<number, Int32Array>();
    // distinct (work mask, min, max) patterns
    const patterns = new Map<string, { work: number; min: number; max: number; count: number }>();
    let working = 0;
    for (const a of ctx.groupMembers[g]) {
      let work = 0;
      for (let j = 0; j < k; j++) if (works(ctx, a, hds[j])) work |= 1 << j;
      if (work === 0) continue;
      working++;
      const p = ctx.agentPool[a];
      const std = ctx.tierRank[a] === STANDARD_RANK;
      let sc = bySite.get(ctx.agentSite[a]);
      if (!sc) {
        sc = new Int32Array(k);
        bySite.set(ctx.agentSite[a], sc);
      }
      for (let j = 0; j < k; j++) {
        if (!(work & (1 << j))) continue;
        PU[p * k + j]++;
        if (std) SU[p * k + j]++;
        if (requested.has(a * nH + hds[j])) {
          RU[p * k + j]++;
        } else {
          L[j]++;
          sc[j]++;
        }
      }
      const min = weeklyMinimum(ctx.weeklyMin[a], popcount(work));
      const key = `${work}|${min}|${ctx.weeklyMax[a]}`;
      const pat = patterns.get(key);
      if (pat) pat.count++;
      else patterns.set(key, { work, min, max: ctx.weeklyMax[a], count: 1 });
    }
    if (working === 0) continue;
    const F = new Uint8Array(full);
    const SF = new Int32Array(full);
    const pats = [...patterns.values()];
    for (let mask = 0; mask < full; mask++) {
      let ok = 1;
      let sf = 0;
      for (const pt of pats) {
        const c = popcount(mask & pt.work);
        if (c > pt.max) {
          ok = 0;
          break;
        }
        if (c < pt.min) sf += pt.count;
      }
      F[mask] = ok;
      SF[mask] = sf;
    }
    groups.push(g);
    load[g] = L;
    poolUse[g] = PU;
    stdUse[g] = SU;
    reqUse[g] = RU;
    siteUse[g] = [...bySite.entries()].sort((x, y) => x[0] - y[0]).map(([site, counts]) => ({ site, counts }));
    feasible[g] = F;
    shortfall[g] = SF;
    size[g] = working;
  }

  return {
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
    size,
    base: { load: baseLoad, pool: basePool, std: Int32Array.from(basePool), req: baseReq, onSite },
    cap,
    stdCap,
  };
}
