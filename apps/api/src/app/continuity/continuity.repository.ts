import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ContinuityEventDto, ContinuityEventStatus } from '@telework/contracts';
import { queryReturning } from '@telework/persistence';
import { createContinuityRun, CreatedRun, sharePlanningDataLock } from '@telework/planning-data';

/** An event's own fields, as HR gives them (what a write stores). */
export type ContinuityEventFields = Omit<
  ContinuityEventDto,
  'id' | 'status' | 'createdAt' | 'createdBy' | 'activatedAt' | 'endedAt' | 'lastRunId'
>;

const EVENT_SELECT = `
  SELECT id, label, kind, status,
         to_char(from_date, 'YYYY-MM-DD') AS "from", from_period AS "fromPeriod",
         to_char(to_date, 'YYYY-MM-DD') AS "to", to_period AS "toPeriod",
         sites, pools, weekly_max AS "weeklyMax", weekly_max_tiers AS "weeklyMaxTiers", weekly_max_org_unit_ids AS "weeklyMaxOrgUnitIds",
         extra_eligible_agent_ids AS "extraEligibleAgentIds", extra_eligible_pool_id AS "extraEligiblePoolId",
         on_site_agent_ids AS "onSiteAgentIds", on_site_tiers AS "onSiteTiers", on_site_org_unit_ids AS "onSiteOrgUnitIds",
         created_at AS "createdAt", created_by AS "createdBy", activated_at AS "activatedAt", ended_at AS "endedAt", last_run_id AS "lastRunId"
  FROM continuity_events`;

/** The tables an event's references point to, by the name of their kind. */
const REFERENCE_TABLES = { site: 'sites', pool: 'capacity_pools', agent: 'agents', orgUnit: 'org_units' } as const;
export type ReferenceKind = keyof typeof REFERENCE_TABLES;

/** Arrays and JSON as the drivers give them (pg parses both; some give text): always arrays. */
function asList<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (typeof value === 'string') {
    if (value.startsWith('[')) return JSON.parse(value) as T[];
    if (value.length > 2) return value.slice(1, -1).split(',') as unknown as T[];
  }
  return [];
}

function toDto(row: Record<string, unknown>): ContinuityEventDto {
  return {
    ...(row as unknown as ContinuityEventDto),
    sites: asList(row['sites']),
    pools: asList(row['pools']),
    weeklyMax: row['weeklyMax'] === null || row['weeklyMax'] === undefined ? null : Number(row['weeklyMax']),
    weeklyMaxTiers: asList(row['weeklyMaxTiers']),
    weeklyMaxOrgUnitIds: asList(row['weeklyMaxOrgUnitIds']),
    extraEligibleAgentIds: asList(row['extraEligibleAgentIds']),
    onSiteAgentIds: asList(row['onSiteAgentIds']),
    onSiteTiers: asList(row['onSiteTiers']),
    onSiteOrgUnitIds: asList(row['onSiteOrgUnitIds']),
  };
}

/** The parameters $2… of an event's fields, in the column order of INSERT and UPDATE below. */
function fieldParams(event: ContinuityEventFields): unknown[] {
  return [
    event.label, event.kind, event.from, event.fromPeriod, event.to, event.toPeriod,
    JSON.stringify(event.sites.map((s) => ({ siteId: s.siteId, capacity: s.capacity }))),
    JSON.stringify(event.pools.map((p) => ({ poolId: p.poolId, capacity: p.capacity }))),
    event.weeklyMax, event.weeklyMaxTiers, event.weeklyMaxOrgUnitIds, event.extraEligibleAgentIds, event.extraEligiblePoolId,
    event.onSiteAgentIds, event.onSiteTiers, event.onSiteOrgUnitIds,
  ];
}

/**
 * Every SQL statement on continuity events. Each write takes the transaction's EntityManager;
 * reads default to the data source.
 */
@Injectable()
export class ContinuityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The events, newest first, of one status or all. */
  async findAll(status?: ContinuityEventStatus): Promise<ContinuityEventDto[]> {
    const rows = await this.dataSource.query(
      `${EVENT_SELECT} WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, id`,
      [status ?? null],
    );
    return rows.map(toDto);
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ContinuityEventDto | undefined> {
    const [row] = await manager.query(`${EVENT_SELECT} WHERE id = $1`, [id]);
    return row ? toDto(row) : undefined;
  }

  /** Records a DRAFT; its id. */
  async insert(event: ContinuityEventFields, createdBy: string | null, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO continuity_events (label, kind, from_date, from_period, to_date, to_period, sites, pools, weekly_max, weekly_max_tiers,
              weekly_max_org_unit_ids, extra_eligible_agent_ids, extra_eligible_pool_id, on_site_agent_ids, on_site_tiers,
              on_site_org_unit_ids, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10::text[], $11::uuid[], $12::uuid[], $13, $14::uuid[], $15::text[], $16::uuid[], $17)
       RETURNING id`,
      [...fieldParams(event), createdBy],
    );
    return id;
  }

  /** Locks an event's row until the transaction ends (FOR UPDATE); its status then, undefined when it is gone. */
  async lockStatus(id: string, manager: EntityManager): Promise<ContinuityEventStatus | undefined> {
    const [row] = await manager.query(`SELECT status FROM continuity_events WHERE id = $1 FOR UPDATE`, [id]);
    return row?.status;
  }

  /** Replaces an event's fields (the caller holds its row lock). */
  async update(id: string, event: ContinuityEventFields, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE continuity_events SET label = $2, kind = $3, from_date = $4, from_period = $5, to_date = $6, to_period = $7,
              sites = $8::jsonb, pools = $9::jsonb, weekly_max = $10, weekly_max_tiers = $11::text[], weekly_max_org_unit_ids = $12::uuid[],
              extra_eligible_agent_ids = $13::uuid[], extra_eligible_pool_id = $14, on_site_agent_ids = $15::uuid[],
              on_site_tiers = $16::text[], on_site_org_unit_ids = $17::uuid[], updated_at = now()
       WHERE id = $1`,
      [id, ...fieldParams(event)],
    );
  }

  /** Deletes a DRAFT; whether it was one (false: gone, or not a draft meanwhile). */
  async deleteDraft(id: string, manager: EntityManager): Promise<boolean> {
    const deleted = await queryReturning<{ id: string }>(manager,
      `DELETE FROM continuity_events WHERE id = $1 AND status = 'DRAFT' RETURNING id`, [id]);
    return deleted.length > 0;
  }

  /** DRAFT → ACTIVE; false when it was no longer a draft. */
  async markActive(id: string, manager: EntityManager): Promise<boolean> {
    const updated = await queryReturning<{ id: string }>(manager,
      `UPDATE continuity_events SET status = 'ACTIVE', activated_at = now(), updated_at = now() WHERE id = $1 AND status = 'DRAFT' RETURNING id`,
      [id]);
    return updated.length > 0;
  }

  /** ACTIVE → ENDED, its last half-day cut to `to` when given; false when it was no longer active. */
  async markEnded(id: string, to: { date: string; period: string } | null, manager: EntityManager): Promise<boolean> {
    const updated = await queryReturning<{ id: string }>(manager,
      `UPDATE continuity_events SET status = 'ENDED', ended_at = now(), updated_at = now(),
              to_date = coalesce($2::date, to_date), to_period = coalesce($3::text, to_period)
       WHERE id = $1 AND status = 'ACTIVE' RETURNING id`,
      [id, to?.date ?? null, to?.period ?? null]);
    return updated.length > 0;
  }

  async setLastRun(id: string, runId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE continuity_events SET last_run_id = $2 WHERE id = $1`, [id, runId]);
  }

  /**
   * An ACTIVE event is planning data, but its table has no trigger of its own: a change of one
   * does what the triggers of the planning data do (shared planning-data lock, then the next data
   * version), so that a plan being made meanwhile is made again with it (planOnFreshData).
   */
  async notePlanningDataChange(manager: EntityManager): Promise<void> {
    await sharePlanningDataLock(manager);
    await manager.query(`SELECT nextval('planning_data_version')`);
  }

  /** Records the CONTINUITY run of [from, to] (or joins the live one of that horizon). */
  createRun(eventId: string, from: string, to: string, requestedBy: string | null, manager: EntityManager): Promise<CreatedRun> {
    return createContinuityRun(manager, eventId, from, to, requestedBy);
  }

  /** The ids of `ids` that no row of the kind's table has. */
  async findUnknown(kind: ReferenceKind, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT x.id FROM unnest($1::uuid[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM ${REFERENCE_TABLES[kind]} t WHERE t.id = x.id)`,
      [[...new Set(ids)]],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Names of org units by id. */
  async findOrgUnitNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM org_units WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** "First Last" of agents by id. */
  async findAgentNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, first_name || ' ' || last_name AS name FROM agents WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Pools by id: their code and priority reserve. */
  async findPools(ids: readonly string[]): Promise<Map<string, { code: string; reserve: number }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; code: string; reserve: number }[] = await this.dataSource.query(
      `SELECT id, code, reserve FROM capacity_pools WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, { code: row.code, reserve: Number(row.reserve) }]));
  }

  /** Seats reserved for events per pool and half-day of [from, to] (the database's rule, pool_reserved_seats), where there are some. */
  async findReservedSeats(poolIds: readonly string[], from: string, to: string): Promise<{ poolId: string; date: string; period: 'AM' | 'PM'; seats: number }[]> {
    if (poolIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT r.pool_id AS "poolId", to_char(r.date, 'YYYY-MM-DD') AS date, r.period,
              pool_reserved_seats(r.pool_id, r.date, r.period) AS seats
       FROM (SELECT DISTINCT pool_id, date, period FROM reservations WHERE pool_id = ANY($1::uuid[]) AND date BETWEEN $2 AND $3) r
       ORDER BY r.date, r.period`,
      [[...new Set(poolIds)], from, to],
    );
  }

  /** Every pool's id by its code (snapshots name pools by code). */
  async findPoolIdsByCode(): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await this.dataSource.query(`SELECT id, code FROM capacity_pools`);
    return new Map(rows.map((row) => [row.code, row.id]));
  }
}
