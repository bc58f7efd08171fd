import type { CodedMessage } from '@telework/contracts';

export const ENGINE_JOB_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] as const;
export type EngineJobStatus = (typeof ENGINE_JOB_STATUSES)[number];
export const FINISHED_STATUSES: readonly EngineJobStatus[] = ['DONE', 'REFUSED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];

/** Where a job ran: a thread of the API (no Redis) or a worker process through BullMQ. */
export type EngineJobRunnerKind = 'threads' | 'queue';

/** A step of a job, as the engine reports it (`planWithReport`'s onProgress). */
export type ProgressReporter = (pct: number, stage: string) => void;

/**
 * An engine job's handler: plain data in, plain data out, no I/O; it runs in a worker thread.
 * It answers `{ ok: false, status, ...problem }` to refuse its input (a 4xx the caller passes
 * on); it throws only on a bug.
 */
export type EngineJobHandler = (input: never, progress: ProgressReporter) => unknown;
export type EngineJobHandlers = Readonly<Record<string, EngineJobHandler>>;

/** What the thread sends back: the result, and the compressed input and result to keep (null when not kept). */
export interface ThreadAnswer {
  result: unknown;
  inputGz: Uint8Array | null;
  resultGz: Uint8Array | null;
}

/** A job as stored (GET /api/jobs/:id): no payloads. */
export interface EngineJobRecord {
  id: string;
  kind: string;
  status: EngineJobStatus;
  progressPct: number;
  stage: string | null;
  timeLimitMs: number;
  cancelRequested: boolean;
  runner: EngineJobRunnerKind;
  problem: CodedMessage | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A refused result (`{ ok: false, status }`) rather than a computed one. */
export function isRefusedResult(result: unknown): result is { ok: false; status: number } & Record<string, unknown> {
  return !!result && typeof result === 'object' && (result as { ok?: unknown }).ok === false
    && typeof (result as { status?: unknown }).status === 'number';
}

/** Every kind a process may be asked to run must have its handler: checked at boot, not when a job arrives. */
export function assertHandlersCover(kinds: readonly string[], handlers: EngineJobHandlers, where: string): void {
  const missing = kinds.filter((kind) => typeof handlers[kind] !== 'function');
  if (missing.length > 0) throw new Error(`${where}: no handler for engine job kind(s) ${missing.join(', ')}`);
}

/** A job that ended without a result: cancelled, out of time, failed (the caller answers it). */
export class EngineJobError extends Error {
  constructor(
    readonly jobId: string,
    readonly status: Exclude<EngineJobStatus, 'QUEUED' | 'RUNNING' | 'DONE' | 'REFUSED'>,
    message: string,
  ) {
    super(message);
    this.name = 'EngineJobError';
  }
}

/** A planning job that answered a refusal where its caller needed a result (an allocation solve): its coded problem. */
export class PlanningRefusedError extends Error {
  constructor(readonly problem: CodedMessage, message: string) {
    super(message);
    this.name = 'PlanningRefusedError';
  }
}

/**
 * What a thread compresses for the job's row: `both` its input and result, `result` alone (a
 * queued job, whose input the row has already), `none` (a caller that records both itself).
 */
export type KeptPayloads = 'both' | 'result' | 'none';
