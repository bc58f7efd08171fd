import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NoticeDto } from '@telework/contracts';

/**
 * Every SQL statement on in-app notices (the nightly plan's own are written by
 * libs/server/planning-data's plan.writer.ts). Each method takes the transaction's EntityManager
 * when it runs inside one (the default: the data source's).
 */
@Injectable()
export class NoticesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the agent's notices (only the unread ones when asked), newest first, each with the total of all pages. */
  async findPage(
    agentId: string,
    unreadOnly: boolean,
    window: { limit: number; offset: number },
  ): Promise<(NoticeDto & { total: number })[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, kind, message,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
              to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readAt",
              details->>'continuityEventId' AS "continuityEventId",
              count(*) OVER ()::int AS total
       FROM notices
       WHERE agent_id = $1 AND (NOT $2 OR read_at IS NULL)
       ORDER BY created_at DESC, id DESC
       LIMIT $3 OFFSET $4`,
      [agentId, unreadOnly, window.limit, window.offset],
    );
  }

  /** How many notices the agent has (only the unread ones when asked). */
  async count(agentId: string, unreadOnly: boolean): Promise<number> {
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM notices WHERE agent_id = $1 AND (NOT $2 OR read_at IS NULL)`,
      [agentId, unreadOnly],
    );
    return total;
  }

  /** Marks the agent's unread notices of those ids read (all of them when ids is null); answers how many. */
  async markRead(agentId: string, ids: string[] | null): Promise<number> {
    const rows = await this.dataSource.query(
      `WITH updated AS (
         UPDATE notices SET read_at = now()
         WHERE agent_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
         RETURNING id
       ) SELECT count(*)::int AS updated FROM updated`,
      [agentId, ids],
    );
    return rows[0].updated;
  }

  /** The notice of a request's decision to its agent (REQUEST_DECIDED), with its details as jsonb. */
  async addRequestDecided(
    agentId: string,
    message: string,
    details: Record<string, unknown>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO notices (agent_id, kind, message, details) VALUES ($1, 'REQUEST_DECIDED', $2, $3)`,
      [agentId, message, JSON.stringify(details)],
    );
  }
}
