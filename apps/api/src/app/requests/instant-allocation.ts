import type { EntityManager } from 'typeorm';
import { formatCount, frenchPublicHolidays } from '@telework/planning';
import type { AllocationOutcome, HalfDayPeriod, TeleworkRequestKind } from '@telework/contracts';
import { isoWeekOf, notWorkingReason } from './half-days';

export const NIGHTLY_REASON = "en attente de l'allocation de nuit / waiting for the nightly allocation";

export interface AllocationDecision {
  status: AllocationOutcome;
  reason: string | null;
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
 * The capacity of a pool on a date (the latest dated change in force, else the pool's own)
 * and the seats reserved for events on the half-day. $1 pool, $2 date, $3 period.
 */
const CAPACITY_CTE = `
  cap AS (
    SELECT p.code, p.reserve,
           coalesce((SELECT c.capacity FROM capacity_changes c
                     WHERE c.pool_id = p.id AND c.effective_from <= $2::date
                     ORDER BY c.effective_from DESC LIMIT 1), p.capacity) AS capacity
    FROM capacity_pools p WHERE p.id = $1
  ),
  res AS (
    SELECT coalesce(sum(seats), 0)::int AS reserved FROM reservations WHERE pool_id = $1 AND date = $2::date AND period = $3
  )`;

/**
 * Applies an approved request to the published plan at once, in the caller's transaction
 * (READ COMMITTED). Concurrency: the agent's row is locked first (its own weekly count is then
 * stable), then its assignment row, then the pool row and the pool × half-day counter row (`lockHalfDay`, the same locks in the same
 * order as a reservation), so concurrent approvals and reservations queue on the counter and
 * never deadlock. The figures checked are read after those locks, so no cap is ever exceeded.
 */
export async function allocateApproved(manager: EntityManager, request: RequestToAllocate): Promise<AllocationDecision> {
  const agent = await lockAgent(manager, request.agentId);
  const notWorking = notWorkingReason(request.date, request.period, agent.off_half_days,
    new Set(frenchPublicHolidays(request.date, request.date)));
  if (notWorking) return { status: 'REFUSED', reason: `not a working half-day (${notWorking})`, change: 'NONE' };
  if (request.kind === 'REMOTE' && (!agent.eligible || !agent.access_pool_id)) {
    return { status: 'REFUSED', reason: 'agent not eligible', change: 'NONE' };
  }

  const assignment = await lockAssignment(manager, request);
  if (!assignment) return { status: 'WAITLISTED', reason: NIGHTLY_REASON, change: 'NONE' };
  if (assignment.mode === 'OFF') return { status: 'REFUSED', reason: 'not a working half-day', change: 'NONE' };

  if (request.kind === 'ON_SITE') {
    if (assignment.mode === 'ON_SITE') return { status: 'GRANTED', reason: 'already on site in the published plan', change: 'NONE' };
    await manager.query(
      `UPDATE assignments SET mode = 'ON_SITE', source = 'REQUEST', pool_id = NULL WHERE agent_id = $1 AND date = $2 AND period = $3`,
      [request.agentId, request.date, request.period],
    );
    if (assignment.pool_id) await releaseSeat(manager, assignment.pool_id, request.date, request.period, agent.tier === 'STANDARD');
    return { status: 'GRANTED', reason: null, change: 'ON_SITE' };
  }

  if (assignment.mode === 'REMOTE') return { status: 'GRANTED', reason: 'already remote in the published plan', change: 'NONE' };
  const seat = await takeRemoteHalfDay(manager, agent, request.date, request.period);
  if (!seat.ok) return { status: 'WAITLISTED', reason: seat.reason, change: 'NONE' };
  await manager.query(
    `UPDATE assignments SET mode = 'REMOTE', source = 'REQUEST', pool_id = $4 WHERE agent_id = $1 AND date = $2 AND period = $3`,
    [request.agentId, request.date, request.period, agent.access_pool_id],
  );
  return { status: 'GRANTED', reason: null, change: 'REMOTE' };
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
 * Checks the weekly max (the agent row must be locked by the caller) and takes a seat of the
 * agent's pool on the half-day; does not touch the assignment.
 */
export async function takeRemoteHalfDay(
  manager: EntityManager,
  agent: LockedAgent,
  date: string,
  period: HalfDayPeriod,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const week = isoWeekOf(date);
  const [{ remote }] = await manager.query(
    `SELECT count(*)::int AS remote FROM assignments
     WHERE agent_id = $1 AND mode = 'REMOTE' AND date BETWEEN $2 AND $3`,
    [agent.id, week.monday, week.sunday],
  );
  if (remote >= agent.weekly_max) {
    return { ok: false, reason: `weekly max of ${agent.weekly_max} half-days reached in week ${week.week}` };
  }
  if (!agent.access_pool_id) return { ok: false, reason: 'agent not eligible' };
  return takeSeat(manager, agent.access_pool_id, date, period, agent.tier === 'STANDARD');
}

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
  const [figures] = await manager.query(
    `WITH ${CAPACITY_CTE}
     SELECT cap.code, cap.capacity, cap.reserve, res.reserved, u.remote_count AS remote, u.standard_count AS standard
     FROM cap, res, pool_usage u WHERE u.pool_id = $1 AND u.date = $2::date AND u.period = $3`,
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
 * figures say why not (in the shapes apps/console/src/app/shared/allocation-reason.ts translates).
 */
export async function takeSeat(
  manager: EntityManager,
  poolId: string,
  date: string,
  period: HalfDayPeriod,
  standard: boolean,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const figures = await lockHalfDay(manager, poolId, date, period);
  if (!figures) return { ok: false, reason: 'agent not eligible' };
  const used = figures.remote + figures.reserved;
  if (used + 1 > figures.capacity) {
    return { ok: false, reason: `${figures.code} full on ${date} ${period}: ${formatCount(used)} of ${formatCount(figures.capacity)} seats` };
  }
  const open = Math.max(figures.capacity - figures.reserve, 0);
  if (standard && figures.standard + 1 + figures.reserved > open) {
    return {
      ok: false,
      reason: `${figures.code} full for standard agents on ${date} ${period}: ${formatCount(figures.standard + figures.reserved)} of ` +
        `${formatCount(open)} seats outside the reserve of ${formatCount(figures.reserve)}`,
    };
  }
  await manager.query(
    `UPDATE pool_usage SET remote_count = remote_count + 1, standard_count = standard_count + $4
     WHERE pool_id = $1 AND date = $2 AND period = $3`,
    [poolId, date, period, standard ? 1 : 0],
  );
  return { ok: true };
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
