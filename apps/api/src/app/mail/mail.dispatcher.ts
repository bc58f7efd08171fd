import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { nextCronDate } from '@telework/planning-data';
import { bullConnection, InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import {
  MAIL_JOB_OPTIONS, MAIL_QUEUE, MAIL_SEND_JOB_OPTIONS, MAIL_SWEEP_EVERY_MS, MailSendCounts, MailSender, writeManagerDigests,
} from '@telework/server-mail';

/**
 * Has the outbox sent. Callers kick it after committing rows (a decision, a plan, an
 * invitation): with REDIS_URL a deduplicated `mail.send` job goes to the worker; without Redis
 * the same sender runs here, one pass at a time (kicks during a pass fold into one more pass),
 * with a 30 s sweep and the managers' digest on timers in place of the worker's schedulers. A
 * kick never throws and never waits for SMTP: a lost kick only delays mail until the sweep.
 * Without SMTP_URL it does nothing (no row is written then).
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private queue?: Queue;
  private sender?: MailSender;
  private chain: Promise<unknown> = Promise.resolve();
  private passQueued = false;
  private sweepTimer?: NodeJS.Timeout;
  private digestTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: PlanningClock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  get mode(): 'off' | 'redis' | 'in-process' {
    return !this.enabled ? 'off' : this.config.redisUrl ? 'redis' : 'in-process';
  }

  onApplicationBootstrap(): void {
    const smtpUrl = this.config.mail.smtpUrl;
    if (!smtpUrl) return;
    if (this.config.redisUrl) {
      this.queue = new Queue(MAIL_QUEUE, {
        connection: bullConnection(this.config.redisUrl),
        prefix: this.config.queue.prefix,
        defaultJobOptions: MAIL_JOB_OPTIONS,
      });
      return;
    }
    this.sender = new MailSender(this.dataSource, { smtpUrl, from: this.config.mail.from, publicUrl: this.config.publicUrl });
    if (this.config.env !== 'test') this.startTimers();
    // rows left from before a restart
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.digestTimer) clearTimeout(this.digestTimer);
    await this.chain.catch(() => undefined);
    await this.sender?.close();
    await this.queue?.close();
  }

  /** Sends what is due, soon; returns at once. */
  kick(): void {
    if (!this.enabled || this.closed) return;
    if (this.queue) {
      withTimeout(this.queue.add('mail.send', {}, MAIL_SEND_JOB_OPTIONS), 3_000).catch((error: Error) =>
        this.logger.warn(`could not enqueue mail.send (${error.message}); the sweep sends the mail`),
      );
      return;
    }
    if (this.passQueued) return; // a pass not yet started will see these rows too
    this.passQueued = true;
    this.enqueue(() => {
      this.passQueued = false;
      return this.sendPass();
    });
  }

  /**
   * In-process only: the 30 s sweep and the digest at MANAGER_DIGEST_CRON (Europe/Paris), both
   * unref'd. Started at boot outside tests; a test may start them itself.
   */
  startTimers(): void {
    if (!this.sender || this.sweepTimer) return;
    this.sweepTimer = setInterval(() => this.kick(), MAIL_SWEEP_EVERY_MS);
    this.sweepTimer.unref();
    this.scheduleDigest();
  }

  /** Writes today's managers' digests (none twice: one dedupe key a day), then sends (in-process; with Redis the worker does). */
  digest(date = this.clock.today()): Promise<number> {
    return this.enqueue(async () => {
      const written = await writeManagerDigests(this.dataSource, date);
      this.logger.log(`${written} manager digest(s) written for ${date}`);
      await this.sendPass();
      return written;
    });
  }

  /** Resolves when every in-process pass queued so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain.then(() => undefined, () => undefined);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => (this.closed ? (undefined as T) : work()));
    this.chain = run.catch((error: Error) => this.logger.warn(`mail pass failed: ${error.message}`));
    return run;
  }

  private async sendPass(): Promise<MailSendCounts | undefined> {
    if (!this.sender) return undefined;
    const counts = await this.sender.sendDue();
    if (counts.sent || counts.retried || counts.failed) {
      this.logger.log(`mail: ${counts.sent} sent, ${counts.retried} to retry, ${counts.failed} failed`);
    }
    return counts;
  }

  private scheduleDigest(): void {
    const next = nextCronDate(this.config.mail.digestCron, new Date());
    this.digestTimer = setTimeout(() => {
      this.digest().catch(() => undefined);
      this.scheduleDigest();
    }, Math.max(1_000, next.getTime() - Date.now()));
    this.digestTimer.unref();
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
