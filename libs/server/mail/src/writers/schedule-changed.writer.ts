import { mailableAccount, returnedCount, SqlRunner } from './outbox-sql';

/**
 * The temp table the plan writer fills with every changed half-day of a plan (writePlan of
 * @telework/planning-data), one row per agent × half-day: agent_id, date, period, before_mode
 * (null: not planned before), after_mode (null: no longer planned), why (the coded reason of an
 * after_mode NO_WORKPLACE, jsonb) and event_id (the continuity event the change falls in).
 */
export const CHANGED_HALF_DAYS_TABLE = 'changed_half_days';

export interface ScheduleChangedMails {
  from: string;
  to: string;
  planVersion: number;
  /** continuity event id → label, for the event named in a mail (an unknown id is named by itself, as the notice does) */
  eventLabels: ReadonlyMap<string, string>;
}

/**
 * The SCHEDULE_CHANGED mails of a plan, in its transaction, in one INSERT … SELECT: one row per
 * changed agent with an active account that has not switched this kind off, in its language,
 * listing only its changed half-days in time order (before and after modes, the coded why of a
 * NO_WORKPLACE), built with jsonb_agg from the plan writer's `changed_half_days`. The event
 * named is the one the notice names (the smallest event id among the agent's changes). One per
 * agent and plan version (dedupe key). Answers the rows written.
 */
export async function writeScheduleChangedMails(db: SqlRunner, mails: ScheduleChangedMails): Promise<number> {
  const labels = [...mails.eventLabels];
  const result = await db.query(
    `INSERT INTO mail_outbox (kind, user_id, recipient, language, payload, dedupe_key)
     SELECT 'SCHEDULE_CHANGED', u.id, u.email, u.language,
            jsonb_build_object('firstName', a.first_name, 'from', $1::text, 'to', $2::text, 'planVersion', $3::int,
                               'eventLabel', CASE WHEN c.event_id IS NOT NULL THEN coalesce(l.label, c.event_id) END,
                               'changes', c.changes),
            'schedule:' || $3::text || ':' || u.id::text
     FROM (
       SELECT agent_id, min(event_id::text) AS event_id,
              jsonb_agg(
                jsonb_build_object('date', to_char(date, 'YYYY-MM-DD'), 'period', period, 'before', before_mode, 'after', after_mode)
                || CASE WHEN after_mode = 'NO_WORKPLACE' THEN jsonb_build_object('why', why) ELSE '{}'::jsonb END
                ORDER BY date, period) AS changes
       FROM ${CHANGED_HALF_DAYS_TABLE} GROUP BY agent_id
     ) c
     JOIN users u ON u.agent_id = c.agent_id AND ${mailableAccount('u', `'SCHEDULE_CHANGED'`)}
     JOIN agents a ON a.id = c.agent_id
     LEFT JOIN unnest($4::text[], $5::text[]) AS l(id, label) ON l.id = c.event_id
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [mails.from, mails.to, mails.planVersion, labels.map(([id]) => id), labels.map(([, label]) => label)],
  );
  return returnedCount(result);
}
