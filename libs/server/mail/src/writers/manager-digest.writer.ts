import { frenchPublicHolidays, isoWeekday } from '@telework/planning';
import { ISO_TIMESTAMP_SQL, mailableAccount, returnedCount, SqlRunner } from './outbox-sql';

/** A digest lists at most this many requests; `total` counts them all. */
export const DIGEST_LIST_LIMIT = 50;

/** Whether `date` (YYYY-MM-DD, Europe/Paris) is a working day: not a Saturday, a Sunday or a French public holiday. */
export function isDigestDay(date: string): boolean {
  return isoWeekday(date) <= 5 && frenchPublicHolidays(date, date).length === 0;
}

/** The dedupe key of a manager's digest of a day: one per account and day, whoever writes it. */
export const digestKey = (userId: string, date: string): string => `digest:${userId}:${date}`;

/**
 * The managers' morning digests of `date` (YYYY-MM-DD, Europe/Paris), in one statement: one
 * MANAGER_DIGEST row per active MANAGER account, not opted out, whose team has PENDING requests,
 * listing them as its approvals page does (GET /api/requests?status=PENDING with the team scope:
 * the org units its agent manages and every unit below, TEAM_UNITS_CTE of the API) in the same
 * order, without its own requests (a manager does not decide those), at most DIGEST_LIST_LIMIT
 * with `total` exact. Nothing on a weekend or a public holiday; written twice the same day (a
 * retried job, two processes) it stays one row (dedupe_key, ON CONFLICT DO NOTHING). Answers
 * the number of rows written.
 */
export async function writeManagerDigests(db: SqlRunner, date: string): Promise<number> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`writeManagerDigests: expected a date YYYY-MM-DD, got "${date}"`);
  if (!isDigestDay(date)) return 0;
  const result = await db.query(
    `WITH RECURSIVE managers AS (
       SELECT u.id AS user_id, u.agent_id, u.email, u.language, ag.first_name
       FROM users u JOIN agents ag ON ag.id = u.agent_id
       WHERE u.role = 'MANAGER' AND ${mailableAccount('u', `'MANAGER_DIGEST'`)}
     ), team(manager_agent_id, unit_id) AS (
       SELECT o.manager_agent_id, o.id FROM org_units o WHERE o.manager_agent_id IN (SELECT agent_id FROM managers)
       UNION
       SELECT t.manager_agent_id, child.id FROM org_units child JOIN team t ON child.parent_id = t.unit_id
     ), waiting AS (
       SELECT m.user_id, r.id, r.date, r.period, r.created_at, a.first_name || ' ' || a.last_name AS agent_name,
              row_number() OVER (PARTITION BY m.user_id
                ORDER BY r.date, r.period, lower(a.last_name), lower(a.first_name), r.created_at, r.id) AS n,
              count(*) OVER (PARTITION BY m.user_id) AS total
       FROM managers m
       JOIN team t ON t.manager_agent_id = m.agent_id
       JOIN agents a ON a.org_unit_id = t.unit_id
       JOIN telework_requests r ON r.agent_id = a.id AND r.status = 'PENDING'
       WHERE r.agent_id <> m.agent_id
     )
     INSERT INTO mail_outbox (kind, user_id, recipient, language, payload, dedupe_key)
     SELECT 'MANAGER_DIGEST', m.user_id, m.email, m.language,
            jsonb_build_object(
              'firstName', m.first_name, 'date', $1::text, 'total', max(w.total)::int,
              'requests', jsonb_agg(jsonb_build_object(
                'requestId', w.id::text, 'agentName', w.agent_name,
                'halfDays', jsonb_build_array(jsonb_build_object('date', to_char(w.date, 'YYYY-MM-DD'), 'period', w.period)),
                'createdAt', to_char(w.created_at AT TIME ZONE 'UTC', ${ISO_TIMESTAMP_SQL})
              ) ORDER BY w.n) FILTER (WHERE w.n <= $2)),
            'digest:' || m.user_id::text || ':' || $1::text
     FROM managers m JOIN waiting w ON w.user_id = m.user_id
     GROUP BY m.user_id, m.email, m.language, m.first_name
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [date, DIGEST_LIST_LIMIT],
  );
  return returnedCount(result);
}
