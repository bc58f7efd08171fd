import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { HalfDayPeriod, PoolDto } from '@telework/contracts';

const POOL_SELECT = `
  SELECT p.id, p.code, p.name, p.capacity, p.reserve,
         coalesce((SELECT json_agg(json_build_object('from', to_char(c.effective_from, 'YYYY-MM-DD'), 'capacity', c.capacity)
                                   ORDER BY c.effective_from)
                   FROM capacity_changes c WHERE c.pool_id = p.id), '[]'::json) AS "capacityChanges"
  FROM capacity_pools p`;

/** Seats reserved for events on one half-day of a pool. */
export interface ReservedHalfDay {
  date: string;
  period: HalfDayPeriod;
  reserved: number;
}

/**
 * Every SQL statement on capacity pools and their dated capacity changes. Each method takes
 * the transaction's EntityManager when it runs inside one (the default: the data source's).
 */
@Injectable()
export class PoolsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every pool with its dated capacity changes, by code. */
  async findAll(manager: EntityManager = this.dataSource.manager): Promise<PoolDto[]> {
    const items: PoolDto[] = await manager.query(`${POOL_SELECT} ORDER BY p.code`);
    return items.map(normalise);
  }

  /** A pool with its dated capacity changes, or undefined. */
  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PoolDto | undefined> {
    const [pool] = await manager.query(`${POOL_SELECT} WHERE p.id = $1`, [id]);
    return pool ? normalise(pool) : undefined;
  }

  /** Locks a pool's row until the transaction ends (FOR UPDATE); false when there is no such pool. */
  async lockForUpdate(id: string, manager: EntityManager): Promise<boolean> {
    const [locked] = await manager.query(`SELECT id FROM capacity_pools WHERE id = $1 FOR UPDATE`, [id]);
    return Boolean(locked);
  }

  /** Sets a pool's name, capacity and reserve. */
  async update(id: string, fields: Pick<PoolDto, 'name' | 'capacity' | 'reserve'>, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE capacity_pools SET name = $2, capacity = $3, reserve = $4, updated_at = now() WHERE id = $1`,
      [id, fields.name, fields.capacity, fields.reserve],
    );
  }

  /** Replaces a pool's dated capacity changes with `changes`. */
  async replaceCapacityChanges(poolId: string, changes: PoolDto['capacityChanges'], manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM capacity_changes WHERE pool_id = $1`, [poolId]);
    await manager.query(
      `INSERT INTO capacity_changes (pool_id, effective_from, capacity)
       SELECT $1, c.from_date::date, c.capacity FROM unnest($2::text[], $3::int[]) AS c(from_date, capacity)`,
      [poolId, changes.map((c) => c.from), changes.map((c) => c.capacity)],
    );
  }

  /**
   * The half-days from `from` on with seats of the pool reserved for events, and how many: the
   * database's rule (pool_reserved_seats); by date and period.
   */
  async findReservedHalfDaysFrom(poolId: string, from: string, manager: EntityManager): Promise<ReservedHalfDay[]> {
    return manager.query(
      `SELECT to_char(h.date, 'YYYY-MM-DD') AS date, h.period, pool_reserved_seats(h.pool_id, h.date, h.period) AS reserved
       FROM (SELECT DISTINCT pool_id, date, period FROM reservations WHERE pool_id = $1 AND date >= $2::date) h
       ORDER BY h.date, h.period`,
      [poolId, from],
    );
  }
}

function normalise(pool: PoolDto): PoolDto {
  return { ...pool, capacityChanges: typeof pool.capacityChanges === 'string' ? JSON.parse(pool.capacityChanges) : pool.capacityChanges };
}
