import type { EngineJobHandlers, ProgressReporter } from '../engine-job';
import type { EngineThreadPool } from '../thread-pool';
import { PlanningJob, runPlanningJob } from './planning-jobs';

/** Every kind of planning job; each process checks at boot that it has their handlers. */
export const PLANNING_JOB_KINDS: readonly PlanningJob['kind'][] = ['whatIf', 'licences', 'rotationPlan', 'allocationPlan', 'continuityImpact', 'warmUp'];

/** The handler of each kind: the job itself is the input, the engine reports its steps. */
export const PLANNING_JOB_HANDLERS: EngineJobHandlers = Object.fromEntries(
  PLANNING_JOB_KINDS.map((kind) => [kind, (job: PlanningJob, progress: ProgressReporter) => runPlanningJob(job, progress)]),
);

/**
 * Warms a planning thread of `pool` up in the background (the 'warmUp' job: see planning-jobs.ts)
 * and logs how long it took, or why it did not; never awaited, never thrown.
 */
export function warmUpPlanningThread(pool: EngineThreadPool, logger: { log(message: string): void; warn(message: string): void }): void {
  const job: PlanningJob = { kind: 'warmUp' };
  pool.warmUp(job.kind, job)
    .then((ms) => logger.log(`Engine thread warmed up in ${ms} ms`))
    .catch((error: Error) => logger.warn(`engine thread not warmed up: ${error.message}`));
}
