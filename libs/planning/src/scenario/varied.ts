/**
 * Generator of varied départements, for property tests of the rotation builder: every figure the
 * reference département fixes (site sizes, group sizes, eligibility shares, part-time patterns,
 * tiers, weekly min / max, pool caps, desk shares) is drawn at random from the seed, so that a
 * heuristic tuned to one generator shows its weak spots. Only the planning snapshot is made (no
 * names, no org tree).
 *
 * Pure and deterministic: the same options give the same snapshot (seeded mulberry32).
 */
import type { AgentSnapshot, PlanningSnapshot, RequestSnapshot, Tier, WeekdayHalfDay } from '../model';
import { WEEKDAY_HALF_DAYS } from '../model/snapshot';
import { mulberry32, type Rng } from './prng';

export interface VariedOptions {
  seed: number;
  /** fewest and most agents (default 150..700) */
  agents?: [number, number];
  /** ISO weeks of the horizon from Mon 2026-12-07 (default 1) */
  weeks?: number;
  /** approved and pending requests drawn at random (default 0: the rotation alone decides the sites) */
  requests?: number;
}

/** What was drawn, for messages of failing properties. */
export interface VariedParameters {
  agents: number;
  sites: number[];
  eligibleShare: number;
  partTimeShare: number;
  maxGroupSize: number;
  grouping: 'by-site' | 'mixed' | 'blocks';
  deskShare: number;
  remoteShare: number;
}

export interface VariedScenario {
  seed: number;
  snapshot: PlanningSnapshot;
  parameters: VariedParameters;
}

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const;
const FROM_DAY = Date.UTC(2026, 11, 7) / 86_400_000;

function iso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** A part-time pattern: the half-days off and the weekly max that goes with it. */
function partTime(rng: Rng): { off: WeekdayHalfDay[]; max: number; min?: number } {
  const r = rng.next();
  if (r < 0.45) {
    const d = rng.pick(DAYS);
    return { off: [`${d}_AM`, `${d}_PM`] as WeekdayHalfDay[], max: rng.between(4, 5) };
  }
  if (r < 0.7) {
    // a few random half-days off
    const off = rng.shuffle([...WEEKDAY_HALF_DAYS]).slice(0, rng.between(1, 3));
    return { off: WEEKDAY_HALF_DAYS.filter((h) => off.includes(h)), max: rng.between(4, 6) };
  }
  if (r < 0.85) {
    // mornings only, or afternoons only
    const keep = rng.chance(0.5) ? 'AM' : 'PM';
    return { off: WEEKDAY_HALF_DAYS.filter((h) => !h.endsWith(keep)), max: rng.between(2, 3), min: 2 };
  }
  // two days off
  const [d1, d2] = rng.shuffle([...DAYS]).slice(0, 2);
  const off = WEEKDAY_HALF_DAYS.filter((h) => h.startsWith(d1) || h.startsWith(d2));
  return { off, max: rng.between(3, 4), min: 2 };
}

export function generateVaried(options: VariedOptions): VariedScenario {
  const rng = mulberry32(options.seed);
  const [lo, hi] = options.agents ?? [150, 700];
  const weeks = options.weeks ?? 1;
  const n = rng.between(lo, hi);

  // --- sites: 2..8, sizes from a skewed draw (one or two big sites, small ones)
  const nSites = rng.between(2, 8);
  const weights = Array.from({ length: nSites }, () => 0.3 + Math.pow(rng.next(), 2) * 10);
  const wTotal = weights.reduce((a, b) => a + b, 0);
  const siteOf: number[] = [];
  for (let i = 0; i < n; i++) {
    let x = rng.next() * wTotal;
    let s = 0;
    while (s < nSites - 1 && x >= weights[s]) x -= weights[s++];
    siteOf.push(s);
  }
  siteOf.sort((a, b) => a - b);

  // --- eligibility: a global share, jittered per site
  const eligibleShare = 0.3 + rng.next() * 0.6;
  const siteShare = weights.map(() => Math.min(0.98, Math.max(0.05, eligibleShare + (rng.next() - 0.5) * 0.4)));
  const partTimeShare = rng.next() * 0.35;
  const tierShares = { elected: rng.next() * 0.03, director: rng.next() * 0.06, essential: rng.next() * 0.15 };
  const vpnShare = rng.next() * 0.5;
  const minMax = rng.pick([
    [4, 6],
    [4, 6],
    [2, 4],
    [3, 5],
    [5, 7],
    [4, 5],
  ]);

  interface Draft {
    site: number;
    eligible: boolean;
    tier: Tier;
    pool: 'VDI' | 'VPN';
    off: WeekdayHalfDay[];
    min: number;
    max: number;
    group: number;
  }
  const agents: Draft[] = siteOf.map((site) => {
    const eligible = rng.chance(siteShare[site]);
    const t = rng.next();
    const tier: Tier =
      t < tierShares.elected ? 'ELECTED' : t < tierShares.elected + tierShares.director ? 'DIRECTOR' :
      t < tierShares.elected + tierShares.director + tierShares.essential ? 'ESSENTIAL' : 'STANDARD';
    let off: WeekdayHalfDay[] = [];
    let min = minMax[0];
    let max = minMax[1];
    if (rng.chance(partTimeShare)) {
      const p = partTime(rng);
      off = p.off;
      max = Math.min(max, p.max);
      min = Math.min(min, p.min ?? min, max);
    }
    return { site, eligible, tier, pool: rng.chance(vpnShare) ? 'VPN' : 'VDI', off, min, max, group: -1 };
  });

  // --- groups: sizes drawn up to a random maximum, formed by site, at random, or by blocks of a
  // site-sorted list (org units spanning sites)
  const maxGroupSize = rng.between(15, 90);
  const grouping = rng.pick(['by-site', 'mixed', 'blocks'] as const);
  const eligibleIdx = agents.map((a, i) => (a.eligible ? i : -1)).filter((i) => i >= 0);
  let order = [...eligibleIdx];
  if (grouping === 'mixed') order = rng.shuffle(order);
  if (grouping === 'blocks') {
    const blocks: number[][] = [];
    for (let i = 0; i < order.length; ) {
      const len = rng.between(5, 40);
      blocks.push(order.slice(i, i + len));
      i += len;
    }
    order = rng.shuffle(blocks).flat();
  }
  let groupCount = 0;
  for (let i = 0; i < order.length; ) {
    const size = rng.between(Math.max(1, Math.round(maxGroupSize * 0.3)), maxGroupSize);
    for (const a of order.slice(i, i + size)) agents[a].group = groupCount;
    groupCount++;
    i += size;
  }

  // --- site desks: everyone ineligible, and a drawn share of the eligible (per site, jittered)
  // at least half the eligible agents have a desk: a site needs at most half of them remote on a
  // half-day, which weekly maxes of 5..6 can reach (tight, part-time and small maxes aside)
  const deskShare = 0.5 + rng.next() * 0.5;
  const sites = weights.map((_, s) => {
    let inel = 0;
    let elig = 0;
    for (const a of agents) {
      if (a.site !== s) continue;
      if (a.eligible) elig++;
      else inel++;
    }
    const share = Math.min(1, Math.max(0.45, deskShare + (rng.next() - 0.5) * 0.2));
    return { id: `S${s + 1}`, capacity: inel + Math.ceil(elig * share) };
  });

  // --- pools: a drawn share of each pool's agents may be remote at once
  const remoteShare = 0.3 + rng.next() * 0.6;
  const vdi = eligibleIdx.filter((i) => agents[i].pool === 'VDI').length;
  const vpn = eligibleIdx.length - vdi;
  const vdiCap = Math.max(1, Math.ceil(vdi * remoteShare));
  const vdiReserve = Math.floor(vdiCap * rng.next() * 0.15);

  const to = FROM_DAY + 7 * weeks - 3;
  const snapshotAgents: AgentSnapshot[] = agents.map((a, i) => {
    const s: AgentSnapshot = a.eligible
      ? { id: `A${i + 1}`, siteId: `S${a.site + 1}`, groupId: `G${a.group + 1}`, eligible: true, pool: a.pool, tier: a.tier, weeklyMin: a.min, weeklyMax: a.max }
      : { id: `A${i + 1}`, siteId: `S${a.site + 1}`, eligible: false };
    if (a.off.length > 0) s.offHalfDays = a.off;
    return s;
  });

  const requests: RequestSnapshot[] = [];
  const reqRng = rng.fork(11);
  const taken = new Set<string>();
  for (let q = 0; q < (options.requests ?? 0) && agents.length > 0; q++) {
    const a = reqRng.int(agents.length);
    const date = iso(FROM_DAY + 7 * reqRng.int(weeks) + reqRng.int(5));
    const period = reqRng.chance(0.5) ? 'AM' : 'PM';
    if (taken.has(`${a}${date}${period}`)) continue;
    taken.add(`${a}${date}${period}`);
    requests.push({
      id: `Q${q + 1}`, agentId: `A${a + 1}`, date, period,
      kind: reqRng.chance(0.8) ? 'REMOTE' : 'ON_SITE', status: reqRng.chance(0.8) ? 'APPROVED' : 'PENDING',
    });
  }

  const snapshot: PlanningSnapshot = {
    version: 1,
    horizon: { from: iso(FROM_DAY), to: iso(to) },
    timezone: 'Europe/Paris',
    closedDates: [],
    maxGroupSize: Math.max(maxGroupSize, 1),
    pools: [
      { id: 'VDI', capacity: vdiCap, reserve: vdiReserve },
      { id: 'VPN', capacity: Math.max(1, Math.ceil(vpn * remoteShare)), reserve: 0 },
    ],
    sites,
    groups: Array.from({ length: groupCount }, (_, g) => ({ id: `G${g + 1}` })),
    agents: snapshotAgents,
    requests,
    reservations: [],
  };
  return {
    seed: options.seed,
    snapshot,
    parameters: { agents: n, sites: sites.map((s) => s.capacity), eligibleShare, partTimeShare, maxGroupSize, grouping, deskShare, remoteShare },
  };
}
