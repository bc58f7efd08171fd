import type { ConnectionOptions, JobsOptions } from 'bullmq';

/** Queue, job names and job options of the allocation jobs, in one place (API and worker). */
export const ALLOCATION_QUEUE = 'allocation';
export const NIGHTLY_SCHEDULER_ID = 'nightly-allocation';

export type AllocationJob =
  | { name: 'allocation.run'; data: { runId: string } }
  | { name: 'allocation.nightly'; data: Record<string, never> };

export type AllocationJobName = AllocationJob['name'];
export const ALLOCATION_JOB_NAMES: readonly AllocationJobName[] = ['allocation.run', 'allocation.nightly'];

export const ALLOCATION_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
};


/** BullMQ wants `maxRetriesPerRequest: null` on worker connections (PITFALLS.md). */
export function bullConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
