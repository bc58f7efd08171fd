import type { EntityManager } from 'typeorm';

/** A pool on a half-day: its capacity in force that date, its reserve and the seats reserved for events. */
export interface PoolHalfDayCapacity {
  poolId: string;
  code: string;
  date: string;
  period: 'AM' | 'PM';
  capacity: number;
  reserve: number;
  reserved: number;
}

/**
 * Every pool's capacity and reserved seats on each half-day of `dates`, set-based, through the
 * database's one definition of both rules (migration PlanningRules: `pool_capacity_on`, the
 * engine's `capacityOn` twin, and `pool_reserved_seats`). Rows by date, period, pool code.
 * One index probe per pool × date (capacity) and per pool × half-day (reserved seats): about
 * 2 pools × 2 × 183 days = 732 probes for the longest rotation calendar, a few milliseconds.
 */
export async function readPoolHalfDayCapacities(manager: EntityManager, dates: readonly string[]): Promise<PoolHalfDayCapacity[]> {
  if (dates.length === 0) return [];
  const rows: PoolHalfDayCapacity[] = await manager.query(
    `SELECT p.id AS "poolId", p.code, to_char(d.date, 'YYYY-MM-DD') AS date, h.period,
            d.capacity, p.reserve, pool_reserved_seats(p.id, d.date, h.period) AS reserved
     FROM capacity_pools p
     CROSS JOIN LATERAL (SELECT day AS date, pool_capacity_on(p.id, day) AS capacity
                         FROM unnest($1::date[]) AS day) d
     CROSS JOIN (VALUES ('AM'), ('PM')) AS h(period)
     ORDER BY d.date, h.period, p.code`,
    [[...new Set(dates)]],
  );
  return rows.map((row) => ({
    ...row, capacity: Number(row.capacity), reserve: Number(row.reserve), reserved: Number(row.reserved),
  }));
}
