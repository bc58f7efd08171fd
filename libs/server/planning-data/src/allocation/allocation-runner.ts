import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { DataSource, EntityManager } from 'typeorm';
import { CodedMessage, ContinuityRunWarning, recordText, RunProblem, RunWarning } from '@telework/contracts';
import { Plan, planWithReport, PlanningSnapshot } from '@telework/planning';
import { planOnFreshData } from '../data-version';
import { publishedCoverage } from '../rotation-calendars.repository';
import { readPlanningSnapshot } from '../snapshot.repository';
import { readCurrentDigests, writePlan } from '../plan.writer';
import {
  allocationRunIgnoresFreeze, findAllocationRunStatus, recordAllocationRunFailed, recordAllocationRunSucceeded, reportAllocationRunProgress, startAllocationRun,
} from './allocation-runs.repository';
import { addCalendarDays, freezeEnd } from './working-days';

const gzip = promisify(gzipCallback);

export interface AllocationSettings {
  maxGroupSize: number;
  freezeWorkingDays: number;
  timeLimitMs: number;
  /** write a SCHEDULE_CHANGED mail to each agent whose half-days the run changed (SMTP_URL set); default none */
  mail?: boolean;
}

export type ProgressReporter = (progress: number, stage: string) => Promise<void> | void;

/**
 * A run plans the PUBLISHED rotation: a cap cut or a weekly max lowered since publication
 * must not stop planning for everyone, so the engine keeps the fewest agents on site and
 * reports each conflict as a warning (every planner, inline or in a thread, passes this).
 */
export const PUBLISHED_ROTATION_CONFLICTS = 'keep-on-site' as const;

/**
 * Plans a snapshot. The API and the worker pass one that runs the engine in a worker thread
 * (a solve is seconds of synchronous CPU: on the event loop it would stall HTTP requests and
 * BullMQ's lock renewal); the default plans inline.
 */
export type AllocationPlanner = (snapshot: PlanningSnapshot, options: AllocationPlanOptions) => Promise<Plan>;

/** What a run asks of the engine; a planner passes it on as it is (runAllocation always sets both). */
export interface AllocationPlanOptions {
  timeLimitMs: number;
  rotationConflicts?: typeof PUBLISHED_ROTATION_CONFLICTS | 'refuse';
  /**
   * Called once the solve runs off this event loop (its thread has the snapshot): the run then
   * serialises and hashes the snapshot while the engine plans. A planner that never calls it (the
   * inline one, a queued solve) has it done after the solve.
   */
  onSolving?: () => void;
}

/** Plans on the calling thread (tests, the CLI-like paths). */
export const planInline: AllocationPlanner = async (snapshot, { timeLimitMs, rotationConflicts = PUBLISHED_ROTATION_CONFLICTS }) =>
  planWithReport(snapshot, { timeLimitMs, rotationConflicts }).plan;

export interface AllocationRunOptions {
  today: string;
  onProgress?: ProgressReporter;
  /** how the snapshot is planned; default inline */
  planner?: AllocationPlanner;
  /** plan attempts when the data changes meanwhile (see planOnFreshData); default 3 */
  attempts?: number;
}

/** A run that cannot plan, with its problem coded when it has one (RunProblem); its message is the problem's English record wording. */
export class AllocationRunError extends Error {
  readonly problem?: RunProblem;

  constructor(reason: string | RunProblem) {
    super(typeof reason === 'string' ? reason : recordText(reason));
    this.name = 'AllocationRunError';
    if (typeof reason !== 'string') this.problem = reason;
  }
}

/** The run's record of its snapshot: its hash and its gzip (under way), and the milliseconds they took on the event loop. */
interface SnapshotRecord {
  inputHash: string;
  compressing: Promise<Buffer>;
  hashMs: number;
}

/**
 * One serialization of the snapshot (tens of MB at 100,000 agents) for both its hash and its
 * record, compressed by zlib's own threads (level 1: ~30 MB → ~6 MB, off the event loop; stored
 * as jsonb it cost 1.5 s in the write's transaction). Done while the engine plans when the planner
 * says it runs elsewhere (AllocationPlanOptions.onSolving): ~0.9 s off a 100,000-agent run.
 */
function snapshotRecord(snapshot: PlanningSnapshot): SnapshotRecord {
  const started = Date.now();
  const json = JSON.stringify(snapshot);
  const inputHash = createHash('sha256').update(json).digest('hex');
  const compressing = gzip(json, { level: 1 });
  compressing.catch(() => undefined);
  return { inputHash, compressing, hashMs: Date.now() - started };
}

/** How an engine job that did not answer ends (EngineJobError of @telework/engine-jobs, known by its shape: no import of the jobs here). */
const JOB_ENDINGS: Record<string, CodedMessage['code']> = { FAILED: 'JOB_FAILED', TIMED_OUT: 'JOB_TIMED_OUT', CANCELLED: 'JOB_CANCELLED' };

/**
 * A failed run's error as a coded problem: the runner's own (RunProblem), the engine job's
 * ending when the solve was an engine job that did not answer (JOB_FAILED, JOB_TIMED_OUT,
 * JOB_CANCELLED), else RUN_FAILED with the attempts made.
 */
export function runErrorCode(error: unknown, attempts?: number): CodedMessage {
  if (error instanceof AllocationRunError && error.problem) return error.problem;
  // a solve its engine job refused (PlanningRefusedError of @telework/engine-jobs): its own code and figures
  const refused = error as { name?: unknown; problem?: { code?: unknown } } | null;
  if (refused && refused.name === 'PlanningRefusedError' && typeof refused.problem?.code === 'string') {
    return refused.problem as CodedMessage;
  }
  const job = error as { name?: unknown; status?: unknown; jobId?: unknown } | null;
  if (job && job.name === 'EngineJobError' && typeof job.status === 'string' && JOB_ENDINGS[job.status]) {
    return { code: JOB_ENDINGS[job.status], ...(typeof job.jobId === 'string' ? { jobId: job.jobId } : {}) };
  }
  const failed: RunProblem = { code: 'RUN_FAILED', ...(attempts ? { attempts } : {}) };
  return failed;
}

/**
 * One allocation run, idempotent: reads the snapshot of the horizon (published rotation,
 * approved requests), stores it with its hash, plans it with the engine, and writes the new
 * plan version, the request decisions, the notices and the run's outcome in ONE transaction.
 * A crash at any point leaves the previous plan; a retry of a finished run does nothing; a
 * retry of an interrupted one recomputes the same plan from the same inputs.
 */
export async function runAllocation(
  dataSource: DataSource,
  runId: string,
  settings: AllocationSettings,
  options: AllocationRunOptions,
): Promise<{ status: 'SUCCEEDED' | 'SKIPPED'; planVersion?: number; changedAgents?: number; planAttempts?: number; mailsWritten?: number }> {
  const report: ProgressReporter = async (progress, stage) => {
    await reportAllocationRunProgress(dataSource, runId, progress, stage);
    await options.onProgress?.(progress, stage);
  };

  const run = await startAllocationRun(dataSource, runId);
  if (!run) {
    if (!(await findAllocationRunStatus(dataSource, runId))) throw new AllocationRunError(`allocation run ${runId} does not exist`);
    return { status: 'SKIPPED' }; // already SUCCEEDED: a retried job does nothing
  }

  try {
    const today = options.today;
    const frozenUntil = freezeEnd(today, settings.freezeWorkingDays);
    /**
     * Where the run starts planning: after the freeze window, or from today for a run that
     * ignores it (a continuity event's: an emergency is why the window may be overridden). Read
     * again with every snapshot: a run joined by a continuity event meanwhile plans as one.
     */
    const startOf = async (manager: EntityManager) => {
      const ignoreFreeze = await allocationRunIgnoresFreeze(manager, runId);
      const keepBefore = ignoreFreeze ? today : frozenUntil;
      const from = run.horizon_from > keepBefore ? run.horizon_from : keepBefore;
      if (from > run.horizon_to) {
        throw new AllocationRunError({
          code: 'RUN_HORIZON_FROZEN', from: run.horizon_from, to: run.horizon_to, until: addCalendarDays(keepBefore, -1),
        });
      }
      const warnings: (RunWarning | ContinuityRunWarning)[] = [];
      if (from > run.horizon_from) warnings.push({ code: 'RUN_FROZEN_HALF_DAYS', from });
      if (ignoreFreeze && from < frozenUntil) warnings.push({ code: 'RUN_FREEZE_OVERRIDDEN', from, until: addCalendarDays(frozenUntil, -1) });
      return { from, warnings };
    };
    const planner = options.planner ?? planInline;
    await report(10, 'snapshot');
    const { result, attempts } = await planOnFreshData(dataSource, {
      attempts: options.attempts,
      read: async (manager) => {
        const readStarted = Date.now();
        const { from, warnings } = await startOf(manager);
        const coverage = await publishedCoverage(manager, from, run.horizon_to);
        if (!coverage) {
          throw new AllocationRunError({ code: 'RUN_NO_PUBLISHED_ROTATION', from, to: run.horizon_to });
        }
        const snapshot: PlanningSnapshot = await readPlanningSnapshot(manager, {
          from: coverage.from,
          to: coverage.to,
          maxGroupSize: settings.maxGroupSize,
          rotation: { kind: 'published' },
        });
        return { coverage, snapshot, from, warnings, readMs: Date.now() - readStarted };
      },
      plan: async ({ snapshot }) => {
        await report(30, 'plan');
        const started = Date.now();
        let record: Promise<SnapshotRecord> | undefined;
        const recordSnapshot = () => (record ??= new Promise<SnapshotRecord>((done) => setImmediate(() => done(snapshotRecord(snapshot)))));
        const plan = await planner(snapshot, {
          timeLimitMs: settings.timeLimitMs, rotationConflicts: PUBLISHED_ROTATION_CONFLICTS, onSolving: () => void recordSnapshot(),
        });
        const solveMs = Date.now() - started;
        return { plan, solveMs, snapshotRecord: await recordSnapshot() };
      },
      // the current plan's digest words (seconds at 100,000 agents) read while the engine plans, by one
      // PostgreSQL process: with its parallel workers it took the engine's core too (2 cores: the solve
      // went from 4 s to 9–10 s)
      prefetch: (source, { coverage }) => source.transaction(async (manager) => {
        await manager.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
        return readCurrentDigests(manager, coverage.from, coverage.to);
      }),
      // the data version did not move since the snapshot: nothing decided meanwhile is lost
      write: async (manager, { coverage, snapshot, from, warnings, readMs }, { plan, solveMs, snapshotRecord }, attempt, currentDigests) => {
        const writeStarted = Date.now();
        await report(70, 'write');
        const runWarnings: CodedMessage[] = [...warnings];
        if (coverage.from > from || coverage.to < run.horizon_to) {
          runWarnings.push({ code: 'RUN_PARTIAL_COVERAGE', from: coverage.from, to: coverage.to });
        }
        const { inputHash, compressing, hashMs } = snapshotRecord;
        const written = await writePlan(manager, {
          snapshot, plan, kind: 'ALLOCATION', allocationRunId: runId, keepBefore: coverage.from, notify: true, mail: settings.mail === true,
          currentDigests,
        });
        // where the run's time goes (the last attempt's read, solve and write; the record of the run itself is not in it)
        const phasesMs = { read: readMs, solve: solveMs, hash: hashMs, ...written.phasesMs, write: Date.now() - writeStarted };
        const metrics = { ...plan.metrics, solveMs, assignmentsWritten: written.assignmentsWritten, planAttempts: attempt, phasesMs };
        await recordAllocationRunSucceeded(manager, runId, {
          // coded, and in English beside them (the record wording, same order)
          metrics, warnings: [...runWarnings.map(recordText), ...(plan.warnings ?? [])],
          codedWarnings: [...runWarnings, ...(plan.codedWarnings ?? [])], planVersion: written.version,
          changedAgents: written.changedAgentIds.length, inputSnapshotGz: await compressing, inputHash,
        });
        return written;
      },
    });
    await options.onProgress?.(100, 'done');
    return {
      status: 'SUCCEEDED', planVersion: result.version, changedAgents: result.changedAgentIds.length, planAttempts: attempts, mailsWritten: result.mailsWritten,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordAllocationRunFailed(dataSource, runId, message, runErrorCode(error, run.attempts));
    throw error;
  }
}
