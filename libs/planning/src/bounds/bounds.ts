import { Dinic } from '../flow/dinic';
import { buildPlanningContext, PlanningContext, plannedWeekMax, plannedWeekMin, popcount, STANDARD_RANK, works } from '../model/context';
import { PlanningSnapshot, RotationCell } from '../model/snapshot';
import { groupRemoteOf } from '../rotation/build-rotation';
import { maskTables, requestMasks, WeekData, weekData } from './week-data';
import { weekBusiestBound, weekRelaxations, WeekRelaxation, weekShortfallFloor } from './week-bound';
import { greedyRelaxation, IntegerBoundOptions, relaxationValue, searchWeekIntegerBound } from './integer-bound';
import { SnapshotValidationError, validateSnapshot } from '../validation/validate-snapshot';

export interface PlanningBounds {
  /**
   * Lower bound of the busiest half-day (remote agents) of any plan in which every group gets
   * its fewest possible weekly-min shortfalls and no REMOTE request is refused for the weekly
   * max: per week, the Lagrangian (LP) dual of the mask choice, with the approved requests the
   * caps cannot refuse (see `weekBusiestBound` for the proof); the largest week.
   */
  busiestHalfDayLowerBound: number;
  /** the same bound from the LP alone (equal to the above without `options.integer`) */
  busiestHalfDayLpBound: number;
  /** how the integer search went, when asked for */
  integerSearch?: { solverCalls: number; unanswered: number; weeksSearched: number };
  /**
   * the most requests any plan can grant with this rotation (exact, by its own max flow);
   * duplicate requests (same agent, half-day and kind) count once
   */
  maxGrantsForRotation: number;
  /**
   * agent-weeks that must fall below the weekly minimum whatever the plan: per week the larger
   * of the group floor (no rotation of the group lifts them, e.g. approved ON_SITE requests) and
   * the pool seat count
   */
  weeklyMinShortfallsLowerBound: number;
}

export interface BoundsOptions {
  /**
   * also decide the relaxation with whole masks by a MIP solver (see integer-bound.ts): a
   * tighter busiest half-day bound, at the solver's time cost
   */
  integer?: IntegerBoundOptions;
}

/**
 * Bounds used by the benchmark and the tests, computed apart from the planner: `rotation`
 * defaults to the snapshot's (none → no group remote).
 */
export function bounds(snapshot: PlanningSnapshot, rotation?: readonly RotationCell[], options: BoundsOptions = {}): PlanningBounds {
  const valid = validateSnapshot(snapshot);
  if (!valid.ok) throw new SnapshotValidationError(valid.errors);
  const ctx = buildPlanningContext(valid.snapshot);
  const groupRemote = groupRemoteOf(ctx, rotation ?? valid.snapshot.rotation ?? []);
  const masks = requestMasks(ctx);
  const datas = ctx.weeks.map((w) => weekData(ctx, w.index, masks));
  const lpWeeks = datas.map((d) => weekBusiestBound(ctx, d));
  const lp = Math.max(0, ...lpWeeks);
  const integer = options.integer ? integerBusiestBound(ctx, datas, lpWeeks, groupRemote, options.integer) : undefined;
  return {
    busiestHalfDayLowerBound: integer ? Math.max(lp, integer.bound) : lp,
    busiestHalfDayLpBound: lp,
    ...(integer ? { integerSearch: integer.search } : {}),
    maxGrantsForRotation: maxGrants(ctx, groupRemote),
    weeklyMinShortfallsLowerBound: shortfallLowerBound(ctx, datas),
  };
}

/**
 * The horizon's bound is its largest week bound, so weeks are searched by decreasing upper
 * value (a week's relaxation cannot prove more than its own optimum), each from the best bound
 * proven so far, until the budget is spent.
 */
function integerBusiestBound(
  ctx: PlanningContext,
  datas: WeekData[],
  lpWeeks: number[],
  groupRemote: Uint8Array,
  options: IntegerBoundOptions,
): { bound: number; search: { solverCalls: number; unanswered: number; weeksSearched: number } } {
  const deadline = options.now ? options.now() + (options.budgetSec ?? 120) * 1000 : undefined;
  const weeks = datas.map((d, w) => {
    const rels = [...weekRelaxations(ctx, d)];
    const rotationMasks = d.groups.map((g) => {
      let m = 0;
      d.hds.forEach((h, j) => {
        if (groupRemote[g.group * ctx.nH + h]) m |= 1 << j;
      });
      return m;
    });
    const upper = Math.max(0, ...rels.map((rel) => Math.min(greedyRelaxation(rel).value, rotationValue(rel, rotationMasks))));
    return { w, rels, upper };
  });
  weeks.sort((a, b) => b.upper - a.upper || a.w - b.w);
  let best = Math.max(0, ...lpWeeks);
  const search = { solverCalls: 0, unanswered: 0, weeksSearched: 0 };
  for (const { w, rels, upper } of weeks) {
    if (upper <= best) continue;
    if (options.now && deadline !== undefined && options.now() >= deadline) break;
    const r = searchWeekIntegerBound(rels, Math.max(best, lpWeeks[w]), upper, { ...options, deadline });
    search.weeksSearched++;
    search.solverCalls += r.solverCalls;
    search.unanswered += r.unknown;
    best = Math.max(best, r.bound);
  }
  return { bound: best, search };
}

/**
 * The relaxation's value of a given rotation: each group on its lightest minimal mask inside
 * its rotation mask (Infinity when one has none: that rotation is outside the bounded class).
 */
function rotationValue(rel: WeekRelaxation, rotationMasks: number[]): number {
  const chosen: number[] = [];
  for (let i = 0; i < rel.masks.length; i++) {
    let best = -1;
    let bestLoad = Infinity;
    for (const m of rel.masks[i]) {
      if ((m & rotationMasks[i]) !== m) continue;
      let l = 0;
      for (let j = 0; j < rel.k; j++) if (m & (1 << j)) l += rel.load[i * rel.k + j];
      if (l < bestLoad) {
        best = m;
        bestLoad = l;
      }
    }
    if (best < 0 && rel.masks[i].length > 0) return Infinity;
    chosen.push(best);
  }
  return relaxationValue(rel, chosen);
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
      edges.push(['s', aw, Math.max(0, plannedWeekMax(ctx, a, ctx.weekOf[h]) - inWeek[a * nW + ctx.weekOf[h]])]);
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

/**
 * Per week, the larger of two valid floors:
 * - groups (`weekShortfallFloor`): members no feasible rotation of their group lifts to their
 *   minimum, every REMOTE request granted (e.g. ON_SITE requests leave too few half-days);
 * - pools: the seats of a pool over the week (capacity − reserved, summed over its half-days)
 *   fall short of its agents' minimums; each agent left short saves at most its own minimum,
 *   so at least ceil(missing / largest minimum) agents are short (same for the STANDARD share).
 */
function shortfallLowerBound(ctx: PlanningContext, datas: WeekData[]): number {
  let total = 0;
  for (const w of ctx.weeks) {
    const d = datas[w.index];
    const groupFloor = weekShortfallFloor(d, d.groups.map((g) => maskTables(g, d.k))).total;
    let poolFloor = 0;
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
        const m = plannedWeekMin(ctx, a, w.index, popcount(ctx.weekSlotMask[w.index] & ~ctx.offMask[a]));
        need += m;
        biggest = Math.max(biggest, m);
        if (ctx.tierRank[a] === STANDARD_RANK) {
          stdNeed += m;
          stdBiggest = Math.max(stdBiggest, m);
        }
      }
      const a = need > seats && biggest > 0 ? Math.ceil((need - seats) / biggest) : 0;
      const b = stdNeed > stdSeats && stdBiggest > 0 ? Math.ceil((stdNeed - stdSeats) / stdBiggest) : 0;
      poolFloor += Math.max(a, b);
    }
    total += Math.max(groupFloor, poolFloor);
  }
  return total;
}
