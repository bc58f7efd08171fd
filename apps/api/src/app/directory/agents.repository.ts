import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AgentDto, Page } from '@telework/contracts';
import type { AgentQueryDto, CreateAgentDto } from './agents.dto';
import { TEAM_UNITS_CTE } from './team-scope';

const AGENT_COLUMNS = `
  a.id, a.employee_number AS "employeeNumber", a.first_name AS "firstName", a.last_name AS "lastName",
  a.email, a.site_id AS "siteId", s.name AS "siteName", a.org_unit_id AS "orgUnitId", o.name AS "orgUnitName",
  a.manager_id AS "managerId", a.role, a.eligible, p.code AS "accessPool", a.tier,
  a.weekly_min AS "weeklyMin", a.weekly_max AS "weeklyMax", a.off_half_days AS "offHalfDays",
  a.group_id AS "groupId", g.name AS "groupName",
  CASE WHEN u.id IS NULL THEN 'NONE' WHEN u.active THEN 'ACTIVE'
       WHEN u.activation_token_hash IS NOT NULL THEN 'PENDING' ELSE 'DISABLED' END AS account`;

/** What the columns join to `agents a` (each join finds at most one row: a page's rows are the agents'). */
const AGENT_JOINS = `
  JOIN sites s ON s.id = a.site_id
  JOIN org_units o ON o.id = a.org_unit_id
  LEFT JOIN capacity_pools p ON p.id = a.access_pool_id
  LEFT JOIN rotation_groups g ON g.id = a.group_id
  LEFT JOIN users u ON u.agent_id = a.id`;

const AGENT_FROM = `FROM agents a ${AGENT_JOINS}`;

/** Each sort key's SQL (then the employee number: the order is total). */
export const SORT_COLUMNS: Record<string, string> = {
  lastName: 'lower(a.last_name), lower(a.first_name)',
  employeeNumber: 'a.employee_number',
  site: 's.name',
  orgUnit: 'o.name',
  tier: `array_position(ARRAY['ELECTED','DIRECTOR','ESSENTIAL','STANDARD'], a.tier)`,
};

/** The table a sort key reads besides agents (its name), joined before the page is cut. */
const SORT_JOINS: Record<string, string> = {
  site: 'JOIN sites s ON s.id = a.site_id',
  orgUnit: 'JOIN org_units o ON o.id = a.org_unit_id',
};

/** Column → the API field a write sets, so a refused write names the field. */
const WRITABLE_COLUMNS: Record<string, string> = {
  employeeNumber: 'employee_number', firstName: 'first_name', lastName: 'last_name', email: 'email',
  siteId: 'site_id', orgUnitId: 'org_unit_id', managerId: 'manager_id', role: 'role', eligible: 'eligible',
  tier: 'tier', weeklyMin: 'weekly_min', weeklyMax: 'weekly_max', offHalfDays: 'off_half_days', groupId: 'group_id',
};

/** Whose agents a list shows: everyone, or a manager's team (the org units it manages and below, TEAM_UNITS_CTE). */
export type AgentScope = { kind: 'ALL' } | { kind: 'TEAM'; managerAgentId: string | null };

/** The list's filters and order, as the query gives them. */
export type AgentFilter = Omit<AgentQueryDto, 'page' | 'pageSize'>;

/**
 * What a create or an update writes: the fields given (left out: unchanged), the access pool as
 * its id (null: none). Only the keys present are written.
 */
export type AgentWrite = Partial<Omit<CreateAgentDto, 'accessPool'>> & { accessPoolId?: string | null };

/** An agent's roles and e-mail as a role or e-mail change is judged against them. */
export interface AgentAccessRow {
  role: string;
  account_role: string | null;
  email: string;
}

/**
 * Every SQL statement on agents for the directory (list, read, create, update, grouping). Each
 * method takes the transaction's EntityManager when it runs inside one (the default: the data
 * source's).
 */
@Injectable()
export class AgentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the agents in `scope` matching `filter`, in its order (then by employee number), and how many match. */
  async findPage(scope: AgentScope, filter: AgentFilter, window: { limit: number; offset: number }): Promise<Page<AgentDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (scope.kind === 'TEAM') {
      // the team's units as a list of values rather than a join: the planner then knows how many
      // agents they hold, and walks the sort key's index through a hash of them to the page
      const [{ units }] = await this.dataSource.query(
        `WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT coalesce(array_agg(id), '{}')::text[] AS units FROM team_units`,
        [scope.managerAgentId],
      );
      add('a.org_unit_id = ANY(?::uuid[])', units);
    }
    if (filter.siteId) add('a.site_id = ?', filter.siteId);
    if (filter.orgUnitId) add('a.org_unit_id = ?', filter.orgUnitId);
    if (filter.groupId) add('a.group_id = ?', filter.groupId);
    if (filter.eligible !== undefined) add('a.eligible = ?', filter.eligible);
    if (filter.q) {
      params.push(`%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const p = `$${params.length}`;
      // search_text (migration AgentsPageIndexes) is these five strings, newline-separated: a search
      // without a newline is in it exactly when it is in one of them, for one comparison a row
      where.push(filter.q.includes('\n') ? `(lower(a.last_name) LIKE ${p} OR lower(a.first_name) LIKE ${p} OR lower(a.employee_number) LIKE ${p}
                  OR lower(a.first_name || ' ' || a.last_name) LIKE ${p} OR lower(a.last_name || ' ' || a.first_name) LIKE ${p})`
        : `a.search_text LIKE ${p}`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sort = filter.sort ?? 'lastName';
    const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
    const orderBy = `${SORT_COLUMNS[sort]} ${direction}, a.employee_number`;
    // A search of 3 characters or more is answered by the trigram index (where there is one): its
    // matches are found first (OFFSET 0 keeps the planner from walking the sort key's index instead,
    // through every agent when the matches sit far in that order), then sorted.
    const matchesFirst = (filter.q?.length ?? 0) >= 3;
    const agents = matchesFirst
      ? `(SELECT a.id, a.employee_number, a.first_name, a.last_name, a.tier, a.site_id, a.org_unit_id FROM agents a ${whereSql} OFFSET 0) a`
      : 'agents a';
    // the page is cut on agents alone (through the sort key's index), and only its rows are joined;
    // the total, on agents alone too, is counted alongside (on a second pooled connection with PostgreSQL)
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${AGENT_COLUMNS}
         FROM (SELECT a.id FROM ${agents} ${SORT_JOINS[sort] ?? ''} ${matchesFirst ? '' : whereSql} ORDER BY ${orderBy}
               LIMIT $${params.length + 1} OFFSET $${params.length + 2}) page
         JOIN agents a ON a.id = page.id ${AGENT_JOINS}
         ORDER BY ${orderBy}`,
        [...params, window.limit, window.offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM agents a ${whereSql}`, params),
    ]);
    return { items, total };
  }

  async findById(id: string): Promise<AgentDto | undefined> {
    const [agent] = await this.dataSource.query(`SELECT ${AGENT_COLUMNS} ${AGENT_FROM} WHERE a.id = $1`, [id]);
    return agent;
  }

  /** Whether the org unit is in the team of the manager (its units and below). */
  async isInTeam(managerAgentId: string, orgUnitId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT 1 FROM team_units WHERE id = $2`,
      [managerAgentId, orgUnitId],
    );
    return rows.length > 0;
  }

  /** The id of the capacity pool with this code; undefined when no such pool is configured. */
  async findPoolId(code: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [pool] = await manager.query(`SELECT id FROM capacity_pools WHERE code = $1`, [code]);
    return pool?.id;
  }

  /** Inserts the agent; answers its id. */
  async insert(agent: AgentWrite, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const columns = columnsOf(agent);
    const names = Object.keys(columns);
    const [{ id }] = await manager.query(
      `INSERT INTO agents (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(columns),
    );
    return id;
  }

  /** Locks the agent's row (FOR UPDATE OF the agent) and reads its roles and e-mail; undefined when it does not exist. */
  async lockAccess(id: string, manager: EntityManager): Promise<AgentAccessRow | undefined> {
    const [current]: AgentAccessRow[] = await manager.query(
      `SELECT a.role, u.role AS account_role, a.email FROM agents a LEFT JOIN users u ON u.agent_id = a.id WHERE a.id = $1 FOR UPDATE OF a`,
      [id],
    );
    return current;
  }

  /** Writes the fields given (at least one) and stamps updated_at. */
  async update(id: string, changes: AgentWrite, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const columns = columnsOf(changes);
    const names = Object.keys(columns);
    await manager.query(
      `UPDATE agents SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...Object.values(columns)],
    );
  }

  /** The eligible agents to group (all, or only those without a group), by id, with their pool's code. */
  async findEligibleForGrouping(
    onlyUngrouped: boolean,
  ): Promise<{ id: string; siteId: string; orgUnitId: string; pool: string | null }[]> {
    return this.dataSource.query(
      `SELECT a.id, a.site_id AS "siteId", a.org_unit_id AS "orgUnitId", p.code AS pool
       FROM agents a LEFT JOIN capacity_pools p ON p.id = a.access_pool_id
       WHERE a.eligible ${onlyUngrouped ? 'AND a.group_id IS NULL' : ''} ORDER BY a.id`,
    );
  }

  /** Takes every agent out of its group. */
  async ungroupAll(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE agents SET group_id = NULL WHERE group_id IS NOT NULL`);
  }

  /** Puts the agents into the group. */
  async moveToGroup(groupId: string, agentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE agents SET group_id = $1, updated_at = now() WHERE id = ANY($2::uuid[])`, [groupId, agentIds]);
  }
}

/** The columns of a write and their values, for the fields it sets. */
function columnsOf(write: AgentWrite): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(WRITABLE_COLUMNS)) {
    const value = (write as Record<string, unknown>)[field];
    if (value !== undefined) columns[column] = value;
  }
  if (write.accessPoolId !== undefined) columns['access_pool_id'] = write.accessPoolId;
  return columns;
}
