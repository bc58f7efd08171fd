import type { EntityManager } from 'typeorm';
import {
  AgentSnapshot, frenchPublicHolidays, PlanningSnapshot, PoolSnapshot, RequestSnapshot, RotationCell, Tier, WeekdayHalfDay,
} from '@telework/planning';
import { CURRENT_PUBLISHED_CELL } from './rotation-calendars.repository';

export type RotationSource =
  | { kind: 'published' }
  | { kind: 'calendar'; calendarId: string }
  | { kind: 'none' };

export interface SnapshotOptions {
  from: string;
  to: string;
  maxGroupSize: number;
  rotation: RotationSource;
}

/**
 * Reads the planning snapshot (schema v1) of a horizon from the database. Agents, sites and
 * groups are identified by their database ids, pools by their code (VDI, VPN) so that refusal
 * reasons read naturally; public holidays are listed in closedDates.
 */
export async function readPlanningSnapshot(manager: EntityManager, options: SnapshotOptions): Promise<PlanningSnapshot> {
  const { from, to } = options;
  // the capacity in force on `from` (the database's rule, pool_capacity_on), then every change inside the horizon
  const pools: { id: string; code: string; capacity: number; reserve: number }[] = await manager.query(
    `SELECT id, code, pool_capacity_on(id, $1::date) AS capacity, reserve FROM capacity_pools ORDER BY code`,
    [from],
  );
  const changes: { code: string; from: string; capacity: number }[] = await manager.query(
    `SELECT p.code, to_char(c.effective_from, 'YYYY-MM-DD') AS from, c.capacity
     FROM capacity_changes c JOIN capacity_pools p ON p.id = c.pool_id
     WHERE c.effective_from > $1::date AND c.effective_from <= $2::date ORDER BY p.code, c.effective_from`,
    [from, to],
  );
  const sites: { id: string; name: string; capacity: number }[] = await manager.query(
    `SELECT id, name, capacity FROM sites ORDER BY code`,
  );
  const groups: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM rotation_groups ORDER BY code`);
  const agents: {
    id: string; site_id: string; group_id: string | null; eligible: boolean; pool: string | null; tier: Tier;
    weekly_min: number; weekly_max: number; off_half_days: WeekdayHalfDay[];
  }[] = await manager.query(
    `SELECT a.id, a.site_id, a.group_id, a.eligible, p.code AS pool, a.tier, a.weekly_min, a.weekly_max, a.off_half_days
     FROM agents a LEFT JOIN capacity_pools p ON p.id = a.access_pool_id ORDER BY a.employee_number`,
  );
  const requests: RequestSnapshot[] = await manager.query(
    `SELECT r.id, r.agent_id AS "agentId", to_char(r.date, 'YYYY-MM-DD') AS date, r.period, r.kind, r.status
     FROM telework_requests r
     WHERE r.date BETWEEN $1 AND $2 AND r.status IN ('PENDING', 'APPROVED', 'REFUSED')
     ORDER BY r.created_at, r.id`,
    [from, to],
  );
  const reservations: { id: string; pool: string; date: string; period: 'AM' | 'PM'; seats: number; label: string }[] =
    await manager.query(
      `SELECT r.id, p.code AS pool, to_char(r.date, 'YYYY-MM-DD') AS date, r.period, r.seats, r.label
       FROM reservations r JOIN capacity_pools p ON p.id = r.pool_id
       WHERE r.date BETWEEN $1 AND $2 ORDER BY r.date, r.period, r.id`,
      [from, to],
    );

  const snapshot: PlanningSnapshot = {
    version: 1,
    horizon: { from, to },
    timezone: 'Europe/Paris',
    closedDates: frenchPublicHolidays(from, to),
    maxGroupSize: options.maxGroupSize,
    pools: pools.map((pool): PoolSnapshot => ({
      id: pool.code,
      capacity: Number(pool.capacity),
      reserve: pool.reserve,
      capacityChanges: changes.filter((change) => change.code === pool.code).map((change) => ({ from: change.from, capacity: change.capacity })),
    })),
    sites: sites.map((site) => ({ id: site.id, name: site.name, capacity: site.capacity })),
    groups: groups.map((group) => ({ id: group.id, name: group.name })),
    agents: agents.map((agent): AgentSnapshot => ({
      id: agent.id,
      siteId: agent.site_id,
      groupId: agent.eligible ? agent.group_id : null,
      eligible: agent.eligible && agent.group_id !== null,
      pool: agent.eligible && agent.group_id !== null ? agent.pool : null,
      tier: agent.tier,
      weeklyMin: agent.weekly_min,
      weeklyMax: agent.weekly_max,
      offHalfDays: agent.off_half_days,
    })),
    requests,
    reservations: reservations.map((r) => ({ id: r.id, pool: r.pool, date: r.date, period: r.period, seats: r.seats, label: r.label })),
  };
  const rotation = await readRotation(manager, options.rotation, from, to);
  if (rotation) snapshot.rotation = rotation;
  return snapshot;
}

async function readRotation(manager: EntityManager, source: RotationSource, from: string, to: string): Promise<RotationCell[] | null> {
  if (source.kind === 'none') return null;
  if (source.kind === 'calendar') {
    return manager.query(
      `SELECT group_id AS "groupId", to_char(date, 'YYYY-MM-DD') AS date, period FROM rotation_cells
       WHERE calendar_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date, period, group_id`,
      [source.calendarId, from, to],
    );
  }
  return manager.query(
    `SELECT c.group_id AS "groupId", to_char(c.date, 'YYYY-MM-DD') AS date, c.period
     FROM rotation_cells c JOIN rotation_calendars rc ON rc.id = c.calendar_id
     WHERE c.date BETWEEN $1 AND $2 AND ${CURRENT_PUBLISHED_CELL}
     ORDER BY c.date, c.period, c.group_id`,
    [from, to],
  );
}
