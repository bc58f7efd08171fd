import { Body, Controller, Delete, Get, HttpCode, Injectable, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import type { CapacityProblem, HalfDayPeriod, Page, ReservationDto } from '@telework/contracts';
import { closedDayWhy, frenchPublicHolidays } from '@telework/planning';
import { AuditService } from '../audit/audit.service';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { pageWindow } from '../common/pagination';
import { uuidParam } from '../common/uuid-param';
import { conflictProblem, fieldProblems, notFoundProblem } from '../common/problems';
import { lockHalfDay } from '../requests/instant-allocation';
import { CreateReservationDto, ReservationPageDto, ReservationQueryDto, ReservationResponseDto } from './capacity.dto';

const RESERVATION_SELECT = `
  SELECT r.id, r.pool_id AS "poolId", p.code AS "poolCode", to_char(r.date, 'YYYY-MM-DD') AS date, r.period,
         r.seats, r.label, r.created_at AS "createdAt"
  FROM reservations r JOIN capacity_pools p ON p.id = r.pool_id`;

@Injectable()
export class ReservationsService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(query: ReservationQueryDto): Promise<Page<ReservationDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.from) add('r.date >= ?::date', query.from);
    if (query.to) add('r.date <= ?::date', query.to);
    if (query.poolId) add('r.pool_id = ?', query.poolId);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(
      `${RESERVATION_SELECT} ${whereSql} ORDER BY r.date, r.period, p.code, r.created_at, r.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM reservations r ${whereSql}`, params);
    return { items: items.map(toDto), total };
  }

  /**
   * Takes seats for an event on a half-day. The same locks as an approval, in the same order
   * (`lockHalfDay`: the pool row, then the pool × half-day counter row), and only then the
   * figures, so concurrent reservations and approvals of that half-day queue up and never
   * exceed the cap: REMOTE agents + reserved seats ≤ capacity, and REMOTE STANDARD agents +
   * reserved seats ≤ capacity − reserve.
   */
  async create(actor: AuthUser, body: CreateReservationDto): Promise<ReservationDto> {
    const closed = closedDayWhy(body.date, frenchPublicHolidays(body.date, body.date));
    if (closed) throw fieldProblems([{ field: 'date', code: 'NOT_WORKING', why: closed, date: body.date }]);
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const figures = await lockHalfDay(manager, body.poolId, body.date, body.period);
      if (!figures) throw fieldProblems([{ field: 'poolId', code: 'UNKNOWN_REFERENCE' }]);
      checkSeats({ date: body.date, period: body.period, seats: body.seats, ...figures });
      const [{ id }] = await manager.query(
        `INSERT INTO reservations (pool_id, date, period, seats, label, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [body.poolId, body.date, body.period, body.seats, body.label, actor.userId],
      );
      const reservation = await this.get(id, manager);
      await this.audit.record(actor, 'reservation.created', 'reservation', id, { ...reservation }, manager);
      return reservation;
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reservation = await this.get(id, manager);
      await manager.query(`DELETE FROM reservations WHERE id = $1`, [id]);
      await this.audit.record(actor, 'reservation.deleted', 'reservation', id, { ...reservation }, manager);
    });
  }

  private async get(id: string, manager: EntityManager): Promise<ReservationDto> {
    const [row] = await manager.query(`${RESERVATION_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw notFoundProblem({ code: 'RESERVATION_NOT_FOUND', id });
    return toDto(row);
  }
}

interface SeatCheck {
  code: string;
  date: string;
  period: HalfDayPeriod;
  seats: number;
  capacity: number;
  reserve: number;
  remote: number;
  standard: number;
  reserved: number;
}

/** Refuses, with the figures, seats the half-day has not got. */
export function checkSeats(c: SeatCheck): void {
  const figures = {
    pool: c.code, date: c.date, period: c.period, seats: c.seats, capacity: c.capacity, reserve: c.reserve,
    remote: c.remote, standardRemote: c.standard, reserved: c.reserved,
  };
  const used = c.remote + c.reserved;
  if (used + c.seats > c.capacity) {
    const problem: CapacityProblem = { code: 'RESERVATION_OVER_CAPACITY', ...figures, used };
    throw conflictProblem(problem);
  }
  const open = c.capacity - c.reserve;
  const standardUsed = c.standard + c.reserved;
  if (standardUsed + c.seats > open) {
    const problem: CapacityProblem = { code: 'RESERVATION_OVER_STANDARD_SHARE', ...figures, used: standardUsed, open };
    throw conflictProblem(problem);
  }
}

function toDto(row: ReservationDto & { createdAt: string | Date }): ReservationDto {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Get()
  @ApiOperation({ summary: 'Seats reserved for events (e.g. council sessions by video), by date' })
  @ApiOkResponse({ type: ReservationPageDto })
  list(@Query() query: ReservationQueryDto) {
    return this.reservations.list(query);
  }

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Reserve seats of a pool on a working half-day (audited)' })
  @ApiCreatedResponse({ type: ReservationResponseDto })
  @ApiConflictResponse({
    description: 'the half-day has not got the seats: code RESERVATION_OVER_CAPACITY or RESERVATION_OVER_STANDARD_SHARE with the figures ' +
      '(message "VDI full on 2026-12-10 PM: 1,640 + 60 of 1,700 seats")',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateReservationDto) {
    return this.reservations.create(user, body);
  }

  @Delete(':id')
  @Roles('HR', 'ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted (audited)' })
  remove(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.reservations.remove(user, id);
  }
}
