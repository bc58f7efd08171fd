import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { EngineJobDto, Page } from '@telework/contracts';
import type { EngineJobRecord } from '@telework/engine-jobs';
import { AuditService } from '../audit/audit.service';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { notFoundProblem } from '../common/problems';
import { uuidParam } from '../common/uuid-param';
import { EngineJobsService } from './engine-jobs.provider';

export class EngineJobResponseDto implements EngineJobDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'rotationPlan' }) kind!: string;
  @ApiProperty({ enum: ['QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] }) status!: EngineJobDto['status'];
  @ApiProperty({ minimum: 0, maximum: 100 }) progressPct!: number;
  @ApiProperty({ nullable: true, type: String, example: 'rotation' }) stage!: string | null;
  @ApiProperty() timeLimitMs!: number;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty({ enum: ['threads', 'queue'] }) runner!: 'threads' | 'queue';
  @ApiProperty({ nullable: true, type: Object, description: 'the coded refusal or failure' }) problem!: EngineJobDto['problem'];
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}

export class EngineJobPageDto {
  @ApiProperty({ type: [EngineJobResponseDto] }) items!: EngineJobResponseDto[];
  @ApiProperty() total!: number;
}

/** HR and ADMIN see every job; anyone else only the jobs they started. */
function mayRead(user: AuthUser, job: EngineJobRecord): boolean {
  return user.role === 'HR' || user.role === 'ADMIN' || job.createdBy === user.userId;
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: EngineJobsService, private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Engine jobs, newest first: all of them for HR and ADMIN, one’s own for others' })
  @ApiOkResponse({ type: EngineJobPageDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<EngineJobDto>> {
    const everyone = user.role === 'HR' || user.role === 'ADMIN';
    return this.jobs.store.list({ ...pageWindow(query), createdBy: everyone ? undefined : user.userId });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One engine job: its status and progress (follow it while the call that started it runs)' })
  @ApiOkResponse({ type: EngineJobResponseDto })
  async get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<EngineJobDto> {
    const job = await this.jobs.store.get(id);
    if (!job || !mayRead(user, job)) throw notFoundProblem({ code: 'NOT_FOUND' }, `no engine job ${id}`);
    return job;
  }

  @Post(':id/cancel')
  @ApiOperation({ summary: 'Stops a queued or running engine job; the call that started it answers JOB_CANCELLED' })
  @ApiOkResponse({ type: EngineJobResponseDto })
  async cancel(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<EngineJobDto> {
    const job = await this.jobs.store.get(id);
    if (!job || !mayRead(user, job)) throw notFoundProblem({ code: 'NOT_FOUND' }, `no engine job ${id}`);
    const cancelled = (await this.jobs.cancel(id)) ?? job;
    await this.audit.record(user, 'engine-job.cancelled', 'engine_job', id, { kind: job.kind, status: job.status, author: job.createdBy });
    return cancelled;
  }
}
