import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { HalfDayPeriod, Page, ReservationDto } from '@telework/contracts';

const RESERVATION_SELECT = `
  SELECT r.id, r.pool_id AS "poolId", p.code AS "poolCode", to_char(r.date, 'YYYY-MM-DD') AS date, r.period,
         r.seats, r.label, r.created_at AS "createdAt"
  FROM reservations r JOIN capacity_pools p ON p.id = r.pool_id`;

/** Which reservations to list (all given filters apply). */
export interface ReservationFilter {
  /** dates, both included */
  from?: string;
  to?: string;
  poolId?: string;
}

/** Seats to reserve for an event on a half-day of a pool. */
export interface NewReservation {
  poolId: string;
  date: string;
  period: HalfDayPeriod;
  seats: number;
  label: string;
  createdBy: string;
}

/**
 * Every SQL statement on the seats reserved for events. Each method takes the transaction's
 * EntityManager when it runs inside one (the default: the data source's).
 */
@Injectable()
export class ReservationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the reservations matching `filter`, by date, period and pool, and how many match. */
  async findPage(filter: ReservationFilter, window: { limit: number; offset: number }): Promise<Page<ReservationDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('r.date >= ?::date', filter.from);
    if (filter.to) add('r.date <= ?::date', filter.to);
    if (filter.poolId) add('r.pool_id = ?', filter.poolId);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const items = await this.dataSource.query(
      `${RESERVATION_SELECT} ${whereSql} ORDER BY r.date, r.period, p.code, r.created_at, r.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, window.limit, window.offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM reservations r ${whereSql}`, params);
    return { items: items.map(toDto), total };
  }

  /** A reservation with its pool's code, or undefined. */
  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ReservationDto | undefined> {
    const [row] = await manager.query(`${RESERVATION_SELECT} WHERE r.id = $1`, [id]);
    return row ? toDto(row) : undefined;
  }

  /** Records a reservation; its id. */
  async insert(reservation: NewReservation, manager: EntityManager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO reservations (pool_id, date, period, seats, label, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [reservation.poolId, reservation.date, reservation.period, reservation.seats, reservation.label, reservation.createdBy],
    );
    return id;
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM reservations WHERE id = $1`, [id]);
  }
}

function toDto(row: ReservationDto & { createdAt: string | Date }): ReservationDto {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}
