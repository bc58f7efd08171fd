import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ContinuityEventSnapshot, DepartementScenario, RequestSnapshot } from '@telework/planning';
import { bulkInsert, insertColumns, withIndexesRebuiltAfter } from '../bulk-insert';
import { phaseTimer } from '../phase-timer';

export interface DemoLogin {
  role: 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';
  email: string;
  name: string;
}

export interface SeedSummary {
  sites: number;
  orgUnits: number;
  agents: number;
  groups: number;
  requests: number;
  /** continuity events written as DRAFT */
  events: number;
  logins: DemoLogin[];
}

export interface SeedOptions {
  /**
   * Continuity events to write as DRAFT (default: the scenario's own, `snapshot.events`), their
   * ids those of the scenario (sites, agents, org units; pools by code). A regime scoped by agent
   * ids keeps its tiers and org units only (an event stores no such list).
   */
  events?: readonly ContinuityEventSnapshot[];
  /** filled with the milliseconds of each step (the demo load logs them) */
  timings?: Record<string, number>;
  /**
   * Called in the seed's transaction once everything a planning snapshot reads is written but the
   * requests (pools, sites, groups, agents, reservations, events), with the requests about to be
   * written (database ids): the demo load reads its snapshot there, adds them, and plans it in a
   * thread while the requests and the accounts are written and committed.
   */
  beforeRequests?: (manager: EntityManager, requests: readonly RequestSnapshot[]) => Promise<void>;
}

const POOL_NAMES: Record<string, string> = {
  VDI: 'Bureaux virtuels',
  VPN: 'Accès distant',
};

export async function databaseIsEmpty(dataSource: DataSource): Promise<boolean> {
  const [{ count }] = await dataSource.query(
    `SELECT ((SELECT count(*) FROM sites) + (SELECT count(*) FROM agents))::int AS count`,
  );
  return count === 0;
}

/**
 * Writes a generated département (the planner's scenario generator) into an empty database,
 * in one transaction with bulk inserts. Every demo account shares one password hash: hashing
 * 5,000 passwords with argon2 would take minutes for no benefit in a demo.
 */
export async function seedDemoDepartement(
  dataSource: DataSource,
  scenario: DepartementScenario,
  passwordHash: string,
  options: SeedOptions = {},
): Promise<SeedSummary> {
  const { snapshot, orgUnits, people } = scenario;
  const events = options.events ?? snapshot.events ?? [];
  const poolIds = new Map(snapshot.pools.map((pool) => [pool.id, randomUUID()]));
  const siteIds = new Map(snapshot.sites.map((site) => [site.id, randomUUID()]));
  const groupIds = new Map(snapshot.groups.map((group) => [group.id, randomUUID()]));
  const unitIds = new Map(orgUnits.map((unit) => [unit.id, randomUUID()]));
  const agentIds = new Map(snapshot.agents.map((agent) => [agent.id, randomUUID()]));
  const idOf = (map: Map<string, string>, key: string | null | undefined) => (key ? map.get(key) ?? null : null);
  const lap = phaseTimer(options.timings ?? {});

  await dataSource.transaction(async (manager) => {
    await bulkInsert(manager, 'capacity_pools', ['id', 'code', 'name', 'capacity', 'reserve'],
      snapshot.pools.map((pool) => [poolIds.get(pool.id), pool.id, POOL_NAMES[pool.id] ?? pool.id, pool.capacity, pool.reserve ?? 0]));
    await bulkInsert(manager, 'capacity_changes', ['pool_id', 'effective_from', 'capacity'],
      snapshot.pools.flatMap((pool) => (pool.capacityChanges ?? []).map((change) => [poolIds.get(pool.id), change.from, change.capacity])));
    await bulkInsert(manager, 'sites', ['id', 'code', 'name', 'capacity'],
      snapshot.sites.map((site) => [siteIds.get(site.id), site.id, site.name ?? site.id, site.capacity]));
    await bulkInsert(manager, 'rotation_groups', ['id', 'code', 'name', 'max_size'],
      snapshot.groups.map((group) => [groupIds.get(group.id), group.id, group.name ?? group.id, snapshot.maxGroupSize ?? 300]));

    // parents before children: a non-deferrable foreign key is checked after each statement
    const depth = new Map<string, number>();
    const byId = new Map(orgUnits.map((unit) => [unit.id, unit]));
    const depthOf = (id: string, seen = 0): number => {
      const known = depth.get(id);
      if (known !== undefined) return known;
      const parent = byId.get(id)?.parentId;
      const value = parent && seen < 64 ? depthOf(parent, seen + 1) + 1 : 0;
      depth.set(id, value);
      return value;
    };
    const unitsInOrder = [...orgUnits].sort((a, b) => depthOf(a.id) - depthOf(b.id));
    lap('pools, sites, groups');
    // an org unit's manager is an agent, written below: set once the agents are in. The foreign
    // key's deferred checks of these rows are run now, so that none is pending when the agents'
    // keys are dropped and built again (PostgreSQL refuses to alter a table with pending events)
    await insertColumns(manager, 'org_units', { id: 'uuid', code: 'text', name: 'text', parent_id: 'uuid' },
      unitsInOrder.map((unit) => [unitIds.get(unit.id), unit.code, unit.name, idOf(unitIds, unit.parentId)]));
    await manager.query(`SET CONSTRAINTS org_units_manager_fk IMMEDIATE`);
    await manager.query(`SET CONSTRAINTS org_units_manager_fk DEFERRED`);
    lap('org units');

    // one statement: a manager anywhere in the list exists when the foreign keys are checked.
    // A département's agents fill an empty table: its indexes and foreign keys are built once
    // afterwards, and the group sizes checked by one query instead of by a deferred trigger per
    // agent at commit (100,000 agents: 12.5 s and 3 s of commit before, on the bench machine)
    const managerOf = new Map(people.map((person) => [person.agentId, person.managerAgentId]));
    await manager.query(`ALTER TABLE agents DISABLE TRIGGER agents_group_size_check`);
    await withIndexesRebuiltAfter(manager, 'agents', () => insertColumns(manager, 'agents',
      {
        id: 'uuid', employee_number: 'text', first_name: 'text', last_name: 'text', email: 'text', site_id: 'uuid', org_unit_id: 'uuid',
        manager_id: 'uuid', role: 'text', eligible: 'boolean', access_pool_id: 'uuid', tier: 'text', weekly_min: 'smallint',
        weekly_max: 'smallint', off_half_days: 'text[]', group_id: 'uuid',
      },
      snapshot.agents.map((agent, index) => {
        const person = people[index];
        return [
          agentIds.get(agent.id), person.employeeNumber, person.firstName, person.lastName, person.email,
          siteIds.get(agent.siteId), unitIds.get(person.orgUnitId), idOf(agentIds, managerOf.get(agent.id)), person.role, agent.eligible,
          idOf(poolIds, agent.pool), agent.tier ?? 'STANDARD', agent.weeklyMin ?? 4, agent.weeklyMax ?? 6,
          agent.offHalfDays ?? [], idOf(groupIds, agent.groupId),
        ];
      })));
    await manager.query(`ALTER TABLE agents ENABLE TRIGGER agents_group_size_check`);
    await refuseOversizedGroups(manager);
    const managedUnits = orgUnits.filter((unit) => unit.managerAgentId);
    await manager.query(
      `UPDATE org_units o SET manager_agent_id = d.manager_agent_id FROM unnest($1::uuid[], $2::uuid[]) AS d(id, manager_agent_id) WHERE o.id = d.id`,
      [managedUnits.map((unit) => unitIds.get(unit.id)), managedUnits.map((unit) => idOf(agentIds, unit.managerAgentId))],
    );
    lap('agents');

    await bulkInsert(manager, 'reservations', ['pool_id', 'date', 'period', 'seats', 'label'],
      (snapshot.reservations ?? []).map((reservation) => [
        poolIds.get(reservation.pool), reservation.date, reservation.period, reservation.seats, reservation.label ?? 'Réservation',
      ]));
    lap('reservations');

    const ids = (map: Map<string, string>, keys: readonly string[] | undefined) =>
      (keys ?? []).map((k) => map.get(k)).filter((id): id is string => !!id);
    await bulkInsert(manager, 'continuity_events',
      ['label', 'kind', 'status', 'from_date', 'from_period', 'to_date', 'to_period', 'sites', 'pools', 'weekly_max', 'weekly_max_tiers',
        'weekly_max_org_unit_ids', 'extra_eligible_agent_ids', 'on_site_agent_ids', 'on_site_tiers', 'on_site_org_unit_ids'],
      events.map((event) => [
        event.label ?? event.id, event.kind ?? 'OTHER', 'DRAFT', event.from, event.fromPeriod, event.to, event.toPeriod,
        JSON.stringify((event.sites ?? []).flatMap((site) => (siteIds.has(site.siteId) ? [{ siteId: siteIds.get(site.siteId), capacity: site.capacity }] : []))),
        JSON.stringify((event.pools ?? []).flatMap((pool) => (poolIds.has(pool.poolId) ? [{ poolId: poolIds.get(pool.poolId), capacity: pool.capacity }] : []))),
        event.regime?.weeklyMax ?? null, event.regime?.scope?.tiers ?? [], ids(unitIds, event.regime?.scope?.orgUnitIds),
        ids(agentIds, (event.extraEligible ?? []).map((extra) => extra.agentId)),
        ids(agentIds, event.onSite?.agentIds), event.onSite?.tiers ?? [], ids(unitIds, event.onSite?.orgUnitIds),
      ]));
    lap('events');
    // one live request per agent and half-day (the table's unique index): the first one written
    const live = new Set<string>();
    const requests = (snapshot.requests ?? []).flatMap((request): RequestSnapshot[] => {
      const agentId = agentIds.get(request.agentId);
      if (!agentId) return [];
      if (request.status === 'PENDING' || request.status === 'APPROVED') {
        const key = `${agentId} ${request.date} ${request.period}`;
        if (live.has(key)) return [];
        live.add(key);
      }
      return [{ id: randomUUID(), agentId, date: request.date, period: request.period, kind: request.kind, status: request.status }];
    });
    if (options.beforeRequests) {
      await options.beforeRequests(manager, requests);
      lap('snapshot read');
    }
    await insertColumns(manager, 'telework_requests', { id: 'uuid', agent_id: 'uuid', date: 'date', period: 'text', kind: 'text', status: 'text' },
      requests.map((request) => [request.id, request.agentId, request.date, request.period, request.kind, request.status]));
    lap('requests');

    await withIndexesRebuiltAfter(manager, 'users', () => insertColumns(manager, 'users', { agent_id: 'uuid', email: 'text', password_hash: 'text', role: 'text' },
      people.map((person) => [agentIds.get(person.agentId), person.email, passwordHash, person.role])));
    lap('users');
  });
  lap('commit');

  return {
    sites: snapshot.sites.length,
    orgUnits: orgUnits.length,
    agents: snapshot.agents.length,
    groups: snapshot.groups.length,
    requests: (snapshot.requests ?? []).length,
    events: events.length,
    logins: demoLogins(scenario),
  };
}

/** What the group-size trigger checks row by row (rotation_groups.max_size), for every group at once. */
async function refuseOversizedGroups(manager: Pick<EntityManager, 'query'>): Promise<void> {
  const oversized: { code: string; members: number; max_size: number }[] = await manager.query(
    `SELECT g.code, count(*)::int AS members, g.max_size FROM agents a JOIN rotation_groups g ON g.id = a.group_id
     GROUP BY g.id HAVING count(*) > g.max_size ORDER BY g.code`,
  );
  if (oversized.length > 0) {
    throw new Error(`rotation group(s) over their maximum size: ${oversized.map((g) => `${g.code} has ${g.members} members, more than ${g.max_size}`).join('; ')}`);
  }
}

/** One account per role to try the console with. */
export function demoLogins(scenario: DepartementScenario): DemoLogin[] {
  // a manager of a unit below the top, so its team is a real subset of the département
  const managedUnits = new Set(scenario.orgUnits.filter((unit) => unit.parentId).map((unit) => unit.managerAgentId));
  const teamSizes = new Map<string, number>();
  for (const person of scenario.people) {
    if (person.managerAgentId) teamSizes.set(person.managerAgentId, (teamSizes.get(person.managerAgentId) ?? 0) + 1);
  }
  const eligible = new Set(scenario.snapshot.agents.filter((agent) => agent.eligible).map((agent) => agent.id));
  const pick = (role: DemoLogin['role'], extra: (agentId: string) => boolean = () => true) => {
    const person = scenario.people.find((p) => p.role === role && extra(p.agentId));
    return person ? [{ role, email: person.email, name: `${person.firstName} ${person.lastName}` }] : [];
  };
  return [
    ...pick('ADMIN'),
    ...pick('HR'),
    ...pick('MANAGER', (id) => managedUnits.has(id) && (teamSizes.get(id) ?? 0) >= 3),
    ...pick('AGENT', (id) => eligible.has(id)),
  ];
}
