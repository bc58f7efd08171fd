import { existsSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { KeptPayloads, ProgressReporter, ThreadAnswer } from './engine-job';
import type { ThreadTask } from './thread-entry';

/**
 * The worker threads engine jobs run in (Piscina): threads are kept between jobs (starting one
 * loads the engine, ~250 ms, and a fresh one plans with a cold JIT), a job that is aborted
 * (cancelled, out of time) has its thread stopped, and at most `maxThreads` run at once, the
 * others wait in Piscina's queue.
 */
export class EngineThreadPool {
  private readonly pool: Piscina;

  constructor(
    readonly filename: string,
    maxThreads = Math.max(1, Math.min(2, availableParallelism() - 1)),
    /** how long an idle thread is kept (its heap with it) */
    idleTimeoutMs = 10 * 60_000,
    /** threads kept however long they idle (a warmed-up one: see warmUp) */
    minThreads = 0,
  ) {
    this.pool = new Piscina({ filename, minThreads, maxThreads, idleTimeout: idleTimeoutMs, concurrentTasksPerWorker: 1 });
  }

  /**
   * Runs `kind` once in a thread to load the engine and warm its JIT (no job row): with
   * minThreads ≥ 1 that thread stays, so the next job, hours later, starts warm. Answers how long it took.
   */
  async warmUp(kind: string, input: unknown): Promise<number> {
    const started = Date.now();
    await this.execute(kind, input, { payloads: 'none' });
    return Date.now() - started;
  }

  /** Threads right now (busy or idle). */
  get threads(): number {
    return this.pool.threads.length;
  }

  get maxThreads(): number {
    return this.pool.options.maxThreads;
  }


  async execute(
    kind: string, input: unknown, options: { signal?: AbortSignal; onProgress?: ProgressReporter; payloads?: KeptPayloads } = {},
  ): Promise<ThreadAnswer> {
    const channel = new MessageChannel();
    channel.port1.on('message', (message: { pct: number; stage: string }) => options.onProgress?.(message.pct, message.stage));
    channel.port1.unref();
    const task: ThreadTask = { kind, input, port: channel.port2, payloads: options.payloads ?? 'both' };
    try {
      return (await this.pool.run(task, { transferList: [channel.port2], signal: options.signal })) as ThreadAnswer;
    } finally {
      channel.port1.close();
    }
  }

  async close(): Promise<void> {
    await this.pool.close({ force: true });
  }
}

/**
 * The thread entry engine jobs run with: ENGINE_THREAD_SCRIPT (the tests bundle the planning
 * thread entry: tools/jest/engine-thread.global-setup.cjs), else the app's bundle `bundled`
 * (engine-thread.js beside its main.js). No inline fallback: the engine never runs on an event loop.
 */
export function engineThreadScript(bundled: string, app: string): string {
  const script = process.env['ENGINE_THREAD_SCRIPT'] || bundled;
  if (!existsSync(script)) {
    throw new Error(`no engine thread bundle at ${script}: build the ${app} (npx nx build ${app}) or set ENGINE_THREAD_SCRIPT`);
  }
  return script;
}
