import { Dinic } from '../flow/dinic';
import { buildPlanningContext, PlanningContext, popcount, STANDARD_RANK, works } from '../model/context';
import { PlanningSnapshot, RotationCell } from '../model/snapshot';
import { groupRemoteOf } from '../rotation/build-rotation';
import { weeklyMinimum } from '../calendar/half-days';
import { SnapshotValidationError, validateSnapshot } from '../validation/validate-snapshot';

export interface PlanningBounds {
  /**
   * Lower bound of the busiest half-day (remote agents) of any plan in which every group gets
   * its fewest possible weekly-min shortfalls: per week, the groups' cheapest such masks
   * (minus approved ON_SITE requests), spread evenly over the week's half-days.
   */
  busiestHalfDayLowerBound: number;
  /**
   * the most requests any plan can grant with this rotation (exact, by its own max flow);
   * duplicate requests (same agent, half-day and kind) count once
   */
  maxGrantsForRotation: number;
  /** agent-weeks that must fall below the weekly minimum whatever the plan (pool seat counts) */
  weeklyMinShortfallsLowerBound: number;
}

/**
 * Bounds used by the benchmark and the tests, computed apart from the planner: `rotation`
 * defaults to the snapshot's (none → no group remote).
 */
export function bounds(snapshot: PlanningSnapshot, rotation?: readonly RotationCell[]): PlanningBounds {
  const valid = validateSnapshot(snapshot);
  if (!valid.ok) throw new SnapshotValidationError(valid.errors);
  const ctx = buildPlanningContext(valid.snapshot);
  const groupRemote = groupRemoteOf(ctx, rotation ?? valid.snapshot.rotation ?? []);
  return {
    busiestHalfDayLowerBound: busiestLowerBound(ctx),
    maxGrantsForRotation: maxGrants(ctx, groupRemote),
    weeklyMinShortfallsLowerBound: shortfallLowerBound(ctx),
  };
}

function busiestLowerBound(ctx: PlanningContext): number {
  let lb = 0;
  const onSiteByWeek = new Int32Array(ctx.weeks.length);
  for (const r of ctx.snapshot.requests) {
    if (r.status !== 'APPROVED' || r.kind !== 'ON_SITE') continue;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (h !== undefined) onSiteByWeek[ctx.weekOf[h]]++;
  }
  for (const w of ctx.weeks) {
    const k = w.halfDays.length;
    const full = 1 << k;
    let total = 0;
    for (let g = 0; g < ctx.nG; g++) {
      const works_: number[] = [];
      const mins: number[] = [];
      const maxs: number[] = [];
      for (const a of ctx.groupMembers[g]) {
        let work = 0;
        w.halfDays.forEach((h, j) => {
          if (works(ctx, a, h)) work |= 1 << j;
        });
        works_.push(work);
        mins.push(weeklyMinimum(ctx.weeklyMin[a], popcount(work)));
        maxs.push(ctx.weeklyMax[a]);
      }
      let bestShort = Infinity;
      let bestLoad = Infinity;
      for (let mask = 0; mask < full; mask++) {
        let short = 0;
        let load = 0;
        let ok = true;
        for (let i = 0; i < works_.length; i++) {
          const c = popcount(mask & works_[i]);
          if (c > maxs[i]) {
            ok = false;
            break;
          }
          if (c < mins[i]) short++;
          load += c;
        }
        if (!ok) continue;
        if (short < bestShort || (short === bestShort && load < bestLoad)) {
          bestShort = short;
          bestLoad = load;
        }
      }
      total += bestLoad === Infinity ? 0 : bestLoad;
    }
    total -= onSiteByWeek[w.index];
    if (k > 0) lb = Math.max(lb, Math.ceil(total / k));
  }
  return lb;
}

/** Single max flow over all tiers: source → agent-week → (STANDARD share →) pool × half-day → sink. */
function maxGrants(ctx: PlanningContext, groupRemote: Uint8Array): number {
  const { nH, nA } = ctx;
  const nW = ctx.weeks.length;
  const remote = new Uint8Array(nA * nH);
  for (let a = 0; a < nA; a++) {
    const g = ctx.agentGroup[a];
    if (g < 0) continue;
    for (let h = 0; h < nH; h++) if (works(ctx, a, h) && groupRemote[g * nH + h]) remote[a * nH + h] = 1;
  }
  let fixed = 0;
  const onSite = new Set<number>();
  for (const r of ctx.snapshot.requests) {
    if (r.status !== 'APPROVED' || r.kind !== 'ON_SITE') continue;
    const a = ctx.agentIndex.get(r.agentId) as number;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (h === undefined || !works(ctx, a, h)) continue;
    fixed++;
    remote[a * nH + h] = 0;
    onSite.add(a * nH + h);
  }
  const pools = ctx.nP;
  const use = new Int32Array(pools * nH);
  const useStd = new Int32Array(pools * nH);
  const inWeek = new Int32Array(nA * nW);
  for (let a = 0; a < nA; a++) {
    for (let h = 0; h < nH; h++) {
      if (!remote[a * nH + h]) continue;
      inWeek[a * nW + ctx.weekOf[h]]++;
      const p = ctx.agentPool[a];
      if (p < 0) continue;
      use[p * nH + h]++;
      if (ctx.tierRank[a] === STANDARD_RANK) useStd[p * nH + h]++;
    }
  }
  const wanted = new Map<number, number>();
  for (const r of ctx.snapshot.requests) {
    if (r.status !== 'APPROVED' || r.kind !== 'REMOTE') continue;
    const a = ctx.agentIndex.get(r.agentId) as number;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (!ctx.eligible[a] || h === undefined || !works(ctx, a, h) || onSite.has(a * nH + h)) continue;
    if (remote[a * nH + h]) fixed++;
    else wanted.set(a * nH + h, (wanted.get(a * nH + h) ?? 0) + 1);
  }
  // nodes: 0 source, 1 sink, then agent-weeks, pool×h, std×h
  const ids = new Map<string, number>();
  let n = 2;
  const id = (key: string) => {
    let v = ids.get(key);
    if (v === undefined) {
      v = n++;
      ids.set(key, v);
    }
    return v;
  };
  const edges: [string, string, number][] = [];
  const seen = new Set<string>();
  for (const key of wanted.keys()) {
    const a = Math.floor(key / nH);
    const h = key % nH;
    const p = ctx.agentPool[a];
    const aw = `w${a * nW + ctx.weekOf[h]}`;
    const ph = `p${p * nH + h}`;
    const std = ctx.tierRank[a] === STANDARD_RANK;
    if (!seen.has(aw)) {
      seen.add(aw);
      edges.push(['s', aw, Math.max(0, ctx.weeklyMax[a] - inWeek[a * nW + ctx.weekOf[h]])]);
    }
    if (!seen.has(ph)) {
      seen.add(ph);
      edges.push([ph, 't', Math.max(0, ctx.cap[p][h] - ctx.reserved[p][h] - use[p * nH + h])]);
    }
    if (std) {
      const sh = `q${p * nH + h}`;
      if (!seen.has(sh)) {
        seen.add(sh);
        edges.push([sh, ph, Math.max(0, ctx.cap[p][h] - ctx.reserve[p] - ctx.reserved[p][h] - useStd[p * nH + h])]);
      }
      edges.push([aw, sh, 1]);
    } else {
      edges.push([aw, ph, 1]);
    }
  }
  ids.set('s', 0);
  ids.set('t', 1);
  for (const [u, v] of edges) {
    id(u);
    id(v);
  }
  const net = new Dinic(n);
  for (const [u, v, c] of edges) net.addEdge(id(u), id(v), c);
  return fixed + net.maxFlow(0, 1);
}

/** Per pool and week: seats over the week fall short of the pool's weekly minimums. */
function shortfallLowerBound(ctx: PlanningContext): number {
  let total = 0;
  for (const w of ctx.weeks) {
    for (let p = 0; p < ctx.nP; p++) {
      let seats = 0;
      let stdSeats = 0;
      for (const h of w.halfDays) {
        seats += Math.max(0, ctx.cap[p][h] - ctx.reserved[p][h]);
        stdSeats += Math.max(0, ctx.cap[p][h] - ctx.reserve[p] - ctx.reserved[p][h]);
      }
      let need = 0;
      let stdNeed = 0;
      let biggest = 0;
      let stdBiggest = 0;
      for (let a = 0; a < ctx.nA; a++) {
        if (!ctx.eligible[a] || ctx.agentPool[a] !== p) continue;
        const m = weeklyMinimum(ctx.weeklyMin[a], popcount(ctx.weekSlotMask[w.index] & ~ctx.offMask[a]));
        need += m;
        biggest = Math.max(biggest, m);
        if (ctx.tierRank[a] === STANDARD_RANK) {
          stdNeed += m;
          stdBiggest = Math.max(stdBiggest, m);
        }
      }
      const a = need > seats && biggest > 0 ? Math.ceil((need - seats) / biggest) : 0;
      const b = stdNeed > stdSeats && stdBiggest > 0 ? Math.ceil((stdNeed - stdSeats) / stdBiggest) : 0;
      total += Math.max(a, b);
    }
  }
  return total;
}
