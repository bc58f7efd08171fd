import { HttpException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImportReportDto, recordText } from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import { AccountStatusCache } from '../auth/account-status';
import { AccountsRepository } from '../auth/accounts.repository';
import type { AuthUser } from '../auth/auth.decorators';
import { isPrivileged, mayChangeRole } from '../auth/privileged-roles';
import { apiProblem } from '../common/problems';
import { AgentRecord, ImportError, importError, parseAgentCsv, ParsedCsv, validateAgentRows } from './agent-csv';
import { AgentImportRepository, ImportKeys } from './agent-import.repository';

/**
 * The HR system's agent export in, all or nothing: every line is checked first (against the file
 * and the database, inside the transaction that will write, with the agents table locked against
 * other writers), and nothing is written when any line is wrong. Otherwise one upsert statement
 * writes every line.
 */
/** Agents written by one import from which the table is vacuumed after it. */
export const VACUUM_AFTER_ROWS = 10_000;

@Injectable()
export class AgentImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agentImport: AgentImportRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly accountStatus: AccountStatusCache,
  ) {}

  async importAgents(actor: AuthUser, body: unknown): Promise<ImportReportDto> {
    if (!Buffer.isBuffer(body) && typeof body !== 'string') {
      throw apiProblem(415, { code: 'UNSUPPORTED_MEDIA_TYPE', expected: 'text/csv' }, 'Send the file as the request body with Content-Type: text/csv');
    }
    const parsed = parseAgentCsv(body);
    // a bad header or an unreadable file stops here; wrong lines are reported with the others
    if (parsed.columns.length === 0 || parsed.rows.length === 0) throw refused(400, { code: 'IMPORT_REFUSED', count: parsed.errors.length }, parsed.errors);

    let rowsWritten = 0;
    const report = await this.dataSource.transaction(async (manager) => {
      // imports are rare: keep other writers of agents out until this one commits
      await this.agentImport.lockAgents(manager);
      const reference = await this.agentImport.loadReference(importKeys(parsed), manager);
      const { errors, records } = validateAgentRows(parsed, reference);
      if (errors.length) throw refused(400, { code: 'IMPORT_REFUSED', count: errors.length }, errors);
      if (parsed.columns.includes('role') || parsed.columns.includes('email')) await this.checkPrivilegedChanges(manager, actor, records);

      const { created, written } = await this.agentImport.upsert(records, manager);
      rowsWritten = written;
      const updated = records.length - created;
      if (parsed.columns.includes('role')) {
        // the role of the HR file is the access role: accounts of these agents follow it
        await this.accounts.followAgentsRoles(records.map((r) => r.id), manager);
      }
      // accounts log in with the agent's e-mail: they follow the file
      await this.accounts.followAgentsEmails(records.map((r) => r.id), manager);
      await this.audit.record(actor, 'agents.imported', 'agent', null, {
        created, updated, lines: records.length, separator: parsed.separator, columns: parsed.columns,
      }, manager);
      return { created, updated, errors: [] };
    });
    // after the commit: accounts whose role the file changed act with it from their next request
    if (parsed.columns.includes('role')) await this.accountStatus.forgetAll();
    // A large import leaves as many dead row versions: until autovacuum comes, the agents page
    // reads the heap beside its covering indexes (100,000 agents changed: 118-121 ms a page
    // instead of 7-71 ms). Vacuumed now, before the answer (~1 s for 100,000 rows).
    if (rowsWritten >= VACUUM_AFTER_ROWS) await this.dataSource.query(`VACUUM (ANALYZE) agents`);
    return report;
  }

  /**
   * Only an ADMIN gives or takes the HR and ADMIN roles, or moves such an account's e-mail, in a file as through the API: the lines
   * that would are refused (403, nothing written), naming line and column. The account's role is
   * checked too (an account without an agent row of the same role, e.g. one changed by hand).
   */
  private async checkPrivilegedChanges(manager: EntityManager, actor: AuthUser, records: AgentRecord[]): Promise<void> {
    if (actor.role === 'ADMIN') return;
    const current = await this.agentImport.findCurrentAccess(records.map((r) => r.id), manager);
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
}

/**
 * The file refused, nothing written: 400 IMPORT_REFUSED (or 403 IMPORT_NEEDS_ADMIN) with the
 * import report, every error naming its line, column and code.
 */
function refused(status: 400 | 403, problem: { code: 'IMPORT_REFUSED'; count: number } | { code: 'IMPORT_NEEDS_ADMIN'; lines: number }, errors: ImportError[]): HttpException {
  const report: ImportReportDto = { created: 0, updated: 0, errors };
  return apiProblem(status, { ...problem, ...report }, recordText(problem));
}

/** The keys of the file's lines that the reference data is loaded for. */
function importKeys(parsed: ParsedCsv): ImportKeys {
  return {
    employeeNumbers: [...new Set(parsed.rows.map((r) => r.values.employee_number ?? '').filter(Boolean))],
    managerNumbers: [...new Set(parsed.rows.map((r) => r.values.manager_employee_number ?? '').filter(Boolean))],
    emails: [...new Set(parsed.rows.map((r) => (r.values.email ?? '').toLowerCase()).filter(Boolean))],
  };
}
