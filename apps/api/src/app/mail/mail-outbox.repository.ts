import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAIL_STATUSES } from '@telework/contracts';
import type { MailOutboxEntryDto, MailStatus } from '@telework/contracts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ENTRY_COLUMNS = `
  id::text AS id, kind, recipient, language, status, attempts, last_error AS "lastError",
  to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS "createdAt",
  CASE WHEN status IN ('PENDING', 'SENDING') THEN to_char(next_attempt_at AT TIME ZONE 'UTC', ${ISO}) END AS "nextAttemptAt",
  to_char(sent_at AT TIME ZONE 'UTC', ${ISO}) AS "sentAt"`;

/** HR's view of the outbox: rows newest first (never their payload), the counts by status, a retry. */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(status: MailStatus | null, limit: number, offset: number): Promise<{ items: MailOutboxEntryDto[]; total: number }> {
    const items: MailOutboxEntryDto[] = await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM mail_outbox WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [status, limit, offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM mail_outbox WHERE ($1::text IS NULL OR status = $1)`, [status]);
    return { items: items.map((item) => ({ ...item, attempts: Number(item.attempts) })), total: Number(total) };
  }

  async counts(): Promise<Record<MailStatus, number>> {
    const rows: { status: MailStatus; count: number }[] = await this.dataSource.query(`SELECT status, count(*)::int AS count FROM mail_outbox GROUP BY status`);
    const counts = Object.fromEntries(MAIL_STATUSES.map((status) => [status, 0])) as Record<MailStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  async find(id: string): Promise<MailOutboxEntryDto | null> {
    const [row] = await this.dataSource.query(`SELECT ${ENTRY_COLUMNS} FROM mail_outbox WHERE id = $1`, [id]);
    return row ? { ...row, attempts: Number(row.attempts) } : null;
  }

  /** FAILED → PENDING, due now, its error kept until the next attempt; null when the row is not FAILED (any more). */
  async retryFailed(id: string): Promise<MailOutboxEntryDto | null> {
    const result = await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'PENDING', next_attempt_at = now(), claimed_until = NULL WHERE id = $1 AND status = 'FAILED' RETURNING id`,
      [id],
    );
    const updated = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
    return Array.isArray(updated) && updated.length > 0 ? this.find(id) : null;
  }
}
