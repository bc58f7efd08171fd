import { PlanningContext, popcount, works } from '../model/context';
import { RotationCell } from '../model/snapshot';
import { buildWeekModel, WeekModel } from './week-model';
import { COST_SIZE, SearchLimits, solveWeek, WeekSearch } from './week-search';

/** Time limit of the search when a clock is given and no limit is. */
export const DEFAULT_TIME_LIMIT_MS = 8000;

export interface RotationOptions {
  /** stop improving after this long (needs `now`; default 8 s with a clock), shared evenly by the weeks; the greedy answer is always complete */
  timeLimitMs?: number;
  /** clock in ms, only read to honour `timeLimitMs` */
  now?: () => number;
  /** rounds of local search per week (deterministic limit), default 100 */
  maxRounds?: number;
  /** perturbation restarts per week (deterministic), default 4 */
  kicks?: number;
}

export interface RotationWeekReport {
  week: string;
  halfDays: number;
  /** expected remote agents (rotation + approved REMOTE requests) on the busiest half-day */
  busiest: number;
  /** proven lower bound for that figure (see `weekLowerBound`) */
  lowerBound: number;
  shortfalls: number;
  siteOverflowPairs: number;
  rounds: number;
  swaps: number;
}

export interface RotationResult {
  /** [group * nH + h] 1 when the group is remote */
  groupRemote: Uint8Array;
  cells: RotationCell[];
  weeks: RotationWeekReport[];
  /** true when the time limit cut the local search */
  timedOut: boolean;
}

/** Approved REMOTE requests of eligible agents on working half-days, as agent * nH + h. */
export function requestedHalfDays(ctx: PlanningContext): Set<number> {
  const out = new Set<number>();
  for (const r of ctx.snapshot.requests) {
    if (r.status !== 'APPROVED' || r.kind !== 'REMOTE') continue;
    const a = ctx.agentIndex.get(r.agentId);
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (a === undefined || h === undefined || !ctx.eligible[a] || !works(ctx, a, h)) continue;
    out.add(a * ctx.nH + h);
  }
  return out;
}

/**
 * Lower bound of the busiest half-day of a week, valid for every rotation that has no more
 * site overflows and no more shortfalls than `solved` (DESIGN.md optimises those first):
 * each group needs at least its cheapest mask with its fewest shortfalls, so the week's total
 * load is at least the sum of those; with no overflow, each half-day carries at least what the
 * sites need to shed.
 */
export function weekLowerBound(ctx: PlanningContext, m: WeekModel, solvedOverflowPairs: number): number {
  const full = 1 << m.k;
  let total = 0;
  for (let j = 0; j < m.k; j++) total += m.base.load[j];
  for (const g of m.groups) {
    let bestShort = Infinity;
    let bestLoad = Infinity;
    for (let mask = 0; mask < full; mask++) {
      if (!m.feasible[g][mask]) continue;
      const sf = m.shortfall[g][mask];
      if (sf > bestShort) continue;
      let load = 0;
      for (let j = 0; j < m.k; j++) if (mask & (1 << j)) load += m.load[g][j];
      if (sf < bestShort || load < bestLoad) {
        bestShort = sf;
        bestLoad = load;
      }
    }
    total += bestLoad;
  }
  let lb = m.k > 0 ? Math.ceil(total / m.k - 1e-9) : 0;
  if (solvedOverflowPairs === 0) {
    // every site must shed its excess through eligible agents going remote
    for (let j = 0; j < m.k; j++) {
      let need = m.base.load[j];
      for (let s = 0; s < ctx.nS; s++) need += Math.max(0, m.base.onSite[s * m.k + j] - ctx.siteCap[s]);
      lb = Math.max(lb, need);
    }
  }
  return lb;
}

/**
 * Builds the rotation: for each ISO week, which half-days each group is remote, under every
 * hard rule (pool caps with reservations and the STANDARD reserve, every member's weekly max),
 * optimising site capacity, weekly minimums, room for approved requests, the busiest
 * half-day and a fair share of Mondays and Fridays, in that order.
 */
export function buildRotation(ctx: PlanningContext, options: RotationOptions = {}): RotationResult {
  const { nG, nH } = ctx;
  const groupRemote = new Uint8Array(nG * nH);
  const requested = requestedHalfDays(ctx);
  const monFri = new Int32Array(nG);
  const start = options.now ? options.now() : 0;
  const timeLimit = options.now ? (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS) : undefined;
  let timedOut = false;
  let weekDeadline = Infinity;
  const limits: SearchLimits = {
    maxRounds: options.maxRounds ?? 100,
    kicks: options.kicks ?? 4,
    expired: () => {
      if (!options.now || timeLimit === undefined) return false;
      if (options.now() > weekDeadline) {
        timedOut = true;
        return true;
      }
      return false;
    },
  };
  const reports: RotationWeekReport[] = [];
  for (const week of ctx.weeks) {
    // each week gets an even share of the time left
    if (options.now && timeLimit !== undefined) {
      const left = start + timeLimit - options.now();
      weekDeadline = options.now() + Math.max(0, left) / (ctx.weeks.length - week.index);
    }
    const model = buildWeekModel(ctx, week.index, requested);
    const search = new WeekSearch(model, nG, ctx.siteCap, monFri);
    const sol = solveWeek(search, model, limits);
    for (const g of model.groups) {
      const mask = sol.masks[g];
      monFri[g] += popcount(mask & model.monFriMask);
      for (let j = 0; j < model.k; j++) if (mask & (1 << j)) groupRemote[g * nH + model.hds[j]] = 1;
    }
    const cost = sol.cost;
    void COST_SIZE;
    reports.push({
      week: week.id,
      halfDays: model.k,
      busiest: cost[4],
      lowerBound: weekLowerBound(ctx, model, cost[0]),
      shortfalls: cost[2],
      siteOverflowPairs: cost[0],
      rounds: sol.rounds,
      swaps: sol.swaps,
    });
  }
  return { groupRemote, cells: rotationCells(ctx, groupRemote), weeks: reports, timedOut };
}

/** Rotation cells in time order, then group order. */
export function rotationCells(ctx: PlanningContext, groupRemote: Uint8Array): RotationCell[] {
  const cells: RotationCell[] = [];
  for (let h = 0; h < ctx.nH; h++) {
    for (let g = 0; g < ctx.nG; g++) {
      if (groupRemote[g * ctx.nH + h]) {
        cells.push({ groupId: ctx.snapshot.groups[g].id, date: ctx.halfDays[h].date, period: ctx.halfDays[h].period });
      }
    }
  }
  return cells;
}

/** Group × half-day matrix of a given rotation (cells off the working half-days are ignored). */
export function groupRemoteOf(ctx: PlanningContext, cells: readonly RotationCell[]): Uint8Array {
  const out = new Uint8Array(ctx.nG * ctx.nH);
  for (const c of cells) {
    const g = ctx.groupIndex.get(c.groupId);
    const h = ctx.halfDayByKey.get(`${c.date}${c.period}`);
    if (g !== undefined && h !== undefined) out[g * ctx.nH + h] = 1;
  }
  return out;
}
