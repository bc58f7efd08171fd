import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditLogRepository } from './audit-log.repository';

/** Who changed what, and when. Written in the same transaction as the change when given one. */
@Injectable()
export class AuditService {
  private readonly log: AuditLogRepository;

  /** CoreModule provides this writer to every area with the data source alone: the repository is built here rather than injected. */
  constructor(dataSource: DataSource) {
    this.log = new AuditLogRepository(dataSource);
  }

  async record(
    actor: AuthUser | null,
    action: string,
    entityType: string,
    entityId: string | null,
    details: Record<string, unknown> = {},
    manager?: EntityManager,
  ): Promise<void> {
    await this.log.insert({ actorUserId: actor?.userId ?? null, action, entityType, entityId, details }, manager);
  }
}
