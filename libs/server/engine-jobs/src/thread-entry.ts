import { gzipSync } from 'node:zlib';
import type { MessagePort } from 'node:worker_threads';
import { EngineJobHandlers, ThreadAnswer } from './engine-job';

export interface ThreadTask {
  kind: string;
  input: unknown;
  /** progress messages `{ pct, stage }` go back on this port */
  port?: MessagePort;
}

/**
 * The function a worker thread runs for each task (Piscina calls the file's default export):
 * the handler of the task's kind, then the compression of its input and result, so the
 * process's event loop neither plans nor compresses.
 */
export function threadEntry(handlers: EngineJobHandlers): (task: ThreadTask) => ThreadAnswer {
  return ({ kind, input, port }) => {
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
        inputGz: gzipSync(JSON.stringify(input ?? null)),
        resultGz: gzipSync(JSON.stringify(result ?? null)),
      };
    } finally {
      port?.close();
    }
  };
}
