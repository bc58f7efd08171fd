import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrgUnitDto, Page } from '@telework/contracts';

/** Every SQL statement on org units. */
@Injectable()
export class OrgUnitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the org units by code, each with its agent count, and how many there are. */
  async findPage(window: { limit: number; offset: number }): Promise<Page<OrgUnitDto>> {
    const items = await this.dataSource.query(
      `SELECT o.id, o.code, o.name, o.parent_id AS "parentId", o.manager_agent_id AS "managerAgentId",
              (SELECT count(*)::int FROM agents a WHERE a.org_unit_id = o.id) AS "agentCount"
       FROM org_units o ORDER BY o.code LIMIT $1 OFFSET $2`,
      [window.limit, window.offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM org_units`);
    return { items, total };
  }

  /** Every org unit's parent (null: a root), by the unit's id. */
  async findParents(): Promise<Record<string, string | null>> {
    const units: { id: string; parent_id: string | null }[] = await this.dataSource.query(`SELECT id, parent_id FROM org_units`);
    return Object.fromEntries(units.map((unit) => [unit.id, unit.parent_id]));
  }
}
