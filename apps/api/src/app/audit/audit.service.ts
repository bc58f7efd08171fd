import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';

/** Who changed what, and when. Written in the same transaction as the change when given one. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    actor: AuthUser | null,
    action: string,
    entityType: string,
    entityId: string | null,
    details: Record<string, unknown> = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5)`,
      [actor?.userId ?? null, action, entityType, entityId, JSON.stringify(details)],
    );
  }
}
