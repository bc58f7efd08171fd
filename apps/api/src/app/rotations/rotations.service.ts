import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
import { MailDispatcher } from '../mail/mail.dispatcher';
import { planningProblem } from '../capacity/snapshots.service';
import type { CreateRotationDto, PatchRotationCellsDto } from './rotations.dto';
import { RotationsRepository } from './rotations.repository';

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
    private readonly rotations: RotationsRepository,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
    private readonly runner: PlanningRunner,
    private readonly mail: MailDispatcher,
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
      await this.rotations.lockCalendars(manager);
      const id = await this.rotations.insertDraft({
        from: body.from, to: body.to, metrics: { ...plan.metrics, rotationWeeks: report.rotationWeeks }, plan,
        createdBy: user.userId,
      }, manager);
      await this.rotations.insertCells(id, plan.rotation, manager);
      await this.audit.record(user, 'rotation.generated', 'rotation_calendar', id, { from: body.from, to: body.to, cells: plan.rotation.length }, manager);
      return id;
    });
    return this.get(id);
  }

  async list(): Promise<RotationCalendarSummaryDto[]> {
    return this.rotations.findAll();
  }

  async get(id: string): Promise<RotationCalendarDto> {
    const calendar = await this.rotations.findById(id);
    if (!calendar) throw notFoundProblem({ code: 'ROTATION_CALENDAR_NOT_FOUND', id });
    const groups = await this.rotations.findGroups();
    const cells = await this.rotations.findCells(id);
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
        const status = await this.rotations.lockStatus(id, manager);
        if (status !== 'DRAFT') throw conflictProblem({ code: 'ROTATION_NOT_DRAFT', status, action: 'edit', meanwhile: true });
        const current = await this.rotations.findCellsUnordered(id, manager);
        if (!sameCells(current, calendar.cells)) return false; // another edit came first: apply this one on top of it
        await this.rotations.replaceCells(id, rotation, plan.metrics, plan, manager);
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
    const publishedBefore = await this.rotations.findPublishedOverlapping(calendar.from, calendar.to);
    const today = this.clock.today();
    const { result: published } = await planOnFreshData(this.dataSource, {
      read: (manager) => readPlanningSnapshot(manager, {
        from: calendar.from, to: calendar.to, maxGroupSize: this.config.maxGroupSize, rotation: { kind: 'calendar', calendarId: id },
      }),
      // The rotation keeps its cells; approved requests are allocated on top of it.
      plan: (snapshot) => this.plan(snapshot, 'id'),
      write: async (manager, snapshot, { plan }) => {
        const status = await this.rotations.lockStatus(id, manager);
        if (status !== 'DRAFT') throw conflictProblem({ code: 'ROTATION_NOT_DRAFT', status, action: 'publish', meanwhile: true });
        const publishedNow = await this.rotations.findPublishedOverlapping(calendar.from, calendar.to, manager);
        const newcomer = publishedNow.find((row) => !publishedBefore.some((before) => before.id === row.id));
        if (newcomer) {
          throw conflictProblem({ code: 'ROTATION_PUBLISHED_MEANWHILE', version: newcomer.version, from: newcomer.from, to: newcomer.to });
        }
        await this.rotations.supersedePublishedWithin(calendar.from, calendar.to, manager);
        await this.rotations.markPublished(id, user.userId, manager);
        const written = await writePlan(manager, {
          snapshot, plan, kind: 'ROTATION_PUBLICATION', rotationCalendarId: id, keepBefore: today, notify: true,
          mail: this.config.mail.smtpUrl !== null,
        });
        await this.audit.record(user, 'rotation.published', 'rotation_calendar', id, {
          from: calendar.from, to: calendar.to, version: calendar.version, planVersion: written.version,
          assignments: written.assignmentsWritten, changedAgents: written.changedAgentIds.length,
        }, manager);
        return written;
      },
    });
    if (published.mailsWritten > 0) this.mail.kick(); // the SCHEDULE_CHANGED mails, now committed
    return this.get(id);
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

  /** Seats each half-day of the calendar takes per pool: members of remote groups who work then. */
  private async poolUse(id: string, halfDays: string[]): Promise<RotationCalendarDto['use']> {
    const rows = await this.rotations.countRemoteByPool(id);
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
