import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger } from '@nestjs/common';
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
export class PlanningRunner {
  private readonly logger = new Logger('PlanningRunner');
  /** the worker script, or null to run inline; tests may point it at a script of their own */
  workerScript: string | null = existsSync(BUNDLED_WORKER_SCRIPT) ? BUNDLED_WORKER_SCRIPT : null;
  readonly maxConcurrent = Math.max(1, Math.min(2, availableParallelism() - 1));
  private running = 0;
  private readonly waiting: (() => void)[] = [];

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
    return async (snapshot, { timeLimitMs }) => {
      const result = await this.run({ kind: 'allocationPlan', snapshot, timeLimitMs });
      if (!result.ok || result.kind !== 'allocationPlan') throw new Error(`planning job allocationPlan answered ${result.ok ? result.kind : result.message}`);
      return result.plan;
    };
  }

  /** jobs running now and waiting for a thread */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private inWorker(script: string, job: PlanningJob): Promise<PlanningJobResult> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(script, { workerData: job });
      let settled = false;
      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        action();
      };
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`planning job ${job.kind} took more than ${JOB_TIMEOUT_MS} ms: stopped`)));
        void worker.terminate();
      }, JOB_TIMEOUT_MS);
      worker.once('message', (result: PlanningJobResult) => finish(() => resolve(result)));
      worker.once('error', (error) => finish(() => reject(error)));
      worker.once('exit', (code) => finish(() => reject(new Error(`planning worker stopped (exit code ${code}) without an answer`))));
    }).then(
      (result) => result as PlanningJobResult,
      (error: Error) => {
        this.logger.error(`planning job ${job.kind} failed: ${error.message}`, error.stack);
        throw error;
      },
    );
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
