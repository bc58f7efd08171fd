import { Body, Controller, Get, HttpCode, Injectable, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';
import { formGroups } from '@telework/planning';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import type { AutoFormGroupsResult, CreateGroupRequest, Page, RotationGroupDto } from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { InjectConfig } from '@telework/server-infrastructure';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { uuidParam } from '../common/uuid-param';

export class GroupResponseDto implements RotationGroupDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() memberCount!: number;
  @ApiProperty() maxSize!: number;
}

export class GroupPageDto {
  @ApiProperty({ type: [GroupResponseDto] }) items!: GroupResponseDto[];
  @ApiProperty() total!: number;
}

export class CreateGroupDto implements CreateGroupRequest {
  @ApiProperty({ example: 'G15' })
  @IsString() @Length(1, 32) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'letters, digits, - and _ only' })
  code!: string;

  @ApiProperty({ example: 'Groupe Solidarités Nord' })
  @IsString() @Length(1, 200)
  name!: string;
}

export class UpdateGroupDto extends PartialType(CreateGroupDto) {}

export class AutoFormGroupsDto {
  @ApiProperty({ required: false, default: false, description: 'also regroup eligible agents who already have a group' })
  @IsOptional() @IsBoolean()
  regroupAll?: boolean;
}

export class AutoFormResultDto implements AutoFormGroupsResult {
  @ApiProperty() groupsCreated!: number;
  @ApiProperty() agentsGrouped!: number;
  @ApiProperty({ type: [GroupResponseDto] }) groups!: GroupResponseDto[];
}

const GROUP_SELECT = `
  SELECT g.id, g.code, g.name, g.max_size AS "maxSize",
         (SELECT count(*)::int FROM agents a WHERE a.group_id = g.id) AS "memberCount"
  FROM rotation_groups g`;

@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async list(query: PageQueryDto): Promise<Page<RotationGroupDto>> {
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(`${GROUP_SELECT} ORDER BY g.code LIMIT $1 OFFSET $2`, [limit, offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM rotation_groups`);
    return { items, total };
  }

  async get(id: string): Promise<RotationGroupDto> {
    const [group] = await this.dataSource.query(`${GROUP_SELECT} WHERE g.id = $1`, [id]);
    if (!group) throw new NotFoundException(`Rotation group ${id} not found`);
    return group;
  }

  async create(actor: AuthUser, body: CreateGroupDto): Promise<RotationGroupDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO rotation_groups (code, name, max_size) VALUES ($1, $2, $3) RETURNING id`,
        [body.code, body.name, this.config.maxGroupSize],
      );
      await this.audit.record(actor, 'group.created', 'rotation_group', id, { ...body }, manager);
      return id as string;
    });
    return this.get(id);
  }

  /**
   * Forms rotation groups with the engine (org units kept whole where they fit, then sites,
   * balanced in size and pool mix) for the eligible agents without a group — or for all of
   * them with `regroupAll`, emptying the old groups. One transaction, audited.
   */
  async autoForm(actor: AuthUser, body: AutoFormGroupsDto): Promise<AutoFormResultDto> {
    const agents: { id: string; siteId: string; orgUnitId: string; pool: string | null }[] = await this.dataSource.query(
      `SELECT a.id, a.site_id AS "siteId", a.org_unit_id AS "orgUnitId", p.code AS pool
       FROM agents a LEFT JOIN capacity_pools p ON p.id = a.access_pool_id
       WHERE a.eligible ${body.regroupAll ? '' : 'AND a.group_id IS NULL'} ORDER BY a.id`,
    );
    const units: { id: string; parent_id: string | null }[] = await this.dataSource.query(`SELECT id, parent_id FROM org_units`);
    const formed = formGroups(agents, {
      maxGroupSize: await this.groupSizeThatFitsThePools(agents),
      orgUnitParent: Object.fromEntries(units.map((unit) => [unit.id, unit.parent_id])),
    });
    const createdIds = await this.dataSource.transaction(async (manager) => {
      if (body.regroupAll) await manager.query(`UPDATE agents SET group_id = NULL WHERE group_id IS NOT NULL`);
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(substring(code FROM '^AUTO-(\\d+)$')::int), 0) + 1 AS next FROM rotation_groups`,
      );
      const ids: string[] = [];
      for (const [i, group] of formed.groups.entries()) {
        const number = String(next + i).padStart(3, '0');
        const [{ id }] = await manager.query(
          `INSERT INTO rotation_groups (code, name, max_size) VALUES ($1, $2, $3) RETURNING id`,
          [`AUTO-${number}`, `Groupe ${number}`, this.config.maxGroupSize],
        );
        await manager.query(`UPDATE agents SET group_id = $1, updated_at = now() WHERE id = ANY($2::uuid[])`, [id, group.agentIds]);
        ids.push(id);
      }
      await this.audit.record(actor, 'groups.auto_formed', 'rotation_group', null, {
        regroupAll: body.regroupAll ?? false, groups: ids.length, agents: agents.length,
      }, manager);
      return ids;
    });
    const groups = await this.dataSource.query(`${GROUP_SELECT} WHERE g.id = ANY($1::uuid[]) ORDER BY g.code`, [createdIds]);
    return { groupsCreated: createdIds.length, agentsGrouped: agents.length, groups };
  }

  /**
   * A whole group is remote at once, so its members of each pool must fit in that pool's
   * seats for STANDARD agents (capacity − reserve): with pools shared in proportion, a group
   * of s agents takes s × share(p) seats of p. The size is the smaller of that and MAX_GROUP_SIZE.
   */
  private async groupSizeThatFitsThePools(agents: { pool: string | null }[]): Promise<number> {
    const pools: { code: string; capacity: number; reserve: number }[] = await this.dataSource.query(
      `SELECT code, capacity, reserve FROM capacity_pools`,
    );
    let size = this.config.maxGroupSize;
    for (const pool of pools) {
      const members = agents.filter((agent) => agent.pool === pool.code).length;
      if (members === 0) continue;
      const share = members / agents.length;
      size = Math.min(size, Math.max(1, Math.floor((pool.capacity - pool.reserve) / share)));
    }
    return size;
  }

  async update(actor: AuthUser, id: string, body: UpdateGroupDto): Promise<RotationGroupDto> {
    const before = await this.get(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE rotation_groups SET code = COALESCE($2, code), name = COALESCE($3, name), updated_at = now() WHERE id = $1`,
        [id, body.code ?? null, body.name ?? null],
      );
      await this.audit.record(actor, 'group.updated', 'rotation_group', id, { before, changes: { ...body } }, manager);
    });
    return this.get(id);
  }
}

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOkResponse({ type: GroupPageDto })
  list(@Query() query: PageQueryDto) {
    return this.groups.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: GroupResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.groups.get(id);
  }

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiCreatedResponse({ type: GroupResponseDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateGroupDto) {
    return this.groups.create(user, body);
  }

  @Post('auto-form')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: AutoFormResultDto, description: 'groups formed by the planning engine' })
  autoForm(@CurrentUser() user: AuthUser, @Body() body: AutoFormGroupsDto) {
    return this.groups.autoForm(user, body);
  }

  @Patch(':id')
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: GroupResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdateGroupDto) {
    return this.groups.update(user, id, body);
  }
}
