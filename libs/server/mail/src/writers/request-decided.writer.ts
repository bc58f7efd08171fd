import type { RequestDecidedMailPayload } from '@telework/contracts';
import { mailableAccount, returnedCount, SqlRunner } from './outbox-sql';

export interface RequestDecidedMail {
  /** the agent whose request was decided */
  agentId: string;
  /** the account that decided: its agent's name is the mail's `decidedBy` (null for an account without agent) */
  deciderUserId: string;
  /** what the mail says, but the agent's first name and the decider's name (read here) */
  payload: Omit<RequestDecidedMailPayload, 'firstName' | 'decidedBy'>;
}

/**
 * The REQUEST_DECIDED mail of a decision, in the decision's transaction: one row for the
 * agent's account when it is active and has not switched this kind off, in its language
 * (none otherwise). A request is decided once, so its key is the request's. Answers the rows written (0 or 1).
 */
export async function writeRequestDecidedMail(db: SqlRunner, mail: RequestDecidedMail): Promise<number> {
  const result = await db.query(
    `INSERT INTO mail_outbox (kind, user_id, recipient, language, payload, dedupe_key)
     SELECT 'REQUEST_DECIDED', u.id, u.email, u.language,
            $2::jsonb || jsonb_build_object(
              'firstName', a.first_name,
              'decidedBy', (SELECT d.first_name || ' ' || d.last_name FROM users du JOIN agents d ON d.id = du.agent_id WHERE du.id = $3)),
            'request-decided:' || $4
     FROM users u JOIN agents a ON a.id = u.agent_id
     WHERE u.agent_id = $1 AND ${mailableAccount('u', `'REQUEST_DECIDED'`)}
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [mail.agentId, JSON.stringify(mail.payload), mail.deciderUserId, mail.payload.requestId],
  );
  return returnedCount(result);
}
