import { PlanningContext, popcount } from '../model/context';
import { RotationCell } from '../model/snapshot';
import { requestMasks } from '../bounds/week-data';
import { weekBusiestBound } from '../bounds/week-bound';
import { buildWeekModel } from './week-model';
import { COST_SIZE, SearchLimits, solveWeek, WeekSearch } from './week-search';

/** Time limit of the search when a clock is given and no limit is. */
export const DEFAULT_TIME_LIMIT_MS = 8000;

/** Subgradient iterations of the per-week bound the report gives (bounds() runs more). */
const BOUND_ITERATIONS = 60;

const DEFAULT_KICKS = 0;
const ANNEAL_STEPS_PER_GROUP = 10_000;
/** the floor of a week's moves, lowered to SMALL_WEEK_STEPS_PER_GROUP per group under 10 groups */
const MIN_ANNEAL_STEPS = 150_000;
const SMALL_WEEK_STEPS_PER_GROUP = 15_000;
const MAX_ANNEAL_STEPS = 1_200_000;

/** The annealing's deterministic work budget for a week of `groups` groups. */
export function annealBudget(groups: number): number {
  const floor = Math.min(MIN_ANNEAL_STEPS, SMALL_WEEK_STEPS_PER_GROUP * groups);
  return Math.min(MAX_ANNEAL_STEPS, Math.max(floor, ANNEAL_STEPS_PER_GROUP * groups));
}

export interface RotationOptions {
  /** stop improving after this long (needs `now`; default 8 s with a clock), shared evenly by the weeks; the greedy answer is always complete */
  timeLimitMs?: number;
  /** clock in ms, only read to honour `timeLimitMs` */
  now?: () => number;
  /** rounds of local search per week (deterministic limit), default 100 */
  maxRounds?: number;
  /** more annealing runs per week from the best state (deterministic), default 0 */
  kicks?: number;
  /** annealing moves per run and week (deterministic work budget), default 10,000 per group within 150,000..1,200,000; 15,000 per group under 10 groups */
  annealSteps?: number;
}

export interface RotationWeekReport {
  week: string;
  halfDays: number;
  /** expected remote agents (rotation + approved REMOTE requests) on the busiest half-day */
  busiest: number;
  /** proven lower bound for that figure (see bounds/week-bound.ts `weekBusiestBound`) */
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

/**
 * Builds the rotation: for each ISO week, which half-days each group is remote, under every
 * hard rule (pool caps with reservations and the STANDARD reserve, every member's weekly max),
 * optimising site capacity, weekly minimums, room for approved requests, the busiest
 * half-day and a fair share of Mondays and Fridays, in that order.
 */
export function buildRotation(ctx: PlanningContext, options: RotationOptions = {}): RotationResult {
  const { nG, nH } = ctx;
  const groupRemote = new Uint8Array(nG * nH);
  const requests = requestMasks(ctx);
  const monFri = new Int32Array(nG);
  const start = options.now ? options.now() : 0;
  const timeLimit = options.now ? (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS) : undefined;
  let timedOut = false;
  let weekDeadline = Infinity;
  const limits: SearchLimits = {
    maxRounds: options.maxRounds ?? 100,
    kicks: options.kicks ?? DEFAULT_KICKS,
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
    const model = buildWeekModel(ctx, week.index, requests);
    const search = new WeekSearch(model, nG, ctx.siteCap, monFri);
    limits.annealSteps =
      options.annealSteps ?? annealBudget(model.groups.length);
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
      lowerBound: weekBusiestBound(ctx, model.data, { iterations: BOUND_ITERATIONS, tables: model.tables }),
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
