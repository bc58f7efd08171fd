import type { EntityManager } from 'typeorm';
import { frenchPublicHolidays, notWorkingWhy } from '@telework/planning';
import type { AllocationOutcome, HalfDayPeriod, Refusal, TeleworkRequestKind } from '@telework/contracts';
import { findActiveEventCovering } from '../schedules/continuity-events.read';
import { isoWeekOf } from './half-days';
import {
  addSeat, countRemoteHalfDays, HalfDayFigures, lockAgent, LockedAgent, lockAssignment, lockHalfDay, releaseSeat, setAssignment,
} from './seats.repository';

export interface AllocationDecision {
  status: AllocationOutcome;
  /** why not granted, or a note on a grant that changed nothing (ALREADY_ON_SITE, ALREADY_REMOTE); null: granted */
  refusal: Refusal | null;
  /** what changed in the published plan, for the audit log */
  change: 'NONE' | 'REMOTE' | 'ON_SITE';
}

export interface RequestToAllocate {
  agentId: string;
  date: string;
  period: HalfDayPeriod;
  kind: TeleworkRequestKind;
}

/**
 * Applies an approved request to the published plan at once, in the caller's transaction
 * (READ COMMITTED); on a half-day of an ACTIVE continuity event it is WAITLISTED
 * (WAITING_CONTINUITY): the next run, which plans the event, decides it. Concurrency: the agent's row is locked first (its own weekly count is then
 * stable), then its assignment row, then the pool row and the pool × half-day counter row (`lockHalfDay`, the same locks in the same
 * order as a reservation), so concurrent approvals and reservations queue on the counter and
 * never deadlock. The figures checked are read after those locks, so no cap is ever exceeded.
 */
export async function allocateApproved(manager: EntityManager, request: RequestToAllocate): Promise<AllocationDecision> {
  const agent = await lockAgent(manager, request.agentId);
  const why = notWorkingWhy(request.date, request.period, agent.off_half_days, frenchPublicHolidays(request.date, request.date));
  if (why) return refused('REFUSED', { code: 'NOT_WORKING', why, date: request.date, period: request.period });
  // during an ACTIVE continuity event the event's plan decides (desks, seats, who stays on site,
  // who may telework for the period): the request waits for the run, as it would for the nightly one
  const event = await findActiveEventCovering(manager, request.date, request.period);
  if (event) return refused('WAITLISTED', { code: 'WAITING_CONTINUITY', event: event.label, date: request.date, period: request.period });
  if (request.kind === 'REMOTE' && (!agent.eligible || !agent.access_pool_id)) return refused('REFUSED', { code: 'NOT_ELIGIBLE' });

  const assignment = await lockAssignment(manager, request);
  if (!assignment) return refused('WAITLISTED', { code: 'WAITING_NIGHTLY' });
  // a half-day an event's plan set, the event since ended or narrowed: the run it started replans it
  if (assignment.source === 'CONTINUITY') return refused('WAITLISTED', { code: 'WAITING_NIGHTLY' });
  if (assignment.mode === 'OFF') return refused('REFUSED', { code: 'NOT_WORKING', date: request.date, period: request.period });

  if (request.kind === 'ON_SITE') {
    if (assignment.mode === 'ON_SITE') return { status: 'GRANTED', refusal: { code: 'ALREADY_ON_SITE' }, change: 'NONE' };
    await setAssignment(manager, request, { mode: 'ON_SITE', source: 'REQUEST', poolId: null });
    if (assignment.pool_id) await releaseSeat(manager, assignment.pool_id, request.date, request.period, agent.tier === 'STANDARD');
    return { status: 'GRANTED', refusal: null, change: 'ON_SITE' };
  }

  if (assignment.mode === 'REMOTE') return { status: 'GRANTED', refusal: { code: 'ALREADY_REMOTE' }, change: 'NONE' };
  const seat = await takeRemoteHalfDay(manager, agent, request.date, request.period);
  if (!seat.ok) return refused('WAITLISTED', seat.refusal);
  await setAssignment(manager, request, { mode: 'REMOTE', source: 'REQUEST', poolId: agent.access_pool_id });
  return { status: 'GRANTED', refusal: null, change: 'REMOTE' };
}

function refused(status: AllocationOutcome, refusal: Refusal): AllocationDecision {
  return { status, refusal, change: 'NONE' };
}

/**
 * The weekly max, the engine's rule (libs/planning/src/allocation/allocate.ts: `remoteInWeek`
 * of the agent's ISO week ≥ `weeklyMax` refuses with WEEKLY_MAX): the REMOTE half-days of the
 * agent in the ISO week (Monday to Sunday) of `date`, counted in the published plan, compared
 * with the agent's weekly max. Counted in SQL so that it is read under the agent's row lock
 * (the caller holds it: no concurrent grant of the same agent can slip in between). Null when
 * one more REMOTE half-day fits, else the refusal with the engine's figures. Always the WHOLE ISO
 * week, Monday to Sunday, frozen half-days included: a grant in the planned part of a week the
 * freeze window cuts counts the frozen REMOTE half-days before it, as the nightly run does (its
 * snapshot carries them: `agents[].carried`, libs/server/planning-data's `readCarriedWeek`), so
 * neither can push the ISO week over the weekly max (requests/cut-week.e2e.spec.ts).
 */
export async function weeklyMaxReached(
  manager: EntityManager,
  agent: Pick<LockedAgent, 'id' | 'weekly_max'>,
  date: string,
): Promise<Extract<Refusal, { code: 'WEEKLY_MAX' }> | null> {
  const week = isoWeekOf(date);
  const remote = await countRemoteHalfDays(manager, agent.id, week.monday, week.sunday);
  return remote >= agent.weekly_max ? { code: 'WEEKLY_MAX', max: agent.weekly_max, week: week.week } : null;
}

/**
 * Checks the weekly max (the agent row must be locked by the caller) and takes a seat of the
 * agent's pool on the half-day; does not touch the assignment.
 */
export async function takeRemoteHalfDay(
  manager: EntityManager,
  agent: LockedAgent,
  date: string,
  period: HalfDayPeriod,
): Promise<SeatOutcome> {
  const weekly = await weeklyMaxReached(manager, agent, date);
  if (weekly) return { ok: false, refusal: weekly };
  if (!agent.access_pool_id) return { ok: false, refusal: { code: 'NOT_ELIGIBLE' } };
  return takeSeat(manager, agent.access_pool_id, date, period, agent.tier === 'STANDARD');
}

export type SeatOutcome = { ok: true } | { ok: false; refusal: Refusal };

/**
 * Takes one seat of the pool × half-day under `lockHalfDay`'s locks: the seat is taken, or the
 * refusal says why not with the engine's figures (libs/planning/src/allocation/allocate.ts):
 * POOL_FULL when REMOTE agents + reserved seats fill the capacity, STANDARD_SHARE_FULL when a
 * STANDARD agent would go past capacity − reserve (used = STANDARD agents remote + reserved).
 */
export async function takeSeat(
  manager: EntityManager,
  poolId: string,
  date: string,
  period: HalfDayPeriod,
  standard: boolean,
): Promise<SeatOutcome> {
  const figures = await lockHalfDay(manager, poolId, date, period);
  if (!figures) return { ok: false, refusal: { code: 'NOT_ELIGIBLE' } };
  const refusal = seatRefusal(figures, date, period, standard);
  if (refusal) return { ok: false, refusal };
  await addSeat(manager, poolId, date, period, standard);
  return { ok: true };
}

/** Why one more REMOTE agent (STANDARD or not) does not fit the half-day's figures, or null when it does. */
export function seatRefusal(figures: HalfDayFigures, date: string, period: HalfDayPeriod, standard: boolean): Refusal | null {
  const used = figures.remote + figures.reserved;
  if (used >= figures.capacity) {
    return { code: 'POOL_FULL', pool: figures.code, date, period, used, capacity: figures.capacity, reserved: figures.reserved };
  }
  const open = figures.capacity - figures.reserve;
  const usedByStandard = figures.standard + figures.reserved;
  if (standard && usedByStandard >= open) {
    return {
      code: 'STANDARD_SHARE_FULL', pool: figures.code, date, period,
      used: usedByStandard, open, capacity: figures.capacity, reserve: figures.reserve,
    };
  }
  return null;
}
