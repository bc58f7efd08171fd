import type { EntityManager } from 'typeorm';
import type { HalfDayPeriod } from '@telework/contracts';

/**
 * The SQL of an instant grant on the published plan, in the caller's transaction: the row locks
 * (agent, assignment, pool × half-day counter), the figures read under them and the writes of the
 * assignment and the seat counter. Functions of the transaction's EntityManager (like
 * libs/server/planning-data's snapshot.repository.ts), since a lock outside a transaction means
 * nothing; the rules that call them, and the order they take the locks in, are in
 * instant-allocation.ts. Reservations (capacity/reservations.service.ts) take `lockHalfDay` too.
 */

export interface LockedAgent {
  id: string;
  eligible: boolean;
  access_pool_id: string | null;
  tier: string;
  weekly_max: number;
  off_half_days: string[];
  group_id: string | null;
}

export interface LockedAssignment {
  mode: 'REMOTE' | 'ON_SITE' | 'OFF';
  source: string;
  pool_id: string | null;
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

/** One agent's half-day in the published plan. */
export interface AgentHalfDay {
  agentId: string;
  date: string;
  period: HalfDayPeriod;
}

/** Locks the agent's row (FOR UPDATE) and reads what a grant needs of it. */
export async function lockAgent(manager: EntityManager, agentId: string): Promise<LockedAgent> {
  const [agent] = await manager.query(
    `SELECT id, eligible, access_pool_id, tier, weekly_max, off_half_days, group_id FROM agents WHERE id = $1 FOR UPDATE`,
    [agentId],
  );
  return agent;
}

/** Locks the agent's assignment row of the half-day (FOR UPDATE); undefined when the plan has none. */
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

/** Sets the mode, source and pool of the agent's assignment of the half-day (its row locked by `lockAssignment`). */
export async function setAssignment(
  manager: EntityManager,
  at: AgentHalfDay,
  to: { mode: string; source: string; poolId: string | null },
): Promise<void> {
  await manager.query(
    `UPDATE assignments SET mode = $4, source = $5, pool_id = $6 WHERE agent_id = $1 AND date = $2 AND period = $3`,
    [at.agentId, at.date, at.period, to.mode, to.source, to.poolId],
  );
}

/** The agent's REMOTE half-days in the published plan from `monday` to `sunday`, both included. */
export async function countRemoteHalfDays(manager: EntityManager, agentId: string, monday: string, sunday: string): Promise<number> {
  const [{ remote }] = await manager.query(
    `SELECT count(*)::int AS remote FROM assignments
     WHERE agent_id = $1 AND mode = 'REMOTE' AND date BETWEEN $2 AND $3`,
    [agentId, monday, sunday],
  );
  return remote;
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

/** Counts one more REMOTE agent (STANDARD or not) on the pool × half-day counter, locked by `lockHalfDay`. */
export async function addSeat(manager: EntityManager, poolId: string, date: string, period: HalfDayPeriod, standard: boolean): Promise<void> {
  await manager.query(
    `UPDATE pool_usage SET remote_count = remote_count + 1, standard_count = standard_count + $4
     WHERE pool_id = $1 AND date = $2 AND period = $3`,
    [poolId, date, period, standard ? 1 : 0],
  );
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
