import type { JobsOptions } from 'bullmq';

/**
 * Queue, job names and options of the mail jobs, in one place (API and worker).
 * `mail.send`: send what is due now (a kick after a change; deduplicated, so a burst of kicks is
 * one job); `mail.sweep`: the same every 30 s, so a lost kick only delays; `mail.digest`: write
 * the managers' digests of the day (MANAGER_DIGEST_CRON, Europe/Paris), then send.
 */
export const MAIL_QUEUE = 'mail';

export type MailJob =
  | { name: 'mail.send'; data: Record<string, never> }
  | { name: 'mail.sweep'; data: Record<string, never> }
  | { name: 'mail.digest'; data: Record<string, never> };

export type MailJobName = MailJob['name'];
export const MAIL_JOB_NAMES: readonly MailJobName[] = ['mail.send', 'mail.sweep', 'mail.digest'];

export const MAIL_SWEEP_SCHEDULER_ID = 'mail-sweep';
export const MAIL_DIGEST_SCHEDULER_ID = 'manager-digest';
export const MAIL_SWEEP_EVERY_MS = 30_000;
/** one `mail.send` waiting or running at a time: kicks meanwhile are folded into it */
export const MAIL_SEND_DEDUPLICATION_ID = 'mail-send';

/**
 * A send job does not retry itself: rows it could not send stay PENDING with their own backoff
 * (mail_outbox.next_attempt_at) and the sweep takes them again.
 */
export const MAIL_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 1_000 },
};

/** The digest is written once per day (dedupe_key), so a retry after a failure is safe. */
export const MAIL_DIGEST_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 1_000 },
};

export const MAIL_SEND_JOB_OPTIONS: JobsOptions = { ...MAIL_JOB_OPTIONS, deduplication: { id: MAIL_SEND_DEDUPLICATION_ID } };
