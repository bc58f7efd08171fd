import { returnedCount, SqlRunner } from './outbox-sql';

export interface ActivationMail {
  agentId: string;
  /** PUBLIC_URL/activation?token=… (the token itself: only its hash is stored on the account) */
  activationUrl: string;
  /** ISO instant after which the link no longer works */
  expiresAt: string;
}

/**
 * The ACTIVATION mails of an invitation, in its transaction, set-based: one row per invited
 * agent whose account is pending (not active), to its e-mail, in its language (this kind cannot
 * be switched off). A link still waiting in the outbox for the same account died with the new
 * one: that row goes, so an agent never receives a dead link after the live one. Answers the rows written.
 */
export async function writeActivationMails(db: SqlRunner, mails: ActivationMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const result = await db.query(
    `WITH invited AS (
       SELECT u.id AS user_id, u.email, u.language, a.first_name, a.last_name, m.url, m.expires_at
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS m(agent_id, url, expires_at)
       JOIN users u ON u.agent_id = m.agent_id AND NOT u.active
       JOIN agents a ON a.id = m.agent_id
     ), dead_links AS (
       DELETE FROM mail_outbox o USING invited i
       WHERE o.user_id = i.user_id AND o.kind = 'ACTIVATION' AND o.status = 'PENDING'
     )
     INSERT INTO mail_outbox (kind, user_id, recipient, language, payload)
     SELECT 'ACTIVATION', i.user_id, i.email, i.language,
            jsonb_build_object('firstName', i.first_name, 'lastName', i.last_name, 'activationUrl', i.url, 'expiresAt', i.expires_at)
     FROM invited i
     RETURNING id`,
    [mails.map((m) => m.agentId), mails.map((m) => m.activationUrl), mails.map((m) => m.expiresAt)],
  );
  return returnedCount(result);
}
