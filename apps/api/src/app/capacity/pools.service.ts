import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CapacityProblem, Page, PoolDto } from '@telework/contracts';
import { capacityOn } from '@telework/planning';
import { sharePlanningDataLock } from '@telework/planning-data';
import { PlanningClock } from '@telework/server-infrastructure';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { conflictProblem, FieldCheckInput, fieldProblems, notFoundProblem } from '../common/problems';
import type { UpdatePoolDto } from './capacity.dto';
import { PoolsRepository, ReservedHalfDay } from './pools.repository';

@Injectable()
export class PoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pools: PoolsRepository,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
  ) {}

  async list(): Promise<Page<PoolDto>> {
    const items = await this.pools.findAll();
    return { items, total: items.length };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<PoolDto> {
    const pool = await this.pools.findById(id, manager);
    if (!pool) throw notFoundProblem({ code: 'POOL_NOT_FOUND', id });
    return pool;
  }

  /**
   * Changes a pool's name, capacity, reserve or its dated capacity changes (the list is
   * replaced). Assignments are left alone: the next allocation run re-plans (agents of the
   * published rotation who no longer fit stay on site, lowest tiers first, each half-day a
   * warning of the run), and the capacity view shows any overflow until then. Refused (409,
   * with the half-days) when seats already reserved for events from today on would no longer
   * fit outside the reserve: no plan could keep them, and every run would fail.
   */
  async update(actor: AuthUser, id: string, body: UpdatePoolDto): Promise<PoolDto> {
    return this.dataSource.transaction(async (manager) => {
      await sharePlanningDataLock(manager); // before the row lock: a plan's write takes them in this order
      // the row lock orders concurrent updates of one pool
      if (!(await this.pools.lockForUpdate(id, manager))) throw notFoundProblem({ code: 'POOL_NOT_FOUND', id });
      const before = await this.get(id, manager);
      const after: PoolDto = {
        ...before,
        name: body.name ?? before.name,
        capacity: body.capacity ?? before.capacity,
        reserve: body.reserve ?? before.reserve,
        capacityChanges: body.capacityChanges
          ? [...body.capacityChanges].map((c) => ({ from: c.from, capacity: c.capacity })).sort((a, b) => a.from.localeCompare(b.from))
          : before.capacityChanges,
      };
      checkPool(after, body);
      // the pool row is locked: reservations (which lock it FOR SHARE first) are all in
      // reserved seats: the database's rule (pool_reserved_seats); the capacity: the engine's, on the pool as it would become
      checkReservationsFit(after, await this.pools.findReservedHalfDaysFrom(after.id, this.clock.today(), manager));

      await this.pools.update(id, after, manager);
      if (body.capacityChanges) await this.pools.replaceCapacityChanges(id, after.capacityChanges, manager);
      await this.audit.record(actor, 'pool.updated', 'capacity_pool', id, { before, after }, manager);
      return this.get(id, manager);
    });
  }
}

/** Dates unique; the reserve fits within the capacity and within every dated capacity. */
function checkPool(pool: PoolDto, body: UpdatePoolDto): void {
  const errors: FieldCheckInput[] = [];
  const seen = new Map<string, number>();
  (body.capacityChanges ?? []).forEach((change, i) => {
    const first = seen.get(change.from);
    if (first !== undefined) {
      errors.push({ field: `capacityChanges[${i}].from`, code: 'CAPACITY_CHANGE_DATE_REPEATED', date: change.from, index: first });
    } else {
      seen.set(change.from, i);
    }
  });
  if (pool.reserve > pool.capacity) {
    errors.push({ field: 'reserve', code: 'RESERVE_ABOVE_CAPACITY', reserve: pool.reserve, capacity: pool.capacity });
  }
  const tooSmall = pool.capacityChanges.filter((c) => c.capacity < pool.reserve);
  if (tooSmall.length > 0) {
    const [first] = tooSmall;
    errors.push({
      field: 'reserve', code: 'RESERVE_ABOVE_CAPACITY', reserve: pool.reserve, capacity: first.capacity, from: first.from,
      ...(tooSmall.length > 1 ? { more: tooSmall.length - 1 } : {}),
    });
  }
  if (errors.length > 0) throw fieldProblems(errors);
}

/** Half-days listed in a refusal: the first ones, the count says how many there are. */
const LISTED_HALF_DAYS = 10;

/** Refuses a change that leaves reserved seats (from today on) above capacity − reserve. */
function checkReservationsFit(pool: PoolDto, reservedHalfDays: ReservedHalfDay[]): void {
  const over = reservedHalfDays
    .map((row) => ({ ...row, capacity: capacityOn(pool, row.date), reserve: pool.reserve }))
    .filter((row) => row.reserved > row.capacity - row.reserve);
  if (over.length === 0) return;
  const problem: CapacityProblem = {
    code: 'RESERVATIONS_ABOVE_OPEN_SEATS', pool: pool.code, count: over.length, halfDays: over.slice(0, LISTED_HALF_DAYS),
  };
  throw conflictProblem(problem);
}
