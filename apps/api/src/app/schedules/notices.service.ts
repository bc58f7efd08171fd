import { Injectable } from '@nestjs/common';
import type { NoticeDto, Page } from '@telework/contracts';
import type { AuthUser } from '../auth/auth.decorators';
import { pageWindow } from '../common/pagination';
import { NoticesRepository } from './notices.repository';
import { MarkNoticesReadDto, NoticeQueryDto } from './schedules.dto';

/** In-app notices (e.g. "your schedule changed"), each agent its own only. */
@Injectable()
export class NoticesService {
  constructor(private readonly notices: NoticesRepository) {}

  /** Newest first. A user with no agent (a bare administrator account) has none. */
  async list(user: AuthUser, query: NoticeQueryDto): Promise<Page<NoticeDto>> {
    if (!user.agentId) return { items: [], total: 0 };
    const { limit, offset } = pageWindow(query);
    const unreadOnly = query.unread === true;
    const rows = await this.notices.findPage(user.agentId, unreadOnly, { limit, offset });
    // past the last page: count apart so the total stays right
    const total = rows[0]?.total ?? await this.notices.count(user.agentId, unreadOnly);
    return {
      items: rows.map((row) => ({
        id: row.id, kind: row.kind, message: row.message, createdAt: row.createdAt, readAt: row.readAt,
        // only on a notice of a change a continuity event made
        ...(row.continuityEventId ? { continuityEventId: row.continuityEventId } : {}),
      })),
      total,
    };
  }

  /** Marks the given notices of the caller read (all of them when no ids are given). */
  async markRead(user: AuthUser, body: MarkNoticesReadDto): Promise<{ updated: number }> {
    if (!user.agentId) return { updated: 0 };
    return { updated: await this.notices.markRead(user.agentId, body.ids ?? null) };
  }
}
