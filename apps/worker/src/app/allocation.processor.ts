import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { allocationSettings, createAllocationRun, nightlyHorizon, processAllocationJob } from '@telework/planning-data';
import {
  ALLOCATION_JOB_NAMES, ALLOCATION_JOB_OPTIONS, ALLOCATION_QUEUE, AllocationJob,
  bullConnection, InjectConfig, NIGHTLY_SCHEDULER_ID, PlanningClock, RedisConnection,
} from '@telework/server-infrastructure';
import { assertHandlersCover } from '@telework/engine-jobs';
import { EngineJobsProcessor } from './engine-jobs.processor';
import { MailProcessor } from './mail.processor';

/**
 * Consumes the allocation queue and keeps the nightly job scheduler in Redis. The scheduler is
 * upserted by id at every boot (never duplicated, and re-created after a Redis restart that
 * lost it); a night missed while no worker ran is caught up at boot.
 */
@Injectable()
export class AllocationProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AllocationProcessor');
  private worker?: Worker;
  private queue?: Queue;
  private reconcileTimer?: NodeJS.Timeout;
  /** each solve is an engine job in a worker thread: the event loop keeps renewing the job's lock */
  private readonly planner = this.engine.allocationPlanner();
  /** one handler per job name of the allocation queue, checked against ALLOCATION_JOB_NAMES at boot */
  private readonly handlers: Record<AllocationJob['name'], (job: Job) => Promise<unknown>> = {
    'allocation.run': (job) => this.runAllocation(job),
    'allocation.nightly': (job) => this.queueNightlyRun(job),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: PlanningClock,
    @InjectConfig() private readonly config: AppConfig,
    private readonly engine: EngineJobsProcessor,
    private readonly redis: RedisConnection,
    /** absent without SMTP_URL */
    @Optional() private readonly mail?: MailProcessor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    assertHandlersCover(ALLOCATION_JOB_NAMES, this.handlers, 'allocation processor');
    const connection = bullConnection(this.config.redisUrl as string);
    const prefix = this.config.queue.prefix;
    this.queue = new Queue(ALLOCATION_QUEUE, { connection, prefix, defaultJobOptions: ALLOCATION_JOB_OPTIONS });
    await this.queue.upsertJobScheduler(
      NIGHTLY_SCHEDULER_ID,
      { pattern: this.config.allocation.cron, tz: 'Europe/Paris' },
      { name: 'allocation.nightly', data: {}, opts: ALLOCATION_JOB_OPTIONS },
    );
    this.worker = new Worker(ALLOCATION_QUEUE, (job) => this.process(job), {
      connection,
      prefix,
      concurrency: 1,
      lockDuration: this.config.queue.lockDurationMs,
      stalledInterval: this.config.queue.stalledIntervalMs,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    this.worker.on('error', (error) => this.logger.error(`worker error: ${error.message}`));
    this.logger.log(`Consuming "${ALLOCATION_QUEUE}"; nightly allocation at "${this.config.allocation.cron}" Europe/Paris`);
    if (this.config.allocation.catchUp) await this.catchUpMissedNight();
    await this.requeueLostRuns();
    this.reconcileTimer = setInterval(() => void this.requeueLostRuns().catch((error) => this.logger.warn(error.message)), this.config.queue.stalledIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await this.worker?.close();
    await this.queue?.close();
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as AllocationJob['name']];
    // a job of another version of the product: fail it, with the reason
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    return handler(job);
  }

  private async runAllocation(job: Job): Promise<unknown> {
    this.logger.log(`job ${job.name} ${job.id} started (attempt ${job.attemptsMade + 1})`);
    const result = await processAllocationJob(this.dataSource, { name: job.name, data: job.data } as AllocationJob, allocationSettings(this.config), {
      today: this.clock.today(),
      onProgress: (progress) => job.updateProgress(progress),
      planner: this.planner,
    });
    this.logger.log(`job ${job.name} ${job.id} finished: ${JSON.stringify(result)}`);
    // the run's outbox rows (changed half-days) are committed: have them sent
    await this.mail?.kick();
    return result;
  }

  /**
   * A tick of the nightly schedule records the SCHEDULE run and queues it as a job of its own,
   * whose id is the run's, like every other run: with several workers, one that finds a live run
   * without a job of its id (requeueLostRuns) must be right that the run was lost. Run inside the
   * tick's own job, a nightly run older than 2 s looked lost to the other workers' reconciliation,
   * which queued it again and had it executed a second time beside the first. A tick that finds
   * the horizon's run live already joins it (and makes sure it has its job: adding by id never
   * duplicates one that exists). The tick's run is kept in Redis for 2 days under the tick's job
   * id, so a tick processed twice records one run.
   */
  private async queueNightlyRun(job: Job): Promise<{ status: 'QUEUED' | 'JOINED' | 'DONE'; runId: string }> {
    const queue = this.queue as Queue;
    const redis = this.redis.client as NonNullable<RedisConnection['client']>;
    // a tick taken again (BullMQ starts one a second time now and then: seen in the e2e with three
    // workers, no failure logged) gives the run its first time recorded, never a second run
    const tickKey = `${this.config.queue.prefix}:${ALLOCATION_QUEUE}:tick:${job.id}`;
    const earlier = await redis.get(tickKey);
    if (earlier) {
      await queue.add('allocation.run', { runId: earlier }, { ...ALLOCATION_JOB_OPTIONS, jobId: earlier });
      this.logger.log(`job ${job.name} ${job.id} started again (attempt ${job.attemptsMade + 1}): its run ${earlier} was recorded already`);
      return { status: 'DONE', runId: earlier };
    }
    const { from, to } = nightlyHorizon(this.clock.today(), allocationSettings(this.config).weeks);
    const run = await createAllocationRun(this.dataSource, 'SCHEDULE', from, to, null);
    await redis.set(tickKey, run.id, 'EX', 2 * 24 * 3600, 'NX');
    await queue.add('allocation.run', { runId: run.id }, { ...ALLOCATION_JOB_OPTIONS, jobId: run.id });
    this.logger.log(`job ${job.name} ${job.id} started (attempt ${job.attemptsMade + 1}): run ${run.id} ${run.created ? 'queued' : 'joined'} (${from} → ${to})`);
    return { status: run.created ? 'QUEUED' : 'JOINED', runId: run.id };
  }

  /**
   * Runs recorded as QUEUED or RUNNING whose job Redis no longer has (Redis restarted without
   * persistence, or the API enqueued while Redis was down) are enqueued again: the job id is
   * the run id, so this never duplicates a job Redis still holds.
   */
  private async requeueLostRuns(): Promise<void> {
    const live: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM allocation_runs WHERE status IN ('QUEUED', 'RUNNING') AND created_at < now() - interval '2 seconds'`,
    );
    for (const run of live) {
      if (await this.queue?.getJob(run.id)) continue;
      this.logger.warn(`run ${run.id} has no job in Redis: enqueuing it again`);
      await this.queue?.add('allocation.run', { runId: run.id }, { ...ALLOCATION_JOB_OPTIONS, jobId: run.id });
    }
  }

  /** No scheduled run in the last 24 hours (Redis lost its jobs, or no worker ran): run one now. */
  private async catchUpMissedNight(): Promise<void> {
    const [recent] = await this.dataSource.query(
      `SELECT 1 FROM allocation_runs WHERE trigger = 'SCHEDULE' AND created_at > now() - interval '24 hours' LIMIT 1`,
    );
    if (recent) return;
    const [published] = await this.dataSource.query(`SELECT 1 FROM rotation_calendars WHERE status = 'PUBLISHED' LIMIT 1`);
    if (!published) return;
    this.logger.log('No scheduled allocation in the last 24 hours: catching up now');
    await this.queue?.add('allocation.nightly', {}, { ...ALLOCATION_JOB_OPTIONS, deduplication: { id: 'nightly-catch-up', ttl: 3_600_000 } });
  }
}
