import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CapacityProblem, HalfDayPeriod, Page, ReservationDto } from '@telework/contracts';
import { closedDayWhy, frenchPublicHolidays } from '@telework/planning';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { pageWindow } from '../common/pagination';
import { conflictProblem, fieldProblems, notFoundProblem } from '../common/problems';
import { lockHalfDay } from '../requests/seats.repository';
import { eventCapacityOf, findContinuityEventsMeeting } from '../schedules/continuity-events.read';
import type { CreateReservationDto, ReservationQueryDto } from './capacity.dto';
import { ReservationsRepository } from './reservations.repository';

@Injectable()
export class ReservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reservations: ReservationsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: ReservationQueryDto): Promise<Page<ReservationDto>> {
    return this.reservations.findPage({ from: query.from, to: query.to, poolId: query.poolId }, pageWindow(query));
  }

  /**
   * Takes seats for an event on a half-day. The same locks as an approval, in the same order
   * (`lockHalfDay`: the pool row, then the pool × half-day counter row), and only then the
   * figures, so concurrent reservations and approvals of that half-day queue up and never
   * exceed the cap: REMOTE agents + reserved seats ≤ capacity, and REMOTE STANDARD agents +
   * reserved seats ≤ capacity − reserve. On a half-day of an ACTIVE continuity event that sets
   * the pool's seats, the capacity is the event's (what its plan and every run keep to).
   */
  async create(actor: AuthUser, body: CreateReservationDto): Promise<ReservationDto> {
    const closed = closedDayWhy(body.date, frenchPublicHolidays(body.date, body.date));
    if (closed) throw fieldProblems([{ field: 'date', code: 'NOT_WORKING', why: closed, date: body.date }]);
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const figures = await lockHalfDay(manager, body.poolId, body.date, body.period);
      if (!figures) throw fieldProblems([{ field: 'poolId', code: 'UNKNOWN_REFERENCE' }]);
      const events = await findContinuityEventsMeeting(manager, body.date, body.date);
      const eventCapacity = eventCapacityOf(events, `${body.date}${body.period}`, { poolId: body.poolId });
      checkSeats({ date: body.date, period: body.period, seats: body.seats, ...figures, capacity: eventCapacity ?? figures.capacity });
      const id = await this.reservations.insert({
        poolId: body.poolId, date: body.date, period: body.period, seats: body.seats, label: body.label, createdBy: actor.userId,
      }, manager);
      const reservation = await this.get(id, manager);
      await this.audit.record(actor, 'reservation.created', 'reservation', id, { ...reservation }, manager);
      return reservation;
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reservation = await this.get(id, manager);
      await this.reservations.delete(id, manager);
      await this.audit.record(actor, 'reservation.deleted', 'reservation', id, { ...reservation }, manager);
    });
  }

  private async get(id: string, manager: EntityManager): Promise<ReservationDto> {
    const reservation = await this.reservations.findById(id, manager);
    if (!reservation) throw notFoundProblem({ code: 'RESERVATION_NOT_FOUND', id });
    return reservation;
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
