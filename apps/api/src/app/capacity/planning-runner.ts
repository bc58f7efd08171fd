import { Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import type { AllocationPlanner } from '@telework/planning-data';
import { apiProblem } from '../common/problems';
import { EngineJobsService } from '../jobs/engine-jobs.provider';
import { currentJobOrigin } from '../jobs/job-context';
import {
  describeSplitOutcome, engineAllocationPlanner, EngineJobError, EngineJobIdTakenError, PlanningJob, PlanningJobResult, planningJobTimeLimitMs, splitAllocationPlanner,
} from '@telework/engine-jobs';

/**
 * The API's planning work (what-if, licence sizing, rotation drafts, edits and publications,
 * allocation runs without Redis) as engine jobs: each is stored, runs off the event loop (a
 * thread of the API, or the worker through BullMQ with Redis), shows its progress, can be
 * cancelled, and stops at its time limit. The job is named after the call's X-Engine-Job-Id
 * header when the console sent one, and its author is the signed-in user.
 */
@Injectable()
export class PlanningRunner {
  private readonly logger = new Logger('PlanningRunner');

  constructor(private readonly jobs: EngineJobsService, @InjectConfig() private readonly config: AppConfig) {}

  async run(job: PlanningJob): Promise<PlanningJobResult> {
    const origin = currentJobOrigin();
    try {
      const { result } = await this.jobs.run<PlanningJobResult>({
        kind: job.kind, input: job, timeLimitMs: planningJobTimeLimitMs(job), jobId: origin.jobId, createdBy: origin.createdBy,
      });
      return result;
    } catch (error) {
      throw asProblem(error);
    }
  }

  /**
   * The planner of allocation runs in this process (no Redis): each solve is an engine job; a
   * large run whose pools are independent (ALLOCATION_SPLIT_MIN_AGENTS) plans its parts as
   * separate jobs in the API's threads, their plans merged.
   */
  allocationPlanner(): AllocationPlanner {
    const whole = engineAllocationPlanner(this.jobs);
    const minAgents = this.config.allocationSplitMinAgents;
    if (minAgents === null) return whole;
    return splitAllocationPlanner(whole, whole, {
      minAgents,
      onSolved: (outcome) => {
        const line = describeSplitOutcome(outcome);
        if (line) this.logger.log(line);
      },
    });
  }
}

/** A job that ended without an answer, as the HTTP answer of the call that waited on it. */
function asProblem(error: unknown): unknown {
  if (error instanceof EngineJobIdTakenError) return apiProblem(409, { code: 'JOB_ID_TAKEN', jobId: error.jobId });
  if (!(error instanceof EngineJobError)) return error;
  switch (error.status) {
    case 'CANCELLED':
      return apiProblem(409, { code: 'JOB_CANCELLED', jobId: error.jobId });
    case 'TIMED_OUT':
      return apiProblem(503, { code: 'JOB_TIMED_OUT', jobId: error.jobId });
    default:
      return apiProblem(500, { code: 'JOB_FAILED', jobId: error.jobId });
  }
}
