import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditEntryDto, Page } from '@telework/contracts';

/** One line of the audit log to write. */
export interface AuditLogEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

/** Which lines of the audit log to read (all given filters apply). */
export interface AuditLogFilter {
  entityType?: string;
  entityId?: string;
  /** an exact action, or a prefix ending in "." */
  action?: string;
  actorUserId?: string;
  /** calendar days of Europe/Paris, both included */
  from?: string;
  to?: string;
}

/**
 * Every SQL statement on the audit log. Each method takes the transaction's EntityManager when
 * it runs inside one (the default: the data source's).
 */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entry: AuditLogEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actorUserId, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.details)],
    );
  }

  /** One page of the lines matching `filter`, newest first, with the actor's e-mail, and how many match. */
  async findPage(filter: AuditLogFilter, window: { limit: number; offset: number }): Promise<Page<AuditEntryDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    if (filter.entityType) add('l.entity_type = ?', filter.entityType);
    if (filter.entityId) add('l.entity_id = ?', filter.entityId);
    if (filter.action) {
      if (filter.action.endsWith('.')) add(`starts_with(l.action, ?)`, filter.action);
      else add('l.action = ?', filter.action);
    }
    if (filter.actorUserId) add('l.actor_user_id = ?', filter.actorUserId);
    // calendar days of Europe/Paris, as everywhere in the API
    if (filter.from) add(`l.at >= (?::date)::timestamp AT TIME ZONE 'Europe/Paris'`, filter.from);
    if (filter.to) add(`l.at < (?::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`, filter.to);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const items = await this.dataSource.query(
      `SELECT l.id::text AS id, to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              l.actor_user_id AS "actorUserId", u.email AS "actorEmail", l.action, l.entity_type AS "entityType",
              l.entity_id AS "entityId", l.details
       FROM audit_log l LEFT JOIN users u ON u.id = l.actor_user_id
       ${whereSql}
       ORDER BY l.at DESC, l.id DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, window.limit, window.offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_log l ${whereSql}`, params);
    return { items, total };
  }
}
