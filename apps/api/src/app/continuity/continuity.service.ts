import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ContinuityEventDto, ContinuityEventRunDto, HalfDayPeriod, Page } from '@telework/contracts';
import { addDays, daysBetween, frenchPublicHolidays, isoWeekday, workingHalfDays } from '@telework/planning';
import { freezeEnd, sharePlanningDataLock } from '@telework/planning-data';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { AllocationDispatcher } from '../allocation/allocation.dispatcher';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { conflictProblem, FieldCheckInput, fieldProblems, notFoundProblem } from '../common/problems';
import { ContinuityEventQueryDto, CreateContinuityEventDto, MAX_EVENT_DAYS, UpdateContinuityEventDto } from './continuity.dto';
import { ContinuityEventFields, ContinuityRepository, ReferenceKind } from './continuity.repository';

/** The Monday of a date's ISO week, and the Sunday. */
export const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));
export const sundayOf = (date: string) => addDays(date, 7 - isoWeekday(date));

/** A half-day as a sortable key: "2026-12-10AM" < "2026-12-10PM" < "2026-12-11AM". */
const key = (date: string, period: HalfDayPeriod) => `${date}${period}`;

/** The fields of an event a write stores, from a create body or an event merged with a patch. */
function fieldsOf(source: CreateContinuityEventDto | ContinuityEventDto): ContinuityEventFields {
  return {
    label: source.label, kind: source.kind, from: source.from, fromPeriod: source.fromPeriod, to: source.to, toPeriod: source.toPeriod,
    sites: (source.sites ?? []).map((s) => ({ siteId: s.siteId, capacity: s.capacity })),
    pools: (source.pools ?? []).map((p) => ({ poolId: p.poolId, capacity: p.capacity })),
    weeklyMax: source.weeklyMax ?? null,
    weeklyMaxTiers: [...(source.weeklyMaxTiers ?? [])],
    weeklyMaxOrgUnitIds: [...(source.weeklyMaxOrgUnitIds ?? [])],
    extraEligibleAgentIds: [...(source.extraEligibleAgentIds ?? [])],
    extraEligiblePoolId: source.extraEligiblePoolId ?? null,
    onSiteAgentIds: [...(source.onSiteAgentIds ?? [])],
    onSiteTiers: [...(source.onSiteTiers ?? [])],
    onSiteOrgUnitIds: [...(source.onSiteOrgUnitIds ?? [])],
  };
}

/**
 * Continuity events (strikes, site closures, crises): HR declares one in DRAFT, previews its
 * impact, activates it, edits it, ends it. Activating, editing an ACTIVE event and ending one
 * start an allocation run (trigger CONTINUITY) over the event's ISO weeks from today on, through
 * the usual queue; that run replans inside the freeze window, and the audit says so.
 */
@Injectable()
export class ContinuityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ContinuityRepository,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
    private readonly dispatcher: AllocationDispatcher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(query: ContinuityEventQueryDto): Promise<Page<ContinuityEventDto>> {
    const items = await this.events.findAll(query.status);
    return { items, total: items.length };
  }

  async get(id: string, manager?: EntityManager): Promise<ContinuityEventDto> {
    const event = await this.events.findById(id, manager);
    if (!event) throw notFoundProblem({ code: 'CONTINUITY_EVENT_NOT_FOUND', id });
    return event;
  }

  async create(user: AuthUser, body: CreateContinuityEventDto): Promise<ContinuityEventDto> {
    const fields = fieldsOf(body);
    await this.check(fields, body);
    const id = await this.dataSource.transaction(async (manager) => {
      const id = await this.events.insert(fields, user.userId, manager);
      await this.audit.record(user, 'CONTINUITY_EVENT_CREATED', 'continuity_event', id, { ...fields }, manager);
      return id;
    });
    return this.get(id);
  }

  /**
   * Edits an event. A DRAFT is just stored (200). An ACTIVE one is stored and replanned: a run
   * over the ISO weeks of the event before and after the edit, from today on (202), so that
   * dates it no longer covers get the normal plan back. An ENDED event is history (409).
   */
  async update(user: AuthUser, id: string, body: UpdateContinuityEventDto): Promise<ContinuityEventDto | ContinuityEventRunDto> {
    const before = await this.get(id);
    if (before.status === 'ENDED') throw conflictProblem({ code: 'CONTINUITY_EVENT_ENDED', action: 'edit' });
    const present = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as UpdateContinuityEventDto;
    const fields = fieldsOf({ ...before, ...present } as ContinuityEventDto);
    await this.check(fields, present);
    const today = this.clock.today();
    const outcome = await this.dataSource.transaction(async (manager) => {
      // the planning-data lock before the row lock, the order a plan's write takes them in
      await sharePlanningDataLock(manager);
      const status = await this.events.lockStatus(id, manager);
      if (!status) throw notFoundProblem({ code: 'CONTINUITY_EVENT_NOT_FOUND', id });
      if (status === 'ENDED') throw conflictProblem({ code: 'CONTINUITY_EVENT_ENDED', action: 'edit' });
      await this.events.update(id, fields, manager);
      const changes = Object.keys(present);
      if (status === 'DRAFT') {
        await this.audit.record(user, 'CONTINUITY_EVENT_UPDATED', 'continuity_event', id, { status, changes, after: fields }, manager);
        return null;
      }
      // ACTIVE: planning data changed; the weeks it covered and the weeks it covers now are replanned from today on
      await this.events.notePlanningDataChange(manager);
      const from = [before.from, fields.from].sort()[0];
      const to = [before.to, fields.to].sort()[1];
      if (to < today) throw conflictProblem({ code: 'CONTINUITY_EVENT_OVER', to, today });
      const { run, freeze } = await this.startRun(manager, id, from, to, user, today);
      await this.audit.record(user, 'CONTINUITY_EVENT_UPDATED', 'continuity_event', id, {
        status, changes, before: fieldsOf(before), after: fields, runId: run.id, runCreated: run.created, ...freeze,
      }, manager);
      return run;
    });
    if (!outcome) return this.get(id);
    if (outcome.created) await this.dispatcher.dispatchRun(outcome.id);
    return { event: await this.get(id), runId: outcome.id, created: outcome.created };
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const event = await this.get(id);
    if (event.status !== 'DRAFT') throw conflictProblem({ code: 'CONTINUITY_EVENT_NOT_DRAFT', status: event.status, action: 'delete' });
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.events.deleteDraft(id, manager))) {
        const now = await this.events.findById(id, manager);
        if (!now) throw notFoundProblem({ code: 'CONTINUITY_EVENT_NOT_FOUND', id });
        throw conflictProblem({ code: 'CONTINUITY_EVENT_NOT_DRAFT', status: now.status, action: 'delete', meanwhile: true });
      }
      await this.audit.record(user, 'CONTINUITY_EVENT_DELETED', 'continuity_event', id, { label: event.label, from: event.from, to: event.to }, manager);
    });
  }

  /**
   * DRAFT → ACTIVE: its ISO weeks are replanned at once from today on, freeze window included,
   * through the queue (202 with the run). Refused when the event is over (nothing to replan).
   */
  async activate(user: AuthUser, id: string): Promise<ContinuityEventRunDto> {
    const event = await this.get(id);
    if (event.status !== 'DRAFT') throw conflictProblem({ code: 'CONTINUITY_EVENT_NOT_DRAFT', status: event.status, action: 'activate' });
    const today = this.clock.today();
    if (event.to < today) throw conflictProblem({ code: 'CONTINUITY_EVENT_OVER', to: event.to, today });
    const run = await this.dataSource.transaction(async (manager) => {
      await this.events.notePlanningDataChange(manager);
      if (!(await this.events.markActive(id, manager))) {
        const status = await this.events.lockStatus(id, manager);
        if (!status) throw notFoundProblem({ code: 'CONTINUITY_EVENT_NOT_FOUND', id });
        throw conflictProblem({ code: 'CONTINUITY_EVENT_NOT_DRAFT', status, action: 'activate', meanwhile: true });
      }
      const { run, freeze } = await this.startRun(manager, id, event.from, event.to, user, today);
      await this.audit.record(user, 'CONTINUITY_EVENT_ACTIVATED', 'continuity_event', id, {
        label: event.label, from: event.from, fromPeriod: event.fromPeriod, to: event.to, toPeriod: event.toPeriod,
        runId: run.id, runCreated: run.created, ...freeze,
      }, manager);
      return run;
    });
    if (run.created) await this.dispatcher.dispatchRun(run.id);
    return { event: await this.get(id), runId: run.id, created: run.created };
  }

  /**
   * ACTIVE → ENDED. An event under way ends with the last half-day before now (its `to` is cut
   * there); one not begun yet keeps its dates, never applied. Its weeks from today on are
   * replanned without it (202 with the run): the normal plan comes back for the remaining dates.
   * An event already over has nothing left to replan: it is just ended (the run is its last one).
   */
  async end(user: AuthUser, id: string): Promise<ContinuityEventRunDto> {
    const event = await this.get(id);
    if (event.status !== 'ACTIVE') throw conflictProblem({ code: 'CONTINUITY_EVENT_NOT_ACTIVE', status: event.status, action: 'end' });
    const today = this.clock.today();
    const last = this.lastHalfDayBeforeNow(today);
    const started = key(event.from, event.fromPeriod) <= key(last.date, last.period);
    const cut = started && key(last.date, last.period) < key(event.to, event.toPeriod) ? last : null;
    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.events.notePlanningDataChange(manager);
      if (!(await this.events.markEnded(id, cut, manager))) {
        const status = await this.events.lockStatus(id, manager);
        if (!status) throw notFoundProblem({ code: 'CONTINUITY_EVENT_NOT_FOUND', id });
        throw conflictProblem({ code: 'CONTINUITY_EVENT_NOT_ACTIVE', status, action: 'end', meanwhile: true });
      }
      const details = {
        label: event.label, from: event.from, to: event.to, toPeriod: event.toPeriod, started,
        ...(cut ? { cutTo: cut.date, cutToPeriod: cut.period } : {}),
      };
      if (event.to < today) {
        await this.audit.record(user, 'CONTINUITY_EVENT_ENDED', 'continuity_event', id, { ...details, runId: null }, manager);
        return null;
      }
      const { run, freeze } = await this.startRun(manager, id, event.from, event.to, user, today);
      await this.audit.record(user, 'CONTINUITY_EVENT_ENDED', 'continuity_event', id, {
        ...details, runId: run.id, runCreated: run.created, ...freeze,
      }, manager);
      return run;
    });
    if (!outcome) {
      const ended = await this.get(id);
      return { event: ended, runId: ended.lastRunId ?? '', created: false };
    }
    if (outcome.created) await this.dispatcher.dispatchRun(outcome.id);
    return { event: await this.get(id), runId: outcome.id, created: outcome.created };
  }

  /**
   * The CONTINUITY run of the ISO weeks of [from, to] from today on, recorded in the caller's
   * transaction (dispatched once it commits), and what the audit says of the freeze window: the
   * working dates the run replans inside it.
   */
  private async startRun(manager: EntityManager, eventId: string, from: string, to: string, user: AuthUser, today: string) {
    const horizon = runHorizon(from, to, today);
    const run = await this.events.createRun(eventId, horizon.from, horizon.to, user.userId, manager);
    await this.events.setLastRun(eventId, run.id, manager);
    const frozenUntil = addDays(freezeEnd(today, this.config.allocation.freezeWorkingDays), -1);
    const inWindow = frozenUntil >= horizon.from
      ? [...new Set(workingHalfDays({ from: horizon.from, to: frozenUntil < horizon.to ? frozenUntil : horizon.to },
        frenchPublicHolidays(horizon.from, horizon.to)).map((h) => h.date))]
      : [];
    return {
      run,
      freeze: {
        horizon,
        freezeOverridden: inWindow.length > 0,
        freezeWindow: { from: today, until: frozenUntil },
        datesReplannedInFreezeWindow: inWindow,
      },
    };
  }

  /**
   * The last half-day before now: this morning once the afternoon has begun (13:00, Paris), else
   * yesterday afternoon. With a pinned planning day (PLANNING_TODAY) the day has not begun.
   */
  private lastHalfDayBeforeNow(today: string): { date: string; period: HalfDayPeriod } {
    const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' }).format(new Date()));
    const afternoon = !this.config.planningToday && hour >= 13;
    return afternoon ? { date: today, period: 'AM' } : { date: addDays(today, -1), period: 'PM' };
  }

  /**
   * The checks the DTO cannot make: the period's order and length, and every id against the
   * data (only the fields the body gives: an edit is not refused for a reference it left alone).
   * Fields are named as the validation pipe names them (`sites.0.siteId`).
   */
  private async check(fields: ContinuityEventFields, given: Partial<CreateContinuityEventDto>): Promise<void> {
    const errors: FieldCheckInput[] = [];
    if (fields.to < fields.from) {
      errors.push({ field: 'to', code: 'CONTINUITY_END_BEFORE_START', from: fields.from, fromPeriod: fields.fromPeriod });
    } else if (fields.to === fields.from && fields.fromPeriod === 'PM' && fields.toPeriod === 'AM') {
      errors.push({ field: 'toPeriod', code: 'CONTINUITY_END_BEFORE_START', from: fields.from, fromPeriod: fields.fromPeriod });
    } else {
      const days = daysBetween(fields.from, fields.to) + 1;
      if (days > MAX_EVENT_DAYS) errors.push({ field: 'to', code: 'RANGE_TOO_LONG', max: MAX_EVENT_DAYS, days });
    }
    if (fields.weeklyMax === null && (fields.weeklyMaxTiers.length > 0 || fields.weeklyMaxOrgUnitIds.length > 0)) {
      errors.push({ field: 'weeklyMax', code: 'REQUIRED' });
    }
    const siteIds = fields.sites.map((s) => s.siteId);
    if (new Set(siteIds).size !== siteIds.length) errors.push({ field: 'sites', code: 'DUPLICATE_ITEMS' });
    const poolIds = fields.pools.map((p) => p.poolId);
    if (new Set(poolIds).size !== poolIds.length) errors.push({ field: 'pools', code: 'DUPLICATE_ITEMS' });
    const references: [string, ReferenceKind, string[]][] = [];
    if (given.sites) references.push(...fields.sites.map((s, i): [string, ReferenceKind, string[]] => [`sites.${i}.siteId`, 'site', [s.siteId]]));
    if (given.pools) references.push(...fields.pools.map((p, i): [string, ReferenceKind, string[]] => [`pools.${i}.poolId`, 'pool', [p.poolId]]));
    if (given.extraEligiblePoolId && fields.extraEligiblePoolId) references.push(['extraEligiblePoolId', 'pool', [fields.extraEligiblePoolId]]);
    const lists: [keyof ContinuityEventFields, ReferenceKind][] = [
      ['weeklyMaxOrgUnitIds', 'orgUnit'], ['extraEligibleAgentIds', 'agent'], ['onSiteAgentIds', 'agent'], ['onSiteOrgUnitIds', 'orgUnit'],
    ];
    for (const [field, kind] of lists) {
      if (given[field as keyof CreateContinuityEventDto] === undefined) continue;
      (fields[field] as string[]).forEach((id, i) => references.push([`${field}.${i}`, kind, [id]]));
    }
    const unknown = new Map<ReferenceKind, Set<string>>();
    for (const kind of ['site', 'pool', 'agent', 'orgUnit'] as const) {
      unknown.set(kind, await this.events.findUnknown(kind, references.filter(([, k]) => k === kind).flatMap(([, , ids]) => ids)));
    }
    for (const [field, kind, [id]] of references) {
      if (unknown.get(kind)?.has(id)) errors.push({ field, code: 'UNKNOWN_REFERENCE' });
    }
    if (errors.length === 0) errors.push(...(await this.checkPoolCapacities(fields)));
    if (errors.length > 0) throw fieldProblems(errors);
  }

  /**
   * A pool's event capacity must keep its priority reserve and, on each half-day of the event,
   * the seats already reserved for events outside it: no plan could respect less (the engine
   * refuses such a snapshot, and every run would fail).
   */
  private async checkPoolCapacities(fields: ContinuityEventFields): Promise<FieldCheckInput[]> {
    const pools = await this.events.findPools(fields.pools.map((p) => p.poolId));
    const reserved = await this.events.findReservedSeats([...pools.keys()], fields.from, fields.to);
    const first = key(fields.from, fields.fromPeriod);
    const last = key(fields.to, fields.toPeriod);
    const errors: FieldCheckInput[] = [];
    fields.pools.forEach((eventPool, i) => {
      const pool = pools.get(eventPool.poolId);
      if (!pool) return;
      const field = `pools.${i}.capacity`;
      if (pool.reserve > eventPool.capacity) {
        errors.push({ field, code: 'RESERVE_ABOVE_CAPACITY', pool: pool.code, reserve: pool.reserve, capacity: eventPool.capacity });
        return;
      }
      const open = eventPool.capacity - pool.reserve;
      const over = reserved.find((r) => r.poolId === eventPool.poolId && key(r.date, r.period) >= first && key(r.date, r.period) <= last
        && Number(r.seats) > open);
      if (over) {
        errors.push({
          field, code: 'RESERVED_SEATS_ABOVE_OPEN', pool: pool.code, date: over.date, period: over.period,
          reserved: Number(over.seats), open, capacity: eventPool.capacity, reserve: pool.reserve,
        });
      }
    });
    return errors;
  }
}

/** What a run replans for an event of [from, to]: its whole ISO weeks, from today on. */
export function runHorizon(from: string, to: string, today: string): { from: string; to: string } {
  const monday = mondayOf(from);
  return { from: monday > today ? monday : today, to: sundayOf(to) };
}
