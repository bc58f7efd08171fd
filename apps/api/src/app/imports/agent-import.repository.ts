import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { columnLiteral } from '@telework/persistence';
import type { AgentRecord, ExistingAgent, ImportReference } from './agent-csv';

/** The keys of a file's lines that the reference data is loaded for. */
export interface ImportKeys {
  /** employee numbers of the file's lines */
  employeeNumbers: string[];
  /** employee numbers the lines name as managers */
  managerNumbers: string[];
  /** lower-case e-mails of the file's lines */
  emails: string[];
}

/** An agent's roles and e-mail before the import, as its privileged changes are judged. */
export interface CurrentAccess {
  id: string;
  agent_role: string;
  account_role: string | null;
  email: string;
}

/**
 * Every SQL statement of the agent import: the lock, the reference data a file is checked
 * against, and the one upsert that writes it. Each method takes the import's transaction.
 */
@Injectable()
export class AgentImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps other writers of agents out until the transaction ends (imports are rare). */
  async lockAgents(manager: EntityManager): Promise<void> {
    await manager.query(`LOCK TABLE agents IN SHARE ROW EXCLUSIVE MODE`);
  }

  /** What the database holds that the file's lines refer to. */
  async loadReference(keys: ImportKeys, manager: EntityManager = this.dataSource.manager): Promise<ImportReference> {
    const { employeeNumbers: numbers, managerNumbers, emails } = keys;
    const pairs = (rows: { code: string; id: string }[]) => new Map(rows.map((r) => [r.code, r.id]));

    const sites = pairs(await manager.query(`SELECT code, id FROM sites`));
    const orgUnits = pairs(await manager.query(`SELECT code, id FROM org_units`));
    const pools = pairs(await manager.query(`SELECT code, id FROM capacity_pools`));
    const groups: { code: string; id: string; max_size: number; outside: number }[] = await manager.query(
      `SELECT g.code, g.id, g.max_size,
              (SELECT count(*)::int FROM agents a WHERE a.group_id = g.id AND a.employee_number <> ALL($1::text[])) AS outside
       FROM rotation_groups g`,
      [columnLiteral(numbers)],
    );
    const existing: (ExistingAgent & { employeeNumber: string })[] = await manager.query(
      `SELECT id, employee_number AS "employeeNumber", first_name AS "firstName", last_name AS "lastName", email,
              site_id AS "siteId", org_unit_id AS "orgUnitId", manager_id AS "managerId", role, eligible,
              access_pool_id AS "accessPoolId", tier, weekly_min AS "weeklyMin", weekly_max AS "weeklyMax",
              off_half_days AS "offHalfDays", group_id AS "groupId"
       FROM agents WHERE employee_number = ANY($1::text[])`,
      [columnLiteral(numbers)],
    );
    const others: { employee_number: string; id: string }[] = await manager.query(
      `SELECT employee_number, id FROM agents WHERE employee_number = ANY($1::text[])`,
      [columnLiteral(managerNumbers)],
    );
    const owners: { email: string; employee_number: string }[] = await manager.query(
      `SELECT lower(email) AS email, employee_number FROM agents WHERE lower(email) = ANY($1::text[])`,
      [columnLiteral(emails)],
    );
    return {
      sites, orgUnits, pools,
      groups: new Map(groups.map((g) => [g.code, { id: g.id, maxSize: g.max_size, membersOutsideFile: g.outside }])),
      existing: new Map(existing.map(({ employeeNumber, ...agent }) => [employeeNumber, agent])),
      otherAgents: new Map(others.map((o) => [o.employee_number, o.id])),
      emailOwners: new Map(owners.map((o) => [o.email, o.employee_number])),
    };
  }

  /** These agents' roles, their accounts' roles and their e-mails. */
  async findCurrentAccess(agentIds: string[], manager: EntityManager = this.dataSource.manager): Promise<CurrentAccess[]> {
    return manager.query(
      `SELECT a.id, a.role AS agent_role, u.role AS account_role, a.email FROM agents a LEFT JOIN users u ON u.agent_id = a.id
       WHERE a.id = ANY($1::uuid[])`,
      [columnLiteral(agentIds)],
    );
  }

  /**
   * One statement writes the whole file: the lines travel as one array per column. Managers may
   * point at agents created by the same statement (foreign keys are checked at its end).
   * Unchanged agents are left untouched.
   *
   * An existing agent's rotation group is written apart, and only where it changes: the group
   * size check is a trigger on every row whose update names group_id (checked at commit, one
   * count per row: 13 s for a 100,000-line file that changed no group). Groups are left before
   * the upsert (an agent the file makes ineligible must have none by then) and joined after it
   * (an agent the file makes eligible must be so by then). Returns how many agents were created,
   * and how many rows were written (created, or updated because a value changed).
   */
  async upsert(records: AgentRecord[], manager: EntityManager = this.dataSource.manager): Promise<{ created: number; written: number }> {
    // each column as its array literal (columnLiteral): pg's conversion of 16 JS arrays of 100,000
    // values escaped every element, seconds of event loop and of garbage
    const column = <T>(pick: (r: AgentRecord) => T) => columnLiteral(records.map(pick));
    const setGroups = (groups: 'leave' | 'join') => manager.query(
      `UPDATE agents a SET group_id = u.group_id, updated_at = now()
       FROM unnest($1::text[], $2::uuid[]) AS u(employee_number, group_id)
       WHERE a.employee_number = u.employee_number AND a.group_id IS DISTINCT FROM u.group_id
         AND u.group_id IS ${groups === 'leave' ? '' : 'NOT '}NULL`,
      [column((r) => r.employeeNumber), column((r) => r.groupId)],
    );
    await setGroups('leave');
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
         updated_at = now()
       WHERE (agents.first_name, agents.last_name, agents.email, agents.site_id, agents.org_unit_id, agents.manager_id,
              agents.role, agents.eligible, agents.access_pool_id, agents.tier, agents.weekly_min, agents.weekly_max,
              agents.off_half_days)
         IS DISTINCT FROM
             (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.email, EXCLUDED.site_id, EXCLUDED.org_unit_id, EXCLUDED.manager_id,
              EXCLUDED.role, EXCLUDED.eligible, EXCLUDED.access_pool_id, EXCLUDED.tier, EXCLUDED.weekly_min, EXCLUDED.weekly_max,
              EXCLUDED.off_half_days)
       RETURNING (xmax = 0) AS inserted`,
      [
        column((r) => r.id), column((r) => r.employeeNumber), column((r) => r.firstName), column((r) => r.lastName),
        column((r) => r.email), column((r) => r.siteId), column((r) => r.orgUnitId), column((r) => r.managerId),
        column((r) => r.role), column((r) => r.eligible), column((r) => r.accessPoolId), column((r) => r.tier),
        column((r) => r.weeklyMin), column((r) => r.weeklyMax), column((r) => r.offHalfDays.join(' ')), column((r) => r.groupId),
      ],
    );
    await setGroups('join');
    return { created: rows.filter((row) => row.inserted).length, written: rows.length };
  }
}
