/**
 * Thread entry of the API's engine jobs (Piscina runs its default export for each job), bundled
 * by webpack beside main.js as engine-thread.js, and by the tests' global set-up with esbuild.
 */
import { PLANNING_JOB_HANDLERS, threadEntry } from '@telework/engine-jobs';

export default threadEntry(PLANNING_JOB_HANDLERS);
