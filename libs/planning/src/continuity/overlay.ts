import type { NoWorkplaceWhy, Refusal } from '@telework/contracts';
import { recordText } from '@telework/contracts';
import { refusedEntry } from '../allocation/reasons';
import { MODE_O, MODE_R, MODE_S } from '../allocation/allocate';
import { carriedRemoteOf, PlanningContext, STANDARD_RANK, works } from '../model/context';
import { EventOutcome, NoWorkplaceEntry, PlanRequest } from '../model/plan';
import { EventDays, eventLabel, extraPoolAt, inRegimeAt, mustStayAt } from './event-days';
import { Dinic } from '../flow/dinic';
import { repairWeek } from './week-repair';

/** N: without a workplace during a continuity event (plan letter N) */
export const MODE_N = 3;

export interface OverlayResult {
  /** every N, in agent then time order */
  noWorkplace: NoWorkplaceEntry[];
  /** the plan's request entries, those on event half-days restated */
  requests: PlanRequest[];
  /** one per event meeting the horizon */
  events: EventOutcome[];
}

interface NoWorkplaceAt {
  agent: number;
  h: number;
  event: number;
  why: NoWorkplaceWhy;
}

/**
 * Replans the event half-days of the baseline `modes` (in place): per ISO week, per event
 * half-day in time order, every working agent gets S, R or N (O stays O).
 *
 * 1. Agents who must stay on site: S (above the site's event capacity if need be).
 * 2. Coverage: the agents of listed sites whose demand exceeds the desks left need a desk or a
 *    seat. Agents of the same site, pool, STANDARD share and ability to telework are
 *    interchangeable: they form one type, and the coverage is a flow from types to desks and
 *    seats (a few hundred nodes). The classes of equal priority (tier, then the most N so far in
 *    the events: the one who goes without is the one with the fewest N so far, then preferring R)
 *    are added in turn, each by an incremental maximum flow: a covered agent is never uncovered,
 *    so the set covered is a maximum coverage, lexicographically best by priority (a transversal
 *    matroid's greedy). Inside a type, the seats go to the agents who prefer R.
 * 3. Seats left: to the agents who prefer R (an approved REMOTE request, then a regime's scope,
 *    then R in the baseline), by tier and fewest R so far, keeping for each the weekly budget its
 *    coming event half-days of the week need where its site is short of desks.
 * 4. Each N gets its reason with the half-day's final figures; approved requests on event
 *    half-days are GRANTED when the agent ends as asked, else REFUSED with the reason.
 */
export function overlayEvents(ctx: PlanningContext, days: EventDays, modes: Uint8Array, baseRequests: PlanRequest[]): OverlayResult {
  const { nA, nH, nP, nS, snapshot } = ctx;
  const nW = ctx.weeks.length;
  const events = snapshot.events ?? [];

  // approved requests on the event half-days the agent works
  const wantsRemote = new Uint8Array(nA * nH);
  const wantsOnSite = new Uint8Array(nA * nH);
  snapshot.requests.forEach((r) => {
    if (r.status !== 'APPROVED') return;
    const a = ctx.agentIndex.get(r.agentId) as number;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (h === undefined || !days.isEvent[h] || !works(ctx, a, h)) return;
    if (r.kind === 'REMOTE') wantsRemote[a * nH + h] = 1;
    else wantsOnSite[a * nH + h] = 1;
  });

  const nCount = new Int32Array(nA);
  const eventR = new Int32Array(nA);
  const noWorkplace: NoWorkplaceAt[] = [];
  const remoteRefusal = new Map<number, Refusal>();
  const budget = new Int32Array(nA);
  const futureShort = new Int32Array(nA);
  const poolNow = new Int32Array(nA);
  const baseline = new Uint8Array(nA);
  const rank = new Int32Array(nA);

  for (const week of ctx.weeks) {
    const eventHalfDays = week.halfDays.filter((h) => days.isEvent[h]);
    if (eventHalfDays.length === 0) continue;
    const w = week.index;
    for (let a = 0; a < nA; a++) {
      // R outside the event half-days, a cut week's frozen part included (the whole ISO week's budget)
      let r = carriedRemoteOf(ctx, a, w);
      for (const h of week.halfDays) if (!days.isEvent[h] && modes[a * nH + h] === MODE_R) r++;
      budget[a] = days.weeklyMax[a * nW + w] - r;
    }
    // which listed sites are short of desks on each event half-day (demand beyond the desks left)
    futureShort.fill(0);
    const demandBy = eventHalfDays.map((h) => {
      const demand = siteDemand(ctx, days, h);
      for (let a = 0; a < nA; a++) {
        if (demand.short[ctx.agentSite[a]] && works(ctx, a, h) && !mustStayAt(days, a, h)) futureShort[a]++;
      }
      return demand;
    });
    // weekly budgets may bind: an agent short of a desk on more half-days than its budget
    let mayBind = false;
    for (let a = 0; a < nA && !mayBind; a++) if (futureShort[a] > Math.max(0, budget[a])) mayBind = true;

    let anyN = false;
    eventHalfDays.forEach((h, k) => {
      const short = demandBy[k].short;
      for (let a = 0; a < nA; a++) {
        if (short[ctx.agentSite[a]] && works(ctx, a, h) && !mustStayAt(days, a, h)) futureShort[a]--;
      }
      if (planHalfDay(h)) anyN = true;
    });
    // the greedy's budgets spent in time order: chains of moves across the week's event half-days
    if (mayBind && anyN && eventHalfDays.length > 1) {
      repairWeek({
        ctx, days, modes, hs: eventHalfDays, desks: demandBy.map((d) => d.desks), short: demandBy.map((d) => d.short),
        budget, eventR, nCount, wantsRemote, wantsOnSite,
      });
    }
    for (const h of eventHalfDays) reasonsAt(h, w);
  }

  /** The greedy pass on event half-day h; true when some agent is left N. */
  function planHalfDay(h: number): boolean {
    const { desks, short } = siteDemand(ctx, days, h);
    const seatFree = new Int32Array(nP);
    const stdFree = new Int32Array(nP);
    for (let p = 0; p < nP; p++) {
      seatFree[p] = Math.max(0, days.poolCap[p][h] - ctx.reserved[p][h]);
      stdFree[p] = Math.max(0, days.poolCap[p][h] - ctx.reserve[p] - ctx.reserved[p][h]);
    }
    const seatUse = new Int32Array(nP);
    const stdUse = new Int32Array(nP);
    const deskUse = new Int32Array(nS);
    const regime = new Uint8Array(nA);
    const coverage: number[] = [];
    const others: number[] = [];
    for (let a = 0; a < nA; a++) {
      const key = a * nH + h;
      baseline[a] = modes[key];
      if (modes[key] === MODE_O) continue;
      poolNow[a] = ctx.eligible[a] && ctx.agentPool[a] >= 0 ? ctx.agentPool[a] : extraPoolAt(days, a, h);
      regime[a] = inRegimeAt(days, a, h) ? 1 : 0;
      modes[key] = MODE_S;
      if (mustStayAt(days, a, h)) continue;
      if (short[ctx.agentSite[a]]) coverage.push(a);
      else others.push(a);
    }
    const mayR = (a: number) => poolNow[a] >= 0 && budget[a] > 0;
    const prefersR = (a: number) => wantsRemote[a * nH + h] === 1 || regime[a] === 1 || baseline[a] === MODE_R;

    // --- coverage: the flow from agent types to desks and seats, class by class of priority
    // (coverage is in agent order: ties keep it)
    const classKey = (a: number) => (ctx.tierRank[a] * 4096 + (4095 - Math.min(nCount[a], 4095))) * 2 + (prefersR(a) ? 0 : 1);
    const sorted = sortByKey(coverage, classKey);
    for (let i = 0; i < sorted.length; i++) coverage[i] = sorted[i];
    const typeIndex = new Map<number, number>();
    const typeSite: number[] = [];
    const typePool: number[] = [];
    const typeStd: number[] = [];
    const typeOf = new Int32Array(coverage.length);
    coverage.forEach((a, i) => {
      rank[a] = i;
      const site = ctx.agentSite[a];
      const p = mayR(a) ? poolNow[a] : -1;
      const std = p >= 0 && ctx.tierRank[a] === STANDARD_RANK ? 1 : 0;
      const key = (site * (nP + 1) + (p + 1)) * 2 + std;
      let t = typeIndex.get(key);
      if (t === undefined) {
        t = typeSite.length;
        typeIndex.set(key, t);
        typeSite.push(site);
        typePool.push(p);
        typeStd.push(std);
      }
      typeOf[i] = t;
    });
    const nT = typeSite.length;
    const SOURCE = 0;
    const SINK = 1;
    const deskNode = new Int32Array(nS).fill(-1);
    let nodes = 2 + 2 * nP;
    for (let x = 0; x < nS; x++) if (short[x]) deskNode[x] = nodes++;
    const typeNode0 = nodes;
    const net = new Dinic(nodes + nT);
    for (let p = 0; p < nP; p++) {
      net.addEdge(2 + p, SINK, seatFree[p]);
      net.addEdge(2 + nP + p, 2 + p, stdFree[p]);
    }
    for (let x = 0; x < nS; x++) if (deskNode[x] >= 0) net.addEdge(deskNode[x], SINK, desks[x]);
    const sourceEdge = new Int32Array(nT);
    const seatEdge = new Int32Array(nT).fill(-1);
    for (let t = 0; t < nT; t++) {
      const node = typeNode0 + t;
      sourceEdge[t] = net.addEdge(SOURCE, node, 0);
      net.addEdge(node, deskNode[typeSite[t]], nA);
      const p = typePool[t];
      if (p >= 0) seatEdge[t] = net.addEdge(node, typeStd[t] ? 2 + nP + p : 2 + p, nA);
    }
    // classes of equal priority (tier, N so far, preferring R) in turn: each maximum flow keeps
    // what the classes before covered (flow out of the source never falls) and covers the most of
    // this one; a type short in a class gets nothing more later (transversal matroid), so the
    // agents covered in a type are the first of its agents in priority order
    const wanted = new Int32Array(nT);
    for (let i = 0; i < coverage.length; ) {
      const x = coverage[i];
      let j = i;
      while (j < coverage.length) {
        if (classKey(coverage[j]) !== classKey(x)) break;
        wanted[typeOf[j]]++;
        j++;
      }
      for (let k = i; k < j; k++) {
        const t = typeOf[k];
        if (wanted[t] > 0) {
          net.setCapacity(sourceEdge[t], net.flow(sourceEdge[t]) + net.residual(sourceEdge[t]) + wanted[t]);
          wanted[t] = 0;
        }
      }
      net.maxFlow(SOURCE, SINK);
      i = j;
    }
    const covered: number[][] = typeSite.map(() => []);
    const coveredCount = Int32Array.from({ length: nT }, (_, t) => net.flow(sourceEdge[t]));
    const uncoveredBySite = new Map<number, number[]>();
    coverage.forEach((a, i) => {
      const t = typeOf[i];
      if (covered[t].length < coveredCount[t]) {
        covered[t].push(a);
        return;
      }
      modes[a * nH + h] = MODE_N;
      const site = ctx.agentSite[a];
      const list = uncoveredBySite.get(site);
      if (list) list.push(a);
      else uncoveredBySite.set(site, [a]);
    });
    for (let t = 0; t < nT; t++) {
      const seats = seatEdge[t] < 0 ? 0 : net.flow(seatEdge[t]);
      if (seats > 0) {
        // seats first to: no ON_SITE request, a REMOTE request, preferring R, the most budget to spare
        const order = sortByKey(covered[t], (x) =>
          ((wantsOnSite[x * nH + h] * 2 + (1 - wantsRemote[x * nH + h])) * 2 + (prefersR(x) ? 0 : 1)) * 64 +
          (32 - Math.max(-31, Math.min(32, budget[x] - futureShort[x]))));
        for (let i = 0; i < seats; i++) setRemote(order[i]);
      }
      for (const a of covered[t]) if (modes[a * nH + h] === MODE_S) deskUse[ctx.agentSite[a]]++;
    }

    function setRemote(a: number): void {
      modes[a * nH + h] = MODE_R;
      const p = poolNow[a];
      seatUse[p]++;
      if (ctx.tierRank[a] === STANDARD_RANK) stdUse[p]++;
      budget[a]--;
      eventR[a]++;
    }

    // --- an approved ON_SITE request left remote at a short site: a free desk, else a desk-holder
    // of its site who can take its seat instead (the coverage's split between desks and seats is
    // free inside what it covers)
    let gaveBack = false;
    let holders: Map<number, number[]> | null = null;
    for (const a of coverage) {
      if (modes[a * nH + h] !== MODE_R || !wantsOnSite[a * nH + h]) continue;
      const s = ctx.agentSite[a];
      const p = poolNow[a];
      const stdA = ctx.tierRank[a] === STANDARD_RANK;
      let swap = -1;
      if (deskUse[s] >= desks[s]) {
        if (!holders) {
          holders = new Map();
          for (const j of coverage) {
            const key = j * nH + h;
            if (modes[key] !== MODE_S || wantsOnSite[key] || !mayR(j)) continue;
            const list = holders.get(ctx.agentSite[j]);
            if (list) list.push(j);
            else holders.set(ctx.agentSite[j], [j]);
          }
        }
        swap = (holders.get(s) ?? []).find((j) =>
          modes[j * nH + h] === MODE_S && poolNow[j] === p && (ctx.tierRank[j] !== STANDARD_RANK || stdA || stdUse[p] < stdFree[p])) ?? -1;
        if (swap < 0) continue;
      } else {
        gaveBack = true;
      }
      modes[a * nH + h] = MODE_S;
      seatUse[p]--;
      if (stdA) stdUse[p]--;
      budget[a]++;
      eventR[a]--;
      if (swap >= 0) setRemote(swap);
      else deskUse[s]++;
    }

    // a seat an ON_SITE request gave back: to the first agent without a workplace who can take it
    const waiting = gaveBack ? [...uncoveredBySite.values()].flat().sort((x, y) => rank[x] - rank[y]) : [];
    for (const a of waiting) {
      const key = a * nH + h;
      const p = poolNow[a];
      if (modes[key] !== MODE_N || !mayR(a) || seatUse[p] >= seatFree[p]) continue;
      if (ctx.tierRank[a] === STANDARD_RANK && stdUse[p] >= stdFree[p]) continue;
      setRemote(a);
      const list = uncoveredBySite.get(ctx.agentSite[a]) as number[];
      list.splice(list.indexOf(a), 1);
    }

    // approved ON_SITE requests still remote at a short site, by site
    const askedOnSite = new Map<number, number[]>();
    for (const a of coverage) {
      if (modes[a * nH + h] !== MODE_R || !wantsOnSite[a * nH + h]) continue;
      const list = askedOnSite.get(ctx.agentSite[a]);
      if (list) list.push(a);
      else askedOnSite.set(ctx.agentSite[a], [a]);
    }

    // --- seats left: to the agents who prefer R
    const candidates: number[] = [];
    for (const list of [coverage, others]) {
      for (const a of list) {
        const key = a * nH + h;
        if (modes[key] === MODE_S && mayR(a) && prefersR(a) && !wantsOnSite[key]) candidates.push(a);
      }
    }
    candidates.sort((x, y) => x - y);
    const byPreference = sortByKey(candidates, (x) =>
      (((1 - wantsRemote[x * nH + h]) * 2 + (1 - regime[x])) * 2 + (baseline[x] === MODE_R ? 0 : 1)) * 4 * 4096 +
      ctx.tierRank[x] * 4096 + Math.min(eventR[x], 4095));
    for (const a of byPreference) {
      const p = poolNow[a];
      if (seatUse[p] >= seatFree[p]) continue;
      if (ctx.tierRank[a] === STANDARD_RANK && stdUse[p] >= stdFree[p]) continue;
      if (!wantsRemote[a * nH + h] && budget[a] - 1 < futureShort[a]) continue;
      setRemote(a);
      const s = ctx.agentSite[a];
      if (!short[s]) continue;
      // a desk freed at a short site: the first agent without one takes it, else an approved
      // ON_SITE request left remote there (its seat then to the first agent without a workplace)
      const waiting = uncoveredBySite.get(s);
      const next = waiting?.shift();
      if (next !== undefined) {
        modes[next * nH + h] = MODE_S;
        continue;
      }
      const asked = askedOnSite.get(s)?.shift();
      if (asked === undefined) {
        deskUse[s]--;
        continue;
      }
      const q = poolNow[asked];
      modes[asked * nH + h] = MODE_S;
      seatUse[q]--;
      if (ctx.tierRank[asked] === STANDARD_RANK) stdUse[q]--;
      budget[asked]++;
      eventR[asked]--;
      const taker = [...uncoveredBySite.values()].flat().sort((x, y) => rank[x] - rank[y]).find((x) =>
        modes[x * nH + h] === MODE_N && mayR(x) && poolNow[x] === q && (ctx.tierRank[x] !== STANDARD_RANK || stdUse[q] < stdFree[q]));
      if (taker !== undefined) {
        setRemote(taker);
        const list = uncoveredBySite.get(ctx.agentSite[taker]) as number[];
        list.splice(list.indexOf(taker), 1);
      }
    }

    let left = false;
    for (const list of uncoveredBySite.values()) {
      for (const a of list) nCount[a]++;
      if (list.length > 0) left = true;
    }
    return left;
  }

  /** Each N of event half-day h gets its reason, and each REMOTE request not granted its refusal, with the final figures. */
  function reasonsAt(h: number, w: number): void {
    const siteCaps = days.siteCap[h];
    const seatUse = new Int32Array(nP);
    const stdUse = new Int32Array(nP);
    const poolAt = (a: number) => (ctx.eligible[a] && ctx.agentPool[a] >= 0 ? ctx.agentPool[a] : extraPoolAt(days, a, h));
    for (let a = 0; a < nA; a++) {
      if (modes[a * nH + h] !== MODE_R) continue;
      const p = poolAt(a);
      seatUse[p]++;
      if (ctx.tierRank[a] === STANDARD_RANK) stdUse[p]++;
    }
    const hd = ctx.halfDays[h];
    for (let a = 0; a < nA; a++) {
      if (modes[a * nH + h] !== MODE_N) continue;
      const s = ctx.agentSite[a];
      const cap = siteCaps.get(s) as { capacity: number; event: number };
      const site = snapshot.sites[s];
      const base = {
        event: eventLabel(events[cap.event]), site: site.name ?? site.id, siteCapacity: cap.capacity, date: hd.date, period: hd.period,
      };
      noWorkplace.push({ agent: a, h, event: cap.event, why: whyOf(a, base) });
    }
    // restated REMOTE requests that did not end R
    for (let a = 0; a < nA; a++) {
      const key = a * nH + h;
      if (!wantsRemote[key] || modes[key] === MODE_R) continue;
      if (mustStayAt(days, a, h)) {
        const k = days.covering[h].find((e) => days.mustStay[e]?.[a]) as number;
        remoteRefusal.set(key, { code: 'EVENT_ON_SITE', event: eventLabel(events[k]), date: hd.date, period: hd.period });
      } else if (!(wantsOnSite[key] && modes[key] === MODE_S)) {
        // (S with an approved ON_SITE request there: refused as ON_SITE_REQUEST below)
        remoteRefusal.set(key, refusalOf(snapshot.agents[a].id, whyOf(a, { event: '', site: '', siteCapacity: 0, date: hd.date, period: hd.period })));
      }
    }

    function whyOf(a: number, base: { event: string; site: string; siteCapacity: number; date: string; period: 'AM' | 'PM' }): NoWorkplaceWhy {
      const p = poolAt(a);
      if (p < 0) return { code: 'NO_WORKPLACE_NOT_ELIGIBLE', ...base };
      if (budget[a] <= 0) return { code: 'NO_WORKPLACE_WEEKLY_MAX', ...base, max: days.weeklyMax[a * nW + w], week: ctx.weeks[w].isoWeek };
      const capacity = days.poolCap[p][h];
      const reserved = ctx.reserved[p][h];
      const pool = snapshot.pools[p].id;
      if (seatUse[p] + reserved >= capacity) {
        return { code: 'NO_WORKPLACE_POOL_FULL', ...base, pool, used: seatUse[p] + reserved, capacity, reserved };
      }
      const reserve = ctx.reserve[p];
      if (ctx.tierRank[a] === STANDARD_RANK && stdUse[p] + reserved >= capacity - reserve) {
        return { code: 'NO_WORKPLACE_STANDARD_SHARE', ...base, pool, used: stdUse[p] + reserved, open: capacity - reserve, capacity, reserve };
      }
      throw new Error(`continuity overlay: ${snapshot.agents[a].id} has no reason to be without a seat on ${hd.key}`);
    }
  }

  const regranted = regrantFreedWeeks(ctx, days, modes, baseRequests);

  // restated requests
  const requests = regranted.map((entry, k): PlanRequest => {
    const r = snapshot.requests[k];
    if (r.status !== 'APPROVED') return entry;
    const a = ctx.agentIndex.get(r.agentId) as number;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (h === undefined || !days.isEvent[h] || !works(ctx, a, h)) return entry;
    const key = a * nH + h;
    const mode = modes[key];
    if (r.kind === 'REMOTE') {
      if (mode === MODE_R) return { id: r.id, status: 'GRANTED' };
      const refusal = remoteRefusal.get(key) ?? { code: 'ON_SITE_REQUEST', agent: r.agentId, date: r.date, period: r.period };
      return refusedEntry(r.id, refusal);
    }
    if (mode === MODE_S) return { id: r.id, status: 'GRANTED' };
    const s = ctx.agentSite[a];
    const cap = days.siteCap[h].get(s) as { capacity: number; event: number };
    const site = snapshot.sites[s];
    return refusedEntry(r.id, {
      code: 'EVENT_SITE_FULL', event: eventLabel(events[cap.event]), site: site.name ?? site.id, siteCapacity: cap.capacity, date: r.date, period: r.period,
    });
  });

  noWorkplace.sort((x, y) => x.agent - y.agent || x.h - y.h);
  const entries: NoWorkplaceEntry[] = noWorkplace.map((n) => ({
    agentId: snapshot.agents[n.agent].id,
    date: ctx.halfDays[n.h].date,
    period: ctx.halfDays[n.h].period,
    eventId: events[n.event].id,
    reason: recordText(n.why),
    why: n.why,
  }));
  return { noWorkplace: entries, requests, events: eventOutcomes(ctx, days, modes) };
}

/**
 * A REMOTE request refused in the baseline for the weekly max, on a normal half-day of a week
 * with event half-days, may find room once the events kept the agent on site or without a
 * workplace there: it is granted when its week is now under the agent's own weekly max and its
 * pool has a seat on that half-day, else refused with the pool's figures. Other refusals still
 * hold: the normal half-days keep their seats and modes.
 */
function regrantFreedWeeks(ctx: PlanningContext, days: EventDays, modes: Uint8Array, entries: PlanRequest[]): PlanRequest[] {
  const { nH, snapshot } = ctx;
  let out = entries;
  const useAt = new Map<number, { all: Int32Array; std: Int32Array }>();
  const usage = (h: number) => {
    let u = useAt.get(h);
    if (!u) {
      u = { all: new Int32Array(ctx.nP), std: new Int32Array(ctx.nP) };
      for (let a = 0; a < ctx.nA; a++) {
        const p = ctx.agentPool[a];
        if (modes[a * nH + h] !== MODE_R || p < 0 || !ctx.eligible[a]) continue;
        u.all[p]++;
        if (ctx.tierRank[a] === STANDARD_RANK) u.std[p]++;
      }
      useAt.set(h, u);
    }
    return u;
  };
  let sameHalfDay: Map<string, number[]> | null = null;
  const order = entries.map((_, k) => k).filter((k) => entries[k].status === 'REFUSED' && entries[k].refusal?.code === 'WEEKLY_MAX');
  order.sort((x, y) =>
    ctx.tierRank[ctx.agentIndex.get(snapshot.requests[x].agentId) as number] - ctx.tierRank[ctx.agentIndex.get(snapshot.requests[y].agentId) as number] || x - y);
  for (const k of order) {
    const r = snapshot.requests[k];
    const a = ctx.agentIndex.get(r.agentId) as number;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (h === undefined || days.isEvent[h]) continue;
    const week = ctx.weeks[ctx.weekOf[h]];
    if (!week.halfDays.some((x) => days.isEvent[x])) continue;
    let inWeek = carriedRemoteOf(ctx, a, week.index);
    for (const x of week.halfDays) if (modes[a * nH + x] === MODE_R) inWeek++;
    if (inWeek >= ctx.weeklyMax[a] || modes[a * nH + h] === MODE_R) continue;
    const p = ctx.agentPool[a];
    const u = usage(h);
    const cap = ctx.cap[p][h];
    const reserved = ctx.reserved[p][h];
    const std = ctx.tierRank[a] === STANDARD_RANK;
    if (out === entries) out = [...entries];
    const hd = ctx.halfDays[h];
    if (u.all[p] + reserved >= cap) {
      out[k] = refusedEntry(r.id, { code: 'POOL_FULL', pool: snapshot.pools[p].id, date: hd.date, period: hd.period, used: u.all[p] + reserved, capacity: cap, reserved });
    } else if (std && u.std[p] + reserved >= cap - ctx.reserve[p]) {
      out[k] = refusedEntry(r.id, {
        code: 'STANDARD_SHARE_FULL', pool: snapshot.pools[p].id, date: hd.date, period: hd.period,
        used: u.std[p] + reserved, open: cap - ctx.reserve[p], capacity: cap, reserve: ctx.reserve[p],
      });
    } else {
      modes[a * nH + h] = MODE_R;
      u.all[p]++;
      if (std) u.std[p]++;
      if (!sameHalfDay) {
        sameHalfDay = new Map();
        snapshot.requests.forEach((q, j) => {
          if (q.kind !== 'REMOTE' || q.status !== 'APPROVED') return;
          const key = `${q.agentId}|${q.date}${q.period}`;
          const list = sameHalfDay?.get(key);
          if (list) list.push(j);
          else sameHalfDay?.set(key, [j]);
        });
      }
      for (const j of sameHalfDay.get(`${r.agentId}|${r.date}${r.period}`) ?? []) out[j] = { id: snapshot.requests[j].id, status: 'GRANTED' };
    }
  }
  return out;
}

/** `items` sorted by `key(item)` ascending (small non-negative integers), ties in their order: a counting sort. */
function sortByKey(items: number[], key: (x: number) => number): number[] {
  const n = items.length;
  const keys = new Int32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    keys[i] = key(items[i]);
    if (keys[i] > max) max = keys[i];
  }
  const start = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) start[keys[i] + 1]++;
  for (let k = 1; k <= max + 1; k++) start[k] += start[k - 1];
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[start[keys[i]]++] = items[i];
  return out;
}

/** Per site at h: desks left after the agents who must stay, and whether the other agents there exceed them. */
function siteDemand(ctx: PlanningContext, days: EventDays, h: number): { desks: Int32Array; short: Uint8Array } {
  const { nA, nS } = ctx;
  const desks = new Int32Array(nS);
  const short = new Uint8Array(nS);
  const mustCount = new Int32Array(nS);
  const demand = new Int32Array(nS);
  const caps = days.siteCap[h];
  if (caps.size === 0) return { desks, short };
  for (let a = 0; a < nA; a++) {
    const s = ctx.agentSite[a];
    if (!caps.has(s) || !works(ctx, a, h)) continue;
    if (mustStayAt(days, a, h)) mustCount[s]++;
    else demand[s]++;
  }
  for (const [s, { capacity }] of caps) {
    desks[s] = Math.max(0, capacity - mustCount[s]);
    short[s] = demand[s] > desks[s] ? 1 : 0;
  }
  return { desks, short };
}

/** A refused REMOTE request's reason from the reason the agent has no seat. */
function refusalOf(agent: string, why: NoWorkplaceWhy): Refusal {
  switch (why.code) {
    case 'NO_WORKPLACE_NOT_ELIGIBLE':
      return { code: 'NOT_ELIGIBLE', agent };
    case 'NO_WORKPLACE_WEEKLY_MAX':
      return { code: 'WEEKLY_MAX', max: why.max, week: why.week };
    case 'NO_WORKPLACE_POOL_FULL':
      return { code: 'POOL_FULL', pool: why.pool, date: why.date, period: why.period, used: why.used, capacity: why.capacity, reserved: why.reserved };
    case 'NO_WORKPLACE_STANDARD_SHARE':
      return {
        code: 'STANDARD_SHARE_FULL', pool: why.pool, date: why.date, period: why.period,
        used: why.used, open: why.open, capacity: why.capacity, reserve: why.reserve,
      };
  }
}

/** Agent-half-days by mode over each event's half-days. */
export function eventOutcomes(ctx: PlanningContext, days: EventDays, modes: Uint8Array): EventOutcome[] {
  const events = ctx.snapshot.events ?? [];
  const { nA, nH } = ctx;
  return days.active.map((k) => {
    let onSite = 0;
    let remote = 0;
    let none = 0;
    let agents = 0;
    for (let a = 0; a < nA; a++) {
      let without = false;
      for (const h of days.halfDaysOf[k]) {
        const m = modes[a * nH + h];
        if (m === MODE_S) onSite++;
        else if (m === MODE_R) remote++;
        else if (m === MODE_N) {
          none++;
          without = true;
        }
      }
      if (without) agents++;
    }
    return { id: events[k].id, halfDays: days.halfDaysOf[k].length, onSite, remote, noWorkplace: none, agentsWithoutWorkplace: agents };
  });
}
