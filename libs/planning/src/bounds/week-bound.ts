import { PlanningContext, popcount } from '../model/context';
import { GroupWeek, maskTables, MaskTables, WeekData } from './week-data';

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
 * Threshold of pool p in the week: a half-day on which a REMOTE request of p is refused for a
 * full pool (or a full STANDARD share) carries at least this many remote agents.
 * Proof, at half-day j, for the pool case (the share case is the same with STANDARD agents and
 * capacity − reserve): full means U ≥ C = capacity − reserved, U being p's remote agents. They
 * are members of remote groups (at most Σ_g x_g P_gj, x_g = 1 when g is remote at j, P_gj its
 * members of p with j ∈ eff) or requesters of p at j (at most Q_j): Σ_g x_g P_gj ≥ C − Q_j.
 * Every remote group brings E_gj remote agents, so R(j) ≥ max(C, min Σ_g x_g E_gj over
 * x ∈ [0,1]^G with that cover), the minimum being a fractional knapsack (groups by E/P
 * ascending). No cover possible: p cannot be full at j.
 */
function poolThreshold(ctx: PlanningContext, data: WeekData, p: number): number {
  const { k } = data;
  const G = data.groups.length;
  const E = new Float64Array(G * k);
  const P = new Float64Array(G * k);
  const PS = new Float64Array(G * k);
  const Q = new Float64Array(k);
  const QS = new Float64Array(k);
  data.groups.forEach((g, i) => {
    for (const pt of g.patterns) {
      for (let j = 0; j < k; j++) {
        const bit = 1 << j;
        if (pt.eff & bit) {
          E[i * k + j] += pt.count;
          if (pt.pool === p) {
            P[i * k + j] += pt.count;
            if (pt.std) PS[i * k + j] += pt.count;
          }
        }
        if (pt.pool === p && pt.req & bit) {
          Q[j] += pt.count;
          if (pt.std) QS[j] += pt.count;
        }
      }
    }
  });
  const knapsack = (j: number, cover: Float64Array, need: number): number => {
    if (need <= 0) return 0;
    const order: number[] = [];
    for (let i = 0; i < G; i++) if (cover[i * k + j] > 0) order.push(i);
    order.sort((a, b) => E[a * k + j] / cover[a * k + j] - E[b * k + j] / cover[b * k + j] || a - b);
    let load = 0;
    for (const i of order) {
      const c = cover[i * k + j];
      if (c >= need) return load + (E[i * k + j] * need) / c;
      load += E[i * k + j];
      need -= c;
    }
    return Infinity;
  };
  let t = Infinity;
  data.hds.forEach((h, j) => {
    const full = ctx.cap[p][h] - ctx.reserved[p][h];
    const share = ctx.cap[p][h] - ctx.reserve[p] - ctx.reserved[p][h];
    const a = Math.max(full, knapsack(j, P, full - Q[j]));
    const b = Math.max(share, knapsack(j, PS, share - QS[j]));
    t = Math.min(t, a, b);
  });
  return Math.floor(t + 1e-9);
}

export interface BusiestBoundOptions {
  /** subgradient iterations per forced-pool set (more: a tighter bound; any count is valid) */
  iterations?: number;
  /** `maskTables` of data.groups, when the caller has them */
  tables?: MaskTables[];
}

/**
 * BUSIEST HALF-DAY FLOOR of the week, valid for every plan that (a) keeps every group at its
 * fewest shortfalls (`weekShortfallFloor`; DESIGN.md puts shortfalls before the load) and
 * (b) refuses for the weekly max no more requests of a group than its fewest-shortfall masks
 * force (grants come before the load too). The rotation builder optimises in that order.
 *
 * Proof. Fix such a plan, R(j) its remote agents at the week's half-day j, m_g its masks.
 * 1. Requests of a set S of pools are "forced". If the plan refuses one for a full pool or
 *    share, some half-day carries at least T_S = min_{p∈S} threshold(p) remote agents
 *    (`poolThreshold`), and busiest ≥ T_S. Assume from now on it does not.
 * 2. With every request granted, a member over its max on m_g has at least its excess refused,
 *    by the weekly max (1.). So the group's weekly-max refusals ≥ excess_S(m_g); by (b) and
 *    (a), m_g is in M_g = feasible masks with g's fewest shortfalls and, among them, the fewest
 *    excess_S. A "safe" member (forced pool, over its max on no mask of M_g) cannot see a request
 *    refused for the weekly max (it would stay below its max), so all its requests are granted.
 * 3. So R(j) ≥ base_j + Σ_g [j ∈ m_g] D_gj, with F_gj = safe members of g with a request at j,
 *    E_gj = members with j ∈ eff, D_gj = E_gj − F_gj ≥ 0 (req ⊆ eff), base_j = Σ_g F_gj.
 * 4. For any weights λ ≥ 0 with Σ λ_j = 1: busiest ≥ Σ_j λ_j R(j)
 *    ≥ Σ_j λ_j base_j + Σ_g min_{m ∈ M_g} Σ_{j∈m} λ_j D_gj. The inner cost only grows with m
 *    (λ, D ≥ 0), so the masks of M_g with no smaller mask in M_g suffice (`minimalMasks`).
 * So busiest ≥ min(T_S, that value), for every S and λ: we try the nested sets of pools by
 * decreasing threshold and improve λ by projected subgradient steps (the bound holds at every
 * step; the best is kept). It is the LP (Lagrangian) dual of "choose one mask per group,
 * minimise the largest load", so it counts the strike day's requests; it does not see that
 * masks are whole (its integrality gap), nor site capacities.
 */
export function weekBusiestBound(ctx: PlanningContext, data: WeekData, options: BusiestBoundOptions = {}): number {
  const iterations = options.iterations ?? 300;
  let best = 0;
  for (const rel of weekRelaxations(ctx, data, options.tables)) {
    if (rel.threshold <= best) break;
    best = Math.max(best, Math.min(rel.threshold, lagrangianBound(rel, iterations)));
  }
  return best;
}

/**
 * The step-3 problem of `weekBusiestBound` for one set S of forced pools: choose one mask per
 * group in `masks[i]` (the minimal masks of M_g); R(j) ≥ base[j] + Σ_i [j ∈ mask_i] load[i*k+j].
 * Any plan of the class bounded there, with no request of S refused for a full pool, has
 * busiest ≥ the least over the choices of max_j of that sum; a refusal costs `threshold`.
 */
export interface WeekRelaxation {
  k: number;
  /** T_S (Infinity for S = ∅) */
  threshold: number;
  /** [j] remote agents by the safe requests of S, whatever the masks */
  base: Float64Array;
  /** [i*k + j] D_gj ≥ 0 of the group at position i */
  load: Float64Array;
  /** [i] the group's minimal masks (empty: the group has no feasible mask and adds nothing) */
  masks: Int32Array[];
}

/**
 * The relaxations of S = ∅, then of the nested sets of pools by decreasing threshold (each
 * later one forces more requests and allows a smaller threshold).
 */
export function* weekRelaxations(ctx: PlanningContext, data: WeekData, tables?: MaskTables[]): Generator<WeekRelaxation> {
  const { k } = data;
  if (k === 0 || data.groups.length === 0) return;
  const t = tables ?? data.groups.map((g) => maskTables(g, k));
  const floor = weekShortfallFloor(data, t);
  const pools = Array.from({ length: ctx.nP }, (_, p) => ({ p, t: poolThreshold(ctx, data, p) })).sort(
    (a, b) => b.t - a.t || a.p - b.p,
  );
  const forced = new Uint8Array(ctx.nP);
  for (let n = 0; n <= pools.length; n++) {
    if (n > 0) forced[pools[n - 1].p] = 1;
    const threshold = n === 0 ? Infinity : pools[n - 1].t;
    const sets = data.groups.map((g, i) => minimalMasks(g, t[i], floor.groupMin[i], k, forced));
    yield { k, threshold, ...relaxedLoads(data, sets, forced), masks: sets.map((x) => x.masks) };
  }
}

/**
 * Requests of forced pools the weekly max refuses on each mask (every request granted
 * otherwise), and which member patterns are "safe": never over their max on a mask of M_g.
 */
function forcedExcess(g: GroupWeek, k: number, forced: Uint8Array): Int32Array {
  const out = new Int32Array(1 << k);
  const list = g.patterns.filter((p) => p.req !== 0 && forced[p.pool]);
  if (list.length === 0) return out;
  for (let m = 0; m < out.length; m++) {
    let e = 0;
    for (const p of list) {
      const over = popcount(m & p.eff) + popcount(p.req & ~m) - p.max;
      if (over > 0) e += over * p.count;
    }
    out[m] = e;
  }
  return out;
}

/**
 * M_g: feasible masks with exactly `least` shortfalls and the fewest forced refusals among them.
 * Returns the masks of M_g with no one-half-day-smaller mask in M_g (below every mask of M_g lies
 * one of them: an inclusion-minimal element of M_g below it has no smaller mask in M_g at all),
 * and the member patterns with forced requests that are over their max on no mask of M_g.
 */
function minimalMasks(
  g: GroupWeek,
  t: { feasible: Uint8Array; shortfall: Int32Array },
  least: number,
  k: number,
  forced: Uint8Array,
): { masks: Int32Array; safe: boolean[] } {
  const excess = forcedExcess(g, k, forced);
  let fewest = Infinity;
  for (let m = 0; m < excess.length; m++) if (t.feasible[m] && t.shortfall[m] === least && excess[m] < fewest) fewest = excess[m];
  const inSet = (m: number) => t.feasible[m] === 1 && t.shortfall[m] === least && excess[m] === fewest;
  const out: number[] = [];
  for (let m = 0; m < t.feasible.length; m++) {
    if (!inSet(m)) continue;
    let minimal = true;
    for (let j = 0; j < k && minimal; j++) if (m & (1 << j) && inSet(m & ~(1 << j))) minimal = false;
    if (minimal) out.push(m);
  }
  const safe = g.patterns.map((p) => {
    if (p.req === 0 || !forced[p.pool]) return true;
    if (fewest === 0) return true;
    for (let m = 0; m < t.feasible.length; m++) {
      if (inSet(m) && popcount(m & p.eff) + popcount(p.req & ~m) > p.max) return false;
    }
    return true;
  });
  return { masks: Int32Array.from(out), safe };
}

/** D and base of step 3 for the forced set. */
function relaxedLoads(
  data: WeekData,
  sets: { masks: Int32Array; safe: boolean[] }[],
  forced: Uint8Array,
): { base: Float64Array; load: Float64Array } {
  const { k } = data;
  const G = data.groups.length;
  const D = new Float64Array(G * k);
  const base = new Float64Array(k);
  data.groups.forEach((g: GroupWeek, i) => {
    for (const [q, p] of g.patterns.entries()) {
      const fr = forced[p.pool] && sets[i].safe[q] ? p.req : 0;
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
  return { base, load: D };
}

/**
 * Max over λ of the step-4 value of one relaxation: a lower bound of its least largest load
 * (rounded up to what is proven: the loads are integers).
 */
export function lagrangianBound(rel: WeekRelaxation, iterations: number): number {
  const { k, base, load: D, masks: minimal } = rel;
  const G = minimal.length;
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
