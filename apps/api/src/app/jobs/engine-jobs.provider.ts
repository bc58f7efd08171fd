import { join } from 'node:path';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { ENGINE_JOBS_QUEUE, EngineJobs, EngineJobStore, engineThreadScript, EngineThreadPool, warmUpPlanningThread } from '@telework/engine-jobs';
import { bullConnection, InjectConfig } from '@telework/server-infrastructure';

/** The bundled thread entry sits beside main.js (webpack `additionalEntryPoints`). */
export const BUNDLED_ENGINE_THREAD = join(__dirname, 'engine-thread.js');

/**
 * The API's engine jobs: in its own threads without Redis, through the worker process's queue
 * with Redis. Either way the caller awaits the same `run()`.
 */
@Injectable()
export class EngineJobsService extends EngineJobs implements OnApplicationShutdown {
  private readonly threads?: EngineThreadPool;
  private readonly bullQueue?: Queue;
  private readonly warmUpEnabled: boolean;
  private readonly logger = new Logger('EngineJobs');

  constructor(dataSource: DataSource, @InjectConfig() config: AppConfig) {
    const store = new EngineJobStore(dataSource);
    const queue = config.redisUrl
      ? new Queue(ENGINE_JOBS_QUEUE, { connection: bullConnection(config.redisUrl), prefix: config.queue.prefix })
      : undefined;
    const pool = queue ? undefined : new EngineThreadPool(engineThreadScript(BUNDLED_ENGINE_THREAD, 'api'), undefined, undefined, config.engineWarmUp ? 1 : 0);
    super({ store, pool, queue });
    this.threads = pool;
    this.bullQueue = queue;
    this.warmUpEnabled = config.engineWarmUp;
    this.logger.log(queue ? `Engine jobs go to the worker through "${ENGINE_JOBS_QUEUE}"` : `Engine jobs run in up to ${pool?.maxThreads} thread(s) of the API`);
  }

  /**
   * Without Redis the allocation runs solve here: the kept thread is warmed up (ENGINE_WARM_UP),
   * once the start-up is over (StartupService), so that it never competes with a demo load. Not awaited.
   */
  warmUpThread(): void {
    if (!this.threads || !this.warmUpEnabled) return;
    warmUpPlanningThread(this.threads, this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.threads?.close();
    await this.bullQueue?.close();
  }
}
