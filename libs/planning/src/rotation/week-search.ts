import { popcount } from '../model/context';
import { WeekModel } from './week-model';
import { anneal } from './anneal';
import { exactSiteOverflow } from './exact-sites';

/**
 * Local search for one week. The cost is a tuple compared lexicographically, in DESIGN.md's
 * order: site overflow pairs, site excess, weekly-min shortfalls, expected refusals of approved
 * requests, busiest half-day, sum of squared loads (spread), Monday/Friday fairness, half-days
 * used.
 */
export const COST_SIZE = 8;
const PAIRS = 0;
const EXCESS = 1;
const SHORT = 2;
const REFUSE = 3;
const MAX = 4;
const SQ = 5;
const FAIR = 6;
const BITS = 7;

/** Rounds of best responses of the construction, and of the polish after the annealing. */
const GREEDY_ROUNDS = 4;
const POLISH_ROUNDS = 4;
/** Above this many groups the annealing's own exchanges replace the polish's pass over all pairs. */
const POLISH_EXCHANGE_GROUPS = 60;

/**
 * True when no state can have a smaller prefix: no site overflow, every group at its fewest
 * shortfalls and, among its masks with those, its fewest weekly-max refusals, no pool refusal.
 */
export function prefixAtFloor(search: WeekSearch, m: WeekModel): boolean {
  const c = search.cost;
  return c[PAIRS] === 0 && c[EXCESS] === 0 && c[SHORT] === m.floorShortfall && c[REFUSE] === m.floorRefused;
}

/** Site phase: penalty of a site × half-day over capacity, on top of its excess (pairs come first). */
const SITE_PAIR = 1000;

/** Pair moves tried per call (each costs three best responses). */
const MAX_PAIR_TRIALS = 600;

export function compareCost(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < COST_SIZE; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

export interface SearchLimits {
  /** returns true when the time is up */
  expired: () => boolean;
  maxRounds: number;
  /** more annealing runs per week from the best state */
  kicks?: number;
  /** annealing moves per run (0: construction and local search only) */
  annealSteps?: number;
  /** try the costly pair moves on the busiest half-day (default true; the annealing does it) */
  relieve?: boolean;
  /** pass over every pair of groups for exchanges (default true; after the annealing, only for few groups) */
  exchanges?: boolean;
}

export interface WeekSolution {
  /** mask per group index (0 for groups not in the week) */
  masks: Int32Array;
  cost: Float64Array;
  rounds: number;
  swaps: number;
}

export class WeekSearch {
  readonly masks: Int32Array;
  private readonly load: Float64Array;
  private readonly pool: Int32Array;
  private readonly std: Int32Array;
  private readonly req: Int32Array;
  private readonly onSite: Int32Array;
  private readonly k: number;
  private readonly nP: number;
  readonly cost = new Float64Array(COST_SIZE);
  // scratch
  private readonly dPairs: Float64Array;
  private readonly dExcess: Float64Array;
  private readonly dRef: Float64Array;
  private readonly dSq: Float64Array;
  private readonly sumPairs: Float64Array;
  private readonly sumExcess: Float64Array;
  private readonly sumRef: Float64Array;
  private readonly sumSq: Float64Array;
  private readonly maxIn: Float64Array;
  private readonly maxOut: Float64Array;

  constructor(
    private readonly m: WeekModel,
    nG: number,
    readonly siteCap: Int32Array,
    /** Monday/Friday half-days of each group in earlier weeks (updated by the caller) */
    private readonly monFri: Int32Array,
  ) {
    const k = m.k;
    this.k = k;
    this.nP = m.cap.length / Math.max(1, k);
    this.masks = new Int32Array(nG);
    this.load = Float64Array.from(m.base.load);
    this.pool = Int32Array.from(m.base.pool);
    this.std = Int32Array.from(m.base.std);
    this.req = Int32Array.from(m.base.req);
    this.onSite = Int32Array.from(m.base.onSite);
    const full = 1 << k;
    this.dPairs = new Float64Array(k);
    this.dExcess = new Float64Array(k);
    this.dRef = new Float64Array(k);
    this.dSq = new Float64Array(k);
    this.sumPairs = new Float64Array(full);
    this.sumExcess = new Float64Array(full);
    this.sumRef = new Float64Array(full);
    this.sumSq = new Float64Array(full);
    this.maxIn = new Float64Array(full);
    this.maxOut = new Float64Array(full);
    this.recomputeCost();
  }

  /** Full recomputation of the cost tuple from the state. */
  recomputeCost(): void {
    const { k, m, nP } = this;
    const c = this.cost;
    c.fill(0);
    for (let s = 0; s < this.siteCap.length; s++) {
      for (let j = 0; j < k; j++) {
        const over = this.onSite[s * k + j] - this.siteCap[s];
        if (over > 0) {
          c[PAIRS]++;
          c[EXCESS] += over;
        }
      }
    }
    for (const g of m.groups) {
      c[SHORT] += m.shortfall[g][this.masks[g]];
      c[REFUSE] += m.refused[g][this.masks[g]];
      const mf = this.monFri[g] + popcount(this.masks[g] & m.monFriMask);
      c[FAIR] += mf * mf;
      c[BITS] += popcount(this.masks[g]);
    }
    for (let p = 0; p < nP; p++) {
      for (let j = 0; j < k; j++) {
        const x = this.pool[p * k + j] + this.req[p * k + j] - m.cap[p * k + j];
        if (x > 0) c[REFUSE] += x;
      }
    }
    let max = 0;
    for (let j = 0; j < k; j++) {
      max = Math.max(max, this.load[j]);
      c[SQ] += this.load[j] * this.load[j];
    }
    c[MAX] = max;
  }

  /**
   * Adds (sign 1) or removes (sign −1) group g at the half-days of `mask`, keeping the cost
   * tuple up to date (except MAX, refreshed by `refreshMax`).
   */
  private apply(g: number, mask: number, sign: number): void {
    const { m } = this;
    const c = this.cost;
    const mf = this.monFri[g] + popcount(mask & m.monFriMask);
    c[SHORT] += sign * m.shortfall[g][mask];
    c[REFUSE] += sign * m.refused[g][mask];
    c[FAIR] += sign * mf * mf;
    c[BITS] += sign * popcount(mask);
    this.applyBits(g, mask, sign);
  }

  /**
   * The per-half-day part of `apply`: group g joins (sign 1) or leaves (−1) the half-days of
   * `bits` (loads, pool seats, requests left to grant, people on site, and their cost terms).
   */
  private applyBits(g: number, bits: number, sign: number): void {
    if (bits === 0) return;
    const { k, m, nP } = this;
    const c = this.cost;
    const L = m.load[g];
    const PU = m.poolUse[g];
    const SU = m.stdUse[g];
    const RU = m.reqUse[g];
    for (let j = 0; j < k; j++) {
      if (!(bits & (1 << j))) continue;
      const l0 = this.load[j];
      const l1 = l0 + sign * L[j];
      this.load[j] = l1;
      c[SQ] += l1 * l1 - l0 * l0;
      for (let p = 0; p < nP; p++) {
        const i = p * k + j;
        const r0 = this.pool[i] + this.req[i] - m.cap[i];
        this.pool[i] += sign * PU[i];
        this.std[i] += sign * SU[i];
        this.req[i] -= sign * RU[i];
        const r1 = this.pool[i] + this.req[i] - m.cap[i];
        c[REFUSE] += (r1 > 0 ? r1 : 0) - (r0 > 0 ? r0 : 0);
      }
      for (const su of m.siteUse[g]) {
        const n = su.counts[j];
        if (n === 0) continue;
        const i = su.site * k + j;
        const cap = this.siteCap[su.site];
        const o0 = this.onSite[i] - cap;
        const o1 = o0 - sign * n;
        this.onSite[i] -= sign * n;
        if (o0 > 0) {
          c[PAIRS]--;
          c[EXCESS] -= o0;
        }
        if (o1 > 0) {
          c[PAIRS]++;
          c[EXCESS] += o1;
        }
      }
    }
  }

  /** Sets cost[MAX] from the loads. */
  refreshMax(): void {
    let max = 0;
    for (let j = 0; j < this.k; j++) if (this.load[j] > max) max = this.load[j];
    this.cost[MAX] = max;
  }

  setMask(g: number, mask: number): void {
    const old = this.masks[g];
    if (old === mask) return;
    const { m } = this;
    const c = this.cost;
    const mf0 = this.monFri[g] + popcount(old & m.monFriMask);
    const mf1 = this.monFri[g] + popcount(mask & m.monFriMask);
    c[SHORT] += m.shortfall[g][mask] - m.shortfall[g][old];
    c[REFUSE] += m.refused[g][mask] - m.refused[g][old];
    c[FAIR] += mf1 * mf1 - mf0 * mf0;
    c[BITS] += popcount(mask) - popcount(old);
    // only the half-days that change are touched
    this.applyBits(g, old & ~mask, -1);
    this.applyBits(g, mask & ~old, 1);
    this.masks[g] = mask;
  }

  /** True when every pool cap and STANDARD share holds on the half-days of `bits`. */
  capsHoldOn(bits: number): boolean {
    for (let r = bits; r; r &= r - 1) if (!this.capsHold(31 - Math.clz32(r & -r))) return false;
    return true;
  }

  // scratch of evalMove
  private readonly dLoad = new Float64Array(16);
  private dPU = new Int32Array(0);
  private dSU = new Int32Array(0);
  private dRU = new Int32Array(0);

  /**
   * Evaluates moving g1 to mask n1 (and g2 to n2 when g2 ≥ 0) without changing the state.
   * Returns 1 when a pool cap or STANDARD share would break, 2 when both groups have sites that
   * can overflow (the caller applies the move to judge it), else 0 with out[0..3] the change of
   * the prefix (overflow pairs, excess, shortfalls, refusals), out[4] the new busiest load and
   * out[5] the change of the sum of squared loads.
   */
  evalMove(g1: number, n1: number, g2: number, n2: number, out: Float64Array): number {
    const { k, m, nP } = this;
    if (g2 >= 0 && m.siteUse[g1].length > 0 && m.siteUse[g2].length > 0) return 2;
    if (this.dPU.length !== nP * k) {
      this.dPU = new Int32Array(nP * k);
      this.dSU = new Int32Array(nP * k);
      this.dRU = new Int32Array(nP * k);
    }
    const { dLoad, dPU, dSU, dRU } = this;
    const o1 = this.masks[g1];
    const o2 = g2 >= 0 ? this.masks[g2] : 0;
    const touched = (o1 ^ n1) | (g2 >= 0 ? o2 ^ n2 : 0);
    for (let r = touched; r; r &= r - 1) {
      const j = 31 - Math.clz32(r & -r);
      dLoad[j] = 0;
      for (let p = 0; p < nP; p++) {
        dPU[p * k + j] = 0;
        dSU[p * k + j] = 0;
        dRU[p * k + j] = 0;
      }
    }
    out.fill(0, 0, 6);
    this.addMoveOf(g1, o1, n1, out);
    if (g2 >= 0) this.addMoveOf(g2, o2, n2, out);
    let sq = 0;
    for (let r = touched; r; r &= r - 1) {
      const j = 31 - Math.clz32(r & -r);
      const l0 = this.load[j];
      const l1 = l0 + dLoad[j];
      sq += l1 * l1 - l0 * l0;
      for (let p = 0; p < nP; p++) {
        const i = p * k + j;
        if ((dPU[i] > 0 && this.pool[i] + dPU[i] > m.cap[i]) || (dSU[i] > 0 && this.std[i] + dSU[i] > m.stdCap[i])) return 1;
        const r0 = this.pool[i] + this.req[i] - m.cap[i];
        const r1 = r0 + dPU[i] - dRU[i];
        out[3] += (r1 > 0 ? r1 : 0) - (r0 > 0 ? r0 : 0);
      }
    }
    let max = 0;
    for (let j = 0; j < k; j++) {
      const l = touched & (1 << j) ? this.load[j] + dLoad[j] : this.load[j];
      if (l > max) max = l;
    }
    out[4] = max;
    out[5] = sq;
    return 0;
  }

  /** evalMove's part for one group: its per-half-day deltas into the scratch, its terms into out. */
  private addMoveOf(g: number, from: number, to: number, out: Float64Array): void {
    const { k, m, nP, dLoad, dPU, dSU, dRU } = this;
    const L = m.load[g];
    const PU = m.poolUse[g];
    const SU = m.stdUse[g];
    const RU = m.reqUse[g];
    const sites = m.siteUse[g];
    const changed = from ^ to;
    for (let r = changed; r; r &= r - 1) {
      const bit = r & -r;
      const j = 31 - Math.clz32(bit);
      const sign = to & bit ? 1 : -1;
      dLoad[j] += sign * L[j];
      for (let p = 0; p < nP; p++) {
        const i = p * k + j;
        dPU[i] += sign * PU[i];
        dSU[i] += sign * SU[i];
        dRU[i] += sign * RU[i];
      }
      for (let q = 0; q < sites.length; q++) {
        const su = sites[q];
        const n = su.counts[j];
        if (n === 0) continue;
        const o0 = this.onSite[su.site * k + j] - this.siteCap[su.site];
        const o1 = o0 - sign * n;
        if (o0 > 0) {
          out[0]--;
          out[1] -= o0;
        }
        if (o1 > 0) {
          out[0]++;
          out[1] += o1;
        }
      }
    }
    out[2] += m.shortfall[g][to] - m.shortfall[g][from];
    out[3] += m.refused[g][to] - m.refused[g][from];
  }

  /** Expected remote agents at local half-day j. */
  loadAt(j: number): number {
    return this.load[j];
  }

  /**
   * Best mask for g with the other groups fixed; changes it when strictly better. Returns true
   * on a change.
   */
  bestResponse(g: number): boolean {
    const { k, m, nP } = this;
    const current = this.masks[g];
    this.apply(g, current, -1);
    const L = m.load[g];
    const PU = m.poolUse[g];
    const SU = m.stdUse[g];
    const RU = m.reqUse[g];
    let disallowed = 0;
    for (let j = 0; j < k; j++) {
      let pairs = 0;
      let excess = 0;
      for (const su of m.siteUse[g]) {
        const cap = this.siteCap[su.site];
        const before = this.onSite[su.site * k + j];
        const after = before - su.counts[j];
        if (before > cap) {
          excess -= before - cap;
          pairs--;
        }
        if (after > cap) {
          excess += after - cap;
          pairs++;
        }
      }
      let ref = 0;
      for (let p = 0; p < nP; p++) {
        const i = p * k + j;
        if (this.pool[i] + PU[i] > m.cap[i] || this.std[i] + SU[i] > m.stdCap[i]) disallowed |= 1 << j;
        const before = Math.max(0, this.pool[i] + this.req[i] - m.cap[i]);
        const after = Math.max(0, this.pool[i] + PU[i] + this.req[i] - RU[i] - m.cap[i]);
        ref += after - before;
      }
      const nl = this.load[j] + L[j];
      this.dPairs[j] = pairs;
      this.dExcess[j] = excess;
      this.dRef[j] = ref;
      this.dSq[j] = nl * nl - this.load[j] * this.load[j];
    }
    const full = 1 << k;
    const { sumPairs, sumExcess, sumRef, sumSq, maxIn, maxOut } = this;
    sumPairs[0] = 0;
    sumExcess[0] = 0;
    sumRef[0] = 0;
    sumSq[0] = 0;
    maxIn[0] = 0;
    maxOut[0] = 0;
    for (let mask = 1; mask < full; mask++) {
      const j = 31 - Math.clz32(mask & -mask);
      const rest = mask & (mask - 1);
      sumPairs[mask] = sumPairs[rest] + this.dPairs[j];
      sumExcess[mask] = sumExcess[rest] + this.dExcess[j];
      sumRef[mask] = sumRef[rest] + this.dRef[j];
      sumSq[mask] = sumSq[rest] + this.dSq[j];
      maxIn[mask] = Math.max(maxIn[rest], this.load[j] + L[j]);
      maxOut[mask] = Math.max(maxOut[rest], this.load[j]);
    }
    const F = m.feasible[g];
    const SF = m.shortfall[g];
    const RW = m.refused[g];
    const prevMF = this.monFri[g];
    const mfMask = m.monFriMask;
    const allOnes = full - 1;
    let best = -1;
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
    let currentBeaten = false;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
    // cost of the current mask (always feasible: every move keeps every cap)
    {
      const mask = current;
      const mf = prevMF + popcount(mask & mfMask);
      c0 = sumPairs[mask]; c1 = sumExcess[mask]; c2 = SF[mask]; c3 = sumRef[mask] + RW[mask];
      c4 = Math.max(maxIn[mask], maxOut[allOnes ^ mask]); c5 = sumSq[mask]; c6 = mf * mf; c7 = popcount(mask);
    }
    for (let mask = 0; mask < full; mask++) {
      if (!F[mask] || (mask & disallowed) !== 0) continue;
      const x0 = sumPairs[mask];
      if (best >= 0 && x0 > b0) continue;
      const x1 = sumExcess[mask];
      const x2 = SF[mask];
      const x3 = sumRef[mask] + RW[mask];
      const x4 = Math.max(maxIn[mask], maxOut[allOnes ^ mask]);
      const x5 = sumSq[mask];
      const mf = prevMF + popcount(mask & mfMask);
      const x6 = mf * mf;
      const x7 = popcount(mask);
      let better = best < 0;
      if (!better) {
        better =
          x0 !== b0 ? x0 < b0 : x1 !== b1 ? x1 < b1 : x2 !== b2 ? x2 < b2 : x3 !== b3 ? x3 < b3 :
          x4 !== b4 ? x4 < b4 : x5 !== b5 ? x5 < b5 : x6 !== b6 ? x6 < b6 : x7 < b7;
      }
      if (better) {
        best = mask;
        b0 = x0; b1 = x1; b2 = x2; b3 = x3; b4 = x4; b5 = x5; b6 = x6; b7 = x7;
      }
    }
    if (best >= 0) {
      currentBeaten =
        b0 !== c0 ? b0 < c0 : b1 !== c1 ? b1 < c1 : b2 !== c2 ? b2 < c2 : b3 !== c3 ? b3 < c3 :
        b4 !== c4 ? b4 < c4 : b5 !== c5 ? b5 < c5 : b6 !== c6 ? b6 < c6 : b7 < c7;
    }
    const chosen = currentBeaten ? best : current;
    this.masks[g] = chosen;
    this.apply(g, chosen, 1);
    this.refreshMax();
    return chosen !== current;
  }

  // scratch of siteResponse
  private readonly dPen = new Float64Array(16);
  private sumPen = new Float64Array(0);

  /**
   * Site phase (see `siteDescent`): g's best mask for the weighted site penalty
   * Σ weight[s, j] × (excess + SITE_PAIR) over the overflowing site × half-days, the other groups fixed;
   * ties go to fewer shortfalls, then fewer refusals, then the mask closest to the current one.
   * Every pool cap and STANDARD share and every member's weekly max hold. Returns true on a change.
   */
  siteResponse(g: number, weight: Float64Array): boolean {
    const { k, m, nP } = this;
    const sites = m.siteUse[g];
    const current = this.masks[g];
    const PU = m.poolUse[g];
    const SU = m.stdUse[g];
    let disallowed = 0;
    for (let j = 0; j < k; j++) {
      const bit = 1 << j;
      const inNow = current & bit ? 1 : 0;
      let pen = 0;
      for (const su of sites) {
        const n = su.counts[j];
        if (n === 0) continue;
        const i = su.site * k + j;
        const cap = this.siteCap[su.site];
        const stay = this.onSite[i] + inNow * n; // on site when g is not remote at j
        const away = stay - n;
        if (stay > cap) pen -= weight[i] * (stay - cap + SITE_PAIR);
        if (away > cap) pen += weight[i] * (away - cap + SITE_PAIR);
      }
      this.dPen[j] = pen;
      if (!inNow) {
        for (let p = 0; p < nP; p++) {
          const i = p * k + j;
          if (this.pool[i] + PU[i] > m.cap[i] || this.std[i] + SU[i] > m.stdCap[i]) disallowed |= bit;
        }
      }
    }
    const full = 1 << k;
    if (this.sumPen.length !== full) this.sumPen = new Float64Array(full);
    const sumPen = this.sumPen;
    sumPen[0] = 0;
    for (let mask = 1; mask < full; mask++) {
      const j = 31 - Math.clz32(mask & -mask);
      sumPen[mask] = sumPen[mask & (mask - 1)] + this.dPen[j];
    }
    const F = m.feasible[g];
    const SF = m.shortfall[g];
    const RF = m.refused[g];
    let best = current;
    let b0 = sumPen[current], b1 = SF[current], b2 = RF[current], b3 = 0;
    for (let mask = 0; mask < full; mask++) {
      if (!F[mask] || (mask & disallowed & ~current) !== 0) continue;
      const x0 = sumPen[mask];
      if (x0 > b0 + 1e-9) continue;
      const x1 = SF[mask];
      const x2 = RF[mask];
      const x3 = popcount(mask ^ current);
      const better = x0 < b0 - 1e-9 || (x1 !== b1 ? x1 < b1 : x2 !== b2 ? x2 < b2 : x3 < b3);
      if (better) {
        best = mask;
        b0 = x0; b1 = x1; b2 = x2; b3 = x3;
      }
    }
    if (best === current) return false;
    this.setMask(g, best);
    return true;
  }

  /** elementary steps of the site phase's pair moves (its deterministic work budget) */
  work = 0;
  // scratch of pairResponse
  private readonly pairCandidates: number[] = [];
  private pairF = new Float64Array(0);
  private readonly pairAllowed = new Uint8Array(64);
  private readonly dv = new Float64Array(16);

  /**
   * Site phase: the best pair of masks of g1 and g2 (two groups sharing a site) for the weighted
   * site penalty of `siteResponse`, the other groups fixed: g1 tries each feasible mask one or two
   * half-days away from its current one, g2 then takes its exact best mask. Applies the pair and
   * returns true when the penalty gets strictly lower.
   */
  pairResponse(g1: number, g2: number, weight: Float64Array): boolean {
    const { k, m, nP } = this;
    const c1 = this.masks[g1];
    const c2 = this.masks[g2];
    // f[j*4 + b1*2 + b2]: penalty of the site × half-days of j for the pair's bits at j
    if (this.pairF.length < 4 * k) this.pairF = new Float64Array(4 * k);
    const f = this.pairF;
    const allowed = this.pairAllowed;
    const s1 = m.siteUse[g1];
    const s2 = m.siteUse[g2];
    const P1 = m.poolUse[g1], P2 = m.poolUse[g2], S1 = m.stdUse[g1], S2 = m.stdUse[g2];
    let current = 0;
    for (let j = 0; j < k; j++) {
      const bit = 1 << j;
      const in1 = c1 & bit ? 1 : 0;
      const in2 = c2 & bit ? 1 : 0;
      for (let b = 0; b < 4; b++) {
        const b1 = b >> 1;
        const b2 = b & 1;
        let pen = 0;
        // every site of either group at j
        for (let q = 0; q < s1.length + s2.length; q++) {
          const su = q < s1.length ? s1[q] : s2[q - s1.length];
          if (q >= s1.length && s1.some((x) => x.site === su.site)) continue;
          const i = su.site * k + j;
          let n1 = 0, n2 = 0;
          for (const x of s1) if (x.site === su.site) n1 = x.counts[j];
          for (const x of s2) if (x.site === su.site) n2 = x.counts[j];
          const x = this.onSite[i] + (in1 - b1) * n1 + (in2 - b2) * n2 - this.siteCap[su.site];
          if (x > 0) pen += weight[i] * (x + SITE_PAIR);
        }
        f[j * 4 + b] = pen;
        let ok = 1;
        for (let p = 0; p < nP && ok; p++) {
          const i = p * k + j;
          const u = this.pool[i] + (b1 - in1) * P1[i] + (b2 - in2) * P2[i];
          const us = this.std[i] + (b1 - in1) * S1[i] + (b2 - in2) * S2[i];
          if ((u > m.cap[i] && (b1 > in1 || b2 > in2)) || (us > m.stdCap[i] && (b1 > in1 || b2 > in2))) ok = 0;
        }
        allowed[j * 4 + b] = ok;
      }
      current += f[j * 4 + in1 * 2 + in2];
    }
    const full = 1 << k;
    if (this.sumPen.length !== full) this.sumPen = new Float64Array(full);
    const sum = this.sumPen;
    const F2 = m.feasible[g2];
    const F1 = m.feasible[g1];
    let best = current - 1e-9;
    let n1 = -1;
    let n2 = -1;
    // g1's masks one or two half-days away from its current one (joins, leaves, shifts)
    const cand = this.pairCandidates;
    cand.length = 0;
    for (let x = 0; x < k; x++) {
      cand.push(c1 ^ (1 << x));
      for (let y = x + 1; y < k; y++) cand.push(c1 ^ (1 << x) ^ (1 << y));
    }
    this.work += cand.length * (full + k);
    for (const a of cand) {
      if (!F1[a]) continue;
      let base = 0;
      let forbid = 0;
      let bad = false;
      for (let j = 0; j < k; j++) {
        const b1 = (a >> j) & 1;
        const off = f[j * 4 + b1 * 2];
        base += off;
        this.dv[j] = f[j * 4 + b1 * 2 + 1] - off;
        if (!allowed[j * 4 + b1 * 2 + 1]) forbid |= 1 << j;
        if (!allowed[j * 4 + b1 * 2]) bad = true;
      }
      if (bad || base + 0 >= best + 1e9) continue;
      sum[0] = 0;
      let local = Infinity;
      let arg = -1;
      for (let mask = 0; mask < full; mask++) {
        if (mask > 0) {
          const j = 31 - Math.clz32(mask & -mask);
          sum[mask] = sum[mask & (mask - 1)] + this.dv[j];
        }
        if (!F2[mask] || (mask & forbid) !== 0) continue;
        if (sum[mask] < local) {
          local = sum[mask];
          arg = mask;
        }
      }
      if (arg >= 0 && base + local < best) {
        best = base + local;
        n1 = a;
        n2 = arg;
      }
    }
    if (n1 < 0) return false;
    // leave first, then join: every cap holds at each step
    this.setMask(g1, c1 & n1);
    this.setMask(g2, c2 & n2);
    this.setMask(g1, n1);
    this.setMask(g2, n2);
    return true;
  }

  siteCapacityCount(): number {
    return this.siteCap.length;
  }

  /** Overflowing site × half-days: indexes s * k + j. */
  overflowing(out: number[]): number[] {
    out.length = 0;
    const { k } = this;
    for (let s = 0; s < this.siteCap.length; s++) {
      for (let j = 0; j < k; j++) if (this.onSite[s * k + j] > this.siteCap[s]) out.push(s * k + j);
    }
    return out;
  }

  /**
   * Tries to exchange half-day ja of g1 with half-day jb of g2 (g1 leaves ja for jb, g2 leaves
   * jb for ja). Applies the move and returns true when the whole cost gets strictly lower.
   */
  trySwap(g1: number, g2: number, ja: number, jb: number): boolean {
    const { m } = this;
    const m1 = this.masks[g1];
    const m2 = this.masks[g2];
    const n1 = m1 ^ (1 << ja) ^ (1 << jb);
    const n2 = m2 ^ (1 << ja) ^ (1 << jb);
    if (!m.feasible[g1][n1] || !m.feasible[g2][n2]) return false;
    // quick filter: the spread or the busiest half-day must get better
    const la = this.load[ja] - m.load[g1][ja] + m.load[g2][ja];
    const lb = this.load[jb] + m.load[g1][jb] - m.load[g2][jb];
    const dSq = la * la + lb * lb - this.load[ja] * this.load[ja] - this.load[jb] * this.load[jb];
    const oldMax = this.cost[MAX];
    if (dSq >= 0 && !(this.load[ja] === oldMax && la < oldMax) && !(this.load[jb] === oldMax && lb < oldMax)) return false;
    const before = Float64Array.from(this.cost);
    this.setMask(g1, n1);
    this.setMask(g2, n2);
    if (!this.capsHold(ja) || !this.capsHold(jb)) {
      this.setMask(g2, m2);
      this.setMask(g1, m1);
      return false;
    }
    this.refreshMax();
    if (compareCost(this.cost, before) < 0) return true;
    this.setMask(g2, m2);
    this.setMask(g1, m1);
    this.cost.set(before);
    return false;
  }

  private capsHold(j: number): boolean {
    const { k, m, nP } = this;
    for (let p = 0; p < nP; p++) {
      const i = p * k + j;
      if (this.pool[i] > m.cap[i] || this.std[i] > m.stdCap[i]) return false;
    }
    return true;
  }


  /** Per half-day expected loads (requests included). */
  loads(): Float64Array {
    return Float64Array.from(this.load);
  }
}

/**
 * Greedy construction (largest groups first, each onto its best half-days, rounds of best
 * responses until none moves), then simulated annealing (anneal.ts) from it, then a polish by
 * best responses, exchanges and shortfall repairs; `kicks` more annealing runs from the best
 * state, each polished, the best kept.
 */
export function solveWeek(search: WeekSearch, m: WeekModel, limits: SearchLimits): WeekSolution {
  const order = [...m.groups].sort((a, b) => m.size[b] - m.size[a] || a - b);
  let rounds = 0;
  let swaps = 0;
  for (;;) {
    let changed = false;
    for (const g of order) if (search.bestResponse(g)) changed = true;
    rounds++;
    if (!changed || rounds >= Math.min(limits.maxRounds, GREEDY_ROUNDS) || limits.expired()) break;
  }
  search.refreshMax();
  // site × half-days still over after the construction: the site phase, before anything else
  if (search.cost[PAIRS] > 0) swaps += siteDescent(search, m, order, limits);
  // still over: the exact search (exact-sites.ts) proves the level or finds a rotation with fewer
  if (search.cost[PAIRS] > 0 && !limits.expired()) exactSites(search, m);
  const steps = limits.annealSteps ?? 0;
  // exchanges and repairs first when the prefix is above its floor: the annealing keeps the
  // prefix it is given when caps bind
  if (steps === 0 || !prefixAtFloor(search, m)) {
    const r = localSearch(
      search,
      m,
      order,
      steps === 0 ? limits : { ...limits, relieve: false, exchanges: order.length <= POLISH_EXCHANGE_GROUPS },
    );
    rounds += r.rounds;
    swaps += r.swaps;
  }
  const best = Int32Array.from(search.masks);
  const bestCost = Float64Array.from(search.cost);
  const runs = 1 + Math.max(0, limits.kicks ?? 0);
  for (let run = 0; run < runs && !limits.expired(); run++) {
    if (run > 0) {
      for (const g of order) search.setMask(g, best[g]);
      search.cost.set(bestCost);
    }
    if (steps === 0) break;
    anneal(search, m, { steps, seed: 0x9e3779b9 ^ (m.week * 7919) ^ (run * 104729), expired: limits.expired });
    const r = localSearch(search, m, order, polishLimits(limits, order));
    rounds += r.rounds;
    swaps += r.swaps;
    if (compareCost(search.cost, bestCost) < 0) {
      best.set(search.masks);
      bestCost.set(search.cost);
    }
  }
  for (const g of order) search.setMask(g, best[g]);
  search.cost.set(bestCost);
  search.refreshMax();
  // overflows left: the site phase once more, from the annealing's state (another start), polished
  // (the pairs may be proven the fewest: the site excess may still go down)
  if (search.cost[PAIRS] > 0 && steps > 0 && !limits.expired()) {
    swaps += siteDescent(search, m, order, limits);
    if (compareCost(search.cost, bestCost) < 0) {
      const r = localSearch(search, m, order, polishLimits(limits, order));
      rounds += r.rounds;
      swaps += r.swaps;
    }
  }
  return { masks: search.masks, cost: Float64Array.from(search.cost), rounds, swaps };
}

/** Elementary steps of the exact site search's bound and search per week (deterministic budget, tens of ms). */
const EXACT_SITE_WORK = 20_000_000;

/**
 * The exact site search from the search's overflow pairs: installs a rotation of the groups
 * that matter with fewer pairs when it finds one (the others leave the half-days where a pool cap
 * would break). Returns true when the pairs left are proven the fewest.
 */
function exactSites(search: WeekSearch, m: WeekModel): boolean {
  const r = exactSiteOverflow(m, search.siteCap, { incumbent: search.cost[PAIRS], maxWork: EXACT_SITE_WORK });
  if (r.masks) {
    for (const [g, mask] of r.masks) search.setMask(g, mask);
    let broken = 0;
    for (let j = 0; j < m.k; j++) if (!search.capsHoldOn(1 << j)) broken |= 1 << j;
    if (broken !== 0) {
      for (const g of m.groups) if (!r.masks.has(g) && search.masks[g] & broken) search.setMask(g, search.masks[g] & ~broken);
    }
    search.refreshMax();
  }
  return r.optimal;
}

/** Weight-raising rounds of the site phase, and rounds without a better state before it stops. */
const SITE_ITERATIONS = 400;
const SITE_PATIENCE = 120;
/** Elementary steps of the site phase's pair moves per week (about 30 ms). */
const SITE_WORK = 30_000_000;
/** Best-response rounds of one descent of the site phase. */
const SITE_DESCENT_ROUNDS = 12;

/**
 * Site phase, run while site × half-days overflow: a guided local search on the overflows
 * alone. Every group takes its best mask for a weighted penalty of the overflowing site ×
 * half-days (`siteResponse`: Σ weight × (excess + 1,000): pairs first, excess as a guide), then
 * the best pair of masks of two groups sharing a site (`pairResponse`), until none moves; then the weight of each
 * pair still over grows by one, which pushes the groups to free that site × half-day even at the
 * cost of another, and the descent starts again (a deterministic work budget bounds the pair
 * moves). The best state met by the whole cost tuple is
 * kept (the prefix's overflows first). Deterministic: fixed rounds, no randomness.
 */
export function siteDescent(search: WeekSearch, m: WeekModel, order: number[], limits: SearchLimits): number {
  if (search.cost[PAIRS] === 0) return 0;
  const weight = new Float64Array(search.siteCapacityCount() * m.k).fill(1);
  const best = Int32Array.from(search.masks);
  const bestCost = Float64Array.from(search.cost);
  const over: number[] = [];
  let moves = 0;
  let stale = 0;
  let it = 0;
  const siteGroups = order.filter((g) => m.siteUse[g].length > 0);
  const pairs: [number, number][] = [];
  for (const g1 of siteGroups) {
    for (const g2 of siteGroups) {
      if (g1 !== g2 && m.siteUse[g1].some((a) => m.siteUse[g2].some((b) => a.site === b.site))) pairs.push([g1, g2]);
    }
  }
  search.work = 0;
  for (; it < SITE_ITERATIONS && stale < SITE_PATIENCE && search.work <= SITE_WORK && !limits.expired(); it++) {
    for (let r = 0; r < SITE_DESCENT_ROUNDS; r++) {
      let changed = false;
      for (const g of siteGroups) {
        if (search.siteResponse(g, weight)) {
          changed = true;
          moves++;
        }
      }
      if (changed) continue;
      for (const [g1, g2] of pairs) {
        if (search.work > SITE_WORK) break;
        if (search.pairResponse(g1, g2, weight)) {
          changed = true;
          moves++;
        }
      }
      if (!changed) break;
    }
    search.refreshMax();
    if (compareCost(search.cost, bestCost) < 0) {
      const gained = search.cost[PAIRS] < bestCost[PAIRS] || search.cost[EXCESS] < bestCost[EXCESS];
      best.set(search.masks);
      bestCost.set(search.cost);
      if (gained) stale = 0;
    } else stale++;
    if (search.cost[PAIRS] === 0) break;
    for (const i of search.overflowing(over)) weight[i] += 1;
  }
  for (const g of order) search.setMask(g, best[g]);
  search.cost.set(bestCost);
  search.refreshMax();
  return moves;
}

/** The polish after an annealing run: a few rounds of best responses (exchanges on small weeks), no relief moves. */
function polishLimits(limits: SearchLimits, order: number[]): SearchLimits {
  return { ...limits, relieve: false, exchanges: order.length <= POLISH_EXCHANGE_GROUPS, maxRounds: Math.min(limits.maxRounds, POLISH_ROUNDS) };
}

function localSearch(search: WeekSearch, m: WeekModel, order: number[], limits: SearchLimits): { rounds: number; swaps: number } {
  let rounds = 0;
  let swaps = 0;
  for (;;) {
    let changed = false;
    for (const g of order) {
      if (search.bestResponse(g)) changed = true;
    }
    rounds++;
    search.refreshMax();
    if (limits.expired() || rounds >= limits.maxRounds) break;
    if (changed) continue;
    // one pass over every pair, keeping each exchange that lowers the cost (a new round of best
    // responses follows only after the whole pass)
    let swapped = false;
    for (let x = 0; x < order.length && limits.exchanges !== false; x++) {
      for (let y = 0; y < order.length; y++) {
        if (x === y) continue;
        const g1 = order[x];
        const g2 = order[y];
        const only1 = search.masks[g1] & ~search.masks[g2];
        const only2 = search.masks[g2] & ~search.masks[g1];
        if (!only1 || !only2) continue;
        pair: for (let ja = 0; ja < m.k; ja++) {
          if (!(only1 & (1 << ja))) continue;
          for (let jb = 0; jb < m.k; jb++) {
            if (!(only2 & (1 << jb))) continue;
            if (search.trySwap(g1, g2, ja, jb)) {
              swaps++;
              swapped = true;
              break pair;
            }
          }
        }
      }
      if (limits.expired()) break;
    }
    if (swapped) continue;
    if (repairShortfalls(search, m, order, limits) || (limits.relieve !== false && relieveBusiest(search, m, order, limits))) {
      swaps++;
      continue;
    }
    break;
  }
  return { rounds, swaps };
}

/**
 * Moves that one group alone cannot find: a group g2 below its members' minimum takes a
 * half-day j that another group g1 gives up (g1 then picks its best other half-days).
 * Accepted when the whole cost gets strictly lower. Returns true on the first improvement.
 */
function repairShortfalls(search: WeekSearch, m: WeekModel, order: number[], limits: SearchLimits): boolean {
  let floor = 0;
  for (const g of order) floor += m.minShortfall[g];
  if (search.cost[SHORT] <= floor) return false;
  let trials = 0;
  for (const g2 of order) {
    if (m.shortfall[g2][search.masks[g2]] === 0) continue;
    for (const g1 of order) {
      if (g1 === g2) continue;
      const m1 = search.masks[g1];
      for (let j = 0; j < m.k; j++) {
        if (!(m1 & (1 << j)) || search.masks[g2] & (1 << j)) continue;
        const reduced = m1 & ~(1 << j);
        if (!m.feasible[g1][reduced]) continue;
        if (++trials > MAX_PAIR_TRIALS) return false;
        if (tryPairMove(search, g1, reduced, g2)) return true;
      }
      if (limits.expired()) return false;
    }
  }
  return false;
}

/**
 * g1 takes the mask `reduced`, then g2 and g1 re-optimise; kept when the whole cost gets strictly
 * lower, else undone (masks and cost as before).
 */
function tryPairMove(search: WeekSearch, g1: number, reduced: number, g2: number): boolean {
  const before = Float64Array.from(search.cost);
  const m1 = search.masks[g1];
  const m2 = search.masks[g2];
  search.setMask(g1, reduced);
  search.bestResponse(g2);
  search.bestResponse(g1);
  search.refreshMax();
  if (compareCost(search.cost, before) < 0) return true;
  search.setMask(g1, m1);
  search.setMask(g2, m2);
  search.cost.set(before);
  return false;
}

/**
 * Lowers the busiest half-day j*: a group g1 remote at j* gives it up, another group g2
 * re-optimises, then g1 re-optimises (it usually takes another half-day). Accepted when the
 * whole cost gets strictly lower.
 */
function relieveBusiest(search: WeekSearch, m: WeekModel, order: number[], limits: SearchLimits): boolean {
  const loads = search.loads();
  let trials = 0;
  const max = search.cost[MAX];
  for (let j = 0; j < m.k; j++) {
    if (loads[j] !== max) continue;
    for (const g1 of order) {
      const m1 = search.masks[g1];
      if (!(m1 & (1 << j))) continue;
      const reduced = m1 & ~(1 << j);
      if (!m.feasible[g1][reduced]) continue;
      for (const g2 of order) {
        if (g2 === g1 || search.masks[g2] & (1 << j)) continue;
        if (++trials > MAX_PAIR_TRIALS) return false;
        if (tryPairMove(search, g1, reduced, g2)) return true;
      }
      if (limits.expired()) return false;
    }
  }
  return false;
}
