/**
 * Worker-thread entry of the allocation solve. Bundled by webpack as its own entry
 * (dist/apps/worker/planning-worker.js, see apps/worker/webpack.config.js): the snapshot comes
 * in workerData, the plan goes back as the one message; an error ends the thread with it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { planWithReport, PlanningSnapshot } from '@telework/planning';

const job = workerData as { snapshot: PlanningSnapshot; timeLimitMs: number; rotationConflicts?: 'refuse' | 'keep-on-site' };
if (parentPort) parentPort.postMessage(planWithReport(job.snapshot, { timeLimitMs: job.timeLimitMs, rotationConflicts: job.rotationConflicts }).plan);
