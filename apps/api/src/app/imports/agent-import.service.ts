import { HttpException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImportReportDto, recordText } from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import { AccountStatusCache } from '../auth/account-status';
import type { AuthUser } from '../auth/auth.decorators';
import { isPrivileged, mayChangeRole } from '../auth/privileged-roles';
import { apiProblem } from '../common/problems';
import { AgentRecord, ExistingAgent, ImportError, importError, ImportReference, parseAgentCsv, ParsedCsv, validateAgentRows } from './agent-csv';

/**
 * The HR system's agent export in, all or nothing: every line is checked first (against the file
 * and the database, inside the transaction that will write, with the agents table locked against
 * other writers), and nothing is written when any line is wrong. Otherwise one upsert statement
 * writes every line.
 */
@Injectable()
export class AgentImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly accounts: AccountStatusCache,
  ) {}

  async importAgents(actor: AuthUser, body: unknown): Promise<ImportReportDto> {
    if (!Buffer.isBuffer(body) && typeof body !== 'string') {
      throw apiProblem(415, { code: 'UNSUPPORTED_MEDIA_TYPE', expected: 'text/csv' }, 'Send the file as the request body with Content-Type: text/csv');
    }
    const parsed = parseAgentCsv(body);
    // a bad header or an unreadable file stops here; wrong lines are reported with the others
    if (parsed.columns.length === 0 || parsed.rows.length === 0) throw refused(400, { code: 'IMPORT_REFUSED', count: parsed.errors.length }, parsed.errors);

    const report = await this.dataSource.transaction(async (manager) => {
      // imports are rare: keep other writers of agents out until this one commits
      await manager.query(`LOCK TABLE agents IN SHARE ROW EXCLUSIVE MODE`);
      const reference = await this.loadReference(manager, parsed);
      const { errors, records } = validateAgentRows(parsed, reference);
      if (errors.length) throw refused(400, { code: 'IMPORT_REFUSED', count: errors.length }, errors);
      if (parsed.columns.includes('role') || parsed.columns.includes('email')) await this.checkPrivilegedChanges(manager, actor, records);

      const created = await this.upsert(manager, records);
      const updated = records.length - created;
      if (parsed.columns.includes('role')) {
        // the role of the HR file is the access role: accounts of these agents follow it
        await manager.query(
          `UPDATE users u SET role = a.role, session_version = u.session_version + 1 FROM agents a
           WHERE u.agent_id = a.id AND a.id = ANY($1::uuid[]) AND u.role <> a.role`,
          [records.map((r) => r.id)],
        );
      }
      // accounts log in with the agent's e-mail: they follow the file
      await manager.query(
        `UPDATE users u SET email = a.email FROM agents a
         WHERE u.agent_id = a.id AND a.id = ANY($1::uuid[]) AND u.email <> a.email`,
        [records.map((r) => r.id)],
      );
      await this.audit.record(actor, 'agents.imported', 'agent', null, {
        created, updated, lines: records.length, separator: parsed.separator, columns: parsed.columns,
      }, manager);
      return { created, updated, errors: [] };
    });
    // after the commit: accounts whose role the file changed act with it from their next request
    if (parsed.columns.includes('role')) this.accounts.forgetAll();
    return report;
  }

  /**
   * Only an ADMIN gives or takes the HR and ADMIN roles, or moves such an account's e-mail, in a file as through the API: the lines
   * that would are refused (403, nothing written), naming line and column. The account's role is
   * checked too (an account without an agent row of the same role, e.g. one changed by hand).
   */
  private async checkPrivilegedChanges(manager: EntityManager, actor: AuthUser, records: AgentRecord[]): Promise<void> {
    if (actor.role === 'ADMIN') return;
    const current: { id: string; agent_role: string; account_role: string | null; email: string }[] = await manager.query(
      `SELECT a.id, a.role AS agent_role, u.role AS account_role, a.email FROM agents a LEFT JOIN users u ON u.agent_id = a.id
       WHERE a.id = ANY($1::uuid[])`,
      [records.map((r) => r.id)],
    );
    const byId = new Map(current.map((row) => [row.id, row]));
    const errors = records
      .filter((record) => {
        const before = byId.get(record.id);
        return !mayChangeRole(actor, before?.agent_role, record.role) ||
          (before?.account_role != null && !mayChangeRole(actor, before.account_role, record.role));
      })
      .map((record) => ({ ...importError(record.line, 'role', { code: 'ADMIN_ONLY_ROLE' }), field: 'role' }));
    // the e-mail is an HR or ADMIN account's log-in: moving it would lock its holder out
    errors.push(
      ...records
        .filter((record) => {
          const before = byId.get(record.id);
          return before !== undefined && before.email !== record.email && (isPrivileged(before.agent_role) || isPrivileged(before.account_role));
        })
        .map((record) => ({ ...importError(record.line, 'email', { code: 'ADMIN_ONLY_EMAIL' }), field: 'email' })),
    );
    if (errors.length > 0) {
      throw refused(403, { code: 'IMPORT_NEEDS_ADMIN', lines: errors.length }, errors);
    }
  }

  private async loadReference(manager: EntityManager, parsed: ParsedCsv): Promise<ImportReference> {
    const numbers = [...new Set(parsed.rows.map((r) => r.values.employee_number ?? '').filter(Boolean))];
    const managerNumbers = [...new Set(parsed.rows.map((r) => r.values.manager_employee_number ?? '').filter(Boolean))];
    const emails = [...new Set(parsed.rows.map((r) => (r.values.email ?? '').toLowerCase()).filter(Boolean))];
    const pairs = (rows: { code: string; id: string }[]) => new Map(rows.map((r) => [r.code, r.id]));

    const sites = pairs(await manager.query(`SELECT code, id FROM sites`));
    const orgUnits = pairs(await manager.query(`SELECT code, id FROM org_units`));
    const pools = pairs(await manager.query(`SELECT code, id FROM capacity_pools`));
    const groups: { code: string; id: string; max_size: number; outside: number }[] = await manager.query(
      `SELECT g.code, g.id, g.max_size,
              (SELECT count(*)::int FROM agents a WHERE a.group_id = g.id AND a.employee_number <> ALL($1::text[])) AS outside
       FROM rotation_groups g`,
      [numbers],
    );
    const existing: (ExistingAgent & { employeeNumber: string })[] = await manager.query(
      `SELECT id, employee_number AS "employeeNumber", first_name AS "firstName", last_name AS "lastName", email,
              site_id AS "siteId", org_unit_id AS "orgUnitId", manager_id AS "managerId", role, eligible,
              access_pool_id AS "accessPoolId", tier, weekly_min AS "weeklyMin", weekly_max AS "weeklyMax",
              off_half_days AS "offHalfDays", group_id AS "groupId"
       FROM agents WHERE employee_number = ANY($1::text[])`,
      [numbers],
    );
    const others: { employee_number: string; id: string }[] = await manager.query(
      `SELECT employee_number, id FROM agents WHERE employee_number = ANY($1::text[])`,
      [managerNumbers],
    );
    const owners: { email: string; employee_number: string }[] = await manager.query(
      `SELECT lower(email) AS email, employee_number FROM agents WHERE lower(email) = ANY($1::text[])`,
      [emails],
    );
    return {
      sites, orgUnits, pools,
      groups: new Map(groups.map((g) => [g.code, { id: g.id, maxSize: g.max_size, membersOutsideFile: g.outside }])),
      existing: new Map(existing.map(({ employeeNumber, ...agent }) => [employeeNumber, agent])),
      otherAgents: new Map(others.map((o) => [o.employee_number, o.id])),
      emailOwners: new Map(owners.map((o) => [o.email, o.employee_number])),
    };
  }

  /**
   * One statement for the whole file: the lines travel as one array per column. Managers may
   * point at agents created by the same statement (foreign keys are checked at its end).
   * Unchanged agents are left untouched. Returns how many agents were created.
   */
  private async upsert(manager: EntityManager, records: AgentRecord[]): Promise<number> {
    const column = <T>(pick: (r: AgentRecord) => T) => records.map(pick);
    const rows: { inserted: boolean }[] = await manager.query(
      `INSERT INTO agents (id, employee_number, first_name, last_name, email, site_id, org_unit_id, manager_id, role, eligible,
                           access_pool_id, tier, weekly_min, weekly_max, off_half_days, group_id)
       SELECT u.id, u.employee_number, u.first_name, u.last_name, u.email, u.site_id, u.org_unit_id, u.manager_id, u.role,
              u.eligible, u.access_pool_id, u.tier, u.weekly_min, u.weekly_max,
              coalesce(string_to_array(nullif(u.off_half_days, ''), ' '), '{}'::text[]), u.group_id
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[],
                   $10::boolean[], $11::uuid[], $12::text[], $13::smallint[], $14::smallint[], $15::text[], $16::uuid[])
         AS u(id, employee_number, first_name, last_name, email, site_id, org_unit_id, manager_id, role, eligible,
              access_pool_id, tier, weekly_min, weekly_max, off_half_days, group_id)
       ON CONFLICT (employee_number) DO UPDATE SET
         first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, email = EXCLUDED.email,
         site_id = EXCLUDED.site_id, org_unit_id = EXCLUDED.org_unit_id, manager_id = EXCLUDED.manager_id,
         role = EXCLUDED.role, eligible = EXCLUDED.eligible, access_pool_id = EXCLUDED.access_pool_id, tier = EXCLUDED.tier,
         weekly_min = EXCLUDED.weekly_min, weekly_max = EXCLUDED.weekly_max, off_half_days = EXCLUDED.off_half_days,
         group_id = EXCLUDED.group_id, updated_at = now()
       WHERE (agents.first_name, agents.last_name, agents.email, agents.site_id, agents.org_unit_id, agents.manager_id,
              agents.role, agents.eligible, agents.access_pool_id, agents.tier, agents.weekly_min, agents.weekly_max,
              agents.off_half_days, agents.group_id)
         IS DISTINCT FROM
             (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.email, EXCLUDED.site_id, EXCLUDED.org_unit_id, EXCLUDED.manager_id,
              EXCLUDED.role, EXCLUDED.eligible, EXCLUDED.access_pool_id, EXCLUDED.tier, EXCLUDED.weekly_min, EXCLUDED.weekly_max,
              EXCLUDED.off_half_days, EXCLUDED.group_id)
       RETURNING (xmax = 0) AS inserted`,
      [
        column((r) => r.id), column((r) => r.employeeNumber), column((r) => r.firstName), column((r) => r.lastName),
        column((r) => r.email), column((r) => r.siteId), column((r) => r.orgUnitId), column((r) => r.managerId),
        column((r) => r.role), column((r) => r.eligible), column((r) => r.accessPoolId), column((r) => r.tier),
        column((r) => r.weeklyMin), column((r) => r.weeklyMax), column((r) => r.offHalfDays.join(' ')), column((r) => r.groupId),
      ],
    );
    return rows.filter((row) => row.inserted).length;
  }
}

/**
 * The file refused, nothing written: 400 IMPORT_REFUSED (or 403 IMPORT_NEEDS_ADMIN) with the
 * import report, every error naming its line, column and code.
 */
function refused(status: 400 | 403, problem: { code: 'IMPORT_REFUSED'; count: number } | { code: 'IMPORT_NEEDS_ADMIN'; lines: number }, errors: ImportError[]): HttpException {
  const report: ImportReportDto = { created: 0, updated: 0, errors };
  return apiProblem(status, { ...problem, ...report }, recordText(problem));
}
