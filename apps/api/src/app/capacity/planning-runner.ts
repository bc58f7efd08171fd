import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { recordText } from '@telework/contracts';
import type { AllocationPlanner } from '@telework/planning-data';
import { PlanningJob, PlanningJobResult, runPlanningJob } from './planning-jobs';

/** The bundled worker entry sits beside main.js (webpack `additionalEntryPoints`). */
export const BUNDLED_WORKER_SCRIPT = join(__dirname, 'planning-worker.js');

/** Longest a planning job may take before its thread is stopped. */
const JOB_TIMEOUT_MS = 10 * 60_000;

/**
 * Runs planning jobs (what-if, licence sizing, rotation drafts, edits and publications, and
 * allocation runs without Redis: seconds of synchronous CPU) in a worker thread so the API
 * keeps answering meanwhile, at most a couple at once. When the code runs from its TypeScript
 * sources (the test runner) there is no bundled worker: the job runs inline, unless a test
 * points workerScript at a bundle (worker-bundle.testing.ts).
 */
@Injectable()
export class PlanningRunner implements OnModuleDestroy {
  private readonly logger = new Logger('PlanningRunner');
  /** the worker script, or null to run inline; tests may point it at a script of their own */
  workerScript: string | null = existsSync(BUNDLED_WORKER_SCRIPT) ? BUNDLED_WORKER_SCRIPT : null;
  readonly maxConcurrent = Math.max(1, Math.min(2, availableParallelism() - 1));
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: { script: string; worker: Worker }[] = [];

  async run(job: PlanningJob): Promise<PlanningJobResult> {
    await this.acquire();
    try {
      if (this.workerScript) return await this.inWorker(this.workerScript, job);
      await new Promise((resolve) => setImmediate(resolve));
      return runPlanningJob(job);
    } finally {
      this.release();
    }
  }

  /** The planner of allocation runs in this process (no Redis): the solve runs in a thread. */
  allocationPlanner(): AllocationPlanner {
    return async (snapshot, { timeLimitMs, rotationConflicts }) => {
      const result = await this.run({ kind: 'allocationPlan', snapshot, timeLimitMs, rotationConflicts });
      if (!result.ok || result.kind !== 'allocationPlan') throw new Error(`planning job allocationPlan answered ${result.ok ? result.kind : recordText(result.problem)}`);
      return result.plan;
    };
  }

  /** jobs running now and waiting for a thread */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Threads are kept between jobs (at most maxConcurrent idle ones): starting one costs about
   * 250 ms (loading the engine's bundle) and a fresh one plans with a cold JIT. A thread that
   * fails, dies or times out is dropped; the next job starts a new one.
   */
  private inWorker(script: string, job: PlanningJob): Promise<PlanningJobResult> {
    const worker = this.takeIdle(script) ?? this.spawn(script);
    worker.ref();
    return new Promise<PlanningJobResult>((resolve, reject) => {
      let settled = false;
      const finish = (action: () => void, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keep) this.park(script, worker);
        else void worker.terminate();
        action();
      };
      const onMessage = (result: PlanningJobResult) => finish(() => resolve(result), true);
      const onError = (error: Error) => finish(() => reject(error), false);
      const onExit = (code: number) => finish(() => reject(new Error(`planning worker stopped (exit code ${code}) without an answer`)), false);
      const timer = setTimeout(
        () => finish(() => reject(new Error(`planning job ${job.kind} took more than ${JOB_TIMEOUT_MS} ms: stopped`)), false),
        JOB_TIMEOUT_MS,
      );
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    }).catch((error: Error) => {
      this.logger.error(`planning job ${job.kind} failed: ${error.message}`, error.stack);
      throw error;
    });
  }

  private spawn(script: string): Worker {
    const worker = new Worker(script);
    // an idle thread that dies is forgotten
    worker.once('exit', () => {
      const i = this.idle.findIndex((entry) => entry.worker === worker);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return worker;
  }

  private takeIdle(script: string): Worker | undefined {
    const i = this.idle.findIndex((entry) => entry.script === script);
    return i >= 0 ? this.idle.splice(i, 1)[0].worker : undefined;
  }

  private park(script: string, worker: Worker): void {
    if (script !== this.workerScript || this.idle.length >= this.maxConcurrent) {
      void worker.terminate();
      return;
    }
    worker.unref(); // an idle thread never keeps the process alive
    this.idle.push({ script, worker });
  }

  onModuleDestroy(): void {
    for (const { worker } of this.idle.splice(0)) void worker.terminate();
  }

  private async acquire(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next job
    else this.running--;
  }
}
