import { PlanningContext } from '../model/context';
import { GroupWeek, maskTables, WeekData } from './week-data';

/**
 * Lower bounds of one ISO week, with their proofs.
 *
 * Notation: a plan's group g is remote on the half-days of a mask m_g (cohesion, rule 4); a
 * member is `R` at j when j ∈ m_g ∩ eff, or a granted REMOTE request covers j (week-data.ts).
 */

export interface WeekShortfallFloor {
  /** [group position in data.groups] fewest members below their minimum over the feasible masks */
  groupMin: Int32Array;
  /** sum of groupMin */
  total: number;
}

/**
 * SHORTFALL FLOOR. For every plan and every group g: the group's members below their minimum
 * in the week ≥ min over feasible masks m of shortfall_g(m).
 * Proof: the plan's mask m_g must be feasible (rule 2 after the ON_SITE requests: a member's
 * rotation half-days are m_g ∩ eff); each member's remote count is at most
 * min(max, |m_g ∩ eff| + |req \ m_g|) (granted requests only add half-days, and never beyond the
 * max), so a member counted short by `maskTables` is short in the plan. Groups share no member,
 * so the sum over groups bounds the week. Shortfalls caused by ON_SITE requests (the agent asked
 * to come in) are therefore counted as unavoidable whenever no mask avoids them.
 */
export function weekShortfallFloor(data: WeekData, tables: { feasible: Uint8Array; shortfall: Int32Array }[]): WeekShortfallFloor {
  const groupMin = new Int32Array(data.groups.length);
  let total = 0;
  data.groups.forEach((_, i) => {
    const { feasible, shortfall } = tables[i];
    let best = Infinity;
    for (let m = 0; m < feasible.length; m++) if (feasible[m] && shortfall[m] < best) best = shortfall[m];
    groupMin[i] = best === Infinity ? 0 : best;
    total += groupMin[i];
  });
  return { groupMin, total };
}

/**
 * Threshold of pool p in the week: the fewest seats in use (remote agents of p, plus for the
 * STANDARD share its agents) a half-day needs before a REMOTE request of p can be refused for a
 * full pool or a full share: min over the week's half-days of capacity − reserve − reserved.
 */
function poolThreshold(ctx: PlanningContext, data: WeekData, p: number): number {
  let t = Infinity;
  for (const h of data.hds) t = Math.min(t, ctx.cap[p][h] - ctx.reserve[p] - ctx.reserved[p][h]);
  return t;
}

export interface BusiestBoundOptions {
  /** subgradient iterations per forced-pool set (more: a tighter bound; any count is valid) */
  iterations?: number;
}

/**
 * BUSIEST HALF-DAY FLOOR of the week, valid for every plan that (a) keeps every group at its
 * fewest shortfalls (`weekShortfallFloor`; DESIGN.md puts shortfalls before the load) and
 * (b) refuses no REMOTE request for the weekly max (grants come before the load too).
 *
 * Proof. Fix such a plan and call R(j) its remote agents at the week's half-day j.
 * 1. Requests of a set S of pools are "forced": if the plan refuses a request of p ∈ S, the
 *    refusal is for a full pool or share (b), so some half-day carries at least
 *    T_S = min_{p∈S} threshold(p) remote agents, and busiest ≥ T_S.
 * 2. Otherwise every request of S is granted: member x of group g is `R` at j when
 *    j ∈ m_g ∩ eff_x or j ∈ req_x (x ∈ S). Summing over members, R(j) ≥ base_j + [j ∈ m_g] D_gj
 *    summed over g, with F_gj = members of g with a forced request at j, E_gj = members with
 *    j ∈ eff, D_gj = E_gj − F_gj ≥ 0 (req ⊆ eff) and base_j = Σ_g F_gj.
 * 3. For any weights λ ≥ 0 with Σ λ_j = 1: busiest ≥ Σ_j λ_j R(j)
 *    ≥ Σ_j λ_j base_j + Σ_g min_{m ∈ M_g} Σ_{j∈m} λ_j D_gj, M_g being the feasible masks with
 *    g's fewest shortfalls (a). The inner cost only grows with m, so inclusion-minimal masks of
 *    M_g suffice (M_g is closed upward inside the feasible masks: more half-days never add a
 *    shortfall, fewer never break a max).
 * So busiest ≥ min(T_S, that value), for every S and λ: we try the nested sets of pools by
 * decreasing threshold and improve λ by projected subgradient ascent (the bound holds at every
 * step; the best is kept). It is the LP (Lagrangian) dual of "choose one mask per group,
 * minimise the largest load", so it also accounts for the strike day's requests.
 */
export function weekBusiestBound(ctx: PlanningContext, data: WeekData, options: BusiestBoundOptions = {}): number {
  const { k } = data;
  if (k === 0 || data.groups.length === 0) return 0;
  const tables = data.groups.map((g) => maskTables(g, k));
  const floor = weekShortfallFloor(data, tables);
  const minimal = data.groups.map((_, i) => minimalMasks(tables[i], floor.groupMin[i], k));
  const pools = Array.from({ length: ctx.nP }, (_, p) => ({ p, t: poolThreshold(ctx, data, p) })).sort(
    (a, b) => b.t - a.t || a.p - b.p,
  );
  const iterations = options.iterations ?? 300;
  let best = 0;
  const forced = new Uint8Array(ctx.nP);
  // S = ∅, then the pools by decreasing threshold
  for (let n = 0; n <= pools.length; n++) {
    if (n > 0) forced[pools[n - 1].p] = 1;
    const tS = n === 0 ? Infinity : pools[n - 1].t;
    if (tS <= best) break;
    const value = lagrangian(data, minimal, forced, iterations);
    best = Math.max(best, Math.min(tS, value));
  }
  return best;
}

/** Inclusion-minimal masks among the feasible masks with exactly `least` shortfalls. */
function minimalMasks(t: { feasible: Uint8Array; shortfall: Int32Array }, least: number, k: number): Int32Array {
  const out: number[] = [];
  const inSet = (m: number) => t.feasible[m] === 1 && t.shortfall[m] === least;
  for (let m = 0; m < t.feasible.length; m++) {
    if (!inSet(m)) continue;
    let minimal = true;
    for (let j = 0; j < k && minimal; j++) if (m & (1 << j) && inSet(m & ~(1 << j))) minimal = false;
    if (minimal) out.push(m);
  }
  return Int32Array.from(out);
}

/** max over λ of the step-3 value (floored to what is proven: the loads are integers). */
function lagrangian(data: WeekData, minimal: Int32Array[], forced: Uint8Array, iterations: number): number {
  const { k } = data;
  const G = data.groups.length;
  const D = new Float64Array(G * k);
  const base = new Float64Array(k);
  data.groups.forEach((g: GroupWeek, i) => {
    for (const p of g.patterns) {
      const fr = forced[p.pool] ? p.req : 0;
      for (let j = 0; j < k; j++) {
        const bit = 1 << j;
        if (p.eff & bit) D[i * k + j] += p.count;
        if (fr & bit) {
          D[i * k + j] -= p.count;
          base[j] += p.count;
        }
      }
    }
  });
  const lambda = new Float64Array(k).fill(1 / k);
  const load = new Float64Array(k);
  const avg = new Float64Array(k);
  let best = 0;
  // Polyak steps towards a target the primal average gives (an LP upper bound), with a
  // shrinking factor when the bound stalls
  let alpha = 1;
  let stall = 0;
  for (let it = 0; it < iterations; it++) {
    load.set(base);
    let value = 0;
    for (let j = 0; j < k; j++) value += lambda[j] * base[j];
    for (let i = 0; i < G; i++) {
      const masks = minimal[i];
      if (masks.length === 0) continue;
      let bestCost = Infinity;
      let bestMask = 0;
      for (let q = 0; q < masks.length; q++) {
        const m = masks[q];
        let c = 0;
        for (let r = m; r; r &= r - 1) c += lambda[31 - Math.clz32(r & -r)] * D[i * k + 31 - Math.clz32(r & -r)];
        if (c < bestCost) {
          bestCost = c;
          bestMask = m;
        }
      }
      value += bestCost;
      for (let r = bestMask; r; r &= r - 1) {
        const j = 31 - Math.clz32(r & -r);
        load[j] += D[i * k + j];
      }
    }
    if (value > best + 1e-9) {
      best = value;
      stall = 0;
    } else if (++stall >= 10) {
      alpha /= 2;
      stall = 0;
    }
    let upper = 0;
    for (let j = 0; j < k; j++) {
      avg[j] = (avg[j] * it + load[j]) / (it + 1);
      upper = Math.max(upper, avg[j]);
    }
    let mean = 0;
    for (let j = 0; j < k; j++) mean += load[j];
    mean /= k;
    let norm = 0;
    for (let j = 0; j < k; j++) norm += (load[j] - mean) ** 2;
    if (norm === 0 || upper - best < 1e-7 * upper) break;
    const step = (alpha * Math.max(upper - value, 1e-3 * upper)) / norm;
    for (let j = 0; j < k; j++) lambda[j] += step * (load[j] - mean);
    projectSimplex(lambda);
  }
  return Math.ceil(best - 1e-6 * Math.max(1, best));
}

/** Euclidean projection onto { λ ≥ 0, Σ λ = 1 } (sort-based). */
export function projectSimplex(v: Float64Array): void {
  const u = Array.from(v).sort((a, b) => b - a);
  let css = 0;
  let theta = 0;
  for (let i = 0; i < u.length; i++) {
    css += u[i];
    const t = (css - 1) / (i + 1);
    if (u[i] - t > 0) theta = t;
  }
  for (let j = 0; j < v.length; j++) v[j] = Math.max(0, v[j] - theta);
}
