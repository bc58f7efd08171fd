import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CreateSiteRequest, Page, SiteDto } from '@telework/contracts';

const SITE_SELECT = `
  SELECT s.id, s.code, s.name, s.capacity,
         (SELECT count(*)::int FROM agents a WHERE a.site_id = s.id) AS "agentCount"
  FROM sites s`;

/**
 * Every SQL statement on sites. Each method takes the transaction's EntityManager when it runs
 * inside one (the default: the data source's).
 */
@Injectable()
export class SitesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the sites by code, with how many there are. */
  async findPage(window: { limit: number; offset: number }): Promise<Page<SiteDto>> {
    const items = await this.dataSource.query(`${SITE_SELECT} ORDER BY s.code LIMIT $1 OFFSET $2`, [window.limit, window.offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM sites`);
    return { items, total };
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<SiteDto | undefined> {
    const [site] = await manager.query(`${SITE_SELECT} WHERE s.id = $1`, [id]);
    return site;
  }

  /** Inserts the site; answers its id. */
  async insert(site: CreateSiteRequest, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO sites (code, name, capacity) VALUES ($1, $2, $3) RETURNING id`,
      [site.code, site.name, site.capacity],
    );
    return id;
  }

  /** Writes the fields given (the others unchanged) and stamps updated_at. */
  async update(id: string, changes: Partial<CreateSiteRequest>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE sites SET code = COALESCE($2, code), name = COALESCE($3, name),
              capacity = COALESCE($4, capacity), updated_at = now() WHERE id = $1`,
      [id, changes.code ?? null, changes.name ?? null, changes.capacity ?? null],
    );
  }
}
