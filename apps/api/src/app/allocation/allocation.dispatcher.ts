import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { allocationSettings, nextCronDate, processAllocationJob } from '@telework/planning-data';
import { PlanningRunner } from '../capacity/planning-runner';
import { MailDispatcher } from '../mail/mail.dispatcher';
import { ALLOCATION_JOB_OPTIONS, ALLOCATION_QUEUE, AllocationJob, bullConnection, InjectConfig, PlanningClock } from '@telework/server-infrastructure';

/**
 * Hands allocation jobs over: to BullMQ when REDIS_URL is set (a worker process runs them),
 * otherwise to the same processor in this process, one job at a time, with the same retries,
 * and with an in-process nightly timer in place of the Redis job scheduler; the solve itself
 * then runs in a worker thread (PlanningRunner), so HTTP requests keep being answered.
 */
@Injectable()
export class AllocationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Allocation');
  private queue?: Queue;
  private chain: Promise<unknown> = Promise.resolve();
  private nightlyTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: PlanningClock,
    private readonly runner: PlanningRunner,
    private readonly mail: MailDispatcher,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get mode(): 'redis' | 'in-process' {
    return this.config.redisUrl ? 'redis' : 'in-process';
  }

  onApplicationBootstrap(): void {
    if (this.config.redisUrl) {
      this.queue = new Queue(ALLOCATION_QUEUE, {
        connection: bullConnection(this.config.redisUrl),
        prefix: this.config.queue.prefix,
        defaultJobOptions: ALLOCATION_JOB_OPTIONS,
      });
    } else if (this.config.env !== 'test') {
      this.scheduleNightly();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.nightlyTimer) clearTimeout(this.nightlyTimer);
    await this.queue?.close();
    await this.chain.catch(() => undefined);
  }

  /** Enqueues a run; the job id is the run id, so a repeated dispatch does not duplicate it. */
  async dispatchRun(runId: string): Promise<void> {
    const job: AllocationJob = { name: 'allocation.run', data: { runId } };
    if (this.queue) {
      const queue = this.queue;
      try {
        await withTimeout(queue.add(job.name, job.data, { ...ALLOCATION_JOB_OPTIONS, jobId: runId }), 3_000);
      } catch (error) {
        // The run stays QUEUED in the database; a worker re-enqueues lost runs when Redis is back.
        this.logger.warn(`could not enqueue run ${runId} (${(error as Error).message}); a worker will pick it up`);
      }
      return;
    }
    this.runInProcess(job);
  }

  /** Resolves when every in-process job queued so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain.then(() => undefined, () => undefined);
  }

  private runInProcess(job: AllocationJob): void {
    const attempts = ALLOCATION_JOB_OPTIONS.attempts ?? 1;
    this.chain = this.chain.then(async () => {
      for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
        try {
          const result = await processAllocationJob(this.dataSource, job, allocationSettings(this.config), {
            today: this.clock.today(),
            planner: this.runner.allocationPlanner(), // the solve runs in a worker thread, off the event loop
          });
          // the run's SCHEDULE_CHANGED mails are committed: send them now rather than at the next sweep
          if (((result as { mailsWritten?: number } | undefined)?.mailsWritten ?? 0) > 0) this.mail.kick();
          return;
        } catch (error) {
          this.logger.warn(`${job.name} failed (attempt ${attempt}/${attempts}): ${(error as Error).message}`);
          if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** attempt));
        }
      }
    });
  }

  private scheduleNightly(): void {
    const next = nextCronDate(this.config.allocation.cron, new Date());
    this.nightlyTimer = setTimeout(() => {
      this.runInProcess({ name: 'allocation.nightly', data: {} });
      this.scheduleNightly();
    }, Math.max(1_000, next.getTime() - Date.now()));
    this.nightlyTimer.unref();
    this.logger.log(`In-process nightly allocation scheduled for ${next.toISOString()}`);
  }

}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
