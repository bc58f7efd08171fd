import type { EntityManager } from 'typeorm';
import {
  AgentSnapshot, CarriedHalfDays, ContinuityEventSnapshot, EventScope, frenchPublicHolidays, isoWeekday, mondayOf, Period, PlanningSnapshot, PoolSnapshot,
  RequestSnapshot, RotationCell, Tier, WeekdayHalfDay,
} from '@telework/planning';
import { CURRENT_PUBLISHED_CELL } from './rotation-calendars.repository';

export type RotationSource =
  | { kind: 'published' }
  | { kind: 'calendar'; calendarId: string }
  | { kind: 'none' };

export interface SnapshotOptions {
  from: string;
  to: string;
  maxGroupSize: number;
  rotation: RotationSource;
  /**
   * A continuity event planned as if it were ACTIVE, whatever its status (the impact preview of a
   * DRAFT); the ACTIVE events meeting the horizon are in the snapshot anyway.
   */
  previewEventId?: string;
}

/**
 * Reads the planning snapshot of a horizon from the database. Agents, sites and groups are
 * identified by their database ids, pools by their code (VDI, VPN) so that refusal reasons read
 * naturally; public holidays are listed in closedDates.
 *
 * Schema v1, byte for byte as before, unless a continuity event meets the horizon (an ACTIVE one,
 * or `previewEventId`): then v2, with `events` (their org units resolved into agent ids, org
 * units below them included; pools by code; sites by id) and every agent's `orgUnitId`; or unless
 * the horizon starts mid-week after half-days of that week the plan already holds (a nightly run
 * after the freeze window): then v2 too, with each eligible agent's `carried` counts of them
 * (`readCarriedWeek`), so that the week's weekly minimum and maximum are the ISO week's.
 */
export async function readPlanningSnapshot(manager: EntityManager, options: SnapshotOptions): Promise<PlanningSnapshot> {
  const { from, to } = options;
  // the capacity in force on `from` (the database's rule, pool_capacity_on), then every change inside the horizon
  const pools: { id: string; code: string; capacity: number; reserve: number }[] = await manager.query(
    `SELECT id, code, pool_capacity_on(id, $1::date) AS capacity, reserve FROM capacity_pools ORDER BY code`,
    [from],
  );
  const changes: { code: string; from: string; capacity: number }[] = await manager.query(
    `SELECT p.code, to_char(c.effective_from, 'YYYY-MM-DD') AS from, c.capacity
     FROM capacity_changes c JOIN capacity_pools p ON p.id = c.pool_id
     WHERE c.effective_from > $1::date AND c.effective_from <= $2::date ORDER BY p.code, c.effective_from`,
    [from, to],
  );
  const sites: { id: string; name: string; capacity: number }[] = await manager.query(
    `SELECT id, name, capacity FROM sites ORDER BY code`,
  );
  const groups: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM rotation_groups ORDER BY code`);
  const agents: {
    id: string; site_id: string; group_id: string | null; eligible: boolean; pool: string | null; tier: Tier;
    weekly_min: number; weekly_max: number; off_half_days: WeekdayHalfDay[]; org_unit_id: string | null;
  }[] = await manager.query(
    `SELECT a.id, a.site_id, a.group_id, a.eligible, p.code AS pool, a.tier, a.weekly_min, a.weekly_max, a.off_half_days, a.org_unit_id
     FROM agents a LEFT JOIN capacity_pools p ON p.id = a.access_pool_id ORDER BY a.employee_number`,
  );
  const requests: RequestSnapshot[] = await manager.query(
    `SELECT r.id, r.agent_id AS "agentId", to_char(r.date, 'YYYY-MM-DD') AS date, r.period, r.kind, r.status
     FROM telework_requests r
     WHERE r.date BETWEEN $1 AND $2 AND r.status IN ('PENDING', 'APPROVED', 'REFUSED')
     ORDER BY r.created_at, r.id`,
    [from, to],
  );
  const reservations: { id: string; pool: string; date: string; period: 'AM' | 'PM'; seats: number; label: string }[] =
    await manager.query(
      `SELECT r.id, p.code AS pool, to_char(r.date, 'YYYY-MM-DD') AS date, r.period, r.seats, r.label
       FROM reservations r JOIN capacity_pools p ON p.id = r.pool_id
       WHERE r.date BETWEEN $1 AND $2 ORDER BY r.date, r.period, r.id`,
      [from, to],
    );

  const snapshot: PlanningSnapshot = {
    version: 1,
    horizon: { from, to },
    timezone: 'Europe/Paris',
    closedDates: frenchPublicHolidays(from, to),
    maxGroupSize: options.maxGroupSize,
    pools: pools.map((pool): PoolSnapshot => ({
      id: pool.code,
      capacity: Number(pool.capacity),
      reserve: pool.reserve,
      capacityChanges: changes.filter((change) => change.code === pool.code).map((change) => ({ from: change.from, capacity: change.capacity })),
    })),
    sites: sites.map((site) => ({ id: site.id, name: site.name, capacity: site.capacity })),
    groups: groups.map((group) => ({ id: group.id, name: group.name })),
    agents: agents.map((agent): AgentSnapshot => ({
      id: agent.id,
      siteId: agent.site_id,
      groupId: agent.eligible ? agent.group_id : null,
      eligible: agent.eligible && agent.group_id !== null,
      pool: agent.eligible && agent.group_id !== null ? agent.pool : null,
      tier: agent.tier,
      weeklyMin: agent.weekly_min,
      weeklyMax: agent.weekly_max,
      offHalfDays: agent.off_half_days,
    })),
    requests,
    reservations: reservations.map((r) => ({ id: r.id, pool: r.pool, date: r.date, period: r.period, seats: r.seats, label: r.label })),
  };
  const rotation = await readRotation(manager, options.rotation, from, to);
  if (rotation) snapshot.rotation = rotation;
  const events = await readContinuityEvents(manager, options, pools, agents);
  const carried = await readCarriedWeek(manager, from);
  // only the agents who can be R: ineligible ones have no weekly rule to count them in
  const carriedOf = (agent: AgentSnapshot) => (agent.eligible ? carried.get(agent.id) : undefined);
  const carries = snapshot.agents.some((agent) => carriedOf(agent) !== undefined);
  if (events.length > 0 || carries) {
    // v2: only when an event meets the horizon or a cut week carries half-days, so that a snapshot
    // with neither stays the v1 it always was
    snapshot.version = 2;
    snapshot.agents = snapshot.agents.map((agent, i) => {
      const frozen = carriedOf(agent);
      return { ...agent, orgUnitId: agents[i].org_unit_id, ...(frozen ? { carried: frozen } : {}) };
    });
    if (events.length > 0) snapshot.events = events;
  }
  return snapshot;
}

/**
 * The frozen part of the week `from` cuts: per agent, its half-days of the plan from that ISO
 * week's Monday to the day before `from` — `working` those not OFF, `remote` those REMOTE (the
 * snapshot's `agents[].carried`, schema v2). One aggregate over the assignments of at most four
 * days; empty when `from` is a Monday (nothing before it) or a Saturday or Sunday (its week has no
 * half-day left to plan), and agents with no half-day there are left out.
 */
export async function readCarriedWeek(manager: EntityManager, from: string): Promise<Map<string, CarriedHalfDays>> {
  const day = isoWeekday(from);
  if (day === 1 || day > 5) return new Map();
  const rows: { agent_id: string; remote: number; working: number }[] = await manager.query(
    `SELECT agent_id, count(*) FILTER (WHERE mode = 'REMOTE')::int AS remote, count(*) FILTER (WHERE mode <> 'OFF')::int AS working
     FROM assignments WHERE date >= $1::date AND date < $2::date
     GROUP BY agent_id HAVING count(*) FILTER (WHERE mode <> 'OFF') > 0`,
    [mondayOf(from), from],
  );
  return new Map(rows.map((row) => [row.agent_id, { remote: Number(row.remote), working: Number(row.working) }]));
}

interface ContinuityEventRow {
  id: string;
  label: string;
  kind: ContinuityEventSnapshot['kind'];
  from: string;
  from_period: Period;
  to: string;
  to_period: Period;
  sites: { siteId: string; capacity: number }[];
  pools: { poolId: string; capacity: number }[];
  weekly_max: number | null;
  weekly_max_tiers: Tier[];
  weekly_max_org_unit_ids: string[];
  extra_eligible_agent_ids: string[];
  extra_eligible_pool_id: string | null;
  on_site_agent_ids: string[];
  on_site_tiers: Tier[];
  on_site_org_unit_ids: string[];
}

/** Postgres arrays come back as arrays from pg, and as text from some drivers: always an array. */
function list<T>(value: T[] | string | null | undefined): T[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.length > 2) return value.slice(1, -1).split(',') as unknown as T[];
  return [];
}

function jsonList<T>(value: T[] | string | null | undefined): T[] {
  if (typeof value === 'string') return JSON.parse(value) as T[];
  return value ?? [];
}

/**
 * The continuity events of the horizon as the engine reads them (schema v2): the ACTIVE ones
 * meeting [from, to], and `previewEventId` as if it were active. Ids the data no longer knows
 * (a site, pool or agent deleted since) are left out.
 */
async function readContinuityEvents(
  manager: EntityManager,
  options: SnapshotOptions,
  pools: { id: string; code: string; capacity: number }[],
  agents: { id: string; pool: string | null }[],
): Promise<ContinuityEventSnapshot[]> {
  const rows: ContinuityEventRow[] = await manager.query(
    `SELECT id, label, kind, to_char(from_date, 'YYYY-MM-DD') AS "from", from_period, to_char(to_date, 'YYYY-MM-DD') AS "to", to_period,
            sites, pools, weekly_max, weekly_max_tiers, weekly_max_org_unit_ids, extra_eligible_agent_ids, extra_eligible_pool_id,
            on_site_agent_ids, on_site_tiers, on_site_org_unit_ids
     FROM continuity_events
     WHERE from_date <= $2::date AND to_date >= $1::date AND (status = 'ACTIVE' OR id = $3::uuid)
     ORDER BY from_date, from_period, created_at, id`,
    [options.from, options.to, options.previewEventId ?? null],
  );
  if (rows.length === 0) return [];
  // the agents of each scope's org units, the units below them included (UNION: a cycle ends)
  const members: { event_id: string; rule: 'regime' | 'onSite'; agent_id: string }[] = await manager.query(
    `WITH RECURSIVE scope(event_id, rule, unit_id) AS (
       SELECT seeds.event_id, seeds.rule, seeds.unit_id FROM (
         SELECT e.id AS event_id, 'regime' AS rule, u.unit_id FROM continuity_events e, unnest(e.weekly_max_org_unit_ids) AS u(unit_id)
         WHERE e.id = ANY($1::uuid[])
         UNION ALL
         SELECT e.id, 'onSite', u.unit_id FROM continuity_events e, unnest(e.on_site_org_unit_ids) AS u(unit_id)
         WHERE e.id = ANY($1::uuid[])
       ) AS seeds
       UNION
       SELECT s.event_id, s.rule, o.id FROM scope s JOIN org_units o ON o.parent_id = s.unit_id
     )
     SELECT DISTINCT s.event_id, s.rule, a.id AS agent_id FROM scope s JOIN agents a ON a.org_unit_id = s.unit_id
     ORDER BY s.event_id, s.rule, a.id`,
    [rows.map((row) => row.id)],
  );
  const known = new Map(agents.map((agent) => [agent.id, agent]));
  const poolCode = new Map(pools.map((pool) => [pool.id, pool.code]));
  const largestPool = [...pools].sort((a, b) => Number(b.capacity) - Number(a.capacity) || a.code.localeCompare(b.code))[0]?.code ?? null;
  const siteIds = new Set<string>((await manager.query(`SELECT id FROM sites`)).map((site: { id: string }) => site.id));
  const unitMembers = (eventId: string, rule: 'regime' | 'onSite') =>
    members.filter((m) => m.event_id === eventId && m.rule === rule && known.has(m.agent_id)).map((m) => m.agent_id);

  return rows.map((row): ContinuityEventSnapshot => {
    const event: ContinuityEventSnapshot = {
      id: row.id, label: row.label, kind: row.kind, from: row.from, fromPeriod: row.from_period, to: row.to, toPeriod: row.to_period,
    };
    const sites = jsonList(row.sites).filter((site) => siteIds.has(site.siteId)).map((site) => ({ siteId: site.siteId, capacity: site.capacity }));
    if (sites.length > 0) event.sites = sites;
    const eventPools = jsonList(row.pools).filter((pool) => poolCode.has(pool.poolId))
      .map((pool) => ({ poolId: poolCode.get(pool.poolId) as string, capacity: pool.capacity }));
    if (eventPools.length > 0) event.pools = eventPools;
    if (row.weekly_max !== null && row.weekly_max !== undefined) {
      const tiers = list<Tier>(row.weekly_max_tiers);
      const units = list<string>(row.weekly_max_org_unit_ids);
      const scope: EventScope = {};
      if (tiers.length > 0) scope.tiers = tiers;
      if (units.length > 0) scope.agentIds = unitMembers(row.id, 'regime');
      // org units with nobody in them, and no tier: the regime applies to nobody (an absent scope would mean everyone)
      const nobody = units.length > 0 && tiers.length === 0 && (scope.agentIds ?? []).length === 0;
      if (!nobody) event.regime = { weeklyMax: Number(row.weekly_max), ...(Object.keys(scope).length > 0 ? { scope } : {}) };
    }
    const fallbackPool = (row.extra_eligible_pool_id ? poolCode.get(row.extra_eligible_pool_id) : undefined) ?? largestPool;
    const extra = list<string>(row.extra_eligible_agent_ids).filter((id) => known.has(id)).flatMap((agentId) => {
      const pool = known.get(agentId)?.pool ?? fallbackPool;
      return pool ? [{ agentId, pool }] : [];
    });
    if (extra.length > 0) event.extraEligible = extra;
    const onSiteIds = [...new Set([...list<string>(row.on_site_agent_ids).filter((id) => known.has(id)), ...unitMembers(row.id, 'onSite')])];
    const onSiteTiers = list<Tier>(row.on_site_tiers);
    if (onSiteIds.length > 0 || onSiteTiers.length > 0) {
      event.onSite = { ...(onSiteIds.length > 0 ? { agentIds: onSiteIds } : {}), ...(onSiteTiers.length > 0 ? { tiers: onSiteTiers } : {}) };
    }
    return event;
  });
}

async function readRotation(manager: EntityManager, source: RotationSource, from: string, to: string): Promise<RotationCell[] | null> {
  if (source.kind === 'none') return null;
  if (source.kind === 'calendar') {
    return manager.query(
      `SELECT group_id AS "groupId", to_char(date, 'YYYY-MM-DD') AS date, period FROM rotation_cells
       WHERE calendar_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date, period, group_id`,
      [source.calendarId, from, to],
    );
  }
  return manager.query(
    `SELECT c.group_id AS "groupId", to_char(c.date, 'YYYY-MM-DD') AS date, c.period
     FROM rotation_cells c JOIN rotation_calendars rc ON rc.id = c.calendar_id
     WHERE c.date BETWEEN $1 AND $2 AND ${CURRENT_PUBLISHED_CELL}
     ORDER BY c.date, c.period, c.group_id`,
    [from, to],
  );
}
