import { popcount } from '../model/context';
import { WeekModel } from './week-model';

/**
 * Exact fewest site × half-day overflows of one week (the rotation's first figure), by a branch
 * and bound of its own: no LP solver, no WASM, no clock.
 *
 * Only the groups with members on a site that can overflow matter (the others take nobody off
 * such a site; on site all week they keep every rule). A week's choice is then, per half-day j,
 * the set Y_j of those groups remote at j. The half-days are coupled only by the members' weekly
 * maxes (per group, at most M_b half-days of a set E_b: its "budgets"), the groups within a
 * half-day only by the pool caps and STANDARD shares. So:
 *
 * - per half-day, every set of groups that keeps the caps and whose every group is needed (one
 *   fewer, one more site overflows) is listed with its overflows c_j(Y): an optimum can always be
 *   made of such sets (dropping a group nobody needs keeps every rule);
 * - relaxing the budgets with multipliers λ ≥ 0 gives the Lagrangian bound
 *   Σ_j min_Y [c_j(Y) + Σ_{g ∈ Y} μ_gj] − Σ_b λ_b M_b (μ_gj: the λ of g's budgets holding j),
 *   raised by subgradient steps; with whole sets per half-day it is as strong as the LP over
 *   their convex hull, most often the optimum itself. After a step that raised it (and every
 *   few steps) two dives give rotations: the half-days in turn, each on its set of least
 *   reduced cost within the budgets left, once by regret (largest gap to the second cheapest set
 *   first), once from a start that moves on at each dive;
 * - when the bound does not meet the best rotation, a depth-first search over the half-days
 *   tries the sets by reduced cost, bounded by the best λ with the budgets left: at each node the
 *   half-day with the fewest sets that can still lead below the best goes first, a group every
 *   such set of a half-day holds counts against its budgets, and the states met (half-days done,
 *   budgets left, a budget larger than the half-days left of its set counting as that many) are
 *   remembered.
 *
 * A work budget (elementary steps) bounds the bound and the search, `maxGroupsPerHalfDay` the
 * listing (2^n subsets per half-day): past them the answer is the best rotation found, proven
 * only if the bound meets it. Deterministic.
 */

export interface ExactSiteOptions {
  /** fewest overflow pairs known (the heuristic's): the search looks for fewer */
  incumbent: number;
  /** elementary steps at most of the bound and the search (listing the sets is bounded by maxGroupsPerHalfDay) */
  maxWork?: number;
  /** groups of one half-day above which its sets are not listed (2^n of them): no answer */
  maxGroupsPerHalfDay?: number;
}

export interface ExactSiteResult {
  /** proven lower bound on the week's overflow pairs */
  lowerBound: number;
  /** fewest pairs found (the incumbent when nothing better was found) */
  best: number;
  /** masks of the groups that matter when a rotation with fewer pairs than the incumbent was found (the others: on site) */
  masks: Map<number, number> | null;
  /** true when `best` is proven the fewest */
  optimal: boolean;
  /** search nodes, elementary steps spent, subsets of groups looked at to list the sets */
  nodes: number;
  work: number;
  listing: number;
}

const DEFAULT_WORK = 20_000_000;
const DEFAULT_GROUPS_PER_HALF_DAY = 17;
/** subgradient steps at most; steps without a better bound before the step size halves; smallest step factor */
const ITERATIONS = 300;
const PATIENCE = 20;
const MIN_THETA = 1e-3;
const EPS = 1e-6;
/** a dive after a step that raised the bound, and after every DIVE_EVERY-th step */
const DIVE_EVERY = 4;
/** states remembered by the depth-first search */
const MAX_MEMO = 300_000;
/** weights of one step of the bound and of the search (about the same time) */
const BOUND_STEP = 2;
const SEARCH_STEP = 3;

/** The sets worth taking at one half-day. */
interface HalfDaySets {
  /** group positions (in the groups that matter) of the half-day's local bits */
  local: Int32Array;
  /** per local bit i, its budgets holding the half-day: budgetList[at[i] .. at[i + 1]) */
  at: Int32Array;
  budgetList: Int32Array;
  /** sets as local bit masks, and their overflows */
  sets: Int32Array;
  cost: Uint8Array;
  /** critical sites of the half-day */
  critical: number;
}

export function exactSiteOverflow(m: WeekModel, siteCap: Int32Array, options: ExactSiteOptions): ExactSiteResult {
  const { k } = m;
  const nS = siteCap.length;
  const nP = m.cap.length / Math.max(1, k);
  const incumbent = options.incumbent;
  const maxWork = options.maxWork ?? DEFAULT_WORK;
  let work = 0;
  /** subsets looked at to list the sets (bounded by maxGroupsPerHalfDay, not counted as work) */
  let listing = 0;
  const none = (lowerBound = 0): ExactSiteResult => ({ lowerBound, best: incumbent, masks: null, optimal: lowerBound >= incumbent, nodes: 0, work, listing });
  if (incumbent <= 0) return none();

  // critical site × half-days, and how many must leave each
  const over = new Int32Array(nS * k);
  let critical = 0;
  for (let s = 0; s < nS; s++) {
    for (let j = 0; j < k; j++) {
      const x = m.base.onSite[s * k + j] - siteCap[s];
      if (x > 0) {
        over[s * k + j] = x;
        critical++;
      }
    }
  }
  if (critical === 0) return { ...none(), best: 0, optimal: true };

  // groups that matter, and their binding budgets
  const rel = m.groups.filter((g) => m.siteUse[g].length > 0);
  const position = new Map(rel.map((g, r) => [g, r] as const));
  const bGroup: number[] = [];
  const bSet: number[] = [];
  const bMax: number[] = [];
  for (const gw of m.data.groups) {
    const r = position.get(gw.group);
    if (r === undefined) continue;
    const caps = new Map<number, number>();
    for (const p of gw.patterns) {
      const x = caps.get(p.eff);
      if (x === undefined || p.max < x) caps.set(p.eff, p.max);
    }
    for (const [set, max] of caps) {
      if (popcount(set) <= max) continue;
      bGroup.push(r);
      bSet.push(set);
      bMax.push(max);
    }
  }
  const nB = bMax.length;

  // --- per half-day, the sets worth taking
  const maxGroups = options.maxGroupsPerHalfDay ?? DEFAULT_GROUPS_PER_HALF_DAY;
  const halfDays: HalfDaySets[] = [];
  // buffers of subsetCosts, shared by the half-days
  const scratch = { cost: new Uint8Array(0), leavers: new Int32Array(0), seats: new Int32Array(0) };
  for (let j = 0; j < k; j++) {
    const sites: number[] = [];
    for (let s = 0; s < nS; s++) if (over[s * k + j] > 0) sites.push(s);
    const nq = sites.length;
    // groups with leavers on a critical site at j that may be remote there (caps and budgets)
    const local: number[] = [];
    const leave: number[] = [];
    for (let r = 0; r < rel.length; r++) {
      const g = rel[r];
      let any = false;
      const row = new Array<number>(nq).fill(0);
      for (const su of m.siteUse[g]) {
        const q = sites.indexOf(su.site);
        if (q >= 0 && su.counts[j] > 0) {
          row[q] = su.counts[j];
          any = true;
        }
      }
      if (!any) continue;
      let fits = true;
      for (let p = 0; p < nP && fits; p++) {
        const i = p * k + j;
        if (m.base.pool[i] + m.poolUse[g][i] > m.cap[i] || m.base.std[i] + m.stdUse[g][i] > m.stdCap[i]) fits = false;
      }
      for (let b = 0; b < nB && fits; b++) if (bGroup[b] === r && bSet[b] & (1 << j) && bMax[b] === 0) fits = false;
      if (!fits) continue;
      local.push(r);
      leave.push(...row);
    }
    const n = local.length;
    if (n > maxGroups) return none();
    const full = 1 << n;
    listing += full;
    const leaveOf = new Int32Array(n * nq);
    const pu = new Int32Array(n * nP);
    const su = new Int32Array(n * nP);
    const base = new Int32Array(2 * nP);
    const caps = new Int32Array(2 * nP);
    const need = new Int32Array(nq);
    for (let i = 0; i < n; i++) {
      const g = rel[local[i]];
      for (let q = 0; q < nq; q++) leaveOf[i * nq + q] = leave[i * nq + q];
      for (let p = 0; p < nP; p++) {
        pu[i * nP + p] = m.poolUse[g][p * k + j];
        su[i * nP + p] = m.stdUse[g][p * k + j];
      }
    }
    for (let p = 0; p < nP; p++) {
      base[p] = m.base.pool[p * k + j];
      base[nP + p] = m.base.std[p * k + j];
      caps[p] = m.cap[p * k + j];
      caps[nP + p] = m.stdCap[p * k + j];
    }
    for (let q = 0; q < nq; q++) need[q] = over[sites[q] * k + j];
    if (scratch.cost.length < full) scratch.cost = new Uint8Array(full);
    if (scratch.leavers.length < full * nq) scratch.leavers = new Int32Array(full * nq);
    if (scratch.seats.length < full * 2 * nP) scratch.seats = new Int32Array(full * 2 * nP);
    const cost = subsetCosts(n, nq, nP, leaveOf, need, pu, su, base, caps, scratch);
    const { sets, costs } = neededSets(cost);
    const at = new Int32Array(n + 1);
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      at[i] = list.length;
      for (let b = 0; b < nB; b++) if (bGroup[b] === local[i] && bSet[b] & (1 << j)) list.push(b);
    }
    at[n] = list.length;
    halfDays.push({ local: Int32Array.from(local), at, budgetList: Int32Array.from(list), sets, cost: costs, critical: nq });
  }

  // --- Lagrangian bound by subgradient steps, a dive after each
  const lambda = new Float64Array(nB);
  // [j][local bit] μ of the group at j
  const mu = halfDays.map((hd) => new Float64Array(hd.local.length));
  const refreshMu = () => {
    for (let j = 0; j < k; j++) {
      const hd = halfDays[j];
      const row = mu[j];
      for (let i = 0; i < hd.local.length; i++) {
        let v = 0;
        for (let x = hd.at[i]; x < hd.at[i + 1]; x++) v += lambda[hd.budgetList[x]];
        row[i] = v;
      }
    }
  };
  const reducedOf = (j: number, y: number, c: number): number => {
    let v = c;
    const row = mu[j];
    for (let r = y; r; r &= r - 1) v += row[31 - Math.clz32(r & -r)];
    return v;
  };
  const argmin = new Int32Array(k);
  const regret = new Float64Array(k);
  const evaluate = (): number => {
    let L = 0;
    for (let j = 0; j < k; j++) {
      const { sets, cost } = halfDays[j];
      let min = Infinity;
      let second = Infinity;
      let arg = 0;
      for (let i = 0; i < sets.length; i++) {
        const v = reducedOf(j, sets[i], cost[i]);
        if (v < min) {
          second = min;
          min = v;
          arg = i;
        } else if (v < second) second = v;
      }
      work += sets.length * 4 * BOUND_STEP;
      argmin[j] = arg;
      regret[j] = second === Infinity ? 0 : second - min;
      L += min;
    }
    for (let b = 0; b < nB; b++) L -= lambda[b] * bMax[b];
    return L;
  };

  let best = incumbent;
  const bestChosen = new Int32Array(k).fill(-1);
  let found = false;
  let nodes = 0;
  let complete = true;
  const result = (lowerBound: number, optimal: boolean): ExactSiteResult => {
    let masks: Map<number, number> | null = null;
    if (found) {
      masks = new Map(rel.map((g) => [g, 0] as const));
      for (let j = 0; j < k; j++) {
        const hd = halfDays[j];
        for (let r = hd.sets[bestChosen[j]]; r; r &= r - 1) {
          const g = rel[hd.local[31 - Math.clz32(r & -r)]];
          masks.set(g, (masks.get(g) as number) | (1 << j));
        }
      }
    }
    return { lowerBound, best, masks, optimal, nodes, work, listing };
  };

  // two dives per call: the half-days by regret (how much more their second cheapest set costs
  // than their cheapest, largest first), then from a start that moves on at each call (the most
  // overflows first)
  const byOverflows = Array.from({ length: k }, (_, j) => j).sort((a, b) => halfDays[b].critical - halfDays[a].critical || a - b);
  const diveOrder = byOverflows.slice();
  const diveLeft = new Int32Array(nB);
  const diveChosen = new Int32Array(k);
  let turn = 0;
  const dive = (): void => {
    diveOrder.sort((a, b) => regret[b] - regret[a] || halfDays[b].critical - halfDays[a].critical || a - b);
    diveOnce();
    for (let x = 0; x < k; x++) diveOrder[x] = byOverflows[(x + turn) % k];
    turn++;
    diveOnce();
  };
  const diveOnce = (): void => {
    diveLeft.set(bMax);
    let total = 0;
    for (const j of diveOrder) {
      const hd = halfDays[j];
      let arg = -1;
      let min = Infinity;
      for (let i = 0; i < hd.sets.length; i++) {
        const y = hd.sets[i];
        const v = reducedOf(j, y, hd.cost[i]);
        if (v >= min) continue;
        let fits = true;
        for (let f = y; f && fits; f &= f - 1) {
          const x = 31 - Math.clz32(f & -f);
          for (let q = hd.at[x]; q < hd.at[x + 1]; q++) if (diveLeft[hd.budgetList[q]] <= 0) fits = false;
        }
        if (!fits) continue;
        min = v;
        arg = i;
      }
      work += hd.sets.length * 4 * BOUND_STEP;
      // the empty set is always listed and always fits
      diveChosen[j] = arg;
      total += hd.cost[arg];
      for (let f = hd.sets[arg]; f; f &= f - 1) {
        const x = 31 - Math.clz32(f & -f);
        for (let q = hd.at[x]; q < hd.at[x + 1]; q++) diveLeft[hd.budgetList[q]]--;
      }
    }
    if (total < best) {
      best = total;
      bestChosen.set(diveChosen);
      found = true;
    }
  };

  const bestLambda = new Float64Array(nB);
  let bestL = -Infinity;
  let theta = 2;
  let stale = 0;
  const sub = new Float64Array(nB);
  for (let it = 0; it < ITERATIONS && work <= maxWork; it++) {
    refreshMu();
    const L = evaluate();
    const better = L > bestL + EPS;
    if (better) {
      bestL = L;
      bestLambda.set(lambda);
      stale = 0;
    } else if (++stale >= PATIENCE) {
      theta /= 2;
      stale = 0;
    }
    if (better || it % DIVE_EVERY === 0) dive();
    if (Math.ceil(bestL - EPS) >= best || theta < MIN_THETA) break;
    sub.fill(0);
    for (let j = 0; j < k; j++) {
      const hd = halfDays[j];
      for (let r = hd.sets[argmin[j]]; r; r &= r - 1) {
        const i = 31 - Math.clz32(r & -r);
        for (let x = hd.at[i]; x < hd.at[i + 1]; x++) sub[hd.budgetList[x]]++;
      }
    }
    let norm = 0;
    for (let b = 0; b < nB; b++) {
      sub[b] -= bMax[b];
      // a zero multiplier cannot go lower
      if (lambda[b] === 0 && sub[b] < 0) sub[b] = 0;
      norm += sub[b] * sub[b];
    }
    // the relaxed optimum keeps every budget: it is a rotation, and the dive took it
    if (norm === 0) break;
    const step = (theta * (best - L)) / norm;
    for (let b = 0; b < nB; b++) lambda[b] = Math.max(0, lambda[b] + step * sub[b]);
  }
  const lowerBound = Math.max(0, Math.ceil(bestL - EPS));
  if (lowerBound >= best) return result(lowerBound, true);

  // --- depth-first search with the best multipliers
  lambda.set(bestLambda);
  refreshMu();
  // each half-day's sets by reduced cost
  const order: Int32Array[] = [];
  const red: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const { sets, cost } = halfDays[j];
    const r = new Float64Array(sets.length);
    for (let i = 0; i < sets.length; i++) r[i] = reducedOf(j, sets[i], cost[i]);
    const idx = Array.from({ length: sets.length }, (_, i) => i).sort((a, b) => r[a] - r[b] || a - b);
    order.push(Int32Array.from(idx));
    red.push(Float64Array.from(idx, (i) => r[i]));
    work += sets.length * 20;
  }
  const left = Int32Array.from(bMax);
  // [j] local bits of the groups with an exhausted budget holding j (no set with one fits there)
  const blocked = new Int32Array(k);
  const blockCount = new Int32Array(k * 32);
  const localOf = new Int32Array(rel.length * k).fill(-1);
  halfDays.forEach((hd, j) => hd.local.forEach((r, i) => (localOf[r * k + j] = i)));
  const block = (b: number, d: number) => {
    for (let j = 0; j < k; j++) {
      if (!(bSet[b] & (1 << j))) continue;
      const i = localOf[bGroup[b] * k + j];
      if (i < 0) continue;
      const c = (blockCount[j * 32 + i] += d);
      if (c > 0) blocked[j] |= 1 << i;
      else blocked[j] &= ~(1 << i);
    }
  };
  const use = (j: number, y: number, d: number) => {
    const hd = halfDays[j];
    for (let r = y; r; r &= r - 1) {
      const i = 31 - Math.clz32(r & -r);
      for (let x = hd.at[i]; x < hd.at[i + 1]; x++) {
        const b = hd.budgetList[x];
        left[b] -= d;
        if (d > 0 && left[b] === 0) block(b, 1);
        else if (d < 0 && left[b] === 1) block(b, -1);
      }
    }
  };
  const chosen = new Int32Array(k).fill(-1);
  // (half-days done, budgets as they still bind) → fewest overflows met there; keyed by a hash,
  // the state kept under it checked (a collision only loses a prune)
  const seen = new Map<number, { done: number; cost: number; eff: Int32Array }>();
  const eff = new Int32Array(nB);
  const need = new Int32Array(nB);
  const sameState = (x: Int32Array): boolean => {
    for (let b = 0; b < nB; b++) if (x[b] !== eff[b]) return false;
    return true;
  };
  const h = new Float64Array(k);
  const first = new Int32Array(k);
  const dfs = (done: number, depth: number, cost: number): void => {
    if (depth === k) {
      if (cost < best) {
        best = cost;
        bestChosen.set(chosen);
        found = true;
      }
      return;
    }
    nodes++;
    work += (2 * nB + 8 * k) * SEARCH_STEP;
    if (work > maxWork) {
      complete = false;
      return;
    }
    // a budget larger than the half-days left of its set no longer binds
    let slack = 0;
    for (let b = 0; b < nB; b++) {
      const room = popcount(bSet[b] & ~done);
      eff[b] = left[b] < room ? left[b] : room;
      slack += lambda[b] * eff[b];
    }
    if (depth > 0) {
      let h1 = done | 0;
      let h2 = Math.imul(done, 0x9e3779b1);
      for (let b = 0; b < nB; b++) {
        h1 = Math.imul(h1 ^ eff[b], 0x01000193);
        h2 = Math.imul(h2 + eff[b] + 0x7f4a7c15, 0x85ebca6b) ^ (h2 >>> 13);
      }
      const key = (h1 >>> 0) * 0x200000 + (h2 & 0x1fffff);
      const prev = seen.get(key);
      if (prev !== undefined && prev.done === done && prev.cost <= cost && sameState(prev.eff)) return;
      if (prev !== undefined) {
        prev.done = done;
        prev.cost = cost;
        prev.eff.set(eff);
      } else if (seen.size < MAX_MEMO) seen.set(key, { done, cost, eff: Int32Array.from(eff) });
    }
    // each half-day left: its cheapest set within the budgets left (the empty set always is)
    let rest = 0;
    for (let j = 0; j < k; j++) {
      if (done & (1 << j)) continue;
      const o = order[j];
      const sets = halfDays[j].sets;
      let i = 0;
      while (sets[o[i]] & blocked[j]) i++;
      work += i * SEARCH_STEP;
      first[j] = i;
      h[j] = red[j][i];
      rest += h[j];
    }
    // a set whose reduced cost is more than `room` above its half-day's cheapest cannot lead below the best
    const room = best - 1 + EPS - (cost + rest - slack);
    if (room < 0) return;
    // per half-day left: its sets within the room, and the groups all of them hold (forced
    // there); the half-day with the fewest sets goes first, a budget short of its forced
    // half-days ends the branch
    let pick = -1;
    let fewest = Infinity;
    need.fill(0);
    for (let j = 0; j < k; j++) {
      if (done & (1 << j)) continue;
      const o = order[j];
      const r = red[j];
      const hd = halfDays[j];
      let n = 0;
      let forced = -1;
      let i = first[j];
      for (; i < o.length && r[i] <= h[j] + room; i++) {
        const y = hd.sets[o[i]];
        if (y & blocked[j]) continue;
        n++;
        forced &= y;
      }
      work += (i - first[j]) * SEARCH_STEP;
      if (n < fewest) {
        fewest = n;
        pick = j;
      }
      for (let f = forced; f; f &= f - 1) {
        const x = 31 - Math.clz32(f & -f);
        for (let q = hd.at[x]; q < hd.at[x + 1]; q++) if (++need[hd.budgetList[q]] > left[hd.budgetList[q]]) return;
      }
    }
    const j = pick;
    const o = order[j];
    const r = red[j];
    const { sets, cost: costs } = halfDays[j];
    for (let i = first[j]; i < o.length && r[i] <= h[j] + room; i++) {
      const y = sets[o[i]];
      if (y & blocked[j]) continue;
      use(j, y, 1);
      chosen[j] = o[i];
      dfs(done | (1 << j), depth + 1, cost + costs[o[i]]);
      use(j, y, -1);
      if (!complete || best <= lowerBound) return;
    }
  };
  dfs(0, 0, 0);
  return result(lowerBound, complete || best <= lowerBound);
}

/**
 * Overflows at one half-day of every subset of its n groups (bit i: group i), 255 for a subset
 * breaking a cap. leave[i * nq + q]: people group i takes off critical site q; need[q]: how many
 * must leave it; pu / su[i * nP + p]: seats and STANDARD seats of group i in pool p; base: seats
 * taken before any group (pools, then STANDARD); caps: the caps (pools, then STANDARD shares).
 * Each subset is built from the subset without its lowest bit (the buffers are reused: only
 * the entries of subsets within the caps are written, and only those are read).
 */
function subsetCosts(
  n: number,
  nq: number,
  nP: number,
  leave: Int32Array,
  need: Int32Array,
  pu: Int32Array,
  su: Int32Array,
  base: Int32Array,
  caps: Int32Array,
  scratch: { cost: Uint8Array; leavers: Int32Array; seats: Int32Array },
): Uint8Array {
  const full = 1 << n;
  const { leavers, seats } = scratch;
  const cost = scratch.cost.subarray(0, full).fill(255);
  leavers.fill(0, 0, nq);
  const w = 2 * nP;
  cost[0] = nq;
  for (let p = 0; p < w; p++) seats[p] = base[p];
  for (let y = 1; y < full; y++) {
    const rest = y & (y - 1);
    if (cost[rest] === 255) continue;
    const low = 31 - Math.clz32(y & -y);
    let fits = true;
    for (let p = 0; p < nP; p++) {
      const a = seats[rest * w + p] + pu[low * nP + p];
      const b = seats[rest * w + nP + p] + su[low * nP + p];
      seats[y * w + p] = a;
      seats[y * w + nP + p] = b;
      if (a > caps[p] || b > caps[nP + p]) fits = false;
    }
    if (!fits) continue;
    let c = 0;
    for (let q = 0; q < nq; q++) {
      const v = leavers[rest * nq + q] + leave[low * nq + q];
      leavers[y * nq + q] = v;
      if (v < need[q]) c++;
    }
    cost[y] = c;
  }
  return cost;
}

/** The subsets within the caps whose every group is needed (without it, one more site overflows), and their overflows. */
function neededSets(cost: Uint8Array): { sets: Int32Array; costs: Uint8Array } {
  const sets: number[] = [];
  const costs: number[] = [];
  for (let y = 0; y < cost.length; y++) {
    const c = cost[y];
    if (c === 255) continue;
    // every subset of a set within the caps is within them
    let needed = true;
    for (let r = y; r; r &= r - 1) {
      if (cost[y ^ (r & -r)] <= c) {
        needed = false;
        break;
      }
    }
    if (!needed) continue;
    sets.push(y);
    costs.push(c);
  }
  return { sets: Int32Array.from(sets), costs: Uint8Array.from(costs) };
}
