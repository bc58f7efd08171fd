import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import type { RotationCalendarDto, RotationCalendarSummaryDto } from '@telework/contracts';
import {
  closedDayWhy, daysBetween, frenchPublicHolidays, Plan, PlanningSnapshot, PlanReport, RotationCell, workingHalfDays,
} from '@telework/planning';
import {
  PoolHalfDayCapacity, planOnFreshData, readPlanningSnapshot, readPoolHalfDayCapacities, sharePlanningDataLock, writePlan,
} from '@telework/planning-data';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { conflictProblem, FieldCheckInput, fieldProblems, notFoundProblem } from '../common/problems';
import { API_DATE_CHECK, isApiDate } from '../common/iso-date.validator';
import { PlanningRunner } from '../capacity/planning-runner';
import { planningProblem } from '../capacity/snapshots';
import { CreateRotationDto, PatchRotationCellsDto } from './rotations.dto';

/** A calendar covers at most 26 weeks after its first day, both ends included. */
const MAX_HORIZON_DAYS = 26 * 7 + 1;
/** times an edit is applied again when other edits of the same draft keep coming first */
const EDIT_ATTEMPTS = 3;

const cellKey = (cell: RotationCell) => `${cell.groupId}|${cell.date}|${cell.period}`;

function sameCells(a: RotationCell[], b: RotationCell[]): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(cellKey));
  return b.every((cell) => keys.has(cellKey(cell)));
}

/**
 * Rotation calendars: HR generates a draft with the engine's rotation builder, adjusts cells
 * (refused with figures when a hard rule would break), and publishes it; publication writes
 * the agents' assignments in the same transaction. Earlier versions stay (SUPERSEDED).
 */
@Injectable()
export class RotationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
    private readonly runner: PlanningRunner,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async generate(user: AuthUser, body: CreateRotationDto): Promise<RotationCalendarDto> {
    this.checkRange(body.from, body.to);
    const snapshot = await readPlanningSnapshot(this.dataSource.manager, {
      from: body.from, to: body.to, maxGroupSize: this.config.maxGroupSize, rotation: { kind: 'none' },
    });
    const { plan, report } = await this.plan({ ...snapshot, requests: [] }, 'from');
    const id = await this.dataSource.transaction(async (manager) => {
      await sharePlanningDataLock(manager); // before the table lock: a publication's write takes them in this order
      await manager.query(`LOCK TABLE rotation_calendars IN SHARE ROW EXCLUSIVE MODE`);
      const [{ id }] = await manager.query(
        `INSERT INTO rotation_calendars (period_from, period_to, version, status, metrics, warnings, created_by)
         SELECT $1, $2, coalesce(max(version), 0) + 1, 'DRAFT', $3, $4, $5 FROM rotation_calendars RETURNING id`,
        [body.from, body.to, JSON.stringify({ ...plan.metrics, rotationWeeks: report.rotationWeeks }), JSON.stringify(plan.warnings ?? []), user.userId],
      );
      await this.insertCells(manager, id, plan.rotation);
      await this.audit.record(user, 'rotation.generated', 'rotation_calendar', id, { from: body.from, to: body.to, cells: plan.rotation.length }, manager);
      return id as string;
    });
    return this.get(id);
  }

  async list(): Promise<RotationCalendarSummaryDto[]> {
    return this.dataSource.query(
      `SELECT id, to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to", version, status,
              created_at AS "createdAt", published_at AS "publishedAt"
       FROM rotation_calendars ORDER BY version DESC`,
    );
  }

  async get(id: string): Promise<RotationCalendarDto> {
    const [calendar] = await this.dataSource.query(
      `SELECT id, to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to", version, status,
              created_at AS "createdAt", published_at AS "publishedAt", metrics, warnings
       FROM rotation_calendars WHERE id = $1`,
      [id],
    );
    if (!calendar) throw notFoundProblem({ code: 'ROTATION_CALENDAR_NOT_FOUND', id });
    const groups = await this.dataSource.query(
      `SELECT g.id, g.code, g.name, (SELECT count(*)::int FROM agents a WHERE a.group_id = g.id) AS "memberCount"
       FROM rotation_groups g ORDER BY g.code`,
    );
    const cells = await this.dataSource.query(
      `SELECT group_id AS "groupId", to_char(date, 'YYYY-MM-DD') AS date, period FROM rotation_cells
       WHERE calendar_id = $1 ORDER BY date, period, group_id`,
      [id],
    );
    const halfDays = workingHalfDays({ from: calendar.from, to: calendar.to }, frenchPublicHolidays(calendar.from, calendar.to));
    return { ...calendar, groups, halfDays: halfDays.map((h) => h.key), cells, use: await this.poolUse(id, halfDays.map((h) => h.key)) };
  }

  /**
   * Edits a draft's cells. Concurrency: the write locks the calendar row and checks, inside
   * its transaction, that the calendar is still a DRAFT (409 when it was published meanwhile)
   * and still has the cells this edit was made on; when another edit came first, this edit is
   * applied again on top of it and checked again (a few times, then 409): no edit is lost.
   */
  async patchCells(user: AuthUser, id: string, body: PatchRotationCellsDto): Promise<RotationCalendarDto> {
    for (let attempt = 1; attempt <= EDIT_ATTEMPTS; attempt++) {
      const calendar = await this.get(id);
      if (calendar.status !== 'DRAFT') throw conflictProblem({ code: 'ROTATION_NOT_DRAFT', status: calendar.status, action: 'edit' });
      const known = new Set(calendar.groups.map((group) => group.id));
      const halfDays = new Set(calendar.halfDays);
      const holidays = frenchPublicHolidays(calendar.from, calendar.to);
      const errors: FieldCheckInput[] = [];
      body.changes.forEach((change, i) => {
        if (!known.has(change.groupId)) errors.push({ field: `changes[${i}].groupId`, code: 'UNKNOWN_REFERENCE' });
        if (!halfDays.has(`${change.date}${change.period}`)) {
          errors.push({
            field: `changes[${i}].date`, code: 'NOT_WORKING',
            why: closedDayWhy(change.date, holidays, { from: calendar.from, to: calendar.to }) ?? 'CLOSED',
            date: change.date, period: change.period, horizonFrom: calendar.from, horizonTo: calendar.to,
          });
        }
      });
      if (errors.length > 0) throw fieldProblems(errors);
      const cells = new Map(calendar.cells.map((cell) => [cellKey(cell), cell]));
      for (const change of body.changes) {
        const key = cellKey(change);
        if (change.remote) cells.set(key, { groupId: change.groupId, date: change.date, period: change.period });
        else cells.delete(key);
      }
      const rotation = [...cells.values()];
      const snapshot = await readPlanningSnapshot(this.dataSource.manager, {
        from: calendar.from, to: calendar.to, maxGroupSize: this.config.maxGroupSize, rotation: { kind: 'none' },
      });
      const { plan } = await this.plan({ ...snapshot, requests: [], rotation }, 'changes');
      const written = await this.dataSource.transaction(async (manager) => {
        await sharePlanningDataLock(manager); // before the row lock: a publication's write takes them in this order
        const [locked] = await manager.query(`SELECT status FROM rotation_calendars WHERE id = $1 FOR UPDATE`, [id]);
        if (locked.status !== 'DRAFT') throw conflictProblem({ code: 'ROTATION_NOT_DRAFT', status: locked.status, action: 'edit', meanwhile: true });
        const current: RotationCell[] = await manager.query(
          `SELECT group_id AS "groupId", to_char(date, 'YYYY-MM-DD') AS date, period FROM rotation_cells WHERE calendar_id = $1`,
          [id],
        );
        if (!sameCells(current, calendar.cells)) return false; // another edit came first: apply this one on top of it
        await manager.query(`DELETE FROM rotation_cells WHERE calendar_id = $1`, [id]);
        await this.insertCells(manager, id, rotation);
        await manager.query(`UPDATE rotation_calendars SET metrics = $2, warnings = $3 WHERE id = $1`, [
          id, JSON.stringify(plan.metrics), JSON.stringify(plan.warnings ?? []),
        ]);
        await this.audit.record(user, 'rotation.cells_changed', 'rotation_calendar', id, { changes: body.changes }, manager);
        return true;
      });
      if (written) return this.get(id);
    }
    throw conflictProblem({ code: 'CONCURRENT_CHANGE' }, 'This draft is being edited by others at the same time: reload it and apply your change again');
  }

  /**
   * Publishes a draft: its cells, and the assignments planned from them with the approved
   * requests, in one transaction. Concurrency: the write holds the planning-data lock
   * (exclusive: publications, allocation runs' writes and, per calendar, edits are serialised)
   * and checks inside it that the calendar is still a DRAFT and that no other calendar of the
   * range was published since this publication started (409 to the later one: it was planned
   * on a rotation that is no longer the published one). A decision or an edit of this draft
   * committed while it planned makes it plan again (planOnFreshData): nothing is lost.
   */
  async publish(user: AuthUser, id: string): Promise<RotationCalendarDto> {
    const calendar = await this.get(id);
    if (calendar.status !== 'DRAFT') throw conflictProblem({ code: 'ROTATION_NOT_DRAFT', status: calendar.status, action: 'publish' });
    const publishedBefore = await this.publishedOverlapping(this.dataSource.manager, calendar.from, calendar.to);
    const today = this.clock.today();
    await planOnFreshData(this.dataSource, {
      read: (manager) => readPlanningSnapshot(manager, {
        from: calendar.from, to: calendar.to, maxGroupSize: this.config.maxGroupSize, rotation: { kind: 'calendar', calendarId: id },
      }),
      // The rotation keeps its cells; approved requests are allocated on top of it.
      plan: (snapshot) => this.plan(snapshot, 'id'),
      write: async (manager, snapshot, { plan }) => {
        const [locked] = await manager.query(`SELECT status FROM rotation_calendars WHERE id = $1 FOR UPDATE`, [id]);
        if (locked.status !== 'DRAFT') throw conflictProblem({ code: 'ROTATION_NOT_DRAFT', status: locked.status, action: 'publish', meanwhile: true });
        const publishedNow = await this.publishedOverlapping(manager, calendar.from, calendar.to);
        const newcomer = publishedNow.find((row) => !publishedBefore.some((before) => before.id === row.id));
        if (newcomer) {
          throw conflictProblem({ code: 'ROTATION_PUBLISHED_MEANWHILE', version: newcomer.version, from: newcomer.from, to: newcomer.to });
        }
        await manager.query(
          `UPDATE rotation_calendars SET status = 'SUPERSEDED'
           WHERE status = 'PUBLISHED' AND period_from >= $1 AND period_to <= $2`,
          [calendar.from, calendar.to],
        );
        await manager.query(
          `UPDATE rotation_calendars SET status = 'PUBLISHED', published_at = now(), published_by = $2 WHERE id = $1`,
          [id, user.userId],
        );
        const written = await writePlan(manager, {
          snapshot, plan, kind: 'ROTATION_PUBLICATION', rotationCalendarId: id, keepBefore: today, notify: true,
        });
        await this.audit.record(user, 'rotation.published', 'rotation_calendar', id, {
          from: calendar.from, to: calendar.to, version: calendar.version, planVersion: written.version,
          assignments: written.assignmentsWritten, changedAgents: written.changedAgentIds.length,
        }, manager);
      },
    });
    return this.get(id);
  }

  /** The published calendars that share a date with [from, to]. */
  private publishedOverlapping(manager: EntityManager, from: string, to: string): Promise<{ id: string; version: number; from: string; to: string }[]> {
    return manager.query(
      `SELECT id, version, to_char(period_from, 'YYYY-MM-DD') AS from, to_char(period_to, 'YYYY-MM-DD') AS to
       FROM rotation_calendars WHERE status = 'PUBLISHED' AND period_from <= $2 AND period_to >= $1`,
      [from, to],
    );
  }

  /** Plans in a worker thread (PlanningRunner): the event loop keeps serving requests meanwhile. */
  private async plan(snapshot: PlanningSnapshot, field: string): Promise<{ plan: Plan; report: PlanReport }> {
    const result = await this.runner.run({ kind: 'rotationPlan', snapshot, timeLimitMs: this.config.allocation.timeLimitMs, field });
    if (!result.ok) throw planningProblem(result.status, result.problem, result.errors);
    if (result.kind !== 'rotationPlan') throw new Error(`planning job rotationPlan answered ${result.kind}`);
    return { plan: result.plan, report: result.report };
  }

  private checkRange(from: string, to: string): void {
    const wrong = (['from', 'to'] as const).filter((field) => !isApiDate({ from, to }[field]));
    if (wrong.length > 0) throw fieldProblems(wrong.map((field) => ({ field, ...API_DATE_CHECK })));
    if (to < from) throw fieldProblems([{ field: 'to', code: 'RANGE_END_BEFORE_START', from }]);
    const days = daysBetween(from, to) + 1;
    if (days > MAX_HORIZON_DAYS) throw fieldProblems([{ field: 'to', code: 'RANGE_TOO_LONG', max: MAX_HORIZON_DAYS, days }]);
  }

  private async insertCells(manager: EntityManager, calendarId: string, cells: RotationCell[]): Promise<void> {
    if (cells.length === 0) return;
    await manager.query(
      `INSERT INTO rotation_cells (calendar_id, group_id, date, period)
       SELECT $1, g, d::date, p FROM unnest($2::uuid[], $3::text[], $4::text[]) AS c(g, d, p)`,
      [calendarId, cells.map((c) => c.groupId), cells.map((c) => c.date), cells.map((c) => c.period)],
    );
  }

  /** Seats each half-day of the calendar takes per pool: members of remote groups who work then. */
  private async poolUse(id: string, halfDays: string[]): Promise<RotationCalendarDto['use']> {
    const rows: { day: string; code: string; remote: number }[] = await this.dataSource.query(
      `SELECT to_char(c.date, 'YYYY-MM-DD') || c.period AS day, p.code, count(*)::int AS remote
       FROM rotation_cells c
       JOIN agents a ON a.group_id = c.group_id AND a.eligible
       JOIN capacity_pools p ON p.id = a.access_pool_id
       WHERE c.calendar_id = $1
         AND NOT (a.off_half_days @> ARRAY[upper(to_char(c.date, 'DY')) || '_' || c.period])
       GROUP BY c.date, c.period, p.code`,
      [id],
    );
    // capacity in force and reserved seats per half-day: the database's rules (pool_capacity_on, pool_reserved_seats)
    const seats = await readPoolHalfDayCapacities(this.dataSource.manager, halfDays.map((halfDay) => halfDay.slice(0, 10)));
    const byHalfDay = new Map<string, PoolHalfDayCapacity[]>();
    for (const row of seats) {
      const key = `${row.date}${row.period}`;
      const pools = byHalfDay.get(key);
      if (pools) pools.push(row);
      else byHalfDay.set(key, [row]);
    }
    const remote = new Map(rows.map((row) => [`${row.day}|${row.code}`, row.remote]));
    return halfDays.map((halfDay) => ({
      halfDay,
      pools: (byHalfDay.get(halfDay) ?? []).map((pool) => ({
        code: pool.code,
        remote: remote.get(`${halfDay}|${pool.code}`) ?? 0,
        capacity: pool.capacity,
        reserve: pool.reserve,
        reserved: pool.reserved,
      })),
    }));
  }
}
