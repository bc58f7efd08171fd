import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { formatMessage } from '@telework/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { checkDateRange } from '../schedules/dates';
import { EXPORT_COLUMNS, ExportColumn, ExportRow, ExportsRepository } from './exports.repository';

/** A year at most per export; the rows are streamed, so memory stays flat whatever the size. */
export const MAX_EXPORT_DAYS = 366;
/** Agents per query: bounded memory, few round trips (5,000 agents → 20 queries). */
const AGENTS_PER_CHUNK = 250;

@Injectable()
export class ExportsService {
  constructor(private readonly exportRows: ExportsRepository) {}

  /**
   * The plan of a date range as CSV for Excel: `;`-separated, UTF-8 with a BOM, one row per
   * assignment ordered by employee number, date, AM before PM. HR and ADMIN get everyone, a
   * manager its team (its org units and below). A half-day a continuity event set names the
   * event; a NO_WORKPLACE one says why, in French (`reason`) and English (`reason_en`).
   */
  async assignmentsCsv(user: AuthUser, fromValue: unknown, toValue: unknown): Promise<StreamableFile> {
    const { from, to } = checkDateRange(fromValue, toValue, MAX_EXPORT_DAYS);
    const ids = await this.exportRows.findAgentIds(user.role === 'MANAGER' ? { managerAgentId: user.agentId } : null);
    const exportRows = this.exportRows;

    async function* lines(): AsyncGenerator<string> {
      yield '\uFEFF' + stringify([EXPORT_COLUMNS], { delimiter: ';', record_delimiter: 'windows' });
      for (let i = 0; i < ids.length; i += AGENTS_PER_CHUNK) {
        const rows = await exportRows.findAssignmentRows(ids.slice(i, i + AGENTS_PER_CHUNK), from, to);
        if (rows.length === 0) continue;
        yield stringify(
          rows.map((row) => {
            const cells = cellsOf(row);
            return EXPORT_COLUMNS.map((column) => defuse(cells[column]));
          }),
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

/** The cells of a line: the reasons worded from the coded why, empty where the half-day has none. */
function cellsOf(row: ExportRow): Record<ExportColumn, string> {
  const why = row.why ? JSON.parse(row.why) : null;
  return {
    ...row,
    continuity_event: row.continuity_event ?? '',
    reason: why ? formatMessage(why, 'fr') ?? '' : '',
    reason_en: why ? formatMessage(why, 'en') ?? '' : '',
  };
}

/** A cell Excel would take for a formula (=, +, -, @) is prefixed with a quote (CSV injection). */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
