import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NoticeDto, Page } from '@telework/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { pageWindow } from '../common/pagination';
import { MarkNoticesReadDto, NoticeQueryDto } from './schedules.dto';

/** In-app notices (e.g. "your schedule changed"), each agent its own only. */
@Injectable()
export class NoticesService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first. A user with no agent (a bare administrator account) has none. */
  async list(user: AuthUser, query: NoticeQueryDto): Promise<Page<NoticeDto>> {
    if (!user.agentId) return { items: [], total: 0 };
    const { limit, offset } = pageWindow(query);
    const unreadOnly = query.unread === true;
    const rows: (NoticeDto & { total: number })[] = await this.dataSource.query(
      `SELECT id::text AS id, kind, message,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
              to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readAt",
              count(*) OVER ()::int AS total
       FROM notices
       WHERE agent_id = $1 AND (NOT $2 OR read_at IS NULL)
       ORDER BY created_at DESC, id DESC
       LIMIT $3 OFFSET $4`,
      [user.agentId, unreadOnly, limit, offset],
    );
    let total = rows[0]?.total;
    if (total === undefined) {
      // past the last page: count apart so the total stays right
      [{ total }] = await this.dataSource.query(
        `SELECT count(*)::int AS total FROM notices WHERE agent_id = $1 AND (NOT $2 OR read_at IS NULL)`,
        [user.agentId, unreadOnly],
      );
    }
    return {
      items: rows.map((row) => ({ id: row.id, kind: row.kind, message: row.message, createdAt: row.createdAt, readAt: row.readAt })),
      total,
    };
  }

  /** Marks the given notices of the caller read (all of them when no ids are given). */
  async markRead(user: AuthUser, body: MarkNoticesReadDto): Promise<{ updated: number }> {
    if (!user.agentId) return { updated: 0 };
    const rows = await this.dataSource.query(
      `WITH updated AS (
         UPDATE notices SET read_at = now()
         WHERE agent_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
         RETURNING id
       ) SELECT count(*)::int AS updated FROM updated`,
      [user.agentId, body.ids ?? null],
    );
    return { updated: rows[0].updated };
  }
}
