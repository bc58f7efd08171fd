import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig } from '@telework/server-config';
import { createWorker, WorkerConfigurationError, workerLogger } from './app/bootstrap';

let app: INestApplicationContext | undefined;
let stopping = false;

/**
 * On SIGTERM/SIGINT: stop taking jobs, let the current one finish (worker.close waits for it),
 * close Redis and the database, and exit 0 so orchestrators see a clean stop. The handlers are
 * installed before the app boots, so a signal during start-up is honoured too.
 */
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  workerLogger.log(`${signal} received, shutting down`);
  (app ? app.close() : Promise.resolve()).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

async function main(): Promise<void> {
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  const worker = await createWorker(loadConfig());
  if (stopping) {
    await worker.close();
    return;
  }
  app = worker;
  workerLogger.log('Worker ready: consuming jobs');
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof WorkerConfigurationError ? error.message : error);
  process.exit(1);
});
