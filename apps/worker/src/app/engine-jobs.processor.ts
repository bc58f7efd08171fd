import { join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import {
  assertHandlersCover, engineAllocationPlanner, EngineJobs, EngineJobsConsumer, EngineJobStore, engineThreadScript, EngineThreadPool,
  PLANNING_JOB_HANDLERS, PLANNING_JOB_KINDS,
} from '@telework/engine-jobs';
import type { AllocationPlanner } from '@telework/planning-data';
import { bullConnection, InjectConfig } from '@telework/server-infrastructure';

/** The bundled thread entry sits beside main.js (webpack `additionalEntryPoints`). */
export const BUNDLED_ENGINE_THREAD = join(__dirname, 'engine-thread.js');

/**
 * The worker's engine: one pool of threads for the engine jobs the API sends through BullMQ
 * (rotation drafts, checks, publications, what-if, sizing) and for the allocation runs' solves,
 * which are engine jobs too (stored, timed, cancellable). The event loop stays free to renew the
 * queues' locks. Every kind of job has its handler, checked at boot.
 */
@Injectable()
export class EngineJobsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EngineJobs');
  private readonly pool: EngineThreadPool;
  private readonly store: EngineJobStore;
  private readonly jobs: EngineJobs;
  private consumer?: EngineJobsConsumer;

  constructor(dataSource: DataSource, @InjectConfig() private readonly config: AppConfig) {
    assertHandlersCover(PLANNING_JOB_KINDS, PLANNING_JOB_HANDLERS, 'worker');
    this.pool = new EngineThreadPool(engineThreadScript(BUNDLED_ENGINE_THREAD, 'worker'));
    this.store = new EngineJobStore(dataSource);
    this.jobs = new EngineJobs({ store: this.store, pool: this.pool });
  }

  async onApplicationBootstrap(): Promise<void> {
    // the API migrates the database: a worker started first tidies next time
    const tidied = await this.store.tidy().catch((error: Error) => this.logger.warn(`engine jobs not tidied: ${error.message}`));
    if (tidied && tidied.abandoned > 0) this.logger.warn(`${tidied.abandoned} engine job(s) left unfinished by a stopped process marked FAILED`);
    this.consumer = new EngineJobsConsumer(this.store, this.pool, {
      connection: bullConnection(this.config.redisUrl as string),
      prefix: this.config.queue.prefix,
      lockDurationMs: this.config.queue.lockDurationMs,
    });
    this.consumer.onError = (error) => this.logger.error(`engine jobs consumer: ${error.message}`);
    this.consumer.start();
    this.logger.log(`Consuming engine jobs in up to ${this.pool.maxThreads} thread(s)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
    await this.pool.close();
  }

  /** The allocation runs' planner: each solve is an engine job in this process's threads. */
  allocationPlanner(): AllocationPlanner {
    return engineAllocationPlanner(this.jobs);
  }
}
