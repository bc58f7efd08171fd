import type { EntityManager } from 'typeorm';
import { frenchPublicHolidays, notWorkingWhy } from '@telework/planning';
import type { AllocationOutcome, HalfDayPeriod, Refusal, TeleworkRequestKind } from '@telework/contracts';
import { isoWeekOf } from './half-days';

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

interface LockedAgent {
  id: string;
  eligible: boolean;
  access_pool_id: string | null;
  tier: string;
  weekly_max: number;
  off_half_days: string[];
  group_id: string | null;
}

interface LockedAssignment {
  mode: 'REMOTE' | 'ON_SITE' | 'OFF';
  source: string;
  pool_id: string | null;
}

/** TypeORM answers [rows, rowCount] to an UPDATE … RETURNING on PostgreSQL, plain rows elsewhere. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * Applies an approved request to the published plan at once, in the caller's transaction
 * (READ COMMITTED). Concurrency: the agent's row is locked first (its own weekly count is then
 * stable), then its assignment row, then the pool row and the pool × half-day counter row (`lockHalfDay`, the same locks in the same
 * order as a reservation), so concurrent approvals and reservations queue on the counter and
 * never deadlock. The figures checked are read after those locks, so no cap is ever exceeded.
 */
export async function allocateApproved(manager: EntityManager, request: RequestToAllocate): Promise<AllocationDecision> {
  const agent = await lockAgent(manager, request.agentId);
  const why = notWorkingWhy(request.date, request.period, agent.off_half_days, frenchPublicHolidays(request.date, request.date));
  if (why) return refused('REFUSED', { code: 'NOT_WORKING', why, date: request.date, period: request.period });
  if (request.kind === 'REMOTE' && (!agent.eligible || !agent.access_pool_id)) return refused('REFUSED', { code: 'NOT_ELIGIBLE' });

  const assignment = await lockAssignment(manager, request);
  if (!assignment) return refused('WAITLISTED', { code: 'WAITING_NIGHTLY' });
  if (assignment.mode === 'OFF') return refused('REFUSED', { code: 'NOT_WORKING', date: request.date, period: request.period });

  if (request.kind === 'ON_SITE') {
    if (assignment.mode === 'ON_SITE') return { status: 'GRANTED', refusal: { code: 'ALREADY_ON_SITE' }, change: 'NONE' };
    await manager.query(
      `UPDATE assignments SET mode = 'ON_SITE', source = 'REQUEST', pool_id = NULL WHERE agent_id = $1 AND date = $2 AND period = $3`,
      [request.agentId, request.date, request.period],
    );
    if (assignment.pool_id) await releaseSeat(manager, assignment.pool_id, request.date, request.period, agent.tier === 'STANDARD');
    return { status: 'GRANTED', refusal: null, change: 'ON_SITE' };
  }

  if (assignment.mode === 'REMOTE') return { status: 'GRANTED', refusal: { code: 'ALREADY_REMOTE' }, change: 'NONE' };
  const seat = await takeRemoteHalfDay(manager, agent, request.date, request.period);
  if (!seat.ok) return refused('WAITLISTED', seat.refusal);
  await manager.query(
    `UPDATE assignments SET mode = 'REMOTE', source = 'REQUEST', pool_id = $4 WHERE agent_id = $1 AND date = $2 AND period = $3`,
    [request.agentId, request.date, request.period, agent.access_pool_id],
  );
  return { status: 'GRANTED', refusal: null, change: 'REMOTE' };
}

function refused(status: AllocationOutcome, refusal: Refusal): AllocationDecision {
  return { status, refusal, change: 'NONE' };
}

export async function lockAgent(manager: EntityManager, agentId: string): Promise<LockedAgent> {
  const [agent] = await manager.query(
    `SELECT id, eligible, access_pool_id, tier, weekly_max, off_half_days, group_id FROM agents WHERE id = $1 FOR UPDATE`,
    [agentId],
  );
  return agent;
}

export async function lockAssignment(
  manager: EntityManager,
  at: { agentId: string; date: string; period: HalfDayPeriod },
): Promise<LockedAssignment | undefined> {
  const [row] = await manager.query(
    `SELECT mode, source, pool_id FROM assignments WHERE agent_id = $1 AND date = $2 AND period = $3 FOR UPDATE`,
    [at.agentId, at.date, at.period],
  );
  return row;
}

/**
 * The weekly max, the engine's rule (libs/planning/src/allocation/allocate.ts: `remoteInWeek`
 * of the agent's ISO week ≥ `weeklyMax` refuses with WEEKLY_MAX): the REMOTE half-days of the
 * agent in the ISO week (Monday to Sunday) of `date`, counted in the published plan, compared
 * with the agent's weekly max. Counted in SQL so that it is read under the agent's row lock
 * (the caller holds it: no concurrent grant of the same agent can slip in between). Null when
 * one more REMOTE half-day fits, else the refusal with the engine's figures. (At the edge of a
 * horizon the engine sees only the part of the week inside it; the published plan holds the
 * whole week.)
 */
export async function weeklyMaxReached(
  manager: EntityManager,
  agent: Pick<LockedAgent, 'id' | 'weekly_max'>,
  date: string,
): Promise<Extract<Refusal, { code: 'WEEKLY_MAX' }> | null> {
  const week = isoWeekOf(date);
  const [{ remote }] = await manager.query(
    `SELECT count(*)::int AS remote FROM assignments
     WHERE agent_id = $1 AND mode = 'REMOTE' AND date BETWEEN $2 AND $3`,
    [agent.id, week.monday, week.sunday],
  );
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

export interface HalfDayFigures {
  code: string;
  capacity: number;
  reserve: number;
  /** seats reserved for events on the half-day */
  reserved: number;
  /** REMOTE agents of the pool on the half-day (the counter row) */
  remote: number;
  standard: number;
}

/**
 * The locks every path that takes seats of a pool × half-day takes (approvals, cancellations
 * going back to remote, reservations), always in this order: the pool row FOR SHARE (a
 * capacity change of the pool waits, and waits for them), then the pool × half-day counter row
 * FOR UPDATE. Only then are the figures read, in a statement of their own: under READ
 * COMMITTED it sees everything committed by whoever held the counter before, so the capacity,
 * the reserved seats and the count checked are the current ones. Reading them in the same
 * statement as the lock (or before it) would check a stale reserved-seats sum.
 */
export async function lockHalfDay(
  manager: EntityManager,
  poolId: string,
  date: string,
  period: HalfDayPeriod,
): Promise<HalfDayFigures | undefined> {
  const [pool] = await manager.query(`SELECT id FROM capacity_pools WHERE id = $1 FOR SHARE`, [poolId]);
  if (!pool) return undefined;
  // a plan being written deletes and recounts the counter rows: when ours vanished under the lock, make it again
  for (let attempt = 0; ; attempt++) {
    await manager.query(
      `INSERT INTO pool_usage (pool_id, date, period) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [poolId, date, period],
    );
    const [locked] = await manager.query(
      `SELECT 1 AS locked FROM pool_usage WHERE pool_id = $1 AND date = $2 AND period = $3 FOR UPDATE`,
      [poolId, date, period],
    );
    if (locked) break;
    if (attempt >= 3) throw new Error(`the counter of pool ${poolId} on ${date} ${period} keeps vanishing`);
  }
  // the capacity in force on the date and the seats reserved for events: the SQL home of these
  // rules (migration 1764892800000, twins of the engine's capacityOn and reserved seats)
  const [figures] = await manager.query(
    `SELECT p.code, p.reserve, pool_capacity_on(p.id, $2::date) AS capacity, pool_reserved_seats(p.id, $2::date, $3) AS reserved,
            u.remote_count AS remote, u.standard_count AS standard
     FROM capacity_pools p JOIN pool_usage u ON u.pool_id = p.id AND u.date = $2::date AND u.period = $3
     WHERE p.id = $1`,
    [poolId, date, period],
  );
  return {
    code: figures.code,
    capacity: Number(figures.capacity),
    reserve: Number(figures.reserve),
    reserved: Number(figures.reserved),
    remote: Number(figures.remote),
    standard: Number(figures.standard),
  };
}

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
  await manager.query(
    `UPDATE pool_usage SET remote_count = remote_count + 1, standard_count = standard_count + $4
     WHERE pool_id = $1 AND date = $2 AND period = $3`,
    [poolId, date, period, standard ? 1 : 0],
  );
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

/** Gives a seat back (never below zero, whatever happened to the counter meanwhile). */
export async function releaseSeat(manager: EntityManager, poolId: string, date: string, period: HalfDayPeriod, standard: boolean): Promise<void> {
  await manager.query(
    `UPDATE pool_usage
     SET remote_count = GREATEST(remote_count - 1, 0),
         standard_count = LEAST(GREATEST(standard_count - $4, 0), GREATEST(remote_count - 1, 0))
     WHERE pool_id = $1 AND date = $2 AND period = $3`,
    [poolId, date, period, standard ? 1 : 0],
  );
}
