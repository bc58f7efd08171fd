/**
 * Worker-thread entry of the planning jobs. Bundled by webpack as its own entry
 * (dist/apps/api/planning-worker.js, see apps/api/webpack.config.js). PlanningRunner keeps the
 * thread between jobs: each job comes as a message and its result goes back as one message (an
 * error ends the thread).
 */
import { parentPort } from 'node:worker_threads';
import { PlanningJob, runPlanningJob } from './planning-jobs';

const port = parentPort;
if (port) port.on('message', (job: PlanningJob) => port.postMessage(runPlanningJob(job)));
