import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CreateGroupRequest, Page, RotationGroupDto } from '@telework/contracts';

const GROUP_SELECT = `
  SELECT g.id, g.code, g.name, g.max_size AS "maxSize",
         (SELECT count(*)::int FROM agents a WHERE a.group_id = g.id) AS "memberCount"
  FROM rotation_groups g`;

/** A published calendar as a regrouping's impact names it. */
export interface PublishedCalendarRow {
  id: string;
  version: number;
  from: string;
  to: string;
}

/**
 * Every SQL statement on rotation groups, and what the groups mean to the published plan and the
 * pools' seats. Each method takes the transaction's EntityManager when it runs inside one (the
 * default: the data source's).
 */
@Injectable()
export class GroupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the groups by code, each with its member count, and how many there are. */
  async findPage(window: { limit: number; offset: number }): Promise<Page<RotationGroupDto>> {
    const items = await this.dataSource.query(`${GROUP_SELECT} ORDER BY g.code LIMIT $1 OFFSET $2`, [window.limit, window.offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM rotation_groups`);
    return { items, total };
  }

  async findById(id: string): Promise<RotationGroupDto | undefined> {
    const [group] = await this.dataSource.query(`${GROUP_SELECT} WHERE g.id = $1`, [id]);
    return group;
  }

  /** These groups, by code. */
  async findByIds(ids: string[]): Promise<RotationGroupDto[]> {
    return this.dataSource.query(`${GROUP_SELECT} WHERE g.id = ANY($1::uuid[]) ORDER BY g.code`, [ids]);
  }

  /** Inserts the group; answers its id. */
  async insert(group: CreateGroupRequest & { maxSize: number }, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO rotation_groups (code, name, max_size) VALUES ($1, $2, $3) RETURNING id`,
      [group.code, group.name, group.maxSize],
    );
    return id;
  }

  /** Writes the fields given (the others unchanged) and stamps updated_at. */
  async update(id: string, changes: Partial<CreateGroupRequest>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE rotation_groups SET code = COALESCE($2, code), name = COALESCE($3, name), updated_at = now() WHERE id = $1`,
      [id, changes.code ?? null, changes.name ?? null],
    );
  }

  /** The number after the highest AUTO-nnn group code (1 when there is none). */
  async nextAutoNumber(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ next }] = await manager.query(
      `SELECT coalesce(max(substring(code FROM '^AUTO-(\\d+)$')::int), 0) + 1 AS next FROM rotation_groups`,
    );
    return next;
  }

  /** Keeps publications out (and waits for them) until the transaction ends: rotation_calendars in SHARE ROW EXCLUSIVE mode. */
  async lockPublications(manager: EntityManager): Promise<void> {
    await manager.query(`LOCK TABLE rotation_calendars IN SHARE ROW EXCLUSIVE MODE`);
  }

  /** The published calendars still running on `from` that name, on or after it, a group with eligible members; by version. */
  async findPublishedCalendarsNamingMembers(from: string, manager: EntityManager = this.dataSource.manager): Promise<PublishedCalendarRow[]> {
    return manager.query(
      `SELECT rc.id, rc.version, to_char(rc.period_from, 'YYYY-MM-DD') AS from, to_char(rc.period_to, 'YYYY-MM-DD') AS to
       FROM rotation_calendars rc
       WHERE rc.status = 'PUBLISHED' AND rc.period_to >= $1::date
         AND EXISTS (SELECT 1 FROM rotation_cells c JOIN agents a ON a.group_id = c.group_id AND a.eligible
                     WHERE c.calendar_id = rc.id AND c.date >= $1::date)
       ORDER BY rc.version`,
      [from],
    );
  }

  /**
   * Of the groups those calendars name from `from` on: how many have eligible members, how many
   * those members are, and the REMOTE half-days the rotation gives them from `from` on.
   */
  async countNamedMembers(
    from: string,
    calendarIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ groups: number; agents: number; remoteHalfDays: number }> {
    const [figures] = await manager.query(
      `WITH named AS (
         SELECT DISTINCT c.group_id FROM rotation_cells c WHERE c.calendar_id = ANY($2::uuid[]) AND c.date >= $1::date
       ), members AS (
         SELECT a.id, a.group_id FROM agents a JOIN named n ON n.group_id = a.group_id WHERE a.eligible
       )
       SELECT (SELECT count(DISTINCT group_id)::int FROM members) AS groups,
              (SELECT count(*)::int FROM members) AS agents,
              (SELECT count(*)::int FROM assignments s JOIN members m ON m.id = s.agent_id
               WHERE s.date >= $1::date AND s.mode = 'REMOTE' AND s.source = 'ROTATION') AS "remoteHalfDays"`,
      [from, calendarIds],
    );
    return figures;
  }

  /** Every capacity pool's code, capacity and reserve. */
  async findPoolSeats(): Promise<{ code: string; capacity: number; reserve: number }[]> {
    return this.dataSource.query(`SELECT code, capacity, reserve FROM capacity_pools`);
  }
}
