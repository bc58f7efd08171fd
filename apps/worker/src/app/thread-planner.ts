import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plan } from '@telework/planning';
import { AllocationPlanner, planInline } from '@telework/planning-data';

/** The bundled thread entry sits beside main.js (webpack `additionalEntryPoints`). */
export const BUNDLED_PLANNER_SCRIPT = join(__dirname, 'planning-worker.js');

/** Longest a solve may take before its thread is stopped (the job then fails and is retried). */
const SOLVE_TIMEOUT_MS = 10 * 60_000;

/**
 * The worker's allocation planner: each solve runs in a worker thread of its own, so the event
 * loop stays free to renew BullMQ's job lock (a long synchronous solve on it would let the lock
 * expire: the job would be declared stalled and run twice) and to answer Redis. The worker runs
 * one job at a time (concurrency 1), so one thread at most. From the TypeScript sources (tests)
 * there is no bundle: the solve runs inline unless a script is given.
 */
export function threadPlanner(script: string | null = existsSync(BUNDLED_PLANNER_SCRIPT) ? BUNDLED_PLANNER_SCRIPT : null): AllocationPlanner {
  if (!script) return planInline;
  return (snapshot, { timeLimitMs, rotationConflicts }) => new Promise<Plan>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { snapshot, timeLimitMs, rotationConflicts } });
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new Error(`the allocation solve took more than ${SOLVE_TIMEOUT_MS} ms: stopped`)));
      void worker.terminate();
    }, SOLVE_TIMEOUT_MS);
    worker.once('message', (plan: Plan) => finish(() => resolve(plan)));
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the planning thread stopped (exit code ${code}) without a plan`))));
  });
}
