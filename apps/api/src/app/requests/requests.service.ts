import { groupRemoteInPublishedRotation, sharePlanningDataLock } from '@telework/planning-data';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { writeRequestDecidedMail } from '@telework/server-mail';
import { HttpException, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, frenchPublicHolidays, notWorkingWhy } from '@telework/planning';
import {
  formatMessage, recordText,
  type BulkDecisionResult, type CreateRequestsResponse, type HalfDayPeriod, type Page, type PlanChange,
  type Refusal, type RequestHalfDayReport, type TeleworkRequestDto, type TeleworkRequestKind,
} from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import { MailDispatcher } from '../mail/mail.dispatcher';
import type { AuthUser } from '../auth/auth.decorators';
import { pageWindow } from '../common/pagination';
import {
  apiProblem, conflictProblem, FieldCheckInput, fieldProblems, forbiddenProblem, notFoundProblem, problemBody,
} from '../common/problems';
import { API_DATE_CHECK, isApiDate } from '../common/iso-date.validator';
import { NoticesRepository } from '../schedules/notices.repository';
import { datesOf, daysBetween, frenchDate } from './half-days';
import { AllocationDecision, allocateApproved, takeRemoteHalfDay } from './instant-allocation';
import { CreateRequestsDto, MAX_RANGE_DAYS, RequestQueryDto } from './requests.dto';
import { RequestRow, RequestScope, RequestsRepository } from './requests.repository';
import { lockAgent, lockAssignment, releaseSeat, setAssignment } from './seats.repository';

type Decision = 'APPROVE' | 'REFUSE';

const PERIOD_FR: Record<HalfDayPeriod, string> = { AM: 'matin', PM: 'après-midi' };
const KIND_FR: Record<TeleworkRequestKind, string> = { REMOTE: 'télétravail', ON_SITE: 'présence sur site' };
const OUTCOME_FR: Record<string, string> = { GRANTED: 'accordée', WAITLISTED: 'en liste d’attente', REFUSED: 'refusée par l’allocation' };

/**
 * Telework requests: agents ask for themselves; managers (their team: the org units they manage
 * and below) and HR decide; an approval inside the published plan is applied at once when the
 * caps allow it (see instant-allocation.ts), otherwise it waits for the nightly run.
 */
@Injectable()
export class RequestsService {
  private readonly logger = new Logger('Requests');

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsRepository,
    private readonly notices: NoticesRepository,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
    private readonly mail: MailDispatcher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  // ---------- creation ----------

  async create(user: AuthUser, body: CreateRequestsDto): Promise<CreateRequestsResponse> {
    if (!user.agentId) throw forbiddenProblem({ code: 'NO_AGENT_ACCOUNT' });
    const agentId = user.agentId;
    const wanted = this.wantedRange(body);
    const agent = await this.requests.findAsker(agentId);
    if (!agent) throw forbiddenProblem({ code: 'NO_AGENT_ACCOUNT' });
    const closed = new Set(frenchPublicHolidays(wanted.from, wanted.to));

    const skipped: RequestHalfDayReport[] = [];
    const candidates: { date: string; period: HalfDayPeriod }[] = [];
    for (const date of datesOf(wanted.from, wanted.to)) {
      for (const period of wanted.periods) {
        const why = notWorkingWhy(date, period, agent.off_half_days, closed);
        if (why) skipped.push(halfDayReport({ code: 'NOT_WORKING', why, date, period }, date, period));
        else candidates.push({ date, period });
      }
    }
    if (candidates.length === 0) {
      throw fieldProblems([wanted.single
        ? { field: 'date', ...skipped[0].refusal }
        : { field: 'from', code: 'NO_WORKING_HALF_DAY', from: wanted.from, to: wanted.to }]);
    }

    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.requests.insertMany({ agentId, kind: body.kind, createdBy: user.userId }, candidates, manager);
      const created = new Set(inserted.map((row) => `${row.date}${row.period}`));
      const missing = candidates.filter((c) => !created.has(`${c.date}${c.period}`));
      const duplicates: RequestHalfDayReport[] = missing.length === 0 ? [] : (await this.requests.findLiveOn(agentId, missing, manager))
        .map((row) => ({
          ...halfDayReport({ code: 'REQUEST_EXISTS', status: row.status, date: row.date, period: row.period, requestId: row.id }, row.date, row.period),
          requestId: row.id,
        }));
      if (wanted.single && inserted.length === 0) {
        // the live request vanished between the insert and the look-up: a concurrent cancellation
        throw duplicates[0] ? conflictProblem(duplicates[0].refusal) : apiProblem(409, { code: 'CONCURRENT_CHANGE' });
      }
      const ids = inserted.map((row) => row.id);
      if (ids.length > 0) {
        await this.audit.record(user, 'request.created', 'telework_request', ids.length === 1 ? ids[0] : null, {
          agentId, kind: body.kind, from: wanted.from, to: wanted.to, count: ids.length, ids,
        }, manager);
      }
      const items: TeleworkRequestDto[] = ids.length === 0 ? [] : await this.requests.findByIds(ids, manager);
      return { items, duplicates, skipped };
    });
  }

  /** The two forms of a creation, checked field by field. */
  private wantedRange(body: CreateRequestsDto): { from: string; to: string; periods: HalfDayPeriod[]; single: boolean } {
    const errors: FieldCheckInput[] = [];
    const today = this.clock.today();
    // bounded work: nobody asks for a half-day years ahead (REQUEST_HORIZON_DAYS)
    const horizon = this.config.requestHorizonDays;
    const last = addDays(today, horizon);
    const single = body.date !== undefined || body.period !== undefined;
    const tooFar = { code: 'DATE_TOO_FAR', days: horizon, last };
    const checkDate = (field: string, value: string | undefined) => {
      if (value === undefined) errors.push({ field, code: 'REQUIRED' });
      else if (!isApiDate(value)) errors.push({ field, ...API_DATE_CHECK });
      else if (value < today) errors.push({ field, code: 'DATE_IN_PAST', today });
      else if (value > last) errors.push({ field, ...tooFar });
    };
    if (single) {
      checkDate('date', body.date);
      if (body.period === undefined) errors.push({ field: 'period', code: 'REQUIRED' });
      for (const field of ['from', 'to', 'periods'] as const) {
        if (body[field] !== undefined) errors.push({ field, code: 'DATE_AND_RANGE_MIXED' });
      }
      if (errors.length) throw fieldProblems(errors);
      return { from: body.date as string, to: body.date as string, periods: [body.period as HalfDayPeriod], single: true };
    }
    if (body.from === undefined && body.to === undefined) {
      throw fieldProblems([{ field: 'date', code: 'DATE_OR_RANGE_REQUIRED' }]);
    }
    checkDate('from', body.from);
    if (body.to === undefined) errors.push({ field: 'to', code: 'REQUIRED' });
    else if (!isApiDate(body.to)) errors.push({ field: 'to', ...API_DATE_CHECK });
    else if (body.to > last) errors.push({ field: 'to', ...tooFar });
    else if (isApiDate(body.from)) {
      if (body.to < body.from) errors.push({ field: 'to', code: 'RANGE_END_BEFORE_START', from: body.from });
      else if (daysBetween(body.from, body.to) > MAX_RANGE_DAYS) {
        errors.push({ field: 'to', code: 'RANGE_TOO_LONG', days: daysBetween(body.from, body.to), max: MAX_RANGE_DAYS });
      }
    }
    if (errors.length) throw fieldProblems(errors);
    const periods = (['AM', 'PM'] as const).filter((p) => (body.periods ?? ['AM', 'PM']).includes(p));
    return { from: body.from as string, to: body.to as string, periods, single: false };
  }

  // ---------- reading ----------

  async list(user: AuthUser, query: RequestQueryDto): Promise<Page<TeleworkRequestDto>> {
    const filter = { status: query.status, from: query.from, to: query.to, agentId: query.agentId };
    return this.requests.findPage(this.scope(user), filter, pageWindow(query));
  }

  async get(user: AuthUser, id: string, manager?: EntityManager): Promise<TeleworkRequestDto> {
    const request = await this.requests.findInScope(this.scope(user), id, manager);
    // an agent or manager never learns whether a request outside its reach exists
    if (!request) throw notFoundProblem({ code: 'REQUEST_NOT_FOUND' }, `Request ${id} not found`);
    return request;
  }

  /** HR and ADMIN: everything; a MANAGER: its team and itself; anyone else: its own requests. */
  private scope(user: AuthUser): RequestScope {
    if (user.role === 'HR' || user.role === 'ADMIN') return { kind: 'ALL' };
    if (!user.agentId) return { kind: 'NONE' };
    return user.role === 'MANAGER' ? { kind: 'TEAM_AND_OWN', agentId: user.agentId } : { kind: 'OWN', agentId: user.agentId };
  }

  // ---------- decisions ----------

  approve(user: AuthUser, id: string, comment?: string): Promise<TeleworkRequestDto> {
    return this.decide(user, id, 'APPROVE', comment);
  }

  refuse(user: AuthUser, id: string, comment: string): Promise<TeleworkRequestDto> {
    return this.decide(user, id, 'REFUSE', comment);
  }

  /** Each id is decided on its own (own transaction): one bad id never blocks the others. */
  async decideMany(user: AuthUser, ids: string[], decision: Decision, comment?: string): Promise<BulkDecisionResult> {
    const results: BulkDecisionResult['results'] = [];
    for (const id of ids) {
      try {
        results.push({ id, ok: true, request: await this.decide(user, id, decision, comment) });
      } catch (error) {
        if (error instanceof HttpException) {
          // the answer the id would have had on its own, coded as the ProblemsFilter codes it
          const problem = problemBody(error.getStatus(), error.getResponse());
          results.push({ id, ok: false, statusCode: problem.statusCode, error: problem.message, problem });
        } else {
          this.logger.error(`deciding request ${id} failed`, error instanceof Error ? error.stack : String(error));
          results.push({
            id, ok: false, statusCode: 500, error: 'internal server error',
            problem: { statusCode: 500, code: 'INTERNAL_ERROR', message: recordText({ code: 'INTERNAL_ERROR' }) },
          });
        }
      }
    }
    return { results };
  }

  private async decide(user: AuthUser, id: string, decision: Decision, comment?: string): Promise<TeleworkRequestDto> {
    if (user.role !== 'MANAGER' && user.role !== 'HR' && user.role !== 'ADMIN') {
      throw forbiddenProblem({ code: 'FORBIDDEN' }, 'Only a manager, HR or an administrator can decide a request');
    }
    const request = await this.requests.findForDecision(id);
    if (!request) throw notFoundProblem({ code: 'REQUEST_NOT_FOUND' }, `Request ${id} not found`);
    if (user.agentId && request.agent_id === user.agentId) throw forbiddenProblem({ code: 'OWN_REQUEST_DECISION' });
    if (user.role === 'MANAGER' && !(await this.inTeam(user, request.org_unit_id))) {
      throw forbiddenProblem({ code: 'AGENT_NOT_IN_TEAM' });
    }
    // a past half-day is over: approving it would grant nothing and skew the counts (refusing stays possible)
    const today = this.clock.today();
    if (decision === 'APPROVE' && request.date < today) {
      throw conflictProblem({ code: 'HALF_DAY_PASSED', date: request.date, period: request.period, today });
    }
    const text = comment?.trim() ? comment.trim() : null;

    const mailed = { rows: 0 };
    const answer = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const newStatus = decision === 'APPROVE' ? 'APPROVED' : 'REFUSED';
      const decided = await this.requests.markDecided(id, { status: newStatus, decidedBy: user.userId, comment: text }, manager);
      if (!decided) {
        const status = await this.requests.statusOf(id, manager);
        if (!status) throw notFoundProblem({ code: 'REQUEST_NOT_FOUND' }, `Request ${id} not found`);
        throw conflictProblem({ code: 'REQUEST_NOT_PENDING', status });
      }
      let outcome: AllocationDecision | null = null;
      if (decision === 'APPROVE') {
        outcome = await allocateApproved(manager, { agentId: request.agent_id, date: request.date, period: request.period, kind: request.kind });
        await this.requests.recordAllocation(id, { status: outcome.status, refusal: outcome.refusal, reason: reasonOf(outcome) }, manager);
      }
      await this.requests.addHistory({
        requestId: id, status: newStatus, allocationStatus: outcome?.status ?? null, comment: text, actorUserId: user.userId,
      }, manager);
      await this.audit.record(user, decision === 'APPROVE' ? 'request.approved' : 'request.refused', 'telework_request', id, {
        agentId: request.agent_id, date: request.date, period: request.period, kind: request.kind, comment: text,
        ...(outcome ? {
          allocationStatus: outcome.status, allocationRefusal: outcome.refusal, allocationReason: reasonOf(outcome), planChange: outcome.change,
        } : {}),
      }, manager);
      await this.notices.addRequestDecided(request.agent_id, decisionMessage(request, newStatus, outcome, text), {
        requestId: id, status: newStatus, allocationStatus: outcome?.status ?? null,
        allocationRefusal: outcome?.refusal ?? null, allocationReason: outcome ? reasonOf(outcome) : null,
      }, manager);
      // the agent's e-mail (granted / waiting with the coded reason / refused with the comment), same transaction
      if (this.config.mail.smtpUrl !== null) {
        mailed.rows = await writeRequestDecidedMail(manager, {
          agentId: request.agent_id,
          deciderUserId: user.userId,
          payload: {
            requestId: id, status: newStatus, allocationStatus: outcome?.status ?? null, refusal: outcome?.refusal ?? null,
            comment: text, halfDays: [{ date: request.date, period: request.period }],
          },
        });
      }
      return this.get(user, id, manager);
    });
    if (mailed.rows > 0) this.mail.kick();
    return answer;
  }

  // ---------- cancellation ----------

  /**
   * The agent cancels its own PENDING or APPROVED request of today or later. A request that
   * had been GRANTED in the published plan is undone there at once: the half-day goes back to
   * what the published rotation says (a REMOTE half-day frees its seat; going back to REMOTE
   * takes a seat under the same rules as an approval, and when none is free the half-day stays
   * on site and the nightly run re-plans it).
   */
  async cancel(user: AuthUser, id: string): Promise<TeleworkRequestDto> {
    const visible = await this.get(user, id);
    if (visible.agentId !== user.agentId) throw forbiddenProblem({ code: 'NOT_THE_ASKER' });
    const today = this.clock.today();

    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await sharePlanningDataLock(manager); // before the row lock: a plan's write takes them in this order
      const request = await this.requests.lockForCancellation(id, manager);
      if (request.status !== 'PENDING' && request.status !== 'APPROVED') {
        throw conflictProblem({ code: 'REQUEST_NOT_CANCELLABLE', status: request.status });
      }
      if (request.date < today) throw conflictProblem({ code: 'HALF_DAY_PASSED', date: request.date, period: request.period, today });
      await this.requests.markCancelled(id, manager);
      const planChange = request.status === 'APPROVED' && request.allocation_status === 'GRANTED'
        ? await this.undoGrant(manager, request) : null;
      await this.requests.addHistory({
        requestId: id, status: 'CANCELLED', allocationStatus: request.allocation_status,
        comment: planChange ? recordText(planChange) : 'cancelled by the agent', actorUserId: user.userId,
      }, manager);
      await this.audit.record(user, 'request.cancelled', 'telework_request', id, {
        agentId: request.agent_id, date: request.date, period: request.period, kind: request.kind,
        previousStatus: request.status, planChange,
      }, manager);
      return { ...(await this.get(user, id, manager)), planChange };
    });
  }

  /** Puts the half-day back to the published rotation; answers what happened, for the history. */
  private async undoGrant(manager: EntityManager, request: RequestRow): Promise<PlanChange | null> {
    const agent = await lockAgent(manager, request.agent_id);
    const at = { agentId: request.agent_id, date: request.date, period: request.period };
    const assignment = await lockAssignment(manager, at);
    if (!assignment || assignment.source !== 'REQUEST') return null;
    const rotationRemote = await groupRemoteInPublishedRotation(manager, agent.group_id, request.date, request.period);
    const set = (mode: string, source: string, poolId: string | null) => setAssignment(manager, at, { mode, source, poolId });
    if (assignment.mode === 'REMOTE') {
      if (rotationRemote && agent.eligible) {
        await set('REMOTE', 'ROTATION', assignment.pool_id);
        return { code: 'PLAN_KEPT_REMOTE' };
      }
      await set('ON_SITE', 'DEFAULT', null);
      if (assignment.pool_id) await releaseSeat(manager, assignment.pool_id, request.date, request.period, agent.tier === 'STANDARD');
      return { code: 'PLAN_BACK_ON_SITE' };
    }
    if (assignment.mode === 'ON_SITE' && rotationRemote && agent.eligible && agent.access_pool_id) {
      const seat = await takeRemoteHalfDay(manager, agent, request.date, request.period);
      if (seat.ok) {
        await set('REMOTE', 'ROTATION', agent.access_pool_id);
        return { code: 'PLAN_BACK_TO_REMOTE' };
      }
      await set('ON_SITE', 'DEFAULT', null);
      return { code: 'PLAN_STAYS_ON_SITE', refusal: seat.refusal };
    }
    await set(assignment.mode, 'DEFAULT', assignment.pool_id);
    return null;
  }

  // ---------- helpers ----------

  private async inTeam(user: AuthUser, orgUnitId: string): Promise<boolean> {
    if (!user.agentId) return false;
    return this.requests.isInTeam(user.agentId, orgUnitId);
  }
}

/** The English record of an allocation's answer, kept beside the refusal (null: granted with nothing to say). */
function reasonOf(outcome: AllocationDecision): string | null {
  return outcome.refusal ? recordText(outcome.refusal) : null;
}

/** A half-day of a creation that made no request: the refusal, and its English record. */
function halfDayReport(refusal: Refusal, date: string, period: HalfDayPeriod): RequestHalfDayReport {
  return { date, period, refusal, reason: recordText(refusal) };
}

/** The notice of a decision, French first then English, the allocation's reason worded in each. */
function decisionMessage(request: RequestRow, status: string, outcome: AllocationDecision | null, comment: string | null): string {
  const what = `${KIND_FR[request.kind]} du ${frenchDate(request.date)} (${PERIOD_FR[request.period]})`;
  const fr = status === 'APPROVED'
    ? `Votre demande de ${what} est approuvée${outcome ? ` : ${OUTCOME_FR[outcome.status]}` : ''}.`
    : `Votre demande de ${what} est refusée.`;
  const en = `Your ${request.kind} request for ${request.date} ${request.period} was ${status.toLowerCase()}` +
    (outcome ? `: ${outcome.status}` : '') + '.';
  const sentence = (text: string | null) => (text ? ` ${text.charAt(0).toUpperCase()}${text.slice(1)}.` : '');
  const reasonFr = outcome?.refusal ? sentence(formatMessage(outcome.refusal, 'fr')) : '';
  const reasonEn = outcome?.refusal ? sentence(formatMessage(outcome.refusal, 'en')) : '';
  const said = comment ? ` « ${comment} »` : '';
  return `${fr}${reasonFr} / ${en}${reasonEn}${said}`;
}
