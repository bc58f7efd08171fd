import { popcount } from '../model/context';
import { WeekModel } from './week-model';
import { compareCost, COST_SIZE, prefixAtFloor, WeekSearch } from './week-search';

export interface AnnealOptions {
  /** moves tried (the deterministic work budget) */
  steps: number;
  /** seed of the move generator (same seed, same rotation) */
  seed: number;
  /** polled every 1,024 moves; true stops the search */
  expired: () => boolean;
}

/** Entries of the cost tuple that are never traded for load: overflows, excess, shortfalls, refusals. */
const PREFIX = 4;
const MAX = 4;
const SQ = 5;

/**
 * Simulated annealing over the groups' masks of one week, from the search's current state;
 * leaves the best state met (by the whole cost tuple) in `search`.
 *
 * Moves: a group off the busiest half-day to another of its preferred masks (fewest shortfalls,
 * then fewest refusals, near the fewest half-days), any group or two groups at once to preferred
 * masks, one half-day of a group shifted, half-days exchanged between two groups. Each move
 * is applied incrementally (only the half-days that change), checked against every pool cap
 * and STANDARD share (hard: a move breaking one is undone), then judged: a worse prefix
 * (overflows, site excess, shortfalls, refusals) is refused, a better one accepted, and on an
 * equal prefix the load score max + Σ load² / (2 Σ load) decides with the Metropolis rule.
 */
export function anneal(search: WeekSearch, m: WeekModel, options: AnnealOptions): { accepted: number } {
  const groups = m.groups;
  const k = m.k;
  if (groups.length === 0 || k < 2 || options.steps <= 0) return { accepted: 0 };
  let seed = options.seed | 0 || 1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (n: number) => Math.floor(random() * n);

  // masks with the group's fewest shortfalls, then fewest refusals, near the fewest half-days
  const preferred: Int32Array[] = groups.map((g) => {
    const F = m.feasible[g];
    const SF = m.shortfall[g];
    const RF = m.refused[g];
    let fewest = 99;
    let leastRefused = Infinity;
    for (let x = 0; x < F.length; x++) if (F[x] && SF[x] === m.minShortfall[g]) leastRefused = Math.min(leastRefused, RF[x]);
    const good = (x: number) => F[x] === 1 && SF[x] === m.minShortfall[g] && RF[x] === leastRefused;
    for (let x = 0; x < F.length; x++) if (good(x)) fewest = Math.min(fewest, popcount(x));
    const out: number[] = [];
    for (let x = 0; x < F.length; x++) if (good(x) && popcount(x) <= fewest + 1) out.push(x);
    return Int32Array.from(out);
  });
  const position = new Map(groups.map((g, i) => [g, i] as const));
  let total = 0;
  let groupLoad = 0;
  for (let j = 0; j < k; j++) total += search.loadAt(j);
  for (const g of groups) for (let j = 0; j < k; j++) groupLoad += m.load[g][j];
  const z = Math.max(1, 2 * total);
  const perBit = Math.max(1, groupLoad / (groups.length * k));
  const t0 = 0.25 * perBit;
  const t1 = 0.005 * perBit;
  const score = () => search.cost[MAX] + search.cost[SQ] / z;

  const best = Int32Array.from(search.masks);
  const bestCost = Float64Array.from(search.cost);
  const before = new Float64Array(COST_SIZE);
  const ev = new Float64Array(6);
  const delta = new Float64Array(k);
  const addDelta = (g: number, from: number, to: number) => {
    const L = m.load[g];
    for (let r = from ^ to; r; r &= r - 1) {
      const bit = r & -r;
      const j = 31 - Math.clz32(bit);
      delta[j] += to & bit ? L[j] : -L[j];
    }
  };
  let accepted = 0;
  const steps = options.steps;
  const cool = Math.pow(t1 / t0, 1 / steps);
  let temp = t0;
  for (let step = 0; step < steps; step++, temp *= cool) {
    if ((step & 1023) === 0 && options.expired()) break;
    const r = random();
    let g1 = -1;
    let n1 = 0;
    let g2 = -1;
    let n2 = 0;
    if (r < 0.35) {
      // move a group off a busiest half-day, to another of its preferred masks
      let jmax = 0;
      for (let j = 1; j < k; j++) if (search.loadAt(j) > search.loadAt(jmax)) jmax = j;
      const bit = 1 << jmax;
      // a random group remote there (a few draws; most half-days hold several groups)
      for (let tries = 0; tries < 8 && g1 < 0; tries++) {
        const g = groups[pick(groups.length)];
        if (search.masks[g] & bit) g1 = g;
      }
      if (g1 < 0) continue;
      const list = preferred[position.get(g1) as number];
      if (list.length === 0) continue;
      n1 = list[pick(list.length)];
      for (let tries = 0; tries < 4 && n1 & bit; tries++) n1 = list[pick(list.length)];
      if (n1 & bit) continue;
    } else if (r < 0.6) {
      // any group to another of its preferred masks
      const i = pick(groups.length);
      g1 = groups[i];
      if (preferred[i].length === 0) continue;
      n1 = preferred[i][pick(preferred[i].length)];
    } else if (r < 0.75 && groups.length > 1) {
      // two groups at once
      const i1 = pick(groups.length);
      const i2 = pick(groups.length);
      if (i1 === i2 || preferred[i1].length === 0 || preferred[i2].length === 0) continue;
      g1 = groups[i1];
      g2 = groups[i2];
      n1 = preferred[i1][pick(preferred[i1].length)];
      n2 = preferred[i2][pick(preferred[i2].length)];
    } else if (r < 0.88) {
      // shift one half-day of a group
      g1 = groups[pick(groups.length)];
      const mask = search.masks[g1];
      const free = (~mask & ((1 << k) - 1)) >>> 0;
      if (mask === 0 || free === 0) continue;
      n1 = mask ^ nthBit(mask, pick(popcount(mask))) ^ nthBit(free, pick(popcount(free)));
    } else if (groups.length > 1) {
      // exchange: g1 leaves ja for jb, g2 leaves jb for ja
      g1 = groups[pick(groups.length)];
      g2 = groups[pick(groups.length)];
      if (g1 === g2) continue;
      const only1 = search.masks[g1] & ~search.masks[g2];
      const only2 = search.masks[g2] & ~search.masks[g1];
      if (!only1 || !only2) continue;
      const ja = nthBit(only1, pick(popcount(only1)));
      const jb = nthBit(only2, pick(popcount(only2)));
      n1 = search.masks[g1] ^ ja ^ jb;
      n2 = search.masks[g2] ^ ja ^ jb;
    } else {
      continue;
    }
    if (!m.feasible[g1][n1] || (g2 >= 0 && !m.feasible[g2][n2])) continue;
    const o1 = search.masks[g1];
    const o2 = g2 >= 0 ? search.masks[g2] : 0;
    if (n1 === o1 && g2 < 0) continue;
    // At its floor the prefix cannot improve: the load score alone may refuse the move, cheaply
    // (most moves are refused). Otherwise, or when it passes, evalMove judges it exactly without
    // touching the state; the state changes only for accepted moves.
    let passed = false;
    if (prefixAtFloor(search, m)) {
      delta.fill(0);
      addDelta(g1, o1, n1);
      if (g2 >= 0) addDelta(g2, o2, n2);
      let max = 0;
      let sq = 0;
      for (let j = 0; j < k; j++) {
        const l0 = search.loadAt(j);
        const l1 = l0 + delta[j];
        if (l1 > max) max = l1;
        sq += l1 * l1 - l0 * l0;
      }
      const change = max - search.cost[MAX] + sq / z;
      if (!(change <= 0 || random() < Math.exp(-change / temp))) continue;
      passed = true;
    }
    const verdict = search.evalMove(g1, n1, g2, n2, ev);
    if (verdict === 1) continue;
    let decided = false;
    if (verdict === 0) {
      let d = 0;
      for (let i = 0; i < PREFIX && d === 0; i++) if (ev[i] !== 0) d = ev[i] < 0 ? -1 : 1;
      if (d > 0) continue;
      if (d === 0 && !passed) {
        const change = ev[4] - search.cost[MAX] + ev[5] / z;
        if (!(change <= 0 || random() < Math.exp(-change / temp))) continue;
      }
      decided = true;
    }
    if (decided) {
      search.setMask(g1, n1);
      if (g2 >= 0) search.setMask(g2, n2);
      search.refreshMax();
    }
    if (!decided) before.set(search.cost);
    const s0 = decided ? 0 : score();
    if (!decided) {
      search.setMask(g1, n1);
      if (g2 >= 0) search.setMask(g2, n2);
    }
    const added = (n1 & ~o1) | (g2 >= 0 ? n2 & ~o2 : 0);
    let ok = decided || search.capsHoldOn(added);
    if (ok && !decided) {
      search.refreshMax();
      const c = search.cost;
      let d = 0;
      for (let i = 0; i < PREFIX && d === 0; i++) if (c[i] !== before[i]) d = c[i] < before[i] ? -1 : 1;
      if (d > 0) ok = false;
      else if (d === 0) {
        const change = score() - s0;
        ok = change <= 0 || random() < Math.exp(-change / temp);
      }
    }
    if (!ok) {
      if (g2 >= 0) search.setMask(g2, o2);
      search.setMask(g1, o1);
      search.cost.set(before);
      continue;
    }
    accepted++;
    if (compareCost(search.cost, bestCost) < 0) {
      best.set(search.masks);
      bestCost.set(search.cost);
    }
  }
  for (const g of groups) search.setMask(g, best[g]);
  search.cost.set(bestCost);
  return { accepted };
}

/** The bit (as a mask) of the n-th set bit of x, from the lowest. */
function nthBit(x: number, n: number): number {
  for (let r = x; r; r &= r - 1) if (n-- === 0) return r & -r;
  return 0;
}
