/**
 * Worker-thread entry of the planning jobs. Bundled by webpack as its own entry
 * (dist/apps/api/planning-worker.js, see apps/api/webpack.config.js); one job per thread:
 * the job comes in workerData, the result goes back as the one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PlanningJob, runPlanningJob } from './planning-jobs';

if (parentPort) parentPort.postMessage(runPlanningJob(workerData as PlanningJob));
