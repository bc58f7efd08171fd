import { MODE_R, MODE_S } from '../allocation/allocate';
import { PlanningContext, STANDARD_RANK, works } from '../model/context';
import { EventDays, extraPoolAt, inRegimeAt, mustStayAt } from './event-days';

/** N (the overlay's MODE_N, repeated here: overlay.ts imports this module) */
const MODE_N = 3;
/** deepest chain of moves tried (a chain that long is rare; deeper ones are given up, never wrong) */
const MAX_DEPTH = 64;
/** steps (candidates looked at) one attempt may take, and the week's repair (plus so many per agent-half-day) */
const ATTEMPT_STEPS = 200_000;
const WEEK_STEPS = 2_000_000;
const WEEK_STEPS_PER_CELL = 40;

/** Thrown when an attempt or the week runs out of steps: the attempt is undone. */
class OutOfSteps extends Error {}

/** One ISO week of the overlay after its greedy pass, and what the repair may change. */
export interface WeekRepairInput {
  ctx: PlanningContext;
  days: EventDays;
  /** [a * nH + h] the plan's modes, event half-days as the greedy pass left them (changed in place) */
  modes: Uint8Array;
  /** the week's event half-days, in time order */
  hs: number[];
  /** [k][site] desks left for the agents who need one at hs[k] (the event capacity − must-stay agents) */
  desks: Int32Array[];
  /** [k][site] 1 when the site is listed at hs[k] and its agents needing a desk exceed its desks */
  short: Uint8Array[];
  /** [a] remote half-days each agent may still take this week (changed in place) */
  budget: Int32Array;
  /** [a] R on event half-days so far (changed in place) */
  eventR: Int32Array;
  /** [a] N on event half-days so far (changed in place) */
  nCount: Int32Array;
  /** [a * nH + h] approved REMOTE / ON_SITE requests */
  wantsRemote: Uint8Array;
  wantsOnSite: Uint8Array;
}

/**
 * The greedy pass plans the event half-days of a week in time order: its coverage of each
 * half-day is a maximum one for the weekly budgets left then, but an agent whose budget went on an
 * early half-day may be missing on a later one where nobody else can take its seat. This repair
 * looks, for each agent left N (by tier, the most N first), for a chain of moves inside the week
 * that gives it a desk or a seat, every other agent keeping as many half-days with a workplace
 * (an augmenting path):
 *
 * - a desk at its site is freed by a desk-holder of that site going remote (a seat of its pool and
 *   a budget unit needed);
 * - a seat is freed by a seat-holder going on site (at a site with room, or whose desk is freed),
 *   or by a seat-holder whose N moves: N here, remote instead on another event half-day where it
 *   was N (its budget unit goes with it; a seat needed there);
 * - a budget unit is freed by the agent going on site on another event half-day of the week where
 *   it is remote (its desk there free, or freed by a chain that may use its seat), or by its seat
 *   there going to an agent N there with budget left (its N moves there).
 *
 * Each move keeps every cap (desks of listed sites, pool seats, STANDARD share, weekly maxes); a
 * chain that fails, or only moves an N elsewhere, is undone. Each need is searched once per
 * attempt; a failure that owes nothing to the needs above it on the stack is final for that state
 * of the week (marked dead until a change), and agents alike (same kind, modes and budget) are
 * tried once per list, so the many N alike cost one search. Passes run until one repairs nothing,
 * each success lowering N by one. The work is capped in steps (candidates looked at) per attempt
 * and per week, so a département's overlay stays in tens of ms whatever the events; the caps
 * count steps, not time: deterministic (fixed orders, no clock).
 *
 * Afterwards no N has a free desk at its site, nor a free seat with budget left (the last pass
 * tried each N and changed nothing): the reasons the overlay then gives hold with the final
 * figures. Returns the number of N repaired.
 */
export function repairWeek(input: WeekRepairInput): number {
  const { ctx, days, modes, hs, desks, short, budget, eventR, nCount, wantsRemote, wantsOnSite } = input;
  const { nA, nH, nP, nS } = ctx;
  const K = hs.length;

  // pools and needs per (agent, k); counters per (site, k) and (pool, k)
  const pool = new Int32Array(nA * K).fill(-1);
  const deskUse = new Int32Array(nS * K);
  const deskCap = new Int32Array(nS * K);
  const isShort = new Uint8Array(nS * K);
  const seatUse = new Int32Array(nP * K);
  const stdUse = new Int32Array(nP * K);
  const seatFree = new Int32Array(nP * K);
  const stdFree = new Int32Array(nP * K);
  const needyCount = new Int32Array(nS * K + 1);
  const seatCount = new Int32Array(nP * K + 1);
  const movable = new Uint8Array(nA * K);
  const pending: number[] = [];
  for (let k = 0; k < K; k++) {
    const h = hs[k];
    for (let s = 0; s < nS; s++) {
      deskCap[k * nS + s] = desks[k][s];
      isShort[k * nS + s] = short[k][s];
    }
    for (let p = 0; p < nP; p++) {
      seatFree[k * nP + p] = Math.max(0, days.poolCap[p][h] - ctx.reserved[p][h]);
      stdFree[k * nP + p] = Math.max(0, days.poolCap[p][h] - ctx.reserve[p] - ctx.reserved[p][h]);
    }
    for (let a = 0; a < nA; a++) {
      if (!works(ctx, a, h) || mustStayAt(days, a, h)) continue;
      const key = a * K + k;
      movable[key] = 1;
      const p = ctx.eligible[a] && ctx.agentPool[a] >= 0 ? ctx.agentPool[a] : extraPoolAt(days, a, h);
      pool[key] = p;
      const s = ctx.agentSite[a];
      const m = modes[a * nH + h];
      if (isShort[k * nS + s]) {
        needyCount[k * nS + s + 1]++;
        if (m === MODE_S) deskUse[k * nS + s]++;
      }
      if (p >= 0) seatCount[k * nP + p + 1]++;
      if (m === MODE_R) {
        seatUse[k * nP + p]++;
        if (ctx.tierRank[a] === STANDARD_RANK) stdUse[k * nP + p]++;
      } else if (m === MODE_N) pending.push(key);
    }
  }
  if (pending.length === 0) return 0;
  const inPending = new Uint8Array(nA * K);
  for (const key of pending) inPending[key] = 1;

  // per (site, k): the agents who need a desk, those glad to telework first, an ON_SITE request
  // last; per (pool, k): the agents of the pool, those not asking to telework first; then the
  // lower tiers first (a move that leaves someone N there takes the lowest tier it can), then by index
  for (let i = 1; i < needyCount.length; i++) needyCount[i] += needyCount[i - 1];
  for (let i = 1; i < seatCount.length; i++) seatCount[i] += seatCount[i - 1];
  const needy = new Int32Array(needyCount[nS * K]);
  const seatList = new Int32Array(seatCount[nP * K]);
  const byTier = Array.from({ length: nA }, (_, a) => a).sort((x, y) => ctx.tierRank[y] - ctx.tierRank[x] || x - y);
  {
    const fillN = needyCount.slice(0, nS * K);
    const fillS = seatCount.slice(0, nP * K);
    const deskKey = new Uint8Array(nA);
    const seatKey = new Uint8Array(nA);
    for (let k = 0; k < K; k++) {
      const h = hs[k];
      for (let a = 0; a < nA; a++) {
        if (!movable[a * K + k]) continue;
        const key = a * nH + h;
        const regime = inRegimeAt(days, a, h);
        deskKey[a] = wantsOnSite[key] ? 2 : wantsRemote[key] || regime ? 0 : 1;
        seatKey[a] = (wantsRemote[key] ? 2 : 0) + (regime ? 1 : 0);
      }
      for (let pass = 0; pass < 4; pass++) {
        for (const a of byTier) {
          if (!movable[a * K + k]) continue;
          const s = ctx.agentSite[a];
          if (isShort[k * nS + s] && deskKey[a] === pass) needy[fillN[k * nS + s]++] = a;
          const p = pool[a * K + k];
          if (p >= 0 && seatKey[a] === pass) seatList[fillS[k * nP + p]++] = a;
        }
      }
    }
  }

  // agents alike (site, STANDARD or not, pool or must-stay/off on each event half-day): in the
  // same modes with the same budget, a chain found for one is found for the other
  const kindOf = new Int32Array(nA);
  {
    const kinds = new Map<string, number>();
    for (let a = 0; a < nA; a++) {
      let key = `${ctx.agentSite[a]}/${ctx.tierRank[a] === STANDARD_RANK ? 1 : 0}`;
      for (let k = 0; k < K; k++) key += movable[a * K + k] ? `|${pool[a * K + k]}` : '|x';
      let id = kinds.get(key);
      if (id === undefined) kinds.set(key, (id = kinds.size));
      kindOf[a] = id;
    }
  }
  /** agents alike now: their kind, their modes on the week's event half-days, their budget */
  function likeness(a: number): number {
    let code = kindOf[a];
    for (let k = 0; k < K; k++) code = code * 4 + modes[a * nH + hs[k]];
    return code * 16 + Math.max(0, Math.min(15, budget[a]));
  }

  const std = (a: number) => ctx.tierRank[a] === STANDARD_RANK;
  const deskFree = (s: number, k: number) => !isShort[k * nS + s] || deskUse[k * nS + s] < deskCap[k * nS + s];
  const seatOpen = (p: number, k: number, standard: boolean) =>
    seatUse[k * nP + p] < seatFree[k * nP + p] && (!standard || stdUse[k * nP + p] < stdFree[k * nP + p]);

  // every change logged (agent, k, old mode) with the state it left, so that a failed chain is undone
  const log: number[] = [];
  const stateIds: number[] = [];
  /** N on the week's event half-days now, and the N being repaired (agent * K + k): no chain covers it */
  let nNow = pending.length;
  let target = -1;
  let stateId = 1;
  let lastId = 1;
  function set(a: number, k: number, m: number): void {
    const key = a * nH + hs[k];
    const old = modes[key];
    if (old === m) return;
    readyOf(a, -1);
    apply(a, k, old, -1);
    apply(a, k, m, 1);
    modes[key] = m;
    readyOf(a, 1);
    if (m === MODE_N && !inPending[a * K + k]) {
      // an N moved here: tried in turn too (so that every N ends with its reason)
      inPending[a * K + k] = 1;
      pending.push(a * K + k);
    }
    log.push(a, k, old);
    stateIds.push(stateId);
    stateId = ++lastId;
  }
  function apply(a: number, k: number, m: number, sign: number): void {
    if (m === MODE_S) {
      const s = ctx.agentSite[a];
      if (isShort[k * nS + s]) deskUse[k * nS + s] += sign;
    } else if (m === MODE_R) {
      const p = pool[a * K + k];
      seatUse[k * nP + p] += sign;
      if (std(a)) stdUse[k * nP + p] += sign;
      budget[a] -= sign;
      eventR[a] += sign;
    } else if (m === MODE_N) {
      nCount[a] += sign;
      nNow += sign;
    }
  }
  function undo(mark: number): void {
    while (log.length > mark) {
      const old = log.pop() as number;
      const k = log.pop() as number;
      const a = log.pop() as number;
      stateId = stateIds.pop() as number;
      const key = a * nH + hs[k];
      readyOf(a, -1);
      apply(a, k, modes[key], -1);
      apply(a, k, old, 1);
      modes[key] = old;
      readyOf(a, 1);
    }
  }
  /** [k * nP + p] agents N at hs[k] with pool p there and budget left: who can take a seat given up */
  const ready = new Int32Array(nP * K);
  function readyOf(a: number, sign: number): void {
    if (budget[a] <= 0) return;
    for (let k = 0; k < K; k++) {
      if (modes[a * nH + hs[k]] === MODE_N && pool[a * K + k] >= 0) ready[k * nP + pool[a * K + k]] += sign;
    }
  }
  for (let a = 0; a < nA; a++) readyOf(a, 1);

  // Searches: nodes are the needs (a desk at (site, k), a seat at (pool, k) for a STANDARD agent
  // or not, a budget unit of an agent, an agent's N moved); each is expanded once per attempt. A
  // failure that no node above it on the stack took part in is final in that state of the week:
  // it stands (dead) until the state changes, so the attempts after it skip that need.
  const D = nS * K;
  const P2 = nP * K * 2;
  const nodes = D + P2 + 2 * nA;
  const seatNode = (p: number, k: number, standard: boolean) => D + (k * nP + p) * 2 + (standard ? 1 : 0);
  const budgetNode = (a: number) => D + P2 + a;
  const moveNode = (a: number) => D + P2 + nA + a;
  const seen = new Int32Array(nodes);
  const onStack = new Int32Array(nodes).fill(-1);
  const dead = new Int32Array(nodes);
  const lows: number[] = [];
  let attempt = 0;
  /** the shallowest node above that a search ran into (−1: a node seen before in this attempt, off the stack) */
  let low = MAX_DEPTH + 1;

  let steps = 0;
  let attemptEnd = 0;
  const weekEnd = WEEK_STEPS + WEEK_STEPS_PER_CELL * nA * K;
  /** one more step (a candidate looked at); out of steps: the attempt ends */
  function step(): void {
    if (++steps > attemptEnd) throw new OutOfSteps();
  }

  function enter(n: number, depth: number): boolean {
    if (dead[n] === stateId) return false;
    if (seen[n] === attempt) {
      if (onStack[n] < low) low = onStack[n];
      return false;
    }
    if (depth > MAX_DEPTH) {
      low = -1;
      return false;
    }
    seen[n] = attempt;
    onStack[n] = depth;
    lows.push(low);
    low = MAX_DEPTH + 1;
    return true;
  }
  function leave(n: number, depth: number, ok: boolean): boolean {
    onStack[n] = -1;
    if (!ok && low >= depth) dead[n] = stateId;
    const outer = lows.pop() as number;
    if (outer < low) low = outer;
    return ok;
  }

  /** a desk of site s at hs[k] free (by moves), true when done */
  function freeDesk(s: number, k: number, depth: number): boolean {
    if (deskFree(s, k)) return true;
    const n = k * nS + s;
    if (deskUse[n] === 0 || !enter(n, depth)) return false;
    const from = needyCount[n];
    const to = needyCount[n + 1];
    // a desk-holder who can go remote at once, else through a chain
    for (let i = from; i < to; i++) {
      step();
      const d = needy[i];
      const p = pool[d * K + k];
      if (p >= 0 && modes[d * nH + hs[k]] === MODE_S && budget[d] > 0 && seatOpen(p, k, std(d))) {
        set(d, k, MODE_R);
        return leave(n, depth, true);
      }
    }
    const failed = new Set<number>();
    for (let i = from; i < to; i++) {
      step();
      const d = needy[i];
      if (pool[d * K + k] < 0 || modes[d * nH + hs[k]] !== MODE_S) continue;
      const like = likeness(d);
      if (failed.has(like)) continue;
      if (toRemote(d, k, depth + 1)) return leave(n, depth, true);
      failed.add(like);
    }
    return leave(n, depth, false);
  }

  /** agent a (S or N at hs[k], with a pool) remote at hs[k] (by moves), true when done */
  function toRemote(a: number, k: number, depth: number): boolean {
    const p = pool[a * K + k];
    const standard = std(a);
    const open = seatOpen(p, k, standard);
    if (open && budget[a] > 0) {
      set(a, k, MODE_R);
      return true;
    }
    if (budget[a] < 0 || (!open && dead[seatNode(p, k, standard)] === stateId)) return false;
    const mark = log.length;
    if (budget[a] === 0 && !freeBudget(a, k, depth + 1)) return false;
    // (the chains may have used the unit or the seat: both checked again)
    if ((!seatOpen(p, k, standard) && !freeSeat(p, k, standard, depth + 1)) || budget[a] <= 0 || !seatOpen(p, k, standard)) {
      undo(mark);
      return false;
    }
    set(a, k, MODE_R);
    return true;
  }

  /** a seat of pool p at hs[k] open (to a STANDARD agent when `standard`), true when done */
  function freeSeat(p: number, k: number, standard: boolean, depth: number): boolean {
    if (seatOpen(p, k, standard)) return true;
    const n = seatNode(p, k, standard);
    if (!enter(n, depth)) return false;
    const needStd = standard && stdUse[k * nP + p] >= stdFree[k * nP + p];
    const from = seatCount[k * nP + p];
    const to = seatCount[k * nP + p + 1];
    for (let pass = 0; pass < 3; pass++) {
      const failed = new Set<number>();
      for (let i = from; i < to; i++) {
        step();
        const c = seatList[i];
        if (modes[c * nH + hs[k]] !== MODE_R || (needStd && !std(c))) continue;
        const s = ctx.agentSite[c];
        const like = pass === 0 ? 0 : likeness(c);
        if (pass > 0 && failed.has(like)) continue;
        const mark = log.length;
        if (pass < 2) {
          // the seat-holder on site: a desk free at once (pass 0), or freed by a chain (pass 1)
          if (pass === 0 && !deskFree(s, k)) continue;
          if (pass === 1 && !freeDesk(s, k, depth + 1)) {
            failed.add(like);
            continue;
          }
          set(c, k, MODE_S);
        } else {
          // (pass 2) the seat-holder without a workplace here, remote instead on another event
          // half-day where it is N: its budget unit moves with it
          if (!isShort[k * nS + s] || !movesTo(c, k, depth + 1)) {
            failed.add(like);
            continue;
          }
        }
        if (seatOpen(p, k, standard)) return leave(n, depth, true);
        undo(mark);
        failed.add(like);
      }
    }
    return leave(n, depth, false);
  }

  /** agent c, remote at hs[k], N there and remote instead on another event half-day where it is N; true when done */
  function movesTo(c: number, k: number, depth: number): boolean {
    const n = moveNode(c);
    if (!enter(n, depth)) return false;
    const mark = log.length;
    set(c, k, MODE_N);
    for (let k2 = 0; k2 < K; k2++) {
      step();
      if (k2 === k || c * K + k2 === target || modes[c * nH + hs[k2]] !== MODE_N || pool[c * K + k2] < 0) continue;
      if (toRemote(c, k2, depth + 1)) return leave(n, depth, true);
    }
    undo(mark);
    return leave(n, depth, false);
  }

  /** one remote half-day of agent a's week given back (on another event half-day than hs[notK]), true when done */
  function freeBudget(a: number, notK: number, depth: number): boolean {
    const n = budgetNode(a);
    if (!enter(n, depth)) return false;
    const s = ctx.agentSite[a];
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < K; k++) {
        step();
        if (k === notK || modes[a * nH + hs[k]] !== MODE_R) continue;
        if (pass === 0) {
          if (!deskFree(s, k)) continue;
          set(a, k, MODE_S);
          return leave(n, depth, true);
        }
        // its seat there given up first: the chain freeing its desk may use it (then it is S
        // there); else the seat goes to an agent N there who can take it (then it is N there)
        const mark = log.length;
        set(a, k, MODE_N);
        if (freeDesk(s, k, depth + 1)) {
          set(a, k, MODE_S);
          return leave(n, depth, true);
        }
        if (isShort[k * nS + s] && seatTaken(a, k, depth + 1)) return leave(n, depth, true);
        undo(mark);
      }
    }
    return leave(n, depth, false);
  }

  /** the seat agent a just gave up at hs[k] taken by an agent N there (by moves); true when done */
  function seatTaken(a: number, k: number, depth: number): boolean {
    const p = pool[a * K + k];
    const from = seatCount[k * nP + p];
    const to = seatCount[k * nP + p + 1];
    // an agent with budget left takes it at once (counted: most often there is none), else one
    // whose budget unit a chain gives back
    const failed = new Set<number>();
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 0 && ready[k * nP + p] - (budget[a] > 0 ? 1 : 0) <= 0) continue;
      for (let i = from; i < to; i++) {
        step();
        const y = seatList[i];
        if (y === a || y * K + k === target || modes[y * nH + hs[k]] !== MODE_N || (pass === 0 ? budget[y] <= 0 : budget[y] !== 0) || !seatOpen(p, k, std(y))) continue;
        const like = likeness(y);
        if (failed.has(like)) continue;
        if (toRemote(y, k, depth + 1)) return true;
        failed.add(like);
      }
    }
    return false;
  }

  // the agents left N, by tier, the most N first, then in time and agent order
  pending.sort((x, y) => {
    const ax = Math.floor(x / K);
    const ay = Math.floor(y / K);
    return ctx.tierRank[ax] - ctx.tierRank[ay] || nCount[ay] - nCount[ax] || (x % K) - (y % K) || ax - ay;
  });
  let repaired = 0;
  // an N alike to one that found no chain in this very state finds none either
  const failedIn = new Map<number, number>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const key of pending) {
      const a = Math.floor(key / K);
      const k = key % K;
      if (modes[a * nH + hs[k]] !== MODE_N) continue;
      if (steps >= weekEnd) return repaired;
      const like = likeness(a) * K + k;
      if (failedIn.get(like) === stateId) continue;
      attempt++;
      attemptEnd = Math.min(weekEnd, steps + ATTEMPT_STEPS);
      const mark = log.length;
      const before = nNow;
      target = key;
      let done = false;
      try {
        if (freeDesk(ctx.agentSite[a], k, 0)) {
          set(a, k, MODE_S);
          done = true;
        } else done = pool[key] >= 0 && toRemote(a, k, 0);
        // (a chain that only moved an N elsewhere is no repair)
        done = done && nNow < before;
      } catch (e) {
        if (!(e instanceof OutOfSteps)) throw e;
        lows.length = 0;
        low = MAX_DEPTH + 1;
      }
      if (!done) {
        undo(mark);
        failedIn.set(like, stateId);
        continue;
      }
      repaired++;
      progress = true;
      log.length = 0;
      stateIds.length = 0;
    }
  }
  return repaired;
}
