import { join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { Queue } from 'bullmq';
import {
  assertHandlersCover, engineAllocationPlanner, ENGINE_JOBS_QUEUE, EngineJobs, EngineJobsConsumer, EngineJobStore, engineThreadScript, EngineThreadPool,
  describeSplitOutcome, PLANNING_JOB_HANDLERS, PLANNING_JOB_KINDS, splitAllocationPlanner, warmUpPlanningThread,
} from '@telework/engine-jobs';
import type { AllocationPlanner } from '@telework/planning-data';
import { bullConnection, InjectConfig } from '@telework/server-infrastructure';

/** The bundled thread entry sits beside main.js (webpack `additionalEntryPoints`). */
export const BUNDLED_ENGINE_THREAD = join(__dirname, 'engine-thread.js');

/** Agents from which an allocation run solves in a thread let go afterwards. */
export const LARGE_ALLOCATION_AGENTS = 20_000;
/** A large allocation's thread idle this long is stopped (Piscina needs a positive timeout). */
const LARGE_ALLOCATION_THREAD_IDLE_MS = 100;

/**
 * The worker's engine: a pool of threads for the engine jobs the API sends through BullMQ
 * (rotation drafts, checks, publications, what-if, sizing) and for the allocation runs' solves,
 * which are engine jobs too (stored, timed, cancellable); a large installation's solve has a
 * thread of its own (largeAllocationPool). The event loop stays free to renew the queues' locks.
 * Every kind of job has its handler, checked at boot.
 */
@Injectable()
export class EngineJobsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EngineJobs');
  private readonly pool: EngineThreadPool;
  /**
   * The thread of the allocation runs of large installations (LARGE_ALLOCATION_AGENTS and more),
   * let go as soon as a solve ends: its heap (hundreds of MB at 100,000 agents) would otherwise
   * stay resident while the run writes its plan, and until the next run, hours later. Smaller
   * runs and the console's engine jobs keep the warm threads (a fresh thread loads the engine and
   * plans with a cold JIT: a département's run takes ~0.5 s more).
   */
  readonly largeAllocationPool: EngineThreadPool;
  private readonly store: EngineJobStore;
  private readonly jobs: EngineJobs;
  private readonly largeAllocationJobs: EngineJobs;
  /** the parts of a run split by pool go to the engine-jobs queue: every worker's consumer takes some */
  private readonly partQueue?: Queue;
  private readonly queuedJobs?: EngineJobs;
  private consumer?: EngineJobsConsumer;

  constructor(dataSource: DataSource, @InjectConfig() private readonly config: AppConfig) {
    assertHandlersCover(PLANNING_JOB_KINDS, PLANNING_JOB_HANDLERS, 'worker');
    const script = engineThreadScript(BUNDLED_ENGINE_THREAD, 'worker');
    this.pool = new EngineThreadPool(script, undefined, undefined, config.engineWarmUp ? 1 : 0);
    this.largeAllocationPool = new EngineThreadPool(script, 1, LARGE_ALLOCATION_THREAD_IDLE_MS);
    this.store = new EngineJobStore(dataSource);
    this.jobs = new EngineJobs({ store: this.store, pool: this.pool });
    this.largeAllocationJobs = new EngineJobs({ store: this.store, pool: this.largeAllocationPool });
    if (config.allocationSplitMinAgents !== null && config.redisUrl) {
      this.partQueue = new Queue(ENGINE_JOBS_QUEUE, { connection: bullConnection(config.redisUrl), prefix: config.queue.prefix });
      this.queuedJobs = new EngineJobs({ store: this.store, queue: this.partQueue });
    }
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
    this.consumer.onStart = (id, kind) => this.logger.log(`engine job ${kind} ${id} started`);
    this.consumer.start();
    this.logger.log(`Consuming engine jobs in up to ${this.pool.maxThreads} thread(s)`);
    // a département's nightly run (hours after start-up) then solves in a kept, warm thread (ENGINE_WARM_UP)
    if (this.config.engineWarmUp) warmUpPlanningThread(this.pool, this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.close();
    await this.pool.close();
    await this.largeAllocationPool.close();
    await this.partQueue?.close();
  }

  /**
   * The allocation runs' planner: each solve is an engine job in this process's threads; a large
   * run whose pools are independent (ALLOCATION_SPLIT_MIN_AGENTS) is split by pool, its parts
   * queued as engine jobs that all the workers share, and their plans merged.
   */
  allocationPlanner(): AllocationPlanner {
    const whole = engineAllocationPlanner((snapshot) => this.allocationJobsFor(snapshot.agents.length));
    const minAgents = this.config.allocationSplitMinAgents;
    if (minAgents === null || !this.queuedJobs) return whole;
    return splitAllocationPlanner(whole, engineAllocationPlanner(this.queuedJobs), {
      minAgents,
      onSolved: (outcome) => {
        const line = describeSplitOutcome(outcome);
        if (line) this.logger.log(line);
      },
    });
  }

  /** The runner of an allocation solve of that many agents (see largeAllocationPool). */
  allocationJobsFor(agents: number): EngineJobs {
    return agents >= LARGE_ALLOCATION_AGENTS ? this.largeAllocationJobs : this.jobs;
  }
}
