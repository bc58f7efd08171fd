import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { TEAM_UNITS_CTE } from '../directory/team-scope';
import { checkDateRange } from '../schedules/dates';

export const EXPORT_COLUMNS = ['employee_number', 'last_name', 'first_name', 'site_code', 'date', 'period', 'mode', 'source'];
/** A year at most per export; the rows are streamed, so memory stays flat whatever the size. */
export const MAX_EXPORT_DAYS = 366;
/** Agents per query: bounded memory, few round trips (5,000 agents → 20 queries). */
const AGENTS_PER_CHUNK = 250;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

@Injectable()
export class ExportsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The plan of a date range as CSV for Excel: `;`-separated, UTF-8 with a BOM, one row per
   * assignment ordered by employee number, date, AM before PM. HR and ADMIN get everyone, a
   * manager its team (its org units and below).
   */
  async assignmentsCsv(user: AuthUser, fromValue: unknown, toValue: unknown): Promise<StreamableFile> {
    const { from, to } = checkDateRange(fromValue, toValue, MAX_EXPORT_DAYS);
    const scoped = user.role === 'MANAGER';
    const agents: { id: string }[] = await this.dataSource.query(
      scoped
        ? `WITH RECURSIVE ${TEAM_UNITS_CTE}
           SELECT id FROM agents WHERE org_unit_id IN (SELECT id FROM team_units) ORDER BY employee_number`
        : `SELECT id FROM agents ORDER BY employee_number`,
      scoped ? [user.agentId] : [],
    );
    const ids = agents.map((agent) => agent.id);
    const dataSource = this.dataSource;

    async function* lines(): AsyncGenerator<string> {
      yield '\uFEFF' + stringify([EXPORT_COLUMNS], { delimiter: ';', record_delimiter: 'windows' });
      for (let i = 0; i < ids.length; i += AGENTS_PER_CHUNK) {
        const rows: ExportRow[] = await dataSource.query(
          `SELECT a.employee_number, a.last_name, a.first_name, si.code AS site_code, to_char(s.date, 'YYYY-MM-DD') AS date,
                  s.period, s.mode, s.source
           FROM assignments s
           JOIN agents a ON a.id = s.agent_id
           JOIN sites si ON si.id = s.site_id
           WHERE s.agent_id = ANY($1::uuid[]) AND s.date BETWEEN $2 AND $3
           ORDER BY a.employee_number, s.date, s.period`,
          [ids.slice(i, i + AGENTS_PER_CHUNK), from, to],
        );
        if (rows.length === 0) continue;
        yield stringify(
          rows.map((row) => EXPORT_COLUMNS.map((column) => defuse(row[column]))),
          { delimiter: ';', record_delimiter: 'windows' },
        );
      }
    }

    return new StreamableFile(Readable.from(lines()), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="assignments-${from}-${to}.csv"`,
    });
  }
}

/** A cell Excel would take for a formula (=, +, -, @) is prefixed with a quote (CSV injection). */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
