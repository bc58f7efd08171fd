/**
 * Crisis scenarios of continuity mode (issue 9): the reference département with continuity
 * events, as version-2 snapshots (events + every agent's org unit).
 *
 * - strike: a transport strike closes the main site (the Hôtel du Département: the site with
 *   the most agents) for one day, AM and PM, capacity 0; its ESSENTIAL agents must stay on site
 *   (listed by id: a sensible, small must-stay scope). Nothing else changes: the weekly maxes
 *   stay, so agents who already telework most of the week may be left without a workplace.
 * - crisis: two weeks from the first Monday of the horizon: every site at a reduced capacity
 *   (40 % of its desks, rounded up), a telework regime with a weekly max of 10 for every eligible
 *   agent ("everyone who can works from home"), a few ineligible agents (4 %, drawn from the
 *   seed) made eligible on VDI (laptops handed out in a hurry); then a second event, the second week only,
 *   brings the VDI pool to its capacity + 300 seats (the extra licences). On the reference
 *   département the pools are what leaves agents without a workplace in the first week (the
 *   bound: ≥ 6,375 agent-half-days, seed 1), the extra seats relieve the second (≥ 3,930).
 *
 * Labels are what HR would type, in French (they are data: the interface and the reasons quote
 * them as they are). Pure and deterministic: the same scenario and seed give the same events,
 * byte for byte.
 */
import { addDays } from '../calendar/dates';
import type { AgentSnapshot, ContinuityEventSnapshot, PlanningSnapshot } from '../model';
import type { DepartementScenario } from './departement';
import { mulberry32 } from './prng';

/** Event ids of the crisis scenarios (the demo and the tests refer to them). */
export const STRIKE_EVENT_ID = 'EVT-GREVE';
export const CRISIS_EVENT_ID = 'EVT-CRISE';
export const EXTRA_SEATS_EVENT_ID = 'EVT-VDI-PLUS-300';

export interface StrikeOptions {
  /** the strike day, a working day of the horizon */
  date: string;
  /** the closed site (default: the site with the most agents, the Hôtel du Département) */
  siteId?: string;
}

export interface CrisisOptions {
  /** first day of the crisis, a Monday (default: the horizon's first day) */
  from?: string;
  /** share of each site's desks kept during the crisis (default 0.4, rounded up) */
  siteShare?: number;
  /** the regime's weekly max (default 10: full time) */
  weeklyMax?: number;
  /** ineligible agents made eligible on `extraPool`, drawn from the seed (default 4 % of the agents) */
  extraEligible?: number;
  /** pool of the extra-eligible agents and of the extra seats (default VDI) */
  extraPool?: string;
  /** seats added to `extraPool` in the second week (default 300) */
  extraSeats?: number;
}

/** The site with the most agents (the first one on a tie): the Hôtel du Département in the generated scenarios. */
export function mainSiteId(snapshot: PlanningSnapshot): string {
  const count = new Map<string, number>();
  for (const a of snapshot.agents) count.set(a.siteId, (count.get(a.siteId) ?? 0) + 1);
  let best = snapshot.sites[0]?.id;
  let bestCount = -1;
  for (const s of snapshot.sites) {
    const c = count.get(s.id) ?? 0;
    if (c > bestCount) {
      best = s.id;
      bestCount = c;
    }
  }
  if (best === undefined) throw new Error('mainSiteId: the snapshot has no site');
  return best;
}

/**
 * The scenario as a version-2 snapshot carrying `events`: every agent gets its org unit (from
 * `people`, same order), so events can be scoped by org unit and impacts counted by org unit.
 */
export function withContinuityEvents(scenario: DepartementScenario, events: ContinuityEventSnapshot[], name?: string): DepartementScenario {
  const { snapshot, people } = scenario;
  const agents: AgentSnapshot[] = snapshot.agents.map((a, i) => ({ ...a, orgUnitId: people[i]?.orgUnitId ?? null }));
  return {
    ...scenario,
    name: name ?? scenario.name,
    snapshot: { ...snapshot, version: 2, agents, events },
  };
}

/** The strike event: the main site closed on `date` (AM and PM), its ESSENTIAL agents kept on site. */
export function strikeEvent(snapshot: PlanningSnapshot, options: StrikeOptions): ContinuityEventSnapshot {
  const siteId = options.siteId ?? mainSiteId(snapshot);
  const site = snapshot.sites.find((s) => s.id === siteId);
  if (!site) throw new Error(`strikeEvent: unknown site ${siteId}`);
  const essential = snapshot.agents.filter((a) => a.siteId === siteId && a.tier === 'ESSENTIAL').map((a) => a.id);
  // "Hôtel du Département, Valmont-sur-Loire" → "Hôtel du Département"
  const where = (site.name ?? site.id).split(',')[0];
  return {
    id: STRIKE_EVENT_ID,
    label: `Grève des transports : ${where} fermé`,
    kind: 'STRIKE',
    from: options.date,
    fromPeriod: 'AM',
    to: options.date,
    toPeriod: 'PM',
    sites: [{ siteId, capacity: 0 }],
    ...(essential.length > 0 ? { onSite: { agentIds: essential } } : {}),
  };
}

/**
 * The two crisis events: two weeks of reduced sites, a full-time regime and extra-eligible
 * agents, then the second week's extra seats (`seed` picks the extra-eligible agents).
 */
export function crisisEvents(snapshot: PlanningSnapshot, seed: number, options: CrisisOptions = {}): ContinuityEventSnapshot[] {
  const from = options.from ?? snapshot.horizon.from;
  if (new Date(`${from}T00:00:00Z`).getUTCDay() !== 1) throw new Error(`crisisEvents: ${from} is not a Monday`);
  const share = options.siteShare ?? 0.4;
  if (!(share >= 0 && share <= 1)) throw new Error(`crisisEvents: siteShare must be in [0, 1], got ${share}`);
  const pool = options.extraPool ?? 'VDI';
  const poolSnapshot = snapshot.pools.find((p) => p.id === pool);
  if (!poolSnapshot) throw new Error(`crisisEvents: unknown pool ${pool}`);
  const wanted = options.extraEligible ?? Math.round(snapshot.agents.length * 0.04);
  const candidates = snapshot.agents.filter((a) => !a.eligible).map((a) => a.id);
  const picked = new Set(mulberry32(seed).fork(0xc815).shuffle(candidates).slice(0, wanted));
  // snapshot order, so the list reads like the directory
  const extra = snapshot.agents.filter((a) => picked.has(a.id)).map((a) => ({ agentId: a.id, pool }));
  const secondMonday = addDays(from, 7);
  // the capacity the pool has on the second Monday (its dated changes included), + the extra seats
  let capacity = poolSnapshot.capacity;
  for (const c of [...(poolSnapshot.capacityChanges ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    if (c.from <= secondMonday) capacity = c.capacity;
  }
  const extraSeats = options.extraSeats ?? 300;
  return [
    {
      id: CRISIS_EVENT_ID,
      label: 'Crise : télétravail pour tous ceux qui le peuvent',
      kind: 'CRISIS',
      from,
      fromPeriod: 'AM',
      to: addDays(from, 11),
      toPeriod: 'PM',
      sites: snapshot.sites.map((s) => ({ siteId: s.id, capacity: Math.ceil(s.capacity * share) })),
      regime: { weeklyMax: options.weeklyMax ?? 10 },
      ...(extra.length > 0 ? { extraEligible: extra } : {}),
    },
    {
      id: EXTRA_SEATS_EVENT_ID,
      label: `Crise : ${extraSeats} licences ${pool} supplémentaires`,
      kind: 'CRISIS',
      from: secondMonday,
      fromPeriod: 'AM',
      to: addDays(secondMonday, 4),
      toPeriod: 'PM',
      pools: [{ poolId: pool, capacity: capacity + extraSeats }],
    },
  ];
}

/** The scenario on a strike day (see the module's comment). */
export function strikeScenario(scenario: DepartementScenario, options: StrikeOptions, name?: string): DepartementScenario {
  return withContinuityEvents(scenario, [strikeEvent(scenario.snapshot, options)], name);
}

/** The scenario in a two-week crisis (see the module's comment). */
export function crisisScenario(scenario: DepartementScenario, options: CrisisOptions = {}, name?: string): DepartementScenario {
  return withContinuityEvents(scenario, crisisEvents(scenario.snapshot, scenario.seed, options), name);
}
