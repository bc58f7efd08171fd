/**
 * Thread entry of the planning engine jobs (Piscina runs its default export for each job): the
 * API and the worker bundle it beside their main.js as engine-thread.js (webpack
 * `additionalEntryPoints`), the tests with esbuild (tools/jest/engine-thread.global-setup.cjs).
 */
import { threadEntry } from '../thread-entry';
import { PLANNING_JOB_HANDLERS } from './planning-job-handlers';

export default threadEntry(PLANNING_JOB_HANDLERS);
