import { PlanningContext, plannedWeekMax, plannedWeekMin, popcount, STANDARD_RANK, works } from '../model/context';

/**
 * What the rules make of each eligible agent in one ISO week, as bit masks over the week's k
 * half-days (bit j = the week's j-th half-day):
 * - `work`: its working half-days;
 * - `onSite`: working half-days with an APPROVED ON_SITE request (always granted: the agent is
 *   `S` there whatever its group does);
 * - `eff` = work minus onSite: where its group's rotation makes it `R`;
 * - `req`: working half-days with an APPROVED REMOTE request and no ON_SITE request (granted
 *   unless a pool / the STANDARD share is full or the weekly max is reached);
 * - `min` = floor(weeklyMin × popcount(work) / 10), `max` = weeklyMax; in a week the horizon cuts,
 *   what is left of them once the frozen part's half-days are counted (`plannedWeekMin/Max`).
 * Members of a group with equal figures are merged into one pattern with a count.
 */
export interface MemberPattern {
  work: number;
  eff: number;
  req: number;
  min: number;
  max: number;
  pool: number;
  std: boolean;
  count: number;
}

export interface GroupWeek {
  group: number;
  patterns: MemberPattern[];
  /** members working at least one half-day of the week */
  size: number;
}

export interface WeekData {
  week: number;
  k: number;
  hds: number[];
  /** groups with at least one member working in the week, by group index */
  groups: GroupWeek[];
}

/** Per agent × week: [onSite mask, REMOTE request mask] (local bits), from APPROVED requests. */
export interface RequestMasks {
  onSite: Int32Array;
  remote: Int32Array;
}

export function localIndex(ctx: PlanningContext): Int32Array {
  const out = new Int32Array(ctx.nH);
  for (const w of ctx.weeks) w.halfDays.forEach((h, j) => (out[h] = j));
  return out;
}

export function requestMasks(ctx: PlanningContext): RequestMasks {
  const nW = ctx.weeks.length;
  const onSite = new Int32Array(ctx.nA * nW);
  const remote = new Int32Array(ctx.nA * nW);
  const local = localIndex(ctx);
  const reqs = ctx.snapshot.requests;
  for (const r of reqs) {
    if (r.status !== 'APPROVED' || r.kind !== 'ON_SITE') continue;
    const a = ctx.agentIndex.get(r.agentId);
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (a === undefined || h === undefined || !works(ctx, a, h)) continue;
    onSite[a * nW + ctx.weekOf[h]] |= 1 << local[h];
  }
  for (const r of reqs) {
    if (r.status !== 'APPROVED' || r.kind !== 'REMOTE') continue;
    const a = ctx.agentIndex.get(r.agentId);
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (a === undefined || h === undefined || !ctx.eligible[a] || !works(ctx, a, h)) continue;
    const i = a * nW + ctx.weekOf[h];
    const bit = 1 << local[h];
    if (!(onSite[i] & bit)) remote[i] |= bit;
  }
  return { onSite, remote };
}

/** Member patterns of every group in one week. */
export function weekData(ctx: PlanningContext, week: number, masks: RequestMasks): WeekData {
  const hds = ctx.weeks[week].halfDays;
  const k = hds.length;
  const nW = ctx.weeks.length;
  // slot (0..9) → local bit, to turn an agent's off mask into a local work mask
  const slotBit = new Int32Array(10);
  hds.forEach((h, j) => (slotBit[ctx.slotOf[h]] |= 1 << j));
  const groups: GroupWeek[] = [];
  for (let g = 0; g < ctx.nG; g++) {
    const byKey = new Map<string, MemberPattern>();
    let size = 0;
    for (const a of ctx.groupMembers[g]) {
      let work = 0;
      const off = ctx.offMask[a];
      for (let s = 0; s < 10; s++) if (!((off >> s) & 1)) work |= slotBit[s];
      if (work === 0) continue;
      size++;
      const i = a * nW + week;
      const eff = work & ~masks.onSite[i];
      const req = masks.remote[i];
      const min = plannedWeekMin(ctx, a, week, popcount(work));
      const max = plannedWeekMax(ctx, a, week);
      const pool = ctx.agentPool[a];
      const std = ctx.tierRank[a] === STANDARD_RANK;
      const key = `${work},${eff},${req},${min},${max},${pool},${std ? 1 : 0}`;
      const p = byKey.get(key);
      if (p) p.count++;
      else byKey.set(key, { work, eff, req, min, max, pool, std, count: 1 });
    }
    if (size > 0) groups.push({ group: g, patterns: [...byKey.values()], size });
  }
  return { week, k, hds, groups };
}

/**
 * Remote half-days of a member whose group is remote on `mask`, every REMOTE request granted
 * up to the weekly max (the most it can have: requests only add).
 */
export function remoteCount(p: MemberPattern, mask: number): number {
  const c = popcount(mask & p.eff) + popcount(p.req & ~mask);
  return c < p.max ? c : p.max;
}

/**
 * Per mask of the week: `feasible` 1 when no member goes over its weekly max by the rotation
 * (ON_SITE requests taken off: rule 2 is checked after them), `shortfall` the members below their
 * minimum with every REMOTE request granted (a lower bound of the true figure: refusals only
 * remove half-days), `refused` the requests the weekly max then turns down.
 */
export interface MaskTables {
  feasible: Uint8Array;
  shortfall: Int32Array;
  /** REMOTE requests the weekly max would refuse (members' half-days beyond their max) */
  refused: Int32Array;
}

export function maskTables(g: GroupWeek, k: number): MaskTables {
  const full = 1 << k;
  const feasible = new Uint8Array(full);
  const shortfall = new Int32Array(full);
  const refused = new Int32Array(full);
  // feasibility only depends on (eff, max); shortfalls only on members who can fall short
  const caps = new Map<number, number>();
  for (const p of g.patterns) {
    const m = caps.get(p.eff);
    if (m === undefined || p.max < m) caps.set(p.eff, p.max);
  }
  const capList = [...caps.entries()];
  const shortList = g.patterns.filter((p) => p.min > 0);
  const reqList = g.patterns.filter((p) => p.req !== 0);
  for (let mask = 0; mask < full; mask++) {
    let ok = 1;
    for (const [eff, max] of capList) {
      if (popcount(mask & eff) > max) {
        ok = 0;
        break;
      }
    }
    feasible[mask] = ok;
    let sf = 0;
    for (const p of shortList) if (remoteCount(p, mask) < p.min) sf += p.count;
    shortfall[mask] = sf;
    let rf = 0;
    for (const p of reqList) {
      const over = popcount(mask & p.eff) + popcount(p.req & ~mask) - p.max;
      if (over > 0) rf += over * p.count;
    }
    refused[mask] = rf;
  }
  return { feasible, shortfall, refused };
}
