import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@telework/server-config';
import { WorkerModule } from './worker.module';

export class WorkerConfigurationError extends Error {}

/**
 * The worker hosts the BullMQ processors, so it needs Redis. Without REDIS_URL the API runs
 * the same processors in-process and no worker is needed.
 */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  if (!config.redisUrl) {
    throw new WorkerConfigurationError(
      'REDIS_URL is not set: the worker has nothing to consume. Without Redis the API runs jobs in-process.',
    );
  }
  if (config.database.mode === 'embedded') {
    throw new WorkerConfigurationError(
      'DATABASE_URL is not set: the embedded database belongs to the API process and cannot be shared with a worker.',
    );
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: ['error', 'warn', 'log'],
  });
  return app;
}

export const workerLogger = new Logger('Worker');
