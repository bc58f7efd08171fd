import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import type { ScheduleDto, ScheduleHalfDayDto, SiteDayDto, SiteDayPeriodDto } from '@telework/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { badRequestProblem, forbiddenProblem, notFoundProblem } from '../common/problems';
import { TEAM_UNITS_CTE } from '../directory/team-scope';
import { checkDate, checkDateRange, MAX_SCHEDULE_DAYS } from './dates';

/**
 * The one statement behind every schedule read: the primary key (agent_id, date, period)
 * answers it with an index range scan, already in order.
 */
const SCHEDULE_SQL = `
  SELECT to_char(date, 'YYYY-MM-DD') AS date, period, mode, source
  FROM assignments
  WHERE agent_id = $1 AND date BETWEEN $2 AND $3
  ORDER BY date, period`;

/** The `pg` pool under TypeORM's PostgreSQL driver (absent on the embedded database). */
interface PgPool {
  query(query: { name: string; text: string; values: unknown[] }): Promise<{ rows: ScheduleHalfDayDto[] }>;
}

@Injectable()
export class SchedulesService {
  private pool: PgPool | null | undefined;

  constructor(private readonly dataSource: DataSource, @InjectConfig() private readonly config: AppConfig) {}

  /**
   * The caller's own plan (the hot read of the product): one indexed query, no lookup of the
   * user — the token already carries the agent id. Only planned half-days are listed.
   */
  async mine(user: AuthUser, fromValue: unknown, toValue: unknown): Promise<ScheduleDto> {
    const { from, to } = checkDateRange(fromValue, toValue, MAX_SCHEDULE_DAYS);
    if (!user.agentId) throw badRequestProblem({ code: 'NO_AGENT_ACCOUNT' });
    return this.read(user.agentId, from, to);
  }

  /**
   * Another agent's plan: HR and ADMIN, the agent itself, and a manager whose team (its org units
   * and below) holds the agent's unit. A manager outside its team gets 403; an agent asking for
   * someone else gets 404, as if the id did not exist.
   */
  async ofAgent(user: AuthUser, agentId: string, fromValue: unknown, toValue: unknown): Promise<ScheduleDto> {
    const { from, to } = checkDateRange(fromValue, toValue, MAX_SCHEDULE_DAYS);
    if (agentId !== user.agentId && user.role !== 'HR' && user.role !== 'ADMIN') {
      if (user.role !== 'MANAGER' || !user.agentId) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${agentId} not found`);
      const [row]: { in_team: boolean }[] = await this.dataSource.query(
        `WITH RECURSIVE ${TEAM_UNITS_CTE}
         SELECT a.org_unit_id IN (SELECT id FROM team_units) AS in_team FROM agents a WHERE a.id = $2`,
        [user.agentId, agentId],
      );
      if (!row) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${agentId} not found`);
      if (!row.in_team) throw forbiddenProblem({ code: 'AGENT_NOT_IN_TEAM' });
    } else if (agentId !== user.agentId) {
      const exists = await this.dataSource.query(`SELECT 1 FROM agents WHERE id = $1`, [agentId]);
      if (exists.length === 0) throw notFoundProblem({ code: 'AGENT_NOT_FOUND' }, `Agent ${agentId} not found`);
    }
    return this.read(agentId, from, to);
  }

  /**
   * Who is planned ON_SITE on a site on one date, AM and PM. The counts cover everyone (a
   * manager needs the site's load); the names are those the caller may see: everyone for HR
   * and ADMIN, its team for a manager.
   */
  async siteDay(user: AuthUser, siteId: string, dateValue: unknown): Promise<SiteDayDto> {
    const date = checkDate('date', dateValue);
    const [site]: { id: string; name: string; capacity: number }[] = await this.dataSource.query(
      `SELECT id, name, capacity FROM sites WHERE id = $1`,
      [siteId],
    );
    if (!site) throw notFoundProblem({ code: 'SITE_NOT_FOUND' }, `Site ${siteId} not found`);
    const seesAll = user.role === 'HR' || user.role === 'ADMIN';
    const rows: { id: string; first_name: string; last_name: string; employee_number: string; period: 'AM' | 'PM'; visible: boolean }[] =
      await this.dataSource.query(
        `WITH RECURSIVE ${TEAM_UNITS_CTE}
         SELECT a.id, a.first_name, a.last_name, a.employee_number, s.period,
                ($4 OR a.org_unit_id IN (SELECT id FROM team_units)) AS visible
         FROM assignments s JOIN agents a ON a.id = s.agent_id
         WHERE s.site_id = $2 AND s.date = $3 AND s.mode = 'ON_SITE'
         ORDER BY lower(a.last_name), lower(a.first_name), a.employee_number`,
        [user.agentId, siteId, date, seesAll],
      );
    const period = (name: 'AM' | 'PM'): SiteDayPeriodDto => {
      const onSite = rows.filter((row) => row.period === name);
      return {
        onSite: onSite.length,
        agents: onSite
          .filter((row) => row.visible)
          .map((row) => ({ id: row.id, firstName: row.first_name, lastName: row.last_name, employeeNumber: row.employee_number })),
      };
    };
    return { siteId: site.id, siteName: site.name, date, capacity: site.capacity, AM: period('AM'), PM: period('PM') };
  }

  /**
   * On PostgreSQL the statement goes straight to the pool as a named prepared statement: parsed
   * and planned once per connection, and none of TypeORM's query-runner set-up per call (it
   * halves the database leg of this route in a micro-benchmark). PGlite goes through TypeORM.
   */
  private async read(agentId: string, from: string, to: string): Promise<ScheduleDto> {
    const values = [agentId, from, to];
    const pool = this.pgPool();
    const halfDays: ScheduleHalfDayDto[] = pool
      ? (await pool.query({ name: 'schedule_of_agent', text: SCHEDULE_SQL, values })).rows
      : await this.dataSource.query(SCHEDULE_SQL, values);
    return { agentId, from, to, halfDays };
  }

  private pgPool(): PgPool | null {
    if (this.pool === undefined) {
      const master = (this.dataSource.driver as unknown as { master?: PgPool }).master;
      this.pool = this.config.database.mode === 'postgres' && master && typeof master.query === 'function' ? master : null;
    }
    return this.pool;
  }
}
