import 'reflect-metadata';
import { ConfigError, loadConfig } from '@telework/server-config';
import { createWorker, WorkerConfigurationError, workerLogger } from './app/bootstrap';

async function main(): Promise<void> {
  const app = await createWorker(loadConfig());
  // enableShutdownHooks closes the context (Redis, database) on SIGTERM, then Node exits 0
  process.once('SIGTERM', () => workerLogger.log('SIGTERM received, shutting down'));
  await app.init();
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof WorkerConfigurationError ? error.message : error);
  process.exit(1);
});
