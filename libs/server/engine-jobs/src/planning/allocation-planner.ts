import { mergePartPlans, splitByPool, type Plan, type PlanningSnapshot, type WholeReason } from '@telework/planning';
import { PlanningRefusedError } from '../engine-job';
import type { EngineJobs } from '../engine-jobs';
import type { PlanningJob, PlanningJobResult } from './planning-jobs';

type SolveOptions = { timeLimitMs: number; rotationConflicts?: 'refuse' | 'keep-on-site'; onSolving?: () => void };

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
  return async (snapshot: PlanningSnapshot, options: SolveOptions): Promise<Plan> => {
    const job: PlanningJob = { kind: 'allocationPlan', snapshot, timeLimitMs: options.timeLimitMs, rotationConflicts: options.rotationConflicts };
    const runner = typeof jobs === 'function' ? jobs(snapshot) : jobs;
    // the run records its snapshot (allocation_runs.input_snapshot) and its plan (assignments): the
    // job's row does not keep them again (at 100,000 agents, ~1.5 s of JSON and gzip in the thread)
    const { result } = await runner.run<PlanningJobResult>({
      kind: job.kind, input: job, timeLimitMs: planningJobTimeLimitMs(job), keepPayloads: false, onRunning: options.onSolving,
    });
    if (!result.ok) throw new PlanningRefusedError(result.problem, `the allocation solve was refused: ${result.problem.code}`);
    if (result.kind !== 'allocationPlan') throw new Error(`the allocation solve answered ${result.kind}`);
    return result.plan;
  };
}

type Solve = (snapshot: PlanningSnapshot, options: SolveOptions) => Promise<Plan>;

/** How a run's solve went: split into `parts` engine jobs, or whole (`whole` says why). */
export interface SplitOutcome {
  agents: number;
  parts: number;
  whole: WholeReason | 'BELOW_THRESHOLD' | 'PART_REFUSED' | null;
  ms: number;
}

/** The log line of a solve's outcome; none for a run below the threshold (it was never a candidate). */
export function describeSplitOutcome(outcome: SplitOutcome): string | null {
  if (outcome.whole === 'BELOW_THRESHOLD') return null;
  return outcome.whole
    ? `Allocation solve of ${outcome.agents} agents planned whole (${outcome.whole}) in ${outcome.ms} ms`
    : `Allocation solve of ${outcome.agents} agents split by pool into ${outcome.parts} engine jobs, planned and merged in ${outcome.ms} ms`;
}

/**
 * A planner that splits a large run by pool (splitByPool: départements sharing one installation)
 * and plans the parts at once with `part`, each an engine job of its own (on the queue, so that
 * every worker takes some), then merges their plans into the plan of the whole. Below
 * `minAgents`, and when the pools are linked, `whole` plans it as one solve. A part refused (a
 * snapshot the engine will not plan) is planned again whole, so that the run records the
 * refusal of the whole snapshot, with its paths.
 */
export function splitAllocationPlanner(whole: Solve, part: Solve, options: { minAgents: number; onSolved?: (outcome: SplitOutcome) => void }): Solve {
  return async (snapshot, solveOptions) => {
    const started = Date.now();
    const report = (parts: number, reason: SplitOutcome['whole']) =>
      options.onSolved?.({ agents: snapshot.agents.length, parts, whole: reason, ms: Date.now() - started });
    if (snapshot.agents.length < options.minAgents) {
      const plan = await whole(snapshot, solveOptions);
      report(1, 'BELOW_THRESHOLD');
      return plan;
    }
    const split = splitByPool(snapshot);
    if (split.whole) {
      const plan = await whole(snapshot, solveOptions);
      report(1, split.whole);
      return plan;
    }
    let plans: Plan[];
    try {
      plans = await Promise.all(split.parts.map((p) => part(p, solveOptions)));
    } catch (error) {
      if (!(error instanceof PlanningRefusedError)) throw error;
      const plan = await whole(snapshot, solveOptions);
      report(1, 'PART_REFUSED');
      return plan;
    }
    const merged = mergePartPlans(snapshot, split.parts, plans);
    report(split.parts.length, null);
    return merged;
  };
}
