import type { CodedMessage } from './messages/format';

export type EngineJobStatusDto = 'QUEUED' | 'RUNNING' | 'DONE' | 'REFUSED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';
export type EngineJobKindDto = 'whatIf' | 'licences' | 'rotationPlan' | 'allocationPlan';

/**
 * A piece of engine work (GET /api/jobs/:id): rotation drafts, cell checks and publications,
 * what-if, licence sizing, allocation solves. A client may name a job itself with the header
 * `X-Engine-Job-Id: <uuid>` on the call that starts it, and follow its progress meanwhile.
 */
export interface EngineJobDto {
  id: string;
  kind: string;
  status: EngineJobStatusDto;
  progressPct: number;
  stage: string | null;
  timeLimitMs: number;
  cancelRequested: boolean;
  runner: 'threads' | 'queue';
  problem: CodedMessage | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The request header that names the engine job a call starts. */
export const ENGINE_JOB_ID_HEADER = 'x-engine-job-id';
