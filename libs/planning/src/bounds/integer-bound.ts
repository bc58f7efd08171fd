import { lagrangianBound, WeekRelaxation } from './week-bound';

/**
 * The integer-aware busiest half-day bound.
 *
 * `weekBusiestBound` proves busiest ≥ min(T_S, value of the LP of the relaxation of S): the LP
 * may split a group between masks, so in a week where a few requests pin whole groups of ~230
 * agents its value can sit 5 % under what whole groups can reach. Here the relaxation itself —
 * one whole mask per group — is decided by a MIP solver: "can every half-day stay ≤ v − 1?".
 * When the solver proves it cannot, every plan of the class has busiest ≥ v (or refuses a forced
 * request, which costs T_S ≥ v). The engine stays free of I/O and WASM: the caller hands a
 * solver in (HiGHS from the npm package `highs` fits `MipSolver` as it is).
 */

/** The one call of a MIP solver the bound needs: a CPLEX LP-format model, options, a status. */
export interface MipSolver {
  solve(model: string, options?: Record<string, string | number | boolean>): { Status: string };
}

export type FitAnswer = 'fits' | 'does-not-fit' | 'unknown';

/**
 * The feasibility MIP "one minimal mask per group, every half-day's load ≤ limit" in CPLEX LP
 * format, or null when a half-day is over the limit whatever the masks.
 */
export function relaxationModel(rel: WeekRelaxation, limit: number): string | null {
  const { k, base, load, masks } = rel;
  if (overByBase(rel, limit)) return null;
  const lines = ['Minimize', ' obj: 0 dummy', 'Subject To'];
  const columns: string[] = [];
  const rows: string[][] = Array.from({ length: k }, () => []);
  masks.forEach((list, i) => {
    if (list.length === 0) return;
    const names: string[] = [];
    for (const m of list) {
      const name = `x${i}_${m}`;
      names.push(name);
      columns.push(name);
      for (let j = 0; j < k; j++) if (m & (1 << j) && load[i * k + j] > 0) rows[j].push(`${load[i * k + j]} ${name}`);
    }
    lines.push(` g${i}: ${names.join(' + ')} = 1`);
  });
  rows.forEach((terms, j) => {
    if (terms.length > 0) lines.push(` h${j}: ${terms.join(' + ')} <= ${limit - base[j]}`);
  });
  lines.push('Bounds', ' dummy = 0', 'Binary', ...columns.map((c) => ` ${c}`), 'End');
  return lines.join('\n');
}

/** A half-day already over `limit` with no group remote: no choice of masks can fit. */
function overByBase(rel: WeekRelaxation, limit: number): boolean {
  for (let j = 0; j < rel.k; j++) if (rel.base[j] > limit) return true;
  return false;
}

/**
 * Largest groups first, each on the mask that keeps the largest load lowest: a quick upper
 * value of the relaxation (its masks are returned too, one per group position, -1 for none).
 */
export function greedyRelaxation(rel: WeekRelaxation): { value: number; masks: number[] } {
  const { k, base, load, masks } = rel;
  const current = Float64Array.from(base);
  const total = (i: number) => {
    let t = 0;
    for (let j = 0; j < k; j++) t += load[i * k + j];
    return t;
  };
  const order = masks.map((_, i) => i).sort((a, b) => total(b) - total(a) || a - b);
  const chosen = masks.map(() => -1);
  for (const i of order) {
    let best = -1;
    let bestMax = Infinity;
    let bestSum = Infinity;
    for (const m of masks[i]) {
      let mx = 0;
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const v = current[j] + (m & (1 << j) ? load[i * k + j] : 0);
        if (v > mx) mx = v;
        if (m & (1 << j)) sum += v;
      }
      if (mx < bestMax || (mx === bestMax && sum < bestSum)) {
        best = m;
        bestMax = mx;
        bestSum = sum;
      }
    }
    chosen[i] = best;
    if (best >= 0) for (let j = 0; j < k; j++) if (best & (1 << j)) current[j] += load[i * k + j];
  }
  return { value: relaxationValue(rel, chosen), masks: chosen };
}

/** Largest load of the relaxation with one mask per group position (-1: the group adds nothing). */
export function relaxationValue(rel: WeekRelaxation, chosen: readonly number[]): number {
  const { k, base, load } = rel;
  let mx = 0;
  for (let j = 0; j < k; j++) {
    let v = base[j];
    chosen.forEach((m, i) => {
      if (m >= 0 && m & (1 << j)) v += load[i * k + j];
    });
    if (v > mx) mx = v;
  }
  return mx;
}

/**
 * Whether every half-day can stay ≤ limit. "does-not-fit" is a proof: a half-day over it by its
 * base alone, the LP bound above it, or the solver's "Infeasible". "fits" comes from the greedy
 * or the solver's solution; anything else (time limit, solver error) is "unknown".
 */
export function relaxationFits(rel: WeekRelaxation, limit: number, solver: MipSolver, timeLimitSec: number): FitAnswer {
  if (overByBase(rel, limit)) return 'does-not-fit';
  if (greedyRelaxation(rel).value <= limit) return 'fits';
  if (lagrangianBound(rel, 200) > limit) return 'does-not-fit';
  // only now is the model worth writing: the cheap answers above need no solver
  const model = relaxationModel(rel, limit) as string;
  let status: string;
  try {
    status = solver.solve(model, { time_limit: timeLimitSec, output_flag: false }).Status;
  } catch {
    return 'unknown';
  }
  if (status === 'Infeasible') return 'does-not-fit';
  if (status === 'Optimal') return 'fits';
  return 'unknown';
}

export interface IntegerBoundOptions {
  solver: MipSolver;
  /** per solver call, seconds (default 20) */
  timeLimitSec?: number;
  /** stop asking the solver once this many seconds are spent (default 120; needs `now`) */
  budgetSec?: number;
  /** clock in ms, only read for the budget */
  now?: () => number;
}

export interface IntegerWeekSearch {
  /** proven: every plan of the class has a half-day of this week with at least this many remote */
  bound: number;
  /** the least largest load found for the relaxation (the bound cannot pass it) */
  upper: number;
  /** solver calls that ended without an answer */
  unknown: number;
  /** bisection steps, and how many of them the solver had to answer */
  calls: number;
  solverCalls: number;
}

/**
 * Bisection on v in (lower, upper]: v is proven when the relaxation of S*(v) — the largest
 * nested set whose threshold is ≥ v, so a refusal of its forced requests costs ≥ v anyway —
 * cannot keep every half-day ≤ v − 1. `lower` must already be proven (or be a value the caller
 * only wants to beat); `relaxations` come from `weekRelaxations`, in their order. Proven values
 * only grow, so the answer is valid whenever the search stops.
 */
export function searchWeekIntegerBound(
  relaxations: readonly WeekRelaxation[],
  lower: number,
  upper: number,
  options: IntegerBoundOptions & { deadline?: number },
): IntegerWeekSearch {
  const timeLimitSec = options.timeLimitSec ?? 20;
  let lo = lower;
  let hi = upper;
  let unknown = 0;
  let calls = 0;
  let solverCalls = 0;
  const solver: MipSolver = {
    solve: (model, solveOptions) => {
      solverCalls++;
      return options.solver.solve(model, solveOptions);
    },
  };
  while (lo < hi) {
    if (options.now && options.deadline !== undefined && options.now() >= options.deadline) break;
    const v = lo + Math.ceil((hi - lo) / 2);
    let rel: WeekRelaxation | undefined;
    for (const r of relaxations) if (r.threshold >= v) rel = r;
    if (!rel) break;
    let limitSec = timeLimitSec;
    if (options.now && options.deadline !== undefined) limitSec = Math.min(limitSec, Math.max(1, (options.deadline - options.now()) / 1000));
    calls++;
    const answer = relaxationFits(rel, v - 1, solver, limitSec);
    if (answer === 'does-not-fit') lo = v;
    else {
      if (answer === 'unknown') unknown++;
      hi = v - 1;
    }
  }
  return { bound: lo, upper, unknown, calls, solverCalls };
}
