import type { EngineJobHandlers, ProgressReporter } from '../engine-job';
import { PlanningJob, runPlanningJob } from './planning-jobs';

/** Every kind of planning job; each process checks at boot that it has their handlers. */
export const PLANNING_JOB_KINDS: readonly PlanningJob['kind'][] = ['whatIf', 'licences', 'rotationPlan', 'allocationPlan', 'continuityImpact'];

/** The handler of each kind: the job itself is the input, the engine reports its steps. */
export const PLANNING_JOB_HANDLERS: EngineJobHandlers = Object.fromEntries(
  PLANNING_JOB_KINDS.map((kind) => [kind, (job: PlanningJob, progress: ProgressReporter) => runPlanningJob(job, progress)]),
);
