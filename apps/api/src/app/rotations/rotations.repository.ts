import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RotationCalendarDto, RotationCalendarSummaryDto } from '@telework/contracts';
import type { RotationCell } from '@telework/planning';
import {
  findPublishedCalendarsOverlapping, insertRotationCells, PlanWarnings, PublishedCalendar, setCalendarPlanFigures,
} from '@telework/planning-data';

/** A calendar's own columns, without its groups, cells and seat use. */
export type RotationCalendarRow = Omit<RotationCalendarDto, 'groups' | 'halfDays' | 'cells' | 'use'>;

/** A new draft: its dates, the engine's figures and who asked for it. */
export interface NewDraft {
  from: string;
  to: string;
  metrics: Record<string, unknown>;
  /** the plan's warnings, coded and in English (PlanWarnings) */
  plan: PlanWarnings;
  createdBy: string;
}

/** How many members of remote groups a calendar's half-day takes from a pool (`day`: date and period). */
export interface PoolUseRow {
  day: string;
  code: string;
  remote: number;
}

/**
 * Every SQL statement on rotation calendars and their cells in the rotations area (the rules
 * shared with the planning data, e.g. which calendars are published over a range, are
 * @telework/planning-data's). Each method takes the transaction's EntityManager when it runs
 * inside one (the default: the data source's).
 */
@Injectable()
export class RotationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps other new calendars (and publications) out until the transaction ends: SHARE ROW EXCLUSIVE on rotation_calendars. */
  async lockCalendars(manager: EntityManager): Promise<void> {
    await manager.query(`LOCK TABLE rotation_calendars IN SHARE ROW EXCLUSIVE MODE`);
  }

  /** Records a DRAFT numbered after the highest version (the caller holds lockCalendars); its id. */
  async insertDraft(draft: NewDraft, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO rotation_calendars (period_from, period_to, version, status, metrics, warnings, coded_warnings, created_by)
       SELECT $1, $2, coalesce(max(version), 0) + 1, 'DRAFT', $3, $4, $5, $6 FROM rotation_calendars RETURNING id`,
      [draft.from, draft.to, JSON.stringify(draft.metrics), JSON.stringify(draft.plan.warnings ?? []),
        JSON.stringify(draft.plan.codedWarnings ?? []), draft.createdBy],
    );
    return id;
  }

  /** Every calendar, newest version first. */
  findAll(): Promise<RotationCalendarSummaryDto[]> {
    return this.dataSource.query(
      `SELECT id, to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to", version, status,
              created_at AS "createdAt", published_at AS "publishedAt"
       FROM rotation_calendars ORDER BY version DESC`,
    );
  }

  /** A calendar with its metrics and warnings, or undefined. */
  async findById(id: string): Promise<RotationCalendarRow | undefined> {
    const [calendar] = await this.dataSource.query(
      `SELECT id, to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to", version, status,
              created_at AS "createdAt", published_at AS "publishedAt", metrics, warnings,
              coded_warnings AS "codedWarnings"
       FROM rotation_calendars WHERE id = $1`,
      [id],
    );
    return calendar;
  }

  /** Every rotation group with its member count, by code. */
  findGroups(): Promise<RotationCalendarDto['groups']> {
    return this.dataSource.query(
      `SELECT g.id, g.code, g.name, (SELECT count(*)::int FROM agents a WHERE a.group_id = g.id) AS "memberCount"
       FROM rotation_groups g ORDER BY g.code`,
    );
  }

  /** A calendar's cells, by date, period and group. */
  findCells(calendarId: string): Promise<RotationCell[]> {
    return this.dataSource.query(
      `SELECT group_id AS "groupId", to_char(date, 'YYYY-MM-DD') AS date, period FROM rotation_cells
       WHERE calendar_id = $1 ORDER BY date, period, group_id`,
      [calendarId],
    );
  }

  /** A calendar's cells as they are now in the transaction, in no order (to compare with a set). */
  findCellsUnordered(calendarId: string, manager: EntityManager): Promise<RotationCell[]> {
    return manager.query(
      `SELECT group_id AS "groupId", to_char(date, 'YYYY-MM-DD') AS date, period FROM rotation_cells WHERE calendar_id = $1`,
      [calendarId],
    );
  }

  /** Locks a calendar's row until the transaction ends (FOR UPDATE); its status then. */
  async lockStatus(calendarId: string, manager: EntityManager): Promise<RotationCalendarRow['status']> {
    const [locked] = await manager.query(`SELECT status FROM rotation_calendars WHERE id = $1 FOR UPDATE`, [calendarId]);
    return locked.status;
  }

  /** Replaces a draft's cells and the engine's figures of its rotation. */
  async replaceCells(calendarId: string, cells: RotationCell[], metrics: unknown, plan: PlanWarnings, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM rotation_cells WHERE calendar_id = $1`, [calendarId]);
    await this.insertCells(calendarId, cells, manager);
    await setCalendarPlanFigures(manager, calendarId, metrics, plan);
  }

  insertCells(calendarId: string, cells: RotationCell[], manager: EntityManager): Promise<void> {
    return insertRotationCells(manager, calendarId, cells);
  }

  /** The published calendars that share a date with [from, to]. */
  findPublishedOverlapping(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<PublishedCalendar[]> {
    return findPublishedCalendarsOverlapping(manager, from, to);
  }

  /** The published calendars lying within [from, to] become SUPERSEDED. */
  async supersedePublishedWithin(from: string, to: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE rotation_calendars SET status = 'SUPERSEDED'
       WHERE status = 'PUBLISHED' AND period_from >= $1 AND period_to <= $2`,
      [from, to],
    );
  }

  async markPublished(calendarId: string, publishedBy: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE rotation_calendars SET status = 'PUBLISHED', published_at = now(), published_by = $2 WHERE id = $1`,
      [calendarId, publishedBy],
    );
  }

  /** Seats each half-day of the calendar takes per pool: members of remote groups who work then. */
  countRemoteByPool(calendarId: string): Promise<PoolUseRow[]> {
    return this.dataSource.query(
      `SELECT to_char(c.date, 'YYYY-MM-DD') || c.period AS day, p.code, count(*)::int AS remote
       FROM rotation_cells c
       JOIN agents a ON a.group_id = c.group_id AND a.eligible
       JOIN capacity_pools p ON p.id = a.access_pool_id
       WHERE c.calendar_id = $1
         AND NOT (a.off_half_days @> ARRAY[upper(to_char(c.date, 'DY')) || '_' || c.period])
       GROUP BY c.date, c.period, p.code`,
      [calendarId],
    );
  }
}
