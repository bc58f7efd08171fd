import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import type { ContinuityEventSummaryDto, ScheduleHalfDayDto } from '@telework/contracts';
import { TEAM_UNITS_CTE } from '../directory/team-scope';
import { findContinuityEventsMeeting } from './continuity-events.read';

/**
 * The one statement behind every schedule read: the primary key (agent_id, date, period)
 * answers it with an index range scan, already in order. The coded reason travels as JSON text
 * (the same on both drivers) and is parsed here.
 */
const SCHEDULE_SQL = `
  SELECT to_char(date, 'YYYY-MM-DD') AS date, period, mode, source,
         continuity_event_id AS "continuityEventId", reason::text AS why, reason_text AS reason
  FROM assignments
  WHERE agent_id = $1 AND date BETWEEN $2 AND $3
  ORDER BY date, period`;

/** A row of SCHEDULE_SQL: the half-day with its continuity fields, null when the half-day has none. */
interface ScheduleRow {
  date: string;
  period: ScheduleHalfDayDto['period'];
  mode: ScheduleHalfDayDto['mode'];
  source: ScheduleHalfDayDto['source'];
  continuityEventId: string | null;
  why: string | null;
  reason: string | null;
}

/** The `pg` pool under TypeORM's PostgreSQL driver (absent on the embedded database). */
interface PgPool {
  query(query: { name: string; text: string; values: unknown[] }): Promise<{ rows: ScheduleRow[] }>;
}

/**
 * A half-day as the API answers it: the continuity fields only on the half-days that have them
 * (a continuity event's, and `why`/`reason` on NO_WORKPLACE), so a normal half-day keeps its four keys.
 */
export function scheduleHalfDay(row: ScheduleRow): ScheduleHalfDayDto {
  const halfDay: ScheduleHalfDayDto = { date: row.date, period: row.period, mode: row.mode, source: row.source };
  if (row.continuityEventId !== null) halfDay.continuityEventId = row.continuityEventId;
  if (row.why !== null) halfDay.why = JSON.parse(row.why);
  if (row.reason !== null) halfDay.reason = row.reason;
  return halfDay;
}

/** One agent of a site planned ON_SITE, or left NO_WORKPLACE, on the site's date. */
export interface OnSiteRow {
  id: string;
  first_name: string;
  last_name: string;
  employee_number: string;
  period: 'AM' | 'PM';
  mode: 'ON_SITE' | 'NO_WORKPLACE';
  /** NO_WORKPLACE: the event, the coded why as JSON text, its English record */
  continuity_event_id: string | null;
  why: string | null;
  reason: string | null;
  /** whether the reader may see the name */
  visible: boolean;
}

/** Every SQL statement of the plan's reads: an agent's half-days, who is on site, the checks they need. */
@Injectable()
export class SchedulesRepository {
  private pool: PgPool | null | undefined;

  constructor(private readonly dataSource: DataSource, @InjectConfig() private readonly config: AppConfig) {}

  /**
   * The agent's planned half-days of [from, to], in time order. On PostgreSQL the statement goes
   * straight to the pool as a named prepared statement: parsed and planned once per connection,
   * and none of TypeORM's query-runner set-up per call (it halves the database leg of this route
   * in a micro-benchmark). PGlite goes through TypeORM.
   */
  async halfDaysOf(agentId: string, from: string, to: string): Promise<ScheduleHalfDayDto[]> {
    const values = [agentId, from, to];
    const pool = this.pgPool();
    const rows: ScheduleRow[] = pool
      ? (await pool.query({ name: 'schedule_of_agent', text: SCHEDULE_SQL, values })).rows
      : await this.dataSource.query(SCHEDULE_SQL, values);
    return rows.map(scheduleHalfDay);
  }

  /** Whether the agent's org unit is in the manager's team (its units and below); undefined when the agent does not exist. */
  async isAgentInTeam(managerAgentId: string, agentId: string): Promise<boolean | undefined> {
    const [row]: { in_team: boolean }[] = await this.dataSource.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE}
       SELECT a.org_unit_id IN (SELECT id FROM team_units) AS in_team FROM agents a WHERE a.id = $2`,
      [managerAgentId, agentId],
    );
    return row?.in_team;
  }

  async agentExists(agentId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM agents WHERE id = $1`, [agentId]);
    return rows.length > 0;
  }

  async findSite(siteId: string): Promise<{ id: string; name: string; capacity: number } | undefined> {
    const [site] = await this.dataSource.query(`SELECT id, name, capacity FROM sites WHERE id = $1`, [siteId]);
    return site;
  }

  /**
   * The agents planned ON_SITE on the site's date, AM and PM, and the site's agents left
   * NO_WORKPLACE (a continuity event), by name; `visible` when `seesAll` or the agent is in the
   * team of the reader (whose agent id may be null).
   */
  async onSiteOn(siteId: string, date: string, reader: { agentId: string | null; seesAll: boolean }): Promise<OnSiteRow[]> {
    return this.dataSource.query(
      `WITH RECURSIVE ${TEAM_UNITS_CTE}
       SELECT a.id, a.first_name, a.last_name, a.employee_number, s.period, s.mode,
              s.continuity_event_id, s.reason::text AS why, s.reason_text AS reason,
              ($4 OR a.org_unit_id IN (SELECT id FROM team_units)) AS visible
       FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE s.site_id = $2 AND s.date = $3 AND s.mode IN ('ON_SITE', 'NO_WORKPLACE')
       ORDER BY lower(a.last_name), lower(a.first_name), a.employee_number`,
      [reader.agentId, siteId, date, reader.seesAll],
    );
  }

  /** ACTIVE and DRAFT continuity events meeting [from, to]. */
  continuityEventsMeeting(from: string, to: string): Promise<ContinuityEventSummaryDto[]> {
    return findContinuityEventsMeeting(this.dataSource.manager, from, to);
  }

  private pgPool(): PgPool | null {
    if (this.pool === undefined) {
      const master = (this.dataSource.driver as unknown as { master?: PgPool }).master;
      this.pool = this.config.database.mode === 'postgres' && master && typeof master.query === 'function' ? master : null;
    }
    return this.pool;
  }
}
