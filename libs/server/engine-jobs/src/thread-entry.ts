import { gzipSync } from 'node:zlib';
import type { MessagePort } from 'node:worker_threads';
import { EngineJobHandlers, KeptPayloads, ThreadAnswer } from './engine-job';

export interface ThreadTask {
  kind: string;
  input: unknown;
  /** progress messages `{ pct, stage }` go back on this port */
  port?: MessagePort;
  /** what is compressed for the job's row (default both) */
  payloads?: KeptPayloads;
}

/**
 * The function a worker thread runs for each task (Piscina calls the file's default export):
 * the handler of the task's kind, then the compression of its input and result, so the
 * process's event loop neither plans nor compresses.
 */
export function threadEntry(handlers: EngineJobHandlers): (task: ThreadTask) => ThreadAnswer {
  return ({ kind, input, port, payloads = 'both' }) => {
    const handler = handlers[kind];
    if (!handler) throw new Error(`no handler for engine job kind "${kind}"`);
    try {
      let last = -1;
      const result = handler(input as never, (pct, stage) => {
        const rounded = Math.max(0, Math.min(100, Math.round(pct)));
        if (rounded === last) return;
        last = rounded;
        port?.postMessage({ pct: rounded, stage });
      });
      return {
        result,
        inputGz: payloads === 'both' ? gzipSync(JSON.stringify(input ?? null), { level: 1 }) : null,
        resultGz: payloads !== 'none' ? gzipSync(JSON.stringify(result ?? null), { level: 1 }) : null,
      };
    } finally {
      port?.close();
    }
  };
}
