import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TEAM_UNITS_CTE } from '../directory/team-scope';

/**
 * The export's columns, in order; new ones are appended (spreadsheets and scripts read them by
 * position): the continuity event's label, and for NO_WORKPLACE why in French then English.
 */
export const EXPORT_COLUMNS = [
  'employee_number', 'last_name', 'first_name', 'site_code', 'date', 'period', 'mode', 'source',
  'continuity_event', 'reason', 'reason_en',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** One line of the plan export as read: every column but the reasons, and the coded why (JSON text) they are worded from. */
export type ExportRow = Record<Exclude<ExportColumn, 'continuity_event' | 'reason' | 'reason_en'>, string> & {
  continuity_event: string | null;
  why: string | null;
};

/** Every SQL statement of the plan export. */
@Injectable()
export class ExportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The ids of every agent, or (a manager's agent id given) of its team's, by employee number. */
  async findAgentIds(teamOf: { managerAgentId: string | null } | null): Promise<string[]> {
    const agents: { id: string }[] = await this.dataSource.query(
      teamOf
        ? `WITH RECURSIVE ${TEAM_UNITS_CTE}
           SELECT id FROM agents WHERE org_unit_id IN (SELECT id FROM team_units) ORDER BY employee_number`
        : `SELECT id FROM agents ORDER BY employee_number`,
      teamOf ? [teamOf.managerAgentId] : [],
    );
    return agents.map((agent) => agent.id);
  }

  /** The assignments of these agents between the two dates (included), by employee number, date, AM before PM. */
  async findAssignmentRows(agentIds: string[], from: string, to: string): Promise<ExportRow[]> {
    return this.dataSource.query(
      `SELECT a.employee_number, a.last_name, a.first_name, si.code AS site_code, to_char(s.date, 'YYYY-MM-DD') AS date,
              s.period, s.mode, s.source, e.label AS continuity_event, s.reason::text AS why
       FROM assignments s
       JOIN agents a ON a.id = s.agent_id
       JOIN sites si ON si.id = s.site_id
       LEFT JOIN continuity_events e ON e.id = s.continuity_event_id
       WHERE s.agent_id = ANY($1::uuid[]) AND s.date BETWEEN $2 AND $3
       ORDER BY a.employee_number, s.date, s.period`,
      [agentIds, from, to],
    );
  }
}
