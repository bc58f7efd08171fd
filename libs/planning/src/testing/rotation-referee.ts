import { PlanningContext } from '../model/context';
import { requestMasks, RequestMasks, weekData } from '../bounds/week-data';

/**
 * Test-side referee of the rotation's first objective (DESIGN.md: site on-site counts within
 * capacity). It counts a rotation's site × half-day overflows "on its own" and asks an exact MIP
 * solver (HiGHS from the npm package `highs`, handed in) for the fewest overflows any rotation
 * of whole groups can reach in a week, under the same hard rules the builder keeps: every
 * member within its weekly max (half-days of its approved ON_SITE requests aside, rule 2 is
 * checked after them), every pool cap and STANDARD share with the reservations.
 *
 * On-site count of site s at half-day h: the working agents of s (ineligible ones included)
 * minus the eligible members whose group is remote at h. Approved ON_SITE requests keep their
 * agent on site (they are always granted); approved REMOTE requests take nobody off site (they
 * may be refused): the count is what the final plan cannot exceed. On a snapshot without
 * requests it is the rotation counted on its own.
 */

/** The one call of HiGHS the referee needs (`highs.solve`). */
export interface ExactSolver {
  solve(model: string, options?: Record<string, string | number | boolean>): {
    Status: string;
    ObjectiveValue: number;
    Columns?: Record<string, { Primal: number }>;
  };
}

export interface OverflowFigure {
  /** site × half-day pairs over capacity */
  pairs: number;
  /** people over capacity, summed over those pairs */
  excess: number;
}

export interface WeekOverflow extends OverflowFigure {
  week: string;
}

/** [s * k + j] people on site before any group is remote, and each group's leavers, for one week. */
interface WeekSites {
  k: number;
  hds: number[];
  base: Int32Array;
  /** [g] → [s * k + j] members of g who leave site s at j when g is remote there */
  leave: Map<number, Int32Array>;
}

function weekSites(ctx: PlanningContext, week: number, masks: RequestMasks): WeekSites {
  const hds = ctx.weeks[week].halfDays;
  const k = hds.length;
  const nW = ctx.weeks.length;
  const slotBit = new Int32Array(10);
  hds.forEach((h, j) => (slotBit[ctx.slotOf[h]] |= 1 << j));
  const base = new Int32Array(ctx.nS * k);
  const leave = new Map<number, Int32Array>();
  for (let a = 0; a < ctx.nA; a++) {
    let work = 0;
    for (let s = 0; s < 10; s++) if (!((ctx.offMask[a] >> s) & 1)) work |= slotBit[s];
    const s = ctx.agentSite[a];
    const g = ctx.agentGroup[a];
    const away = ctx.eligible[a] && g >= 0 ? work & ~masks.onSite[a * nW + week] : 0;
    let row = leave.get(g);
    if (away && !row) {
      row = new Int32Array(ctx.nS * k);
      leave.set(g, row);
    }
    for (let j = 0; j < k; j++) {
      if (!(work & (1 << j))) continue;
      base[s * k + j]++;
      if (row && away & (1 << j)) row[s * k + j]++;
    }
  }
  return { k, hds, base, leave };
}

/** Site overflows of a rotation (group × half-day matrix, 1 = remote), per ISO week. */
export function rotationOverflows(ctx: PlanningContext, groupRemote: Uint8Array): WeekOverflow[] {
  const masks = requestMasks(ctx);
  return ctx.weeks.map((w) => {
    const ws = weekSites(ctx, w.index, masks);
    const onSite = Int32Array.from(ws.base);
    for (const [g, row] of ws.leave) {
      for (let j = 0; j < ws.k; j++) {
        if (!groupRemote[g * ctx.nH + ws.hds[j]]) continue;
        for (let s = 0; s < ctx.nS; s++) onSite[s * ws.k + j] -= row[s * ws.k + j];
      }
    }
    return { week: w.id, ...overflowOf(ctx, onSite, ws.k) };
  });
}

function overflowOf(ctx: PlanningContext, onSite: Int32Array, k: number): OverflowFigure {
  let pairs = 0;
  let excess = 0;
  for (let s = 0; s < ctx.nS; s++) {
    for (let j = 0; j < k; j++) {
      const over = onSite[s * k + j] - ctx.siteCap[s];
      if (over > 0) {
        pairs++;
        excess += over;
      }
    }
  }
  return { pairs, excess };
}

/** Linear terms "a x + b y …" cut into short lines (HiGHS's LP reader dislikes long ones). */
function terms(list: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < list.length; i += 8) lines.push(`   ${list.slice(i, i + 8).join(' + ')}`);
  return lines.join(' +\n');
}

/** Names, a few per line. */
function chunks(list: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < list.length; i += 12) lines.push(`   ${list.slice(i, i + 12).join(' ')}`);
  return lines;
}

/**
 * The week's exact model in CPLEX LP format: y_g_j = 1 when group g is remote at local half-day
 * j; f_s_j = 1 when site s is left over capacity at j. Minimises Σ f: the fewest overflow pairs
 * (the builder's first figure). A site × half-day with `over` people too many is within capacity
 * when its leavers number at least `over`: Σ min(n_g, over) y_g + over f ≥ over (the coefficients
 * cut to `over`, which keeps every integer solution and tightens the LP). Returns null when no
 * site can overflow in the week (the optimum is 0).
 */
export function weekOverflowModel(ctx: PlanningContext, week: number, masks = requestMasks(ctx)): string | null {
  const ws = weekSites(ctx, week, masks);
  const { k } = ws;
  const data = weekData(ctx, week, masks);
  const critical: [number, number][] = [];
  for (let s = 0; s < ctx.nS; s++) for (let j = 0; j < k; j++) if (ws.base[s * k + j] > ctx.siteCap[s]) critical.push([s, j]);
  if (critical.length === 0) return null;
  const y = (g: number, j: number) => `y${g}_${j}`;
  const rows: string[] = [];
  const binaries: string[] = [];
  const used = new Set<string>();
  // weekly max of every member (per distinct working mask, its smallest max)
  for (const gw of data.groups) {
    const caps = new Map<number, number>();
    for (const p of gw.patterns) {
      const m = caps.get(p.eff);
      if (m === undefined || p.max < m) caps.set(p.eff, p.max);
    }
    let c = 0;
    for (const [eff, max] of caps) {
      const vars: string[] = [];
      for (let j = 0; j < k; j++) if (eff & (1 << j)) vars.push(y(gw.group, j));
      if (vars.length <= max) continue;
      rows.push(` max${gw.group}_${c++}:\n${terms(vars)} <= ${max}`);
      vars.forEach((v) => used.add(v));
    }
  }
  // pool caps and STANDARD shares, reservations included
  for (let p = 0; p < ctx.nP; p++) {
    for (let j = 0; j < k; j++) {
      const h = ws.hds[j];
      const all: string[] = [];
      const std: string[] = [];
      for (const gw of data.groups) {
        let n = 0;
        let ns = 0;
        for (const pt of gw.patterns) {
          if (pt.pool !== p || !(pt.eff & (1 << j))) continue;
          n += pt.count;
          if (pt.std) ns += pt.count;
        }
        if (n > 0) all.push(`${n} ${y(gw.group, j)}`);
        if (ns > 0) std.push(`${ns} ${y(gw.group, j)}`);
      }
      const cap = ctx.cap[p][h] - ctx.reserved[p][h];
      const stdCap = cap - ctx.reserve[p];
      if (all.length > 0) rows.push(` cap${p}_${j}:\n${terms(all)} <= ${cap}`);
      if (std.length > 0) rows.push(` std${p}_${j}:\n${terms(std)} <= ${stdCap}`);
      for (const t of [...all, ...std]) used.add(t.split(' ')[1]);
    }
  }
  const objective: string[] = [];
  for (const [s, j] of critical) {
    const over = ws.base[s * k + j] - ctx.siteCap[s];
    const leavers: string[] = [];
    for (const [g, row] of ws.leave) {
      const n = row[s * k + j];
      if (n > 0) {
        leavers.push(`${Math.min(n, over)} ${y(g, j)}`);
        used.add(y(g, j));
      }
    }
    const f = `f${s}_${j}`;
    rows.push(` site${s}_${j}:\n${terms([...leavers, `${over} ${f}`])} >= ${over}`);
    binaries.push(f);
    objective.push(f);
  }
  binaries.push(...used);
  return ['Minimize', ` obj:\n${terms(objective)}`, 'Subject To', ...rows, 'Binary', ...chunks(binaries), 'End'].join('\n');
}

/**
 * The fewest site overflow pairs of any rotation of the week, proven by the solver; throws when
 * the solver does not prove it (time limit, error).
 */
export function exactWeekOverflow(ctx: PlanningContext, week: number, solver: ExactSolver, masks = requestMasks(ctx), timeLimitSec = 60): number {
  const lp = weekOverflowModel(ctx, week, masks);
  if (!lp) return 0;
  const r = solver.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: timeLimitSec });
  if (r.Status !== 'Optimal') throw new Error(`week ${ctx.weeks[week].id}: the solver says ${r.Status}`);
  return Math.round(r.ObjectiveValue);
}

/** exactWeekOverflow for every week of the horizon. */
export function exactOverflows(ctx: PlanningContext, solver: ExactSolver, timeLimitSec = 60): { week: string; pairs: number }[] {
  const masks = requestMasks(ctx);
  return ctx.weeks.map((w) => ({ week: w.id, pairs: exactWeekOverflow(ctx, w.index, solver, masks, timeLimitSec) }));
}
