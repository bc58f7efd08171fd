import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryReturning } from '@telework/persistence';
import type {
  AllocationOutcome, HalfDayPeriod, Refusal, TeleworkRequestDto, TeleworkRequestKind, TeleworkRequestStatus,
} from '@telework/contracts';
import { TEAM_UNITS_CTE } from '../directory/team-scope';

const ISO_TIMESTAMP = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const REQUEST_COLUMNS = `
  r.id, r.agent_id AS "agentId", a.first_name || ' ' || a.last_name AS "agentName",
  a.employee_number AS "employeeNumber", to_char(r.date, 'YYYY-MM-DD') AS date, r.period, r.kind, r.status,
  r.allocation_status AS "allocationStatus", r.allocation_refusal AS "allocationRefusal",
  r.allocation_reason AS "allocationReason", r.comment,
  to_char(r.created_at AT TIME ZONE 'UTC', ${ISO_TIMESTAMP}) AS "createdAt",
  to_char(r.decided_at AT TIME ZONE 'UTC', ${ISO_TIMESTAMP}) AS "decidedAt"`;

const REQUEST_FROM = `FROM telework_requests r JOIN agents a ON a.id = r.agent_id`;

/** A request as the rules read it (decisions, cancellation). */
export interface RequestRow {
  id: string;
  agent_id: string;
  org_unit_id: string;
  date: string;
  period: HalfDayPeriod;
  kind: TeleworkRequestKind;
  status: TeleworkRequestStatus;
  allocation_status: string | null;
}

/**
 * Whose requests a reader sees: every request, none, its own, or its own and its team's (the
 * org units it manages and below, TEAM_UNITS_CTE).
 */
export type RequestScope =
  | { kind: 'ALL' }
  | { kind: 'NONE' }
  | { kind: 'OWN'; agentId: string }
  | { kind: 'TEAM_AND_OWN'; agentId: string };

export interface RequestFilter {
  status?: string;
  from?: string;
  to?: string;
  agentId?: string;
}

export interface HalfDay {
  date: string;
  period: HalfDayPeriod;
}

/** One line of a request's status history. */
export interface RequestHistoryEntry {
  requestId: string;
  status: TeleworkRequestStatus;
  allocationStatus: string | null;
  comment: string | null;
  actorUserId: string;
}

/** A request row as read: the stored refusal is jsonb (a string on the embedded database's driver). */
function requestDto(row: TeleworkRequestDto): TeleworkRequestDto {
  const refusal = row.allocationRefusal as unknown;
  return typeof refusal === 'string' ? { ...row, allocationRefusal: JSON.parse(refusal) as Refusal } : row;
}


/** The SQL `WITH` and `WHERE` of a scope; its agent id, when it has one, is pushed onto `params`. */
function scopeSql(scope: RequestScope, params: unknown[]): { with: string; where: string } {
  if (scope.kind === 'ALL') return { with: '', where: 'true' };
  if (scope.kind === 'NONE') return { with: '', where: 'false' };
  params.push(scope.agentId);
  const me = `$${params.length}`;
  if (scope.kind === 'TEAM_AND_OWN') {
    if (me !== '$1') throw new Error('the team scope must be the first parameter');
    // TEAM_UNITS_CTE reads the manager's agent id from $1: it is the first parameter here
    return { with: `WITH RECURSIVE ${TEAM_UNITS_CTE}`, where: `(a.org_unit_id IN (SELECT id FROM team_units) OR r.agent_id = ${me})` };
  }
  return { with: '', where: `r.agent_id = ${me}` };
}

/**
 * Every SQL statement on telework requests and their status history. Each method takes the
 * transaction's EntityManager when it runs inside one (the default: the data source's).
 */
@Injectable()
export class RequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** What a creation reads of the asking agent (its off half-days); undefined when the agent does not exist. */
  async findAsker(agentId: string, manager: EntityManager = this.dataSource.manager): Promise<{ off_half_days: string[] } | undefined> {
    const [agent] = await manager.query(`SELECT off_half_days FROM agents WHERE id = $1`, [agentId]);
    return agent;
  }

  /**
   * Inserts one PENDING request per half-day (a half-day that already has a live request of the
   * agent is skipped) with its 'created' history line, in one statement; answers those inserted.
   */
  async insertMany(
    request: { agentId: string; kind: TeleworkRequestKind; createdBy: string },
    halfDays: HalfDay[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; date: string; period: HalfDayPeriod }[]> {
    return manager.query(
      `WITH ins AS (
         INSERT INTO telework_requests (agent_id, date, period, kind, created_by)
         SELECT $1, x.d::date, x.p, $4, $5 FROM unnest($2::text[], $3::text[]) AS x(d, p)
         ON CONFLICT DO NOTHING
         RETURNING id, date, period, status
       ), history AS (
         INSERT INTO request_status_history (request_id, status, comment, actor_user_id)
         SELECT id, status, 'created', $5 FROM ins
       )
       SELECT id, to_char(date, 'YYYY-MM-DD') AS date, period FROM ins`,
      [request.agentId, halfDays.map((c) => c.date), halfDays.map((c) => c.period), request.kind, request.createdBy],
    );
  }

  /** The agent's live (PENDING or APPROVED) requests on those half-days, in time order. */
  async findLiveOn(
    agentId: string,
    halfDays: HalfDay[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; date: string; period: HalfDayPeriod; status: 'PENDING' | 'APPROVED' }[]> {
    return manager.query(
      `SELECT r.id, to_char(r.date, 'YYYY-MM-DD') AS date, r.period, r.status
       FROM telework_requests r JOIN unnest($2::text[], $3::text[]) AS x(d, p) ON r.date = x.d::date AND r.period = x.p
       WHERE r.agent_id = $1 AND r.status IN ('PENDING', 'APPROVED')
       ORDER BY r.date, r.period`,
      [agentId, halfDays.map((c) => c.date), halfDays.map((c) => c.period)],
    );
  }

  /** The requests of those ids, in time order. */
  async findByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<TeleworkRequestDto[]> {
    return (await manager.query(
      `SELECT ${REQUEST_COLUMNS} ${REQUEST_FROM} WHERE r.id = ANY($1::uuid[]) ORDER BY r.date, r.period`,
      [ids],
    )).map(requestDto);
  }

  /** A page of the requests of the scope that pass the filter, in time order then by name; and their total. */
  async findPage(
    scope: RequestScope,
    filter: RequestFilter,
    window: { limit: number; offset: number },
  ): Promise<{ items: TeleworkRequestDto[]; total: number }> {
    const params: unknown[] = [];
    const scoped = scopeSql(scope, params);
    const where = [scoped.where];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.from) add('r.date >= ?::date', filter.from);
    if (filter.to) add('r.date <= ?::date', filter.to);
    if (filter.agentId) add('r.agent_id = ?', filter.agentId);
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const items = (await this.dataSource.query(
      `${scoped.with} SELECT ${REQUEST_COLUMNS} ${REQUEST_FROM} ${whereSql}
       ORDER BY r.date, r.period, lower(a.last_name), lower(a.first_name), r.created_at, r.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, window.limit, window.offset],
    )).map(requestDto);
    const [{ total }] = await this.dataSource.query(
      `${scoped.with} SELECT count(*)::int AS total ${REQUEST_FROM} ${whereSql}`,
      params,
    );
    return { items, total };
  }

  /** The request if the scope sees it; undefined when it is unknown or outside the scope. */
  async findInScope(scope: RequestScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<TeleworkRequestDto | undefined> {
    const params: unknown[] = [];
    const scoped = scopeSql(scope, params);
    params.push(id);
    const [row] = await manager.query(
      `${scoped.with} SELECT ${REQUEST_COLUMNS} ${REQUEST_FROM} WHERE ${scoped.where} AND r.id = $${params.length}`,
      params,
    );
    return row ? requestDto(row) : undefined;
  }

  /** The request with its agent's org unit, as a decision reads it. */
  async findForDecision(id: string, manager: EntityManager = this.dataSource.manager): Promise<RequestRow | undefined> {
    const [row] = await manager.query(
      `SELECT r.id, r.agent_id, a.org_unit_id, to_char(r.date, 'YYYY-MM-DD') AS date, r.period, r.kind, r.status, r.allocation_status
       FROM telework_requests r JOIN agents a ON a.id = r.agent_id WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  /** Whether the org unit is in the manager's team (the units it manages and below). */
  async isInTeam(managerAgentId: string, orgUnitId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT 1 FROM team_units WHERE id = $2`,
      [managerAgentId, orgUnitId],
    );
    return rows.length > 0;
  }

  /**
   * Decides a request that is still PENDING (APPROVED or REFUSED, its allocation cleared);
   * false when it is not PENDING (or not there) any more.
   */
  async markDecided(
    id: string,
    decision: { status: 'APPROVED' | 'REFUSED'; decidedBy: string; comment: string | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const updated = await queryReturning<{ id: string }>(manager,
      `UPDATE telework_requests SET status = $2, decided_by = $3, decided_at = now(), comment = $4,
              allocation_status = NULL, allocation_refusal = NULL, allocation_reason = NULL
       WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [id, decision.status, decision.decidedBy, decision.comment],
    );
    return updated.length > 0;
  }

  /** The request's status now; undefined when it does not exist. */
  async statusOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<TeleworkRequestStatus | undefined> {
    const [row] = await manager.query(`SELECT status FROM telework_requests WHERE id = $1`, [id]);
    return row?.status;
  }

  /** Stores the instant allocation's answer on the request: its status, refusal and the refusal's English record. */
  async recordAllocation(
    id: string,
    allocation: { status: AllocationOutcome; refusal: Refusal | null; reason: string | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE telework_requests SET allocation_status = $2, allocation_refusal = $3::jsonb, allocation_reason = $4 WHERE id = $1`,
      [id, allocation.status, allocation.refusal ? JSON.stringify(allocation.refusal) : null, allocation.reason],
    );
  }

  /** Locks the request's row (FOR UPDATE) and reads it, for a cancellation. */
  async lockForCancellation(id: string, manager: EntityManager): Promise<RequestRow> {
    const [request] = await manager.query(
      `SELECT id, agent_id, to_char(date, 'YYYY-MM-DD') AS date, period, kind, status, allocation_status
       FROM telework_requests WHERE id = $1 FOR UPDATE`,
      [id],
    ) as RequestRow[];
    return request;
  }

  async markCancelled(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE telework_requests SET status = 'CANCELLED' WHERE id = $1`, [id]);
  }

  /** Adds a line to the request's status history. */
  async addHistory(entry: RequestHistoryEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO request_status_history (request_id, status, allocation_status, comment, actor_user_id) VALUES ($1, $2, $3, $4, $5)`,
      [entry.requestId, entry.status, entry.allocationStatus, entry.comment, entry.actorUserId],
    );
  }
}
