import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { OrgUnitDto, Page } from '@telework/contracts';
import { PageQueryDto, pageWindow } from '../common/pagination';

export class OrgUnitResponseDto implements OrgUnitDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) managerAgentId!: string | null;
  @ApiProperty() agentCount!: number;
}

export class OrgUnitPageDto {
  @ApiProperty({ type: [OrgUnitResponseDto] }) items!: OrgUnitResponseDto[];
  @ApiProperty() total!: number;
}

@Injectable()
export class OrgUnitsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: PageQueryDto): Promise<Page<OrgUnitDto>> {
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(
      `SELECT o.id, o.code, o.name, o.parent_id AS "parentId", o.manager_agent_id AS "managerAgentId",
              (SELECT count(*)::int FROM agents a WHERE a.org_unit_id = o.id) AS "agentCount"
       FROM org_units o ORDER BY o.code LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM org_units`);
    return { items, total };
  }
}

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly orgUnits: OrgUnitsService) {}

  @Get()
  @ApiOkResponse({ type: OrgUnitPageDto })
  list(@Query() query: PageQueryDto) {
    return this.orgUnits.list(query);
  }
}
