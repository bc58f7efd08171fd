import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One line of a feed: the agent, and one of its half-days to show (null date and period: none in
 * the window): REMOTE, NO_WORKPLACE, or ON_SITE inside a continuity event.
 */
export interface FeedRow {
  agent_id: string;
  agent_name: string;
  date: string | null;
  period: 'AM' | 'PM' | null;
  mode: 'REMOTE' | 'NO_WORKPLACE' | 'ON_SITE' | null;
  /** NO_WORKPLACE: the coded why as JSON text */
  why: string | null;
  /** the continuity event's label */
  event_label: string | null;
  /** the plan version that last set the half-day */
  plan_version: number | null;
}

/**
 * Every SQL statement of the iCal feed: the calendar token of a user account and the REMOTE
 * half-days it shows. Each method takes the transaction's EntityManager when it runs inside one
 * (the default: the data source's).
 */
@Injectable()
export class CalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The active user's calendar token, `token` stored first when it has none; undefined for an unknown or inactive user. */
  async tokenOrSet(userId: string, token: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row]: { calendar_token: string }[] = await manager.query(
      `WITH updated AS (
         UPDATE users SET calendar_token = coalesce(calendar_token, $2) WHERE id = $1 AND active RETURNING calendar_token
       ) SELECT calendar_token FROM updated`,
      [userId, token],
    );
    return row?.calendar_token;
  }

  /** Replaces the active user's calendar token; false for an unknown or inactive user. */
  async replaceToken(userId: string, token: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query(
      `WITH updated AS (UPDATE users SET calendar_token = $2 WHERE id = $1 AND active RETURNING id) SELECT id FROM updated`,
      [userId, token],
    );
    return rows.length > 0;
  }

  /**
   * The agent of the active account holding `token`, with its half-days of [from, to] to show,
   * in time order: REMOTE and NO_WORKPLACE ones, and ON_SITE ones a continuity event set (one row
   * with a null date when it has none); no row for an unknown token. The token (unguessable,
   * unique, indexed) is the lookup key.
   */
  async feedRows(token: string, from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<FeedRow[]> {
    return manager.query(
      `SELECT a.id AS agent_id, a.first_name || ' ' || a.last_name AS agent_name,
              to_char(s.date, 'YYYY-MM-DD') AS date, s.period, s.mode, s.reason::text AS why, e.label AS event_label, s.plan_version
       FROM users u
       JOIN agents a ON a.id = u.agent_id
       LEFT JOIN assignments s ON s.agent_id = a.id AND s.date BETWEEN $2 AND $3
         AND (s.mode IN ('REMOTE', 'NO_WORKPLACE') OR (s.mode = 'ON_SITE' AND s.continuity_event_id IS NOT NULL))
       LEFT JOIN continuity_events e ON e.id = s.continuity_event_id
       WHERE u.calendar_token = $1 AND u.active
       ORDER BY s.date, s.period`,
      [token, from, to],
    );
  }
}
