import {
  AgentSnapshot,
  CapacityChange,
  ContinuityEventSnapshot,
  EventScope,
  PlanningSnapshot,
  PoolSnapshot,
  RequestSnapshot,
  ReservationSnapshot,
  RotationCell,
  Tier,
  WeekdayHalfDay,
} from '../model/snapshot';

export interface NormalisedPool extends PoolSnapshot {
  reserve: number;
  /** sorted by `from` */
  capacityChanges: CapacityChange[];
}

export interface NormalisedAgent extends AgentSnapshot {
  groupId: string | null;
  pool: string | null;
  tier: Tier;
  weeklyMin: number;
  weeklyMax: number;
  offHalfDays: WeekdayHalfDay[];
}

/** A continuity event with its lists present (empty when absent). */
export interface NormalisedEvent extends ContinuityEventSnapshot {
  sites: { siteId: string; capacity: number }[];
  pools: { poolId: string; capacity: number }[];
  extraEligible: { agentId: string; pool: string }[];
}

/** A snapshot with the schema's defaults applied (and nothing else changed). */
export interface NormalisedSnapshot extends PlanningSnapshot {
  timezone: string;
  closedDates: string[];
  maxGroupSize: number;
  pools: NormalisedPool[];
  agents: NormalisedAgent[];
  rotation?: RotationCell[];
  requests: RequestSnapshot[];
  reservations: ReservationSnapshot[];
  /** version 2 only (an empty list when the snapshot has none) */
  events?: NormalisedEvent[];
}

/** Applies the schema's defaults. Assumes the input already passed the schema. */
export function normaliseSnapshot(s: PlanningSnapshot): NormalisedSnapshot {
  const out: NormalisedSnapshot = {
    version: s.version === 2 ? 2 : 1,
    horizon: { from: s.horizon.from, to: s.horizon.to },
    timezone: s.timezone ?? 'Europe/Paris',
    closedDates: [...(s.closedDates ?? [])],
    maxGroupSize: s.maxGroupSize ?? 300,
    pools: s.pools.map((p) => ({
      id: p.id,
      capacity: p.capacity,
      reserve: p.reserve ?? 0,
      capacityChanges: [...(p.capacityChanges ?? [])]
        .map((c) => ({ from: c.from, capacity: c.capacity }))
        .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
    })),
    sites: s.sites.map((x) => ({ ...x })),
    groups: s.groups.map((g) => ({ ...g })),
    agents: s.agents.map((a) => ({
      id: a.id,
      siteId: a.siteId,
      groupId: a.groupId ?? null,
      eligible: a.eligible,
      pool: a.pool ?? null,
      tier: a.tier ?? 'STANDARD',
      weeklyMin: a.weeklyMin ?? 4,
      weeklyMax: a.weeklyMax ?? 6,
      offHalfDays: [...(a.offHalfDays ?? [])],
      ...(s.version === 2 ? { orgUnitId: a.orgUnitId ?? null } : {}),
      // absent stays absent (nothing carried), so a snapshot without it normalises as before
      ...(s.version === 2 && a.carried ? { carried: { remote: a.carried.remote, working: a.carried.working } } : {}),
    })),
    requests: (s.requests ?? []).map((r) => ({ ...r })),
    reservations: (s.reservations ?? []).map((r) => ({ ...r })),
  };
  if (s.version === 2) out.events = (s.events ?? []).map(normaliseEvent);
  if (s.rotation) out.rotation = s.rotation.map((c) => ({ groupId: c.groupId, date: c.date, period: c.period }));
  return out;
}

function normaliseEvent(e: ContinuityEventSnapshot): NormalisedEvent {
  const out: NormalisedEvent = {
    id: e.id,
    from: e.from,
    fromPeriod: e.fromPeriod,
    to: e.to,
    toPeriod: e.toPeriod,
    sites: (e.sites ?? []).map((x) => ({ siteId: x.siteId, capacity: x.capacity })),
    pools: (e.pools ?? []).map((x) => ({ poolId: x.poolId, capacity: x.capacity })),
    extraEligible: (e.extraEligible ?? []).map((x) => ({ agentId: x.agentId, pool: x.pool })),
  };
  if (e.label !== undefined) out.label = e.label;
  if (e.kind !== undefined) out.kind = e.kind;
  if (e.regime) out.regime = { weeklyMax: e.regime.weeklyMax, ...(e.regime.scope ? { scope: copyScope(e.regime.scope) } : {}) };
  if (e.onSite) out.onSite = copyScope(e.onSite);
  return out;
}

function copyScope(s: EventScope): EventScope {
  const out: EventScope = {};
  if (s.agentIds) out.agentIds = [...s.agentIds];
  if (s.tiers) out.tiers = [...s.tiers];
  if (s.orgUnitIds) out.orgUnitIds = [...s.orgUnitIds];
  return out;
}

/** Capacity of a pool on a date, after its capacity changes (sorted by date, as normalised). */
export function capacityOn(pool: Pick<NormalisedPool, 'capacity' | 'capacityChanges'>, date: string): number {
  let cap = pool.capacity;
  for (const c of pool.capacityChanges) {
    if (c.from <= date) cap = c.capacity;
    else break;
  }
  return cap;
}
