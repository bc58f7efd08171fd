/**
 * Random continuity events on any snapshot, for varied tests of continuity mode (property tests,
 * the bench's varied comparison): closures and reduced sites, pool capacity changes (up or
 * down), telework regimes, agents made eligible for the period, must-stay scopes by agent, tier
 * or org unit, over random spans of the horizon's working days, sometimes overlapping.
 *
 * The result is a version-2 snapshot; when no agent has an org unit, each gets one of a few
 * made-up ones (OU1…) so that org-unit scopes are exercised too. Pure and deterministic: the
 * same snapshot and seed give the same events.
 */
import { addDays, isoWeekday } from '../calendar/dates';
import type { ContinuityEventKind, ContinuityEventSnapshot, EventScope, Period, PlanningSnapshot, Tier } from '../model';
import { TIERS_BY_PRIORITY } from '../model/snapshot';
import { mulberry32, type Rng } from './prng';

export interface RandomEventsOptions {
  seed: number;
  /** fewest and most events (default 1..3) */
  events?: [number, number];
  /** longest span of an event, in working days (default 5) */
  maxDays?: number;
  /** chance that an event has each kind of rule (default 0.5; a site rule is always drawn when no other is) */
  ruleChance?: number;
}

const KINDS: ContinuityEventKind[] = ['STRIKE', 'SITE_CLOSURE', 'CRISIS', 'WEATHER', 'OTHER'];

/** The horizon's weekdays that are not closed. */
function workingDates(snapshot: PlanningSnapshot): string[] {
  const closed = new Set(snapshot.closedDates ?? []);
  const out: string[] = [];
  for (let d = snapshot.horizon.from; d <= snapshot.horizon.to; d = addDays(d, 1)) {
    if (isoWeekday(d) <= 5 && !closed.has(d)) out.push(d);
  }
  return out;
}

function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  return rng.shuffle([...items]).slice(0, Math.max(0, Math.min(count, items.length)));
}

function randomScope(rng: Rng, agentIds: string[], orgUnits: string[], small: boolean): EventScope {
  const scope: EventScope = {};
  const r = rng.next();
  if (r < 0.4) scope.tiers = sample(rng, small ? TIERS_BY_PRIORITY.slice(0, 3) : TIERS_BY_PRIORITY, rng.between(1, small ? 2 : 3)) as Tier[];
  else if (r < 0.7) scope.agentIds = sample(rng, agentIds, rng.between(1, Math.max(1, Math.ceil(agentIds.length * (small ? 0.03 : 0.3)))));
  else if (orgUnits.length > 0) scope.orgUnitIds = sample(rng, orgUnits, 1);
  else scope.tiers = ['ELECTED'];
  if (!small && rng.chance(0.3)) return {}; // everyone it can apply to
  return scope;
}

/** `snapshot` (any version) with random continuity events; see the module's comment. */
export function addRandomEvents(snapshot: PlanningSnapshot, options: RandomEventsOptions): PlanningSnapshot {
  const rng = mulberry32(options.seed).fork(0xe7e7);
  const [lo, hi] = options.events ?? [1, 3];
  const maxDays = options.maxDays ?? 5;
  const chance = options.ruleChance ?? 0.5;
  const dates = workingDates(snapshot);
  if (dates.length === 0) throw new Error('addRandomEvents: the horizon has no working day');
  const hasUnits = snapshot.agents.some((a) => a.orgUnitId);
  const agents = hasUnits
    ? snapshot.agents.map((a) => ({ ...a }))
    : snapshot.agents.map((a) => ({ ...a, orgUnitId: `OU${1 + rng.int(4)}` }));
  const orgUnits = [...new Set(agents.map((a) => a.orgUnitId).filter((u): u is string => !!u))].sort();
  const agentIds = agents.map((a) => a.id);
  const ineligible = agents.filter((a) => !a.eligible).map((a) => a.id);
  const events: ContinuityEventSnapshot[] = [];
  const taken = new Set((snapshot.events ?? []).map((e) => e.id));
  const count = rng.between(lo, hi);
  for (let k = 0, n = 1; k < count; k++) {
    while (taken.has(`EVT-R${n}`)) n++;
    taken.add(`EVT-R${n}`);
    const start = rng.int(dates.length);
    const end = Math.min(dates.length - 1, start + rng.int(maxDays));
    const fromPeriod: Period = rng.chance(0.75) ? 'AM' : 'PM';
    let toPeriod: Period = rng.chance(0.75) ? 'PM' : 'AM';
    if (end === start && fromPeriod === 'PM') toPeriod = 'PM';
    const event: ContinuityEventSnapshot = {
      id: `EVT-R${n}`,
      label: `Événement aléatoire ${n} / Random event ${n}`,
      kind: rng.pick(KINDS),
      from: dates[start],
      fromPeriod,
      to: dates[end],
      toPeriod,
    };
    const siteRule = rng.chance(Math.max(chance, 0.7));
    if (rng.chance(chance) && snapshot.pools.length > 0) {
      // never below the reserve + the seats reserved on a half-day of the event (a snapshot rule)
      const lo = `${dates[start]}${fromPeriod}`.replace('AM', '0').replace('PM', '1');
      const hi = `${dates[end]}${toPeriod}`.replace('AM', '0').replace('PM', '1');
      event.pools = sample(rng, snapshot.pools, rng.between(1, snapshot.pools.length)).map((p) => {
        const seats = new Map<string, number>();
        for (const r of snapshot.reservations ?? []) {
          const key = `${r.date}${r.period === 'AM' ? 0 : 1}`;
          if (r.pool === p.id && key >= lo && key <= hi) seats.set(key, (seats.get(key) ?? 0) + r.seats);
        }
        const floor = (p.reserve ?? 0) + Math.max(0, ...seats.values());
        return { poolId: p.id, capacity: Math.max(floor, Math.round(p.capacity * (0.3 + rng.next() * 1.2))) };
      });
    }
    if (rng.chance(chance)) {
      event.regime = { weeklyMax: rng.between(6, 10) };
      if (rng.chance(0.5)) event.regime.scope = randomScope(rng, agentIds, orgUnits, false);
    }
    if (rng.chance(chance) && ineligible.length > 0 && snapshot.pools.length > 0) {
      event.extraEligible = sample(rng, ineligible, rng.between(1, Math.max(1, Math.ceil(ineligible.length * 0.15))))
        .sort()
        .map((agentId) => ({ agentId, pool: rng.pick(snapshot.pools).id }));
    }
    if (rng.chance(chance * 0.8)) event.onSite = randomScope(rng, agentIds, orgUnits, true);
    if (siteRule || (!event.pools && !event.regime && !event.extraEligible && !event.onSite)) {
      event.sites = sample(rng, snapshot.sites, rng.between(1, Math.max(1, Math.ceil(snapshot.sites.length / 2)))).map((s) => ({
        siteId: s.id,
        capacity: rng.chance(0.35) ? 0 : Math.floor(s.capacity * (0.2 + rng.next() * 0.7)),
      }));
    }
    events.push(event);
  }
  return { ...snapshot, version: 2, agents, events: [...(snapshot.events ?? []), ...events] };
}
