import { Body, Controller, Get, HttpCode, Injectable, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { AllocationRunDto, CreateAllocationRunRequest, Page } from '@telework/contracts';
import { daysBetween } from '@telework/planning';
import { createAllocationRun } from '@telework/planning-data';
import { AuditService } from '../audit/audit.service';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { IsIsoDate } from '../common/iso-date.validator';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { uuidParam } from '../common/uuid-param';
import { fieldProblems, notFoundProblem } from '../common/problems';
import { AllocationDispatcher } from './allocation.dispatcher';

export class CreateAllocationRunDto implements CreateAllocationRunRequest {
  @ApiProperty({ example: '2026-12-07' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: '2027-01-03' }) @IsIsoDate() to!: string;
}

export class AllocationRunResponseDto implements AllocationRunDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['SCHEDULE', 'MANUAL'] }) trigger!: 'SCHEDULE' | 'MANUAL';
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] }) status!: AllocationRunDto['status'];
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ nullable: true, type: String }) stage!: string | null;
  @ApiProperty({ nullable: true, type: Object }) metrics!: Record<string, unknown> | null;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: Number }) planVersion!: number | null;
  @ApiProperty({ nullable: true, type: Number }) changedAgents!: number | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class AllocationRunPageDto {
  @ApiProperty({ type: [AllocationRunResponseDto] }) items!: AllocationRunResponseDto[];
  @ApiProperty() total!: number;
}

/** A run plans at most 26 weeks after its first day, both ends included. */
const MAX_HORIZON_DAYS = 26 * 7 + 1;

const RUN_SELECT = `
  SELECT id, trigger, to_char(horizon_from, 'YYYY-MM-DD') AS "from", to_char(horizon_to, 'YYYY-MM-DD') AS "to",
         status, progress, stage, metrics, warnings, error, plan_version AS "planVersion",
         changed_agents AS "changedAgents", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"
  FROM allocation_runs`;

@Injectable()
export class AllocationRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: AllocationDispatcher,
    private readonly audit: AuditService,
  ) {}

  async trigger(user: AuthUser, body: CreateAllocationRunDto): Promise<AllocationRunDto> {
    // the DTO checked both dates (IsIsoDate)
    if (body.to < body.from) throw fieldProblems([{ field: 'to', code: 'RANGE_END_BEFORE_START', from: body.from }]);
    const days = daysBetween(body.from, body.to) + 1;
    if (days > MAX_HORIZON_DAYS) throw fieldProblems([{ field: 'to', code: 'RANGE_TOO_LONG', max: MAX_HORIZON_DAYS, days }]);
    const run = await createAllocationRun(this.dataSource, 'MANUAL', body.from, body.to, user.userId);
    if (run.created) {
      await this.audit.record(user, 'allocation.triggered', 'allocation_run', run.id, { from: body.from, to: body.to });
      await this.dispatcher.dispatchRun(run.id);
    }
    return this.get(run.id);
  }

  async get(id: string): Promise<AllocationRunDto> {
    const [run] = await this.dataSource.query(`${RUN_SELECT} WHERE id = $1`, [id]);
    if (!run) throw notFoundProblem({ code: 'ALLOCATION_RUN_NOT_FOUND', id });
    return run;
  }

  async list(query: PageQueryDto): Promise<Page<AllocationRunDto>> {
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(`${RUN_SELECT} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [limit, offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM allocation_runs`);
    return { items, total };
  }

  async inputSnapshot(id: string): Promise<unknown> {
    const [run] = await this.dataSource.query(`SELECT input_snapshot FROM allocation_runs WHERE id = $1`, [id]);
    if (!run) throw notFoundProblem({ code: 'ALLOCATION_RUN_NOT_FOUND', id });
    if (!run.input_snapshot) throw notFoundProblem({ code: 'RUN_SNAPSHOT_NOT_STORED', id });
    return run.input_snapshot;
  }
}

@ApiTags('allocation')
@ApiBearerAuth()
@Controller('allocation-runs')
@Roles('HR', 'ADMIN')
export class AllocationRunsController {
  constructor(private readonly runs: AllocationRunsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AllocationRunResponseDto, description: 'queued, or the live run of the same horizon' })
  trigger(@CurrentUser() user: AuthUser, @Body() body: CreateAllocationRunDto) {
    return this.runs.trigger(user, body);
  }

  @Get()
  @ApiOkResponse({ type: AllocationRunPageDto })
  list(@Query() query: PageQueryDto) {
    return this.runs.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: AllocationRunResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.runs.get(id);
  }

  @Get(':id/snapshot')
  @ApiOkResponse({ description: 'the planning snapshot (schema v1) the run used, to replay or audit it' })
  snapshot(@Param('id', uuidParam) id: string) {
    return this.runs.inputSnapshot(id);
  }
}
