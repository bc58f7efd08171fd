import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AgentDto, Page } from '@telework/contracts';
import { sharePlanningDataLock } from '@telework/planning-data';
import { AuditService } from '../audit/audit.service';
import { AccountStatusCache } from '../auth/account-status';
import type { AuthUser } from '../auth/auth.decorators';
import { forbidden, isPrivileged, mayChangeRole } from '../auth/privileged-roles';
import { pageWindow } from '../common/pagination';
import { fieldProblems, forbiddenProblem, notFoundProblem } from '../common/problems';
import { AgentQueryDto, CreateAgentDto, UpdateAgentDto } from './agents.dto';
import { TEAM_UNITS_CTE } from './team-scope';

const AGENT_COLUMNS = `
  a.id, a.employee_number AS "employeeNumber", a.first_name AS "firstName", a.last_name AS "lastName",
  a.email, a.site_id AS "siteId", s.name AS "siteName", a.org_unit_id AS "orgUnitId", o.name AS "orgUnitName",
  a.manager_id AS "managerId", a.role, a.eligible, p.code AS "accessPool", a.tier,
  a.weekly_min AS "weeklyMin", a.weekly_max AS "weeklyMax", a.off_half_days AS "offHalfDays",
  a.group_id AS "groupId", g.name AS "groupName",
  CASE WHEN u.id IS NULL THEN 'NONE' WHEN u.active THEN 'ACTIVE'
       WHEN u.activation_token_hash IS NOT NULL THEN 'PENDING' ELSE 'DISABLED' END AS account`;

const AGENT_FROM = `
  FROM agents a
  JOIN sites s ON s.id = a.site_id
  JOIN org_units o ON o.id = a.org_unit_id
  LEFT JOIN capacity_pools p ON p.id = a.access_pool_id
  LEFT JOIN rotation_groups g ON g.id = a.group_id
  LEFT JOIN users u ON u.agent_id = a.id`;

const SORT_COLUMNS: Record<string, string> = {
  lastName: 'lower(a.last_name), lower(a.first_name)',
  employeeNumber: 'a.employee_number',
  site: 's.name',
  orgUnit: 'o.name',
  tier: `array_position(ARRAY['ELECTED','DIRECTOR','ESSENTIAL','STANDARD'], a.tier)`,
};

/** Column → the API field a write sets, so a refused write names the field. */
const WRITABLE_COLUMNS: Record<string, string> = {
  employeeNumber: 'employee_number', firstName: 'first_name', lastName: 'last_name', email: 'email',
  siteId: 'site_id', orgUnitId: 'org_unit_id', managerId: 'manager_id', role: 'role', eligible: 'eligible',
  tier: 'tier', weeklyMin: 'weekly_min', weeklyMax: 'weekly_max', offHalfDays: 'off_half_days', groupId: 'group_id',
};

@Injectable()
export class AgentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly accounts: AccountStatusCache,
  ) {}

  /** HR and ADMIN see everyone; a manager sees its team (its units and below); agents see no list. */
  async list(user: AuthUser, query: AgentQueryDto): Promise<Page<AgentDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    let withClause = '';
    if (user.role === 'MANAGER') {
      params.push(user.agentId);
      withClause = `WITH RECURSIVE ${TEAM_UNITS_CTE}`;
      where.push(`a.org_unit_id IN (SELECT id FROM team_units)`);
    } else if (user.role === 'AGENT') {
      throw forbiddenProblem({ code: 'ROLE_NEEDED', roles: ['MANAGER', 'HR', 'ADMIN'] }, 'Agents may only read their own record');
    }
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.siteId) add('a.site_id = ?', query.siteId);
    if (query.orgUnitId) add('a.org_unit_id = ?', query.orgUnitId);
    if (query.groupId) add('a.group_id = ?', query.groupId);
    if (query.eligible !== undefined) add('a.eligible = ?', query.eligible);
    if (query.q) {
      params.push(`%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const p = `$${params.length}`;
      where.push(`(lower(a.last_name) LIKE ${p} OR lower(a.first_name) LIKE ${p} OR lower(a.employee_number) LIKE ${p}
                  OR lower(a.first_name || ' ' || a.last_name) LIKE ${p} OR lower(a.last_name || ' ' || a.first_name) LIKE ${p})`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const orderBy = `${SORT_COLUMNS[query.sort ?? 'lastName']} ${direction}, a.employee_number`;
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(
      `${withClause} SELECT ${AGENT_COLUMNS} ${AGENT_FROM} ${whereSql} ORDER BY ${orderBy}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    const [{ total }] = await this.dataSource.query(
      `${withClause} SELECT count(*)::int AS total ${AGENT_FROM} ${whereSql}`,
      params,
    );
    return { items, total };
  }

  async get(user: AuthUser, id: string): Promise<AgentDto> {
    const [agent] = await this.dataSource.query(`SELECT ${AGENT_COLUMNS} ${AGENT_FROM} WHERE a.id = $1`, [id]);
    if (!agent || !(await this.canRead(user, agent))) {
      // an agent or manager never learns whether an id outside its reach exists
      throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${id} not found`);
    }
    return agent;
  }

  async create(actor: AuthUser, body: CreateAgentDto): Promise<AgentDto> {
    if (body.role !== undefined && !mayChangeRole(actor, undefined, body.role)) {
      throw forbidden([{ field: 'role', code: 'ADMIN_ONLY_ROLE' }]);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const columns = await this.columnValues(manager, body);
      const names = Object.keys(columns);
      const [{ id }] = await manager.query(
        `INSERT INTO agents (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        Object.values(columns),
      );
      await this.audit.record(actor, 'agent.created', 'agent', id, { ...body }, manager);
      return id as string;
    });
    return this.get(actor, id);
  }

  async update(actor: AuthUser, id: string, body: UpdateAgentDto): Promise<AgentDto> {
    const before = await this.get(actor, id);
    const changedAccounts = await this.dataSource.transaction(async (manager) => {
      if (body.role !== undefined || body.email !== undefined) {
        await sharePlanningDataLock(manager); // before the row lock: a plan's write takes them in this order
        // read under lock: the roles the change is judged against are the ones it replaces
        const [current]: { role: string; account_role: string | null; email: string }[] = await manager.query(
          `SELECT a.role, u.role AS account_role, a.email FROM agents a LEFT JOIN users u ON u.agent_id = a.id WHERE a.id = $1 FOR UPDATE OF a`,
          [id],
        );
        if (!current) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${id} not found`);
        if (body.role !== undefined &&
          (!mayChangeRole(actor, current.role, body.role) || (current.account_role && !mayChangeRole(actor, current.account_role, body.role)))) {
          throw forbidden([{ field: 'role', code: 'ADMIN_ONLY_ROLE' }]);
        }
        // an HR or ADMIN account logs in with this e-mail: moving it could lock its holder out
        if (body.email !== undefined && body.email !== current.email && actor.role !== 'ADMIN' &&
          (isPrivileged(current.role) || isPrivileged(current.account_role))) {
          throw forbidden([{ field: 'email', code: 'ADMIN_ONLY_EMAIL' }]);
        }
      }
      const columns = await this.columnValues(manager, body);
      const names = Object.keys(columns);
      if (names.length === 0) return [];
      await manager.query(
        `UPDATE agents SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
        [id, ...Object.values(columns)],
      );
      let changed: { id: string }[] = [];
      if (body.role !== undefined && body.role !== before.role) {
        // the account's role is what the guards check: it follows the agent's
        changed = await manager.query(
          // and the tokens signed with the old role end (session version + 1): log in again
          `WITH changed AS (UPDATE users SET role = $2, session_version = session_version + 1 WHERE agent_id = $1 RETURNING id)
           SELECT id FROM changed`,
          [id, body.role],
        );
      }
      if (body.email !== undefined && body.email !== before.email) {
        // the agent logs in with its professional e-mail: the account follows it
        await manager.query(`UPDATE users SET email = $2 WHERE agent_id = $1`, [id, body.email]);
      }
      const action = body.groupId !== undefined && body.groupId !== before.groupId ? 'agent.group_changed' : 'agent.updated';
      await this.audit.record(actor, action, 'agent', id, { before, changes: { ...body } }, manager);
      return changed.map((row) => row.id);
    });
    // after the commit: the account's tokens carry the new role from their next request
    for (const userId of changedAccounts) this.accounts.forget(userId);
    return this.get(actor, id);
  }

  private async canRead(user: AuthUser, agent: AgentDto): Promise<boolean> {
    if (user.role === 'HR' || user.role === 'ADMIN') return true;
    if (agent.id === user.agentId) return true;
    if (user.role !== 'MANAGER' || !user.agentId) return false;
    const rows = await this.dataSource.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE} SELECT 1 FROM team_units WHERE id = $2`,
      [user.agentId, agent.orgUnitId],
    );
    return rows.length > 0;
  }

  private async columnValues(manager: EntityManager, body: UpdateAgentDto): Promise<Record<string, unknown>> {
    const columns: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(WRITABLE_COLUMNS)) {
      const value = (body as Record<string, unknown>)[field];
      if (value !== undefined) columns[column] = value;
    }
    if (body.accessPool !== undefined) {
      if (body.accessPool === null) {
        columns['access_pool_id'] = null;
      } else {
        const [pool] = await manager.query(`SELECT id FROM capacity_pools WHERE code = $1`, [body.accessPool]);
        if (!pool) throw fieldProblems([{ field: 'accessPool', code: 'POOL_NOT_CONFIGURED', value: body.accessPool }]);
        columns['access_pool_id'] = pool.id;
      }
    }
    return columns;
  }
}
