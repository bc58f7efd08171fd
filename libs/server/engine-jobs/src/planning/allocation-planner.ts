import type { Plan, PlanningSnapshot } from '@telework/planning';
import { PlanningRefusedError } from '../engine-job';
import type { EngineJobs } from '../engine-jobs';
import type { PlanningJob, PlanningJobResult } from './planning-jobs';

/**
 * Longest a planning job may run before it is stopped: its search budget (timeLimitMs, the
 * allocation's time limit) plus the rest of the pipeline, with room; 10 minutes at the least.
 */
export function planningJobTimeLimitMs(job: PlanningJob): number {
  const budget = 'timeLimitMs' in job ? job.timeLimitMs : 0;
  return Math.max(10 * 60_000, 3 * budget);
}

/**
 * The allocation runs' planner (planning-data's AllocationPlanner): each solve is an engine job
 * of `jobs` (or of the runner it picks for the snapshot). A refused solve throws
 * PlanningRefusedError with the job's coded problem (the run records it); a job that did not
 * answer throws its EngineJobError; both make the run fail and retry.
 */
export function engineAllocationPlanner(jobs: EngineJobs | ((snapshot: PlanningSnapshot) => EngineJobs)) {
  return async (snapshot: PlanningSnapshot, options: { timeLimitMs: number; rotationConflicts?: 'refuse' | 'keep-on-site' }): Promise<Plan> => {
    const job: PlanningJob = { kind: 'allocationPlan', snapshot, timeLimitMs: options.timeLimitMs, rotationConflicts: options.rotationConflicts };
    const runner = typeof jobs === 'function' ? jobs(snapshot) : jobs;
    // the run records its snapshot (allocation_runs.input_snapshot) and its plan (assignments): the
    // job's row does not keep them again (at 100,000 agents, ~1.5 s of JSON and gzip in the thread)
    const { result } = await runner.run<PlanningJobResult>({
      kind: job.kind, input: job, timeLimitMs: planningJobTimeLimitMs(job), keepPayloads: false,
    });
    if (!result.ok) throw new PlanningRefusedError(result.problem, `the allocation solve was refused: ${result.problem.code}`);
    if (result.kind !== 'allocationPlan') throw new Error(`the allocation solve answered ${result.kind}`);
    return result.plan;
  };
}
