import { Injectable } from '@nestjs/common';
import type { AllocationRunDto, Page } from '@telework/contracts';
import { daysBetween } from '@telework/planning';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.decorators';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { fieldProblems, notFoundProblem } from '../common/problems';
import { AllocationDispatcher } from './allocation.dispatcher';
import type { CreateAllocationRunDto } from './allocation-runs.dto';
import { AllocationRunsRepository } from './allocation-runs.repository';

/** A run plans at most 26 weeks after its first day, both ends included. */
const MAX_HORIZON_DAYS = 26 * 7 + 1;

@Injectable()
export class AllocationRunsService {
  constructor(
    private readonly runs: AllocationRunsRepository,
    private readonly dispatcher: AllocationDispatcher,
    private readonly audit: AuditService,
  ) {}

  async trigger(user: AuthUser, body: CreateAllocationRunDto): Promise<AllocationRunDto> {
    // the DTO checked both dates (IsIsoDate)
    if (body.to < body.from) throw fieldProblems([{ field: 'to', code: 'RANGE_END_BEFORE_START', from: body.from }]);
    const days = daysBetween(body.from, body.to) + 1;
    if (days > MAX_HORIZON_DAYS) throw fieldProblems([{ field: 'to', code: 'RANGE_TOO_LONG', max: MAX_HORIZON_DAYS, days }]);
    const run = await this.runs.createOrJoinLive('MANUAL', body.from, body.to, user.userId);
    if (run.created) {
      await this.audit.record(user, 'allocation.triggered', 'allocation_run', run.id, { from: body.from, to: body.to });
      await this.dispatcher.dispatchRun(run.id);
    }
    return this.get(run.id);
  }

  async get(id: string): Promise<AllocationRunDto> {
    const run = await this.runs.findById(id);
    if (!run) throw notFoundProblem({ code: 'ALLOCATION_RUN_NOT_FOUND', id });
    return run;
  }

  async list(query: PageQueryDto): Promise<Page<AllocationRunDto>> {
    return this.runs.findPage(pageWindow(query));
  }

  async inputSnapshot(id: string): Promise<unknown> {
    const snapshot = await this.runs.findInputSnapshot(id);
    if (snapshot === undefined) throw notFoundProblem({ code: 'ALLOCATION_RUN_NOT_FOUND', id });
    if (!snapshot) throw notFoundProblem({ code: 'RUN_SNAPSHOT_NOT_STORED', id });
    return snapshot;
  }
}
