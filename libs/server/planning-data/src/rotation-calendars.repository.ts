import type { EntityManager } from 'typeorm';
import type { CodedMessage } from '@telework/contracts';
import type { RotationCell } from '@telework/planning';

/**
 * The published rotation's rule, the one definition every reader of the published cells uses:
 * a date's cells come from the latest published calendar covering that date. A condition on a
 * rotation cell aliased `c` joined to its calendar aliased `rc`:
 * `FROM rotation_cells c JOIN rotation_calendars rc ON rc.id = c.calendar_id WHERE … AND ${CURRENT_PUBLISHED_CELL}`.
 */
export const CURRENT_PUBLISHED_CELL = `rc.version = (SELECT max(r2.version) FROM rotation_calendars r2
  WHERE r2.status = 'PUBLISHED' AND c.date BETWEEN r2.period_from AND r2.period_to)`;

/** A published calendar, by its number and its dates. */
export interface PublishedCalendar {
  id: string;
  version: number;
  from: string;
  to: string;
}

/** Whether the published rotation has this group remote on this half-day. */
export async function groupRemoteInPublishedRotation(
  manager: EntityManager,
  groupId: string | null,
  date: string,
  period: string,
): Promise<boolean> {
  if (!groupId) return false;
  const [{ remote }] = await manager.query(
    `SELECT EXISTS (
       SELECT 1 FROM rotation_cells c JOIN rotation_calendars rc ON rc.id = c.calendar_id
       WHERE c.group_id = $1 AND c.date = $2 AND c.period = $3 AND ${CURRENT_PUBLISHED_CELL}) AS remote`,
    [groupId, date, period],
  );
  return remote;
}

/** The dates of [from, to] that some published rotation calendar covers, as one span or null. */
export async function publishedCoverage(manager: EntityManager, from: string, to: string): Promise<{ from: string; to: string } | null> {
  const [row] = await manager.query(
    `SELECT count(*)::int AS calendars,
            to_char(greatest(min(period_from), $1::date), 'YYYY-MM-DD') AS from,
            to_char(least(max(period_to), $2::date), 'YYYY-MM-DD') AS to
     FROM rotation_calendars WHERE status = 'PUBLISHED' AND period_to >= $1::date AND period_from <= $2::date`,
    [from, to],
  );
  return row.calendars > 0 ? { from: row.from, to: row.to } : null;
}

/** The published calendars that share a date with [from, to]. */
export function findPublishedCalendarsOverlapping(manager: EntityManager, from: string, to: string): Promise<PublishedCalendar[]> {
  return manager.query(
    `SELECT id, version, to_char(period_from, 'YYYY-MM-DD') AS from, to_char(period_to, 'YYYY-MM-DD') AS to
     FROM rotation_calendars WHERE status = 'PUBLISHED' AND period_from <= $2 AND period_to >= $1`,
    [from, to],
  );
}

/** Records a calendar of [from, to], PUBLISHED now, numbered after the highest version; its id. */
export async function insertPublishedCalendar(manager: EntityManager, from: string, to: string): Promise<string> {
  const [{ id }] = await manager.query(
    `INSERT INTO rotation_calendars (period_from, period_to, version, status, published_at)
     SELECT $1, $2, coalesce(max(version), 0) + 1, 'PUBLISHED', now() FROM rotation_calendars RETURNING id`,
    [from, to],
  );
  return id;
}

/** Adds a calendar's cells (the group × half-days its rotation has remote), set-based. */
export async function insertRotationCells(manager: EntityManager, calendarId: string, cells: readonly RotationCell[]): Promise<void> {
  if (cells.length === 0) return;
  await manager.query(
    `INSERT INTO rotation_cells (calendar_id, group_id, date, period)
     SELECT $1, g, d::date, p FROM unnest($2::uuid[], $3::text[], $4::text[]) AS c(g, d, p)`,
    [calendarId, cells.map((c) => c.groupId), cells.map((c) => c.date), cells.map((c) => c.period)],
  );
}

/** A plan's warnings: coded (`codedWarnings`, PlanWarning) and their English record wording (`warnings`), same order. */
export interface PlanWarnings {
  warnings?: readonly string[];
  codedWarnings?: readonly CodedMessage[];
}

/**
 * Stores the engine's metrics and warnings of a calendar's rotation: the coded ones (what the
 * console words in the reader's language) beside their English record wording.
 */
export async function setCalendarPlanFigures(
  manager: EntityManager,
  calendarId: string,
  metrics: unknown,
  plan: PlanWarnings,
): Promise<void> {
  await manager.query(`UPDATE rotation_calendars SET metrics = $2, warnings = $3, coded_warnings = $4 WHERE id = $1`, [
    calendarId, JSON.stringify(metrics), JSON.stringify(plan.warnings ?? []), JSON.stringify(plan.codedWarnings ?? []),
  ]);
}
