import type { NoWorkplaceWhy, Refusal } from '@telework/contracts';
import { recordText } from '@telework/contracts';
import { refusedEntry } from '../allocation/reasons';
import { MODE_O, MODE_R, MODE_S } from '../allocation/allocate';
import { PlanningContext, STANDARD_RANK, works } from '../model/context';
import { EventOutcome, NoWorkplaceEntry, PlanRequest } from '../model/plan';
import { EventDays, eventLabel, extraPoolAt, inRegimeAt, mustStayAt } from './event-days';
import { SeatGraph } from './seat-graph';

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
 *    seats. Agents are added one at a time in priority order (tier, then the most N so far in the
 *    events: the one who goes without is the one with the fewest N so far, then preferring R) along
 *    an augmenting path; a covered agent is never uncovered, and a type that fails once fails for
 *    every later agent of the half-day (a transversal matroid), so the set covered is a maximum
 *    coverage, best by priority. Inside a type, the seats go to the agents who prefer R.
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
      let r = 0;
      for (const h of week.halfDays) if (!days.isEvent[h] && modes[a * nH + h] === MODE_R) r++;
      budget[a] = days.weeklyMax[a * nW + w] - r;
    }
    // which listed sites are short of desks on each event half-day (demand beyond the desks left)
    futureShort.fill(0);
    const shortBy = eventHalfDays.map((h) => {
      const { short } = siteDemand(ctx, days, h);
      for (let a = 0; a < nA; a++) {
        if (short[ctx.agentSite[a]] && works(ctx, a, h) && !mustStayAt(days, a, h)) futureShort[a]++;
      }
      return short;
    });

    eventHalfDays.forEach((h, k) => {
      const short = shortBy[k];
      for (let a = 0; a < nA; a++) {
        if (short[ctx.agentSite[a]] && works(ctx, a, h) && !mustStayAt(days, a, h)) futureShort[a]--;
      }
      planHalfDay(h, w);
    });
  }

  function planHalfDay(h: number, w: number): void {
    const { desks, short } = siteDemand(ctx, days, h);
    const siteCaps = days.siteCap[h];
    const seatFree = new Int32Array(nP);
    const stdFree = new Int32Array(nP);
    for (let p = 0; p < nP; p++) {
      seatFree[p] = Math.max(0, days.poolCap[p][h] - ctx.reserved[p][h]);
      stdFree[p] = Math.max(0, days.poolCap[p][h] - ctx.reserve[p] - ctx.reserved[p][h]);
    }
    const seatUse = new Int32Array(nP);
    const stdUse = new Int32Array(nP);
    const deskUse = new Int32Array(nS);
    const must = new Uint8Array(nA);
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
      if (mustStayAt(days, a, h)) {
        must[a] = 1;
        continue;
      }
      if (short[ctx.agentSite[a]]) coverage.push(a);
      else others.push(a);
    }
    const mayR = (a: number) => poolNow[a] >= 0 && budget[a] > 0;
    const prefersR = (a: number) => wantsRemote[a * nH + h] === 1 || regime[a] === 1 || baseline[a] === MODE_R;

    // --- coverage: the flow from agent types to desks and seats
    const g = new SeatGraph();
    const sink = g.addNode();
    const poolNode = new Int32Array(nP);
    const stdNode = new Int32Array(nP);
    for (let p = 0; p < nP; p++) {
      poolNode[p] = g.addNode();
      g.addEdge(poolNode[p], sink, seatFree[p]);
      stdNode[p] = g.addNode();
      g.addEdge(stdNode[p], poolNode[p], stdFree[p]);
    }
    const deskNode = new Int32Array(nS).fill(-1);
    for (let s = 0; s < nS; s++) {
      if (!short[s]) continue;
      deskNode[s] = g.addNode();
      g.addEdge(deskNode[s], sink, desks[s]);
    }
    interface AgentType { node: number; deskEdge: number; seatEdge: number; dead: boolean; covered: number[] }
    const types = new Map<number, AgentType>();
    const typeOf = (a: number): AgentType => {
      const s = ctx.agentSite[a];
      const p = mayR(a) ? poolNow[a] : -1;
      const std = p >= 0 && ctx.tierRank[a] === STANDARD_RANK ? 1 : 0;
      const key = (s * (nP + 1) + (p + 1)) * 2 + std;
      let t = types.get(key);
      if (!t) {
        const node = g.addNode();
        const deskEdge = g.addEdge(node, deskNode[s], nA);
        const seatEdge = p < 0 ? -1 : g.addEdge(node, std ? stdNode[p] : poolNode[p], nA);
        t = { node, deskEdge, seatEdge, dead: false, covered: [] };
        types.set(key, t);
      }
      return t;
    };
    coverage.sort((x, y) =>
      ctx.tierRank[x] - ctx.tierRank[y] || nCount[y] - nCount[x] || Number(prefersR(y)) - Number(prefersR(x)) || x - y);
    coverage.forEach((a, i) => (rank[a] = i));
    const uncoveredBySite = new Map<number, number[]>();
    for (const a of coverage) {
      const t = typeOf(a);
      if (!t.dead && g.augment(t.node, sink)) {
        t.covered.push(a);
      } else {
        t.dead = true;
        modes[a * nH + h] = MODE_N;
        const s = ctx.agentSite[a];
        const list = uncoveredBySite.get(s);
        if (list) list.push(a);
        else uncoveredBySite.set(s, [a]);
      }
    }
    for (const t of types.values()) {
      const seats = t.seatEdge < 0 ? 0 : g.flow(t.seatEdge);
      if (seats === 0) continue;
      const order = [...t.covered].sort((x, y) =>
        wantsOnSite[x * nH + h] - wantsOnSite[y * nH + h] ||
        wantsRemote[y * nH + h] - wantsRemote[x * nH + h] ||
        Number(prefersR(y)) - Number(prefersR(x)) ||
        (budget[y] - futureShort[y]) - (budget[x] - futureShort[x]) ||
        rank[x] - rank[y]);
      for (let i = 0; i < seats; i++) setRemote(order[i]);
    }
    for (const t of types.values()) for (const a of t.covered) if (modes[a * nH + h] === MODE_S) deskUse[ctx.agentSite[a]]++;

    function setRemote(a: number): void {
      modes[a * nH + h] = MODE_R;
      const p = poolNow[a];
      seatUse[p]++;
      if (ctx.tierRank[a] === STANDARD_RANK) stdUse[p]++;
      budget[a]--;
      eventR[a]++;
    }

    // --- seats left: to the agents who prefer R
    const candidates: number[] = [];
    for (const list of [coverage, others]) {
      for (const a of list) {
        const key = a * nH + h;
        if (modes[key] === MODE_S && mayR(a) && prefersR(a) && !wantsOnSite[key]) candidates.push(a);
      }
    }
    candidates.sort((x, y) =>
      wantsRemote[y * nH + h] - wantsRemote[x * nH + h] ||
      regime[y] - regime[x] ||
      Number(baseline[y] === MODE_R) - Number(baseline[x] === MODE_R) ||
      ctx.tierRank[x] - ctx.tierRank[y] ||
      eventR[x] - eventR[y] ||
      x - y);
    for (const a of candidates) {
      const p = poolNow[a];
      if (seatUse[p] >= seatFree[p]) continue;
      if (ctx.tierRank[a] === STANDARD_RANK && stdUse[p] >= stdFree[p]) continue;
      if (!wantsRemote[a * nH + h] && budget[a] - 1 < futureShort[a]) continue;
      setRemote(a);
      const s = ctx.agentSite[a];
      if (!short[s]) continue;
      // a desk freed at a short site: the first agent without one takes it
      const waiting = uncoveredBySite.get(s);
      const next = waiting?.shift();
      if (next !== undefined) modes[next * nH + h] = MODE_S;
      else deskUse[s]--;
    }

    // --- reasons, with the half-day's final figures
    const hd = ctx.halfDays[h];
    for (const [s, list] of uncoveredBySite) {
      const cap = siteCaps.get(s) as { capacity: number; event: number };
      const site = snapshot.sites[s];
      const base = {
        event: eventLabel(events[cap.event]), site: site.name ?? site.id, siteCapacity: cap.capacity, date: hd.date, period: hd.period,
      };
      for (const a of list) {
        noWorkplace.push({ agent: a, h, event: cap.event, why: whyOf(a, base) });
        nCount[a]++;
      }
    }
    // restated REMOTE requests that did not end R
    for (let a = 0; a < nA; a++) {
      const key = a * nH + h;
      if (!wantsRemote[key] || modes[key] === MODE_R) continue;
      if (must[a]) {
        const k = days.covering[h].find((e) => days.mustStay[e]?.[a]) as number;
        remoteRefusal.set(key, { code: 'EVENT_ON_SITE', event: eventLabel(events[k]), date: hd.date, period: hd.period });
      } else if (!(wantsOnSite[key] && modes[key] === MODE_S)) {
        // (S with an approved ON_SITE request there: refused as ON_SITE_REQUEST below)
        remoteRefusal.set(key, refusalOf(snapshot.agents[a].id, whyOf(a, { event: '', site: '', siteCapacity: 0, date: hd.date, period: hd.period })));
      }
    }

    function whyOf(a: number, base: { event: string; site: string; siteCapacity: number; date: string; period: 'AM' | 'PM' }): NoWorkplaceWhy {
      const p = poolNow[a];
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
    let inWeek = 0;
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
      for (let j = 0; j < snapshot.requests.length; j++) {
        const q = snapshot.requests[j];
        if (q.agentId === r.agentId && q.date === r.date && q.period === r.period && q.kind === 'REMOTE' && q.status === 'APPROVED') {
          out[j] = { id: q.id, status: 'GRANTED' };
        }
      }
    }
  }
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
