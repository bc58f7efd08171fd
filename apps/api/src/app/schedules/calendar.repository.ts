import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** One line of a feed: the agent, and one of its REMOTE half-days (null date and period: none in the window). */
export interface FeedRow {
  agent_id: string;
  agent_name: string;
  date: string | null;
  period: 'AM' | 'PM' | null;
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
   * The agent of the active account holding `token`, with its REMOTE half-days of [from, to] in
   * time order (one row with a null date when it has none); no row for an unknown token. The
   * token (unguessable, unique, indexed) is the lookup key.
   */
  async feedRows(token: string, from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<FeedRow[]> {
    return manager.query(
      `SELECT a.id AS agent_id, a.first_name || ' ' || a.last_name AS agent_name,
              to_char(s.date, 'YYYY-MM-DD') AS date, s.period
       FROM users u
       JOIN agents a ON a.id = u.agent_id
       LEFT JOIN assignments s ON s.agent_id = a.id AND s.mode = 'REMOTE' AND s.date BETWEEN $2 AND $3
       WHERE u.calendar_token = $1 AND u.active
       ORDER BY s.date, s.period`,
      [token, from, to],
    );
  }
}
