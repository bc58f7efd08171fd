import { Dinic } from '../flow/dinic';
import { PlanRequest } from '../model/plan';
import { carriedRemoteOf, PlanningContext, STANDARD_RANK, works } from '../model/context';
import { TIERS_BY_PRIORITY } from '../model/snapshot';
import type { PlanWarning, Refusal, RotationConflict } from '@telework/contracts';
import { refusals, refusedEntry } from './reasons';
import { KeptEntry, keepOnSiteForConflicts } from './rotation-conflicts';

export const MODE_S = 0;
export const MODE_R = 1;
export const MODE_O = 2;

export interface AllocationResult {
  /** [agent * nH + h]: MODE_S, MODE_R or MODE_O */
  modes: Uint8Array;
  /** one entry per snapshot request, same order */
  requests: PlanRequest[];
  /** REMOTE grants that took a seat (the max-flow value) */
  seatGrants: number;
  /** hard-rule breaks of the rotation itself, with the figures (only a kept rotation can have them; empty with `keepOnSite`) */
  rotationConflicts: RotationConflict[];
  /** agents kept on site where the rotation itself breaks a hard rule (`keepOnSite` only) */
  kept: KeptEntry[];
  /** one per such conflict, with the figures */
  conflictWarnings: PlanWarning[];
}

export interface AllocationOptions {
  /**
   * A given rotation that breaks a hard rule by itself is planned around (the fewest agents
   * kept on site, see rotation-conflicts.ts) instead of being reported in `rotationConflicts`.
   */
  keepOnSite?: boolean;
}

interface Candidate {
  agent: number;
  h: number;
  week: number;
  requests: number[];
  edge: number;
}

/**
 * Grants APPROVED requests against what the rotation leaves free.
 *
 * ON_SITE requests are granted first (they free a seat). REMOTE ones on a half-day where the
 * agent is already R are granted and change nothing. The others compete for seats in a flow
 * network: source → agent → agent-week (weekly max − R already) → [STANDARD share of pool ×
 * half-day] → pool × half-day (capacity − reserved − use) → sink. Tiers are added one after the
 * other (ELECTED first) and the flow is only ever augmented, so no earlier tier loses a grant;
 * inside a tier the agent → source capacity is raised one unit at a time, so agents granted
 * least come first. The final flow is a maximum flow: the count granted is the true maximum.
 */
export function allocateRequests(ctx: PlanningContext, groupRemote: Uint8Array, options: AllocationOptions = {}): AllocationResult {
  const { nA, nH, nP, snapshot } = ctx;
  const modes = new Uint8Array(nA * nH);
  for (let a = 0; a < nA; a++) {
    const g = ctx.agentGroup[a];
    const base = a * nH;
    for (let h = 0; h < nH; h++) {
      if (!works(ctx, a, h)) modes[base + h] = MODE_O;
      else if (ctx.eligible[a] && g >= 0 && groupRemote[g * nH + h]) modes[base + h] = MODE_R;
    }
  }

  const statuses: PlanRequest[] = snapshot.requests.map((r) => ({ id: r.id, status: 'IGNORED' }));
  const onSite = new Set<number>();
  const remoteRequests: number[] = [];
  snapshot.requests.forEach((r, k) => {
    if (r.status !== 'APPROVED') return;
    const a = ctx.agentIndex.get(r.agentId) as number;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
    if (r.kind === 'REMOTE' && !ctx.eligible[a]) {
      statuses[k] = refusedEntry(r.id, refusals.notEligible(r.agentId));
    } else if (h === undefined || !works(ctx, a, h)) {
      statuses[k] = refusedEntry(r.id, refusals.notWorking(ctx, a, r.date, r.period));
    } else if (r.kind === 'ON_SITE') {
      statuses[k] = { id: r.id, status: 'GRANTED' };
      modes[a * nH + h] = MODE_S;
      onSite.add(a * nH + h);
    } else {
      remoteRequests.push(k);
    }
  });

  const resolved = options.keepOnSite ? keepOnSiteForConflicts(ctx, modes) : { kept: [], warnings: [] };

  // Use left by the rotation (after ON_SITE requests and agents kept on site).
  const use = Array.from({ length: nP }, () => new Int32Array(nH));
  const useStd = Array.from({ length: nP }, () => new Int32Array(nH));
  const nW = ctx.weeks.length;
  // R of each agent's ISO week: the cut week starts from its frozen part's (weekly max on the whole week)
  const remoteInWeek = new Int32Array(nA * nW);
  if (ctx.carriedWeek >= 0) for (let a = 0; a < nA; a++) remoteInWeek[a * nW + ctx.carriedWeek] = ctx.carriedRemote[a];
  for (let a = 0; a < nA; a++) {
    const p = ctx.agentPool[a];
    const std = ctx.tierRank[a] === STANDARD_RANK;
    for (let h = 0; h < nH; h++) {
      if (modes[a * nH + h] !== MODE_R) continue;
      remoteInWeek[a * nW + ctx.weekOf[h]]++;
      if (p < 0) continue;
      use[p][h]++;
      if (std) useStd[p][h]++;
    }
  }
  const rotationConflicts = rotationConflictsOf(ctx, use, useStd, remoteInWeek);

  // Candidates: one per (agent, half-day), whatever the number of duplicate requests.
  const candidates: Candidate[] = [];
  const candidateOf = new Map<number, Candidate>();
  for (const k of remoteRequests) {
    const r = snapshot.requests[k];
    const a = ctx.agentIndex.get(r.agentId) as number;
    const h = ctx.halfDayByKey.get(`${r.date}${r.period}`) as number;
    const key = a * nH + h;
    if (onSite.has(key)) {
      statuses[k] = refusedEntry(r.id, refusals.onSiteConflict(r.agentId, r.date, r.period));
    } else if (modes[key] === MODE_R) {
      statuses[k] = { id: r.id, status: 'GRANTED' };
    } else {
      let c = candidateOf.get(key);
      if (!c) {
        c = { agent: a, h, week: ctx.weekOf[h], requests: [], edge: -1 };
        candidateOf.set(key, c);
        candidates.push(c);
      }
      c.requests.push(k);
    }
  }

  const seatGrants = candidates.length === 0 ? 0 : runFlow(ctx, candidates, use, useStd, remoteInWeek);

  for (const c of candidates) {
    if (c.edge < 0) continue;
    const key = c.agent * nH + c.h;
    modes[key] = MODE_R;
    remoteInWeek[c.agent * nW + c.week]++;
    const p = ctx.agentPool[c.agent];
    use[p][c.h]++;
    if (ctx.tierRank[c.agent] === STANDARD_RANK) useStd[p][c.h]++;
    for (const k of c.requests) statuses[k] = { id: snapshot.requests[k].id, status: 'GRANTED' };
  }
  for (const c of candidates) {
    if (c.edge >= 0) continue;
    const a = c.agent;
    const p = ctx.agentPool[a];
    const hd = ctx.halfDays[c.h];
    let refusal: Refusal;
    if (remoteInWeek[a * nW + c.week] >= ctx.weeklyMax[a]) {
      refusal = refusals.weeklyMax(ctx.weeklyMax[a], ctx.weeks[c.week].isoWeek);
    } else if (use[p][c.h] + ctx.reserved[p][c.h] >= ctx.cap[p][c.h]) {
      refusal = refusals.poolFull(snapshot.pools[p].id, hd.date, hd.period, use[p][c.h] + ctx.reserved[p][c.h], ctx.cap[p][c.h], ctx.reserved[p][c.h]);
    } else {
      refusal = refusals.standardShareFull(snapshot.pools[p].id, hd.date, hd.period, useStd[p][c.h] + ctx.reserved[p][c.h], ctx.cap[p][c.h], ctx.reserve[p]);
    }
    for (const k of c.requests) statuses[k] = refusedEntry(snapshot.requests[k].id, refusal);
  }

  return { modes, requests: statuses, seatGrants, rotationConflicts, kept: resolved.kept, conflictWarnings: resolved.warnings };
}

/** Builds the network, augments tier by tier and level by level, marks granted candidates. */
function runFlow(
  ctx: PlanningContext,
  candidates: Candidate[],
  use: Int32Array[],
  useStd: Int32Array[],
  remoteInWeek: Int32Array,
): number {
  const { nH } = ctx;
  const nW = ctx.weeks.length;
  const SOURCE = 0;
  const SINK = 1;
  let nodes = 2;
  const agentNode = new Map<number, number>();
  const weekNode = new Map<number, number>();
  const poolNode = new Map<number, number>();
  const stdNode = new Map<number, number>();
  for (const c of candidates) {
    if (!agentNode.has(c.agent)) agentNode.set(c.agent, nodes++);
    const wk = c.agent * nW + c.week;
    if (!weekNode.has(wk)) weekNode.set(wk, nodes++);
    const ph = ctx.agentPool[c.agent] * nH + c.h;
    if (!poolNode.has(ph)) poolNode.set(ph, nodes++);
    if (ctx.tierRank[c.agent] === STANDARD_RANK && !stdNode.has(ph)) stdNode.set(ph, nodes++);
  }
  const net = new Dinic(nodes);
  for (const [ph, node] of poolNode) {
    const p = Math.floor(ph / nH);
    const h = ph % nH;
    net.addEdge(node, SINK, Math.max(0, ctx.cap[p][h] - ctx.reserved[p][h] - use[p][h]));
  }
  for (const [ph, node] of stdNode) {
    const p = Math.floor(ph / nH);
    const h = ph % nH;
    const open = ctx.cap[p][h] - ctx.reserve[p] - ctx.reserved[p][h] - useStd[p][h];
    net.addEdge(node, poolNode.get(ph) as number, Math.max(0, open));
  }
  const candidatesOfAgent = new Map<number, number>();
  for (const [wk, node] of weekNode) {
    const a = Math.floor(wk / nW);
    net.addEdge(agentNode.get(a) as number, node, Math.max(0, ctx.weeklyMax[a] - remoteInWeek[wk]));
  }
  for (const c of candidates) {
    const ph = ctx.agentPool[c.agent] * nH + c.h;
    const target = ctx.tierRank[c.agent] === STANDARD_RANK ? stdNode.get(ph) : poolNode.get(ph);
    c.edge = net.addEdge(weekNode.get(c.agent * nW + c.week) as number, target as number, 1);
    candidatesOfAgent.set(c.agent, (candidatesOfAgent.get(c.agent) ?? 0) + 1);
  }
  // Source edges, created with capacity 0 and raised tier by tier, level by level.
  const byTier: { agent: number; edge: number; count: number }[][] = TIERS_BY_PRIORITY.map(() => []);
  for (const [a, node] of agentNode) {
    byTier[ctx.tierRank[a]].push({ agent: a, edge: net.addEdge(SOURCE, node, 0), count: candidatesOfAgent.get(a) ?? 0 });
  }
  let total = 0;
  for (const tier of byTier) {
    const most = tier.reduce((m, x) => Math.max(m, x.count), 0);
    for (let level = 1; level <= most; level++) {
      for (const x of tier) if (x.count >= level) net.setCapacity(x.edge, level);
      total += net.maxFlow(SOURCE, SINK);
    }
  }
  for (const c of candidates) if (net.flow(c.edge) === 0) c.edge = -1;
  return total;
}

/** What a kept rotation breaks by itself, with figures (empty for a built rotation). */
function rotationConflictsOf(
  ctx: PlanningContext,
  use: Int32Array[],
  useStd: Int32Array[],
  remoteInWeek: Int32Array,
): RotationConflict[] {
  const conflicts: RotationConflict[] = [];
  const { nH, snapshot } = ctx;
  for (let p = 0; p < ctx.nP; p++) {
    const pool = snapshot.pools[p].id;
    for (let h = 0; h < nH; h++) {
      const { date, period } = ctx.halfDays[h];
      const reserved = ctx.reserved[p][h];
      const capacity = ctx.cap[p][h];
      const used = use[p][h] + reserved;
      if (used > capacity) {
        conflicts.push({ code: 'ROTATION_POOL_OVER_CAPACITY', pool, date, period, remote: use[p][h], reserved, used, capacity });
      }
      const standardUsed = useStd[p][h] + reserved;
      const open = capacity - ctx.reserve[p];
      if (standardUsed > open) {
        conflicts.push({
          code: 'ROTATION_STANDARD_SHARE_OVER', pool, date, period,
          standardRemote: useStd[p][h], reserved, used: standardUsed, open, capacity, reserve: ctx.reserve[p],
        });
      }
    }
  }
  const nW = ctx.weeks.length;
  for (let a = 0; a < ctx.nA; a++) {
    for (let w = 0; w < nW; w++) {
      const count = remoteInWeek[a * nW + w];
      // a frozen part already over the max with nothing planned on top: not this plan's doing
      if (count > ctx.weeklyMax[a] && count > carriedRemoteOf(ctx, a, w)) {
        const agent = snapshot.agents[a];
        conflicts.push({
          code: 'ROTATION_WEEKLY_MAX_OVER', agent: agent.id, group: String(agent.groupId), week: ctx.weeks[w].isoWeek, count, max: ctx.weeklyMax[a],
        });
      }
    }
  }
  return conflicts;
}
