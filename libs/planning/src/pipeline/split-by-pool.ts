import { recordText, type PlanWarning, type WeeklyMinShortfall } from '@telework/contracts';
import { MAX_SHORTFALL_EXAMPLES, MAX_WARNING_LINES } from '../checker/metrics';
import type { KeptOnSite, Plan, PlanAgent, PlanMetrics, PlanRequest } from '../model/plan';
import type { PlanningSnapshot } from '../model/snapshot';

/** Warnings the checker derives from a whole plan (recomputeMetrics): merged by rule, not concatenated. */
const CHECKER_WARNING_CODES = new Set<PlanWarning['code']>([
  'SITE_OVERFLOW', 'MORE_SITE_OVERFLOWS', 'WEEKLY_MIN_SHORTFALLS', 'EVENT_ON_SITE_OVER_CAPACITY', 'EVENT_NO_WORKPLACE',
]);

/** Why a snapshot is planned whole, or `null` when it splits into independent parts. */
export type WholeReason = 'NO_ROTATION' | 'CONTINUITY_EVENTS' | 'ONE_COMPONENT';

export interface PoolSplit {
  /** the independent parts, in the order of their first agent; one (the snapshot itself) when it does not split */
  parts: PlanningSnapshot[];
  /** why it was not split (`parts` is then `[snapshot]`) */
  whole: WholeReason | null;
}

/**
 * Splits a VALID snapshot into parts no rule links: two agents are in the same part when they
 * share a site (its desks), a rotation group (its half-days) or a pool (its seats, its reserve,
 * its reservations). The plan of the whole is then the union of the parts' plans: every hard rule
 * and every objective of DESIGN.md is a sum over sites, groups, pools and agents. Installations
 * shared by several départements split by département; one département's pools share its sites
 * and do not split.
 *
 * Planned whole: a snapshot without a given rotation (the rotation search balances the busiest
 * half-day across all pools) and one with continuity events (an event's sites, pools and scopes
 * may span parts). Sites, pools and groups no agent uses, and agents of no pool linked to none
 * (a site of agents who cannot telework), go to the first part.
 */
export function splitByPool(snapshot: PlanningSnapshot): PoolSplit {
  if (!snapshot.rotation) return { parts: [snapshot], whole: 'NO_ROTATION' };
  if ((snapshot.events ?? []).length > 0) return { parts: [snapshot], whole: 'CONTINUITY_EVENTS' };
  const nA = snapshot.agents.length;
  const parent = new Int32Array(nA);
  for (let a = 0; a < nA; a++) parent[a] = a;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    // the smaller index is the root: a part is named by its first agent
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };
  const firstOf = new Map<string, number>();
  const link = (key: string, a: number) => {
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, a);
    else union(first, a);
  };
  snapshot.agents.forEach((agent, a) => {
    link(`s\u0000${agent.siteId}`, a);
    if (agent.groupId) link(`g\u0000${agent.groupId}`, a);
    if (agent.pool) link(`p\u0000${agent.pool}`, a);
  });
  // a component with no pool (agents who cannot telework, outside any group) plans nothing of
  // its own: it joins the first part instead of being a solve
  const rootHasPool = new Uint8Array(nA);
  snapshot.agents.forEach((agent, a) => {
    if (agent.pool) rootHasPool[find(a)] = 1;
  });
  const partOfRoot = new Map<number, number>();
  const partOfAgent = new Int32Array(nA);
  const poolless: number[] = [];
  for (let a = 0; a < nA; a++) {
    const root = find(a);
    if (!rootHasPool[root]) {
      poolless.push(a);
      continue;
    }
    let part = partOfRoot.get(root);
    if (part === undefined) {
      part = partOfRoot.size;
      partOfRoot.set(root, part);
    }
    partOfAgent[a] = part;
  }
  for (const a of poolless) partOfAgent[a] = 0;
  const count = partOfRoot.size;
  if (count < 2) return { parts: [snapshot], whole: 'ONE_COMPONENT' };

  const partOfKey = (key: string) => {
    const first = firstOf.get(key);
    return first === undefined ? 0 : partOfAgent[first];
  };
  const agentPart = new Map(snapshot.agents.map((agent, a) => [agent.id, partOfAgent[a]] as const));
  const parts: PlanningSnapshot[] = Array.from({ length: count }, () => ({
    ...snapshot, pools: [], sites: [], groups: [], agents: [], rotation: [], requests: [], reservations: [],
  }));
  for (const pool of snapshot.pools) parts[partOfKey(`p\u0000${pool.id}`)].pools.push(pool);
  for (const site of snapshot.sites) parts[partOfKey(`s\u0000${site.id}`)].sites.push(site);
  for (const group of snapshot.groups) parts[partOfKey(`g\u0000${group.id}`)].groups.push(group);
  snapshot.agents.forEach((agent, a) => parts[partOfAgent[a]].agents.push(agent));
  for (const cell of snapshot.rotation) parts[partOfKey(`g\u0000${cell.groupId}`)].rotation?.push(cell);
  for (const request of snapshot.requests ?? []) parts[agentPart.get(request.agentId) ?? 0].requests?.push(request);
  for (const reservation of snapshot.reservations ?? []) parts[partOfKey(`p\u0000${reservation.pool}`)].reservations?.push(reservation);
  if (!snapshot.requests) for (const part of parts) delete part.requests;
  if (!snapshot.reservations) for (const part of parts) delete part.reservations;
  return { parts, whole: null };
}

/**
 * The plan of the whole snapshot from the plans of its parts (splitByPool): agents and requests
 * in the snapshot's order, metrics and warnings as the checker computes them on the whole (pool
 * peaks per pool, counts summed, the busiest half-day over all agents, the first site overflows
 * and shortfall examples in the whole's order). `solveMs`: the longest part's.
 */
export function mergePartPlans(snapshot: PlanningSnapshot, parts: PlanningSnapshot[], plans: Plan[]): Plan {
  if (parts.length !== plans.length) throw new Error(`${parts.length} parts but ${plans.length} plans`);
  if (plans.length === 1) return plans[0];
  const halfDays = plans[0].halfDays;
  for (const plan of plans) {
    if (plan.halfDays.length !== halfDays.length || plan.halfDays.some((h, i) => h !== halfDays[i])) {
      throw new Error('the parts were planned on different half-days');
    }
  }
  const agentIndex = new Map(snapshot.agents.map((a, i) => [a.id, i] as const));
  const siteIndex = new Map(snapshot.sites.map((s, i) => [s.id, i] as const));
  const halfDayIndex = new Map(halfDays.map((h, i) => [h, i] as const));

  const modesOf = new Map<string, PlanAgent>();
  const requestOf = new Map<string, PlanRequest>();
  for (const plan of plans) {
    for (const agent of plan.agents) modesOf.set(agent.id, agent);
    for (const request of plan.requests) requestOf.set(request.id, request);
  }
  const agents = snapshot.agents.map((a) => {
    const planned = modesOf.get(a.id);
    if (!planned) throw new Error(`agent ${a.id} is in no part's plan`);
    return planned;
  });
  const requests = (snapshot.requests ?? []).flatMap((r) => requestOf.get(r.id) ?? []);

  // the busiest half-day over every agent: the first with the most R, as the engine and the checker pick it
  const R = 'R'.charCodeAt(0);
  const remoteAt = new Int32Array(halfDays.length);
  for (const { modes } of agents) for (let h = 0; h < modes.length; h++) if (modes.charCodeAt(h) === R) remoteAt[h]++;
  let busiest = { halfDay: halfDays.length > 0 ? halfDays[0] : '', remote: halfDays.length > 0 ? remoteAt[0] : 0 };
  for (let h = 1; h < halfDays.length; h++) if (remoteAt[h] > busiest.remote) busiest = { halfDay: halfDays[h], remote: remoteAt[h] };

  const poolMetrics = Object.assign({}, ...plans.map((p) => p.metrics.pools)) as PlanMetrics['pools'];
  const sum = (pick: (m: PlanMetrics) => number | undefined) => plans.reduce((total, p) => total + (pick(p.metrics) ?? 0), 0);
  const metrics: PlanMetrics = {
    pools: Object.fromEntries(snapshot.pools.flatMap((p) => (poolMetrics[p.id] ? [[p.id, poolMetrics[p.id]]] : []))),
    requestsGranted: sum((m) => m.requestsGranted),
    requestsRefused: sum((m) => m.requestsRefused),
    weeklyMinShortfalls: sum((m) => m.weeklyMinShortfalls),
    siteOverflows: sum((m) => m.siteOverflows),
    ...(plans.some((p) => p.metrics.noWorkplace !== undefined) ? { noWorkplace: sum((m) => m.noWorkplace) } : {}),
    busiestHalfDay: busiest,
    solveMs: Math.max(...plans.map((p) => p.metrics.solveMs)),
  };

  const engineWarnings: PlanWarning[] = [];
  const overflowLines: Extract<PlanWarning, { code: 'SITE_OVERFLOW' }>[] = [];
  const examples: WeeklyMinShortfall[] = [];
  for (const plan of plans) {
    for (const warning of plan.codedWarnings ?? []) {
      if (!CHECKER_WARNING_CODES.has(warning.code)) engineWarnings.push(warning);
      else if (warning.code === 'SITE_OVERFLOW') overflowLines.push(warning);
      else if (warning.code === 'WEEKLY_MIN_SHORTFALLS') examples.push(...warning.examples);
    }
  }
  // each part lists its first lines in the whole's order: the whole's first lines are among them
  const at = (line: { site: string; date: string; period: string }) =>
    (siteIndex.get(line.site) ?? 0) * (halfDays.length + 1) + (halfDayIndex.get(`${line.date}${line.period}`) ?? 0);
  overflowLines.sort((x, y) => at(x) - at(y));
  examples.sort((x, y) => (agentIndex.get(x.agent) ?? 0) - (agentIndex.get(y.agent) ?? 0));
  const checkerWarnings: PlanWarning[] = overflowLines.slice(0, MAX_WARNING_LINES);
  if (metrics.siteOverflows > checkerWarnings.length) {
    checkerWarnings.push({ code: 'MORE_SITE_OVERFLOWS', count: metrics.siteOverflows - checkerWarnings.length });
  }
  if (metrics.weeklyMinShortfalls > 0) {
    checkerWarnings.push({ code: 'WEEKLY_MIN_SHORTFALLS', count: metrics.weeklyMinShortfalls, examples: examples.slice(0, MAX_SHORTFALL_EXAMPLES) });
  }
  const warnings = [...engineWarnings, ...checkerWarnings];

  const keptOnSite: KeptOnSite[] = plans.flatMap((p) => p.keptOnSite ?? []);
  keptOnSite.sort((x, y) => (agentIndex.get(x.agentId) ?? 0) - (agentIndex.get(y.agentId) ?? 0));
  const merged: Plan = {
    version: plans[0].version,
    halfDays,
    rotation: plans.flatMap((p) => p.rotation),
    agents,
    requests,
    metrics,
  };
  if (keptOnSite.length > 0) merged.keptOnSite = keptOnSite;
  merged.warnings = warnings.map(recordText);
  merged.codedWarnings = warnings;
  return merged;
}
