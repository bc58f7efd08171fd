import { Body, Controller, Get, Injectable, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import type { CapacityProblem, Page, PoolDto } from '@telework/contracts';
import { capacityOn } from '@telework/planning';
import { sharePlanningDataLock } from '@telework/planning-data';
import { PlanningClock } from '@telework/server-infrastructure';
import { AuditService } from '../audit/audit.service';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import { conflictProblem, FieldCheckInput, fieldProblems, notFoundProblem } from '../common/problems';
import { PoolPageDto, PoolResponseDto, UpdatePoolDto } from './capacity.dto';

const POOL_SELECT = `
  SELECT p.id, p.code, p.name, p.capacity, p.reserve,
         coalesce((SELECT json_agg(json_build_object('from', to_char(c.effective_from, 'YYYY-MM-DD'), 'capacity', c.capacity)
                                   ORDER BY c.effective_from)
                   FROM capacity_changes c WHERE c.pool_id = p.id), '[]'::json) AS "capacityChanges"
  FROM capacity_pools p`;

@Injectable()
export class PoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: PlanningClock,
  ) {}

  async list(): Promise<Page<PoolDto>> {
    const items: PoolDto[] = await this.dataSource.query(`${POOL_SELECT} ORDER BY p.code`);
    return { items: items.map(normalise), total: items.length };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<PoolDto> {
    const [pool] = await manager.query(`${POOL_SELECT} WHERE p.id = $1`, [id]);
    if (!pool) throw notFoundProblem({ code: 'POOL_NOT_FOUND', id });
    return normalise(pool);
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
      const [locked] = await manager.query(`SELECT id FROM capacity_pools WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw notFoundProblem({ code: 'POOL_NOT_FOUND', id });
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
      await checkReservationsFit(manager, after, this.clock.today());

      await manager.query(
        `UPDATE capacity_pools SET name = $2, capacity = $3, reserve = $4, updated_at = now() WHERE id = $1`,
        [id, after.name, after.capacity, after.reserve],
      );
      if (body.capacityChanges) {
        await manager.query(`DELETE FROM capacity_changes WHERE pool_id = $1`, [id]);
        await manager.query(
          `INSERT INTO capacity_changes (pool_id, effective_from, capacity)
           SELECT $1, c.from_date::date, c.capacity FROM unnest($2::text[], $3::int[]) AS c(from_date, capacity)`,
          [id, after.capacityChanges.map((c) => c.from), after.capacityChanges.map((c) => c.capacity)],
        );
      }
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
async function checkReservationsFit(manager: EntityManager, pool: PoolDto, today: string): Promise<void> {
  // reserved seats: the database's rule (pool_reserved_seats); the capacity: the engine's, on the pool as it would become
  const rows: { date: string; period: 'AM' | 'PM'; reserved: number }[] = await manager.query(
    `SELECT to_char(h.date, 'YYYY-MM-DD') AS date, h.period, pool_reserved_seats(h.pool_id, h.date, h.period) AS reserved
     FROM (SELECT DISTINCT pool_id, date, period FROM reservations WHERE pool_id = $1 AND date >= $2::date) h
     ORDER BY h.date, h.period`,
    [pool.id, today],
  );
  const over = rows
    .map((row) => ({ ...row, capacity: capacityOn(pool, row.date), reserve: pool.reserve }))
    .filter((row) => row.reserved > row.capacity - row.reserve);
  if (over.length === 0) return;
  const problem: CapacityProblem = {
    code: 'RESERVATIONS_ABOVE_OPEN_SEATS', pool: pool.code, count: over.length, halfDays: over.slice(0, LISTED_HALF_DAYS),
  };
  throw conflictProblem(problem);
}

function normalise(pool: PoolDto): PoolDto {
  return { ...pool, capacityChanges: typeof pool.capacityChanges === 'string' ? JSON.parse(pool.capacityChanges) : pool.capacityChanges };
}

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('pools')
export class PoolsController {
  constructor(private readonly pools: PoolsService) {}

  @Get()
  @ApiOperation({ summary: 'Capacity pools (VDI seats, VPN sessions) with their reserve and dated capacity changes' })
  @ApiOkResponse({ type: PoolPageDto })
  list() {
    return this.pools.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: PoolResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.pools.get(id);
  }

  @Put(':id')
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Change a pool (audited). capacityChanges replaces the list. Assignments are not touched: the nightly run re-plans.',
  })
  @ApiOkResponse({ type: PoolResponseDto })
  @ApiConflictResponse({
    description: 'RESERVATIONS_ABOVE_OPEN_SEATS: seats reserved for events would no longer fit outside the reserve (the half-days, with the figures)',
  })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdatePoolDto) {
    return this.pools.update(user, id, body);
  }
}
