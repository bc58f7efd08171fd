/**
 * Thread entry of the worker's engine jobs (Piscina runs its default export for each job),
 * bundled by webpack beside main.js as engine-thread.js: the same handlers as the API's.
 */
import { PLANNING_JOB_HANDLERS, threadEntry } from '@telework/engine-jobs';

export default threadEntry(PLANNING_JOB_HANDLERS);
