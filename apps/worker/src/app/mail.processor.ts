import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { assertHandlersCover } from '@telework/engine-jobs';
import { bullConnection, InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import {
  MAIL_DIGEST_JOB_OPTIONS, MAIL_DIGEST_SCHEDULER_ID, MAIL_JOB_NAMES, MAIL_JOB_OPTIONS, MAIL_QUEUE, MAIL_SEND_JOB_OPTIONS,
  MAIL_SWEEP_EVERY_MS, MAIL_SWEEP_SCHEDULER_ID, MailJobName, MailSender, writeManagerDigests,
} from '@telework/server-mail';

/**
 * Consumes the mail queue (only when SMTP_URL is set): `mail.send` after a kick, `mail.sweep`
 * every 30 s (a lost kick, a backoff ended, a claim of a dead sender run out), `mail.digest` at
 * MANAGER_DIGEST_CRON in Europe/Paris (the managers' digests of the day, then a send). Both
 * schedulers are upserted by id at every boot. Several workers may run: the sender's claim
 * (SKIP LOCKED) never gives a row to two of them.
 */
@Injectable()
export class MailProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailProcessor');
  private worker?: Worker;
  private queue?: Queue;
  private readonly sender: MailSender;
  private readonly handlers: Record<MailJobName, (job: Job) => Promise<unknown>> = {
    'mail.send': () => this.send(),
    'mail.sweep': () => this.send(),
    'mail.digest': () => this.digest(),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: PlanningClock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.sender = new MailSender(dataSource, {
      smtpUrl: config.mail.smtpUrl as string,
      from: config.mail.from,
      publicUrl: config.publicUrl,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    assertHandlersCover(MAIL_JOB_NAMES, this.handlers, 'mail processor');
    const connection = bullConnection(this.config.redisUrl as string);
    const prefix = this.config.queue.prefix;
    this.queue = new Queue(MAIL_QUEUE, { connection, prefix, defaultJobOptions: MAIL_JOB_OPTIONS });
    await this.queue.upsertJobScheduler(MAIL_SWEEP_SCHEDULER_ID, { every: MAIL_SWEEP_EVERY_MS }, { name: 'mail.sweep', data: {}, opts: MAIL_JOB_OPTIONS });
    await this.queue.upsertJobScheduler(
      MAIL_DIGEST_SCHEDULER_ID,
      { pattern: this.config.mail.digestCron, tz: 'Europe/Paris' },
      { name: 'mail.digest', data: {}, opts: MAIL_DIGEST_JOB_OPTIONS },
    );
    this.worker = new Worker(MAIL_QUEUE, (job) => this.process(job), {
      connection,
      prefix,
      concurrency: 1,
      lockDuration: this.config.queue.lockDurationMs,
      stalledInterval: this.config.queue.stalledIntervalMs,
    });
    this.worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name} ${job?.id} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`worker error: ${error.message}`));
    this.logger.log(`Consuming "${MAIL_QUEUE}"; sweep every ${MAIL_SWEEP_EVERY_MS / 1000} s; managers' digest at "${this.config.mail.digestCron}" Europe/Paris`);
    await this.kick(); // rows left from before the restart
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.sender.close();
  }

  /** Sends what is due, soon (one `mail.send` waiting at a time); never throws: the sweep catches up. */
  async kick(): Promise<void> {
    try {
      await this.queue?.add('mail.send', {}, MAIL_SEND_JOB_OPTIONS);
    } catch (error) {
      this.logger.warn(`could not enqueue mail.send (${(error as Error).message}); the sweep sends the mail`);
    }
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as MailJobName];
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    return handler(job);
  }

  private async send(): Promise<unknown> {
    const counts = await this.sender.sendDue();
    if (counts.sent || counts.retried || counts.failed) {
      this.logger.log(`mail: ${counts.sent} sent, ${counts.retried} to retry, ${counts.failed} failed`);
    }
    return counts;
  }

  private async digest(): Promise<unknown> {
    const date = this.clock.today();
    const written = await writeManagerDigests(this.dataSource, date);
    this.logger.log(`${written} manager digest(s) written for ${date}`);
    return { date, written, ...(await this.sender.sendDue()) };
  }
}
