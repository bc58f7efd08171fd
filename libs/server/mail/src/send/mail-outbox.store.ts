import type { DataSource } from 'typeorm';
import type { Language, MailKind } from '@telework/contracts';

/** A row claimed for sending. */
export interface ClaimedMail {
  id: string;
  kind: MailKind;
  recipient: string;
  language: Language;
  payload: unknown;
  attempts: number;
}

/** How long a claim holds: a sender that died with rows SENDING gives them back after this. */
export const MAIL_CLAIM_SECONDS = 300;
/** The first retry waits 30 s, then twice as long each time, at most an hour. */
export const MAIL_BACKOFF_BASE_SECONDS = 30;
export const MAIL_BACKOFF_MAX_SECONDS = 3_600;

/** Seconds to wait before the next attempt, after `attemptsBefore` failed attempts and this one. */
export function mailBackoffSeconds(attemptsBefore: number): number {
  return Math.min(MAIL_BACKOFF_MAX_SECONDS, MAIL_BACKOFF_BASE_SECONDS * 2 ** Math.min(attemptsBefore, 20));
}

/**
 * The sender's SQL on `mail_outbox`. A claim is one statement: rows due (PENDING whose time has
 * come, or SENDING whose claim ran out) locked with SKIP LOCKED so that two senders never take
 * the same row, and marked SENDING until `claimed_until`. Every later update checks the row is
 * still SENDING, so a row is settled once.
 */
export class MailOutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  async claim(limit: number): Promise<ClaimedMail[]> {
    const result = await this.dataSource.query(
      `UPDATE mail_outbox o
          SET status = 'SENDING', claimed_until = now() + make_interval(secs => $2)
        WHERE o.id IN (
          SELECT id FROM mail_outbox
           WHERE (status = 'PENDING' AND next_attempt_at <= now())
              OR (status = 'SENDING' AND claimed_until < now())
           ORDER BY next_attempt_at, id
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
      RETURNING o.id::text AS id, o.kind, o.recipient, o.language, o.payload, o.attempts`,
      [limit, MAIL_CLAIM_SECONDS],
    );
    const rows = returnedRows<{ id: string; kind: MailKind; recipient: string; language: Language; payload: unknown; attempts: number }>(result);
    return rows
      .map((row) => ({ ...row, id: String(row.id), attempts: Number(row.attempts), payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }))
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Sent: the time, the Message-ID, and an activation link no longer kept. */
  async markSent(id: string, messageId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE mail_outbox
          SET status = 'SENT', sent_at = now(), message_id = $2, attempts = attempts + 1, claimed_until = NULL, last_error = NULL,
              payload = CASE WHEN kind = 'ACTIVATION' THEN payload - 'activationUrl' ELSE payload END
        WHERE id = $1 AND status = 'SENDING'
      RETURNING id`,
      [id, messageId],
    );
    return rowCount(rows) > 0;
  }

  /** Not sent this time (the server was unreachable, or answered "try later"): pending again after the backoff. */
  async markRetry(id: string, error: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE mail_outbox
          SET status = 'PENDING', attempts = attempts + 1, last_error = $2, claimed_until = NULL,
              next_attempt_at = now() + make_interval(secs => LEAST($4::float8, $3::float8 * power(2, LEAST(attempts, 20))))
        WHERE id = $1 AND status = 'SENDING'
      RETURNING id`,
      [id, error.slice(0, 2_000), MAIL_BACKOFF_BASE_SECONDS, MAIL_BACKOFF_MAX_SECONDS],
    );
    return rowCount(rows) > 0;
  }

  /** Refused for good (the recipient does not exist, the message cannot be worded): FAILED, with why. */
  async markFailed(id: string, error: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE mail_outbox
          SET status = 'FAILED', attempts = attempts + 1, last_error = $2, claimed_until = NULL
        WHERE id = $1 AND status = 'SENDING'
      RETURNING id`,
      [id, error.slice(0, 2_000)],
    );
    return rowCount(rows) > 0;
  }
}

/** TypeORM answers an UPDATE … RETURNING with [rows, count] on PostgreSQL; the rows alone otherwise. */
function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}

function rowCount(result: unknown): number {
  return returnedRows(result).length;
}
