import { Body, Controller, Get, HttpCode, Injectable, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, PartialType,
} from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { formGroups } from '@telework/planning';
import { sharePlanningDataLock } from '@telework/planning-data';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import type {
  AutoFormGroupsRequest, AutoFormGroupsResult, CreateGroupRequest, Page, PublishedPlanImpact, RotationGroupDto,
} from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { IDENTIFIER_FORMAT, IDENTIFIER_PATTERN } from '../common/identifier';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { conflictProblem, notFoundProblem } from '../common/problems';
import { uuidParam } from '../common/uuid-param';
import { IsOmittable } from '../common/optional';

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
  @IsString() @Length(1, 32) @Matches(IDENTIFIER_PATTERN, { context: IDENTIFIER_FORMAT })
  code!: string;

  @ApiProperty({ example: 'Groupe Solidarités Nord' })
  @IsString() @Length(1, 200)
  name!: string;
}

export class UpdateGroupDto extends PartialType(CreateGroupDto, { skipNullProperties: false }) {}

export class AutoFormGroupsDto implements AutoFormGroupsRequest {
  @ApiProperty({ required: false, default: false, description: 'also regroup eligible agents who already have a group' })
  @IsOmittable() @IsBoolean()
  regroupAll?: boolean;

  @ApiProperty({ required: false, default: false, description: 'answer what would be done (groups, change to the published plan) and change nothing' })
  @IsOmittable() @IsBoolean()
  dryRun?: boolean;

  @ApiProperty({
    required: false, default: false,
    description: 'with regroupAll: required when the published plan would change (the groups it names are emptied); without it, 409 with the figures',
  })
  @IsOmittable() @IsBoolean()
  confirm?: boolean;
}

export class PublishedCalendarRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class PublishedPlanImpactDto implements PublishedPlanImpact {
  @ApiProperty({ description: 'the figures count from this date (today)' }) from!: string;
  @ApiProperty({ type: [PublishedCalendarRefDto] }) calendars!: PublishedCalendarRefDto[];
  @ApiProperty({ description: 'groups named by those calendars that would be emptied' }) groups!: number;
  @ApiProperty({ description: 'their eligible members, moved to new groups no published calendar names' }) agents!: number;
  @ApiProperty({ description: 'REMOTE half-days the published rotation gives them: on site from the next allocation run' }) remoteHalfDays!: number;
}

export class AutoFormResultDto implements AutoFormGroupsResult {
  @ApiProperty() groupsCreated!: number;
  @ApiProperty() agentsGrouped!: number;
  @ApiProperty({ type: [GroupResponseDto] }) groups!: GroupResponseDto[];
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: PublishedPlanImpactDto, nullable: true }) publishedPlan!: PublishedPlanImpactDto | null;
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
    private readonly clock: PlanningClock,
  ) {}

  async list(query: PageQueryDto): Promise<Page<RotationGroupDto>> {
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(`${GROUP_SELECT} ORDER BY g.code LIMIT $1 OFFSET $2`, [limit, offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM rotation_groups`);
    return { items, total };
  }

  async get(id: string): Promise<RotationGroupDto> {
    const [group] = await this.dataSource.query(`${GROUP_SELECT} WHERE g.id = $1`, [id]);
    if (!group) throw notFoundProblem({ code: 'GROUP_NOT_FOUND' }, `Rotation group ${id} not found`);
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
   *
   * Emptying groups a published calendar still names takes their members out of the published
   * rotation: from the next allocation run they are on site on every half-day until a new
   * calendar is published. So with `regroupAll` the answer says what changes to the published
   * plan (`publishedPlan`), and when something does, the change needs `confirm: true` (else 409
   * with the same figures). `dryRun` answers the figures and changes nothing.
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
    if (body.dryRun) {
      const publishedPlan = body.regroupAll ? await this.publishedPlanImpact(this.dataSource.manager) : null;
      return { groupsCreated: formed.groups.length, agentsGrouped: agents.length, groups: [], dryRun: true, publishedPlan };
    }
    const { createdIds, publishedPlan } = await this.dataSource.transaction(async (manager) => {
      let impact: PublishedPlanImpact | null = null;
      if (body.regroupAll) {
        // publications wait for the regrouping (and the other way round): the figures stay true
        await sharePlanningDataLock(manager); // before the table lock: a publication's write takes them in this order
        await manager.query(`LOCK TABLE rotation_calendars IN SHARE ROW EXCLUSIVE MODE`);
        impact = await this.publishedPlanImpact(manager);
        if (impact && !body.confirm) {
          throw conflictProblem({
            code: 'REGROUP_CHANGES_PUBLISHED_PLAN',
            groups: impact.groups,
            agents: impact.agents,
            remoteHalfDays: impact.remoteHalfDays,
            from: impact.from,
            versions: impact.calendars.map((c) => c.version),
            publishedPlan: impact,
          });
        }
        await manager.query(`UPDATE agents SET group_id = NULL WHERE group_id IS NOT NULL`);
      }
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
        ...(impact ? { confirmed: true, publishedPlan: impact } : {}),
      }, manager);
      return { createdIds: ids, publishedPlan: impact };
    });
    const groups = await this.dataSource.query(`${GROUP_SELECT} WHERE g.id = ANY($1::uuid[]) ORDER BY g.code`, [createdIds]);
    return { groupsCreated: createdIds.length, agentsGrouped: agents.length, groups, dryRun: false, publishedPlan };
  }

  /**
   * What emptying every group does to the published plan from today on: the published
   * calendars still running that name groups with eligible members, those groups and members,
   * and the REMOTE half-days the rotation gives them. Null when nothing changes.
   */
  private async publishedPlanImpact(manager: EntityManager): Promise<PublishedPlanImpact | null> {
    const from = this.clock.today();
    const calendars: { id: string; version: number; from: string; to: string }[] = await manager.query(
      `SELECT rc.id, rc.version, to_char(rc.period_from, 'YYYY-MM-DD') AS from, to_char(rc.period_to, 'YYYY-MM-DD') AS to
       FROM rotation_calendars rc
       WHERE rc.status = 'PUBLISHED' AND rc.period_to >= $1::date
         AND EXISTS (SELECT 1 FROM rotation_cells c JOIN agents a ON a.group_id = c.group_id AND a.eligible
                     WHERE c.calendar_id = rc.id AND c.date >= $1::date)
       ORDER BY rc.version`,
      [from],
    );
    if (calendars.length === 0) return null;
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
      [from, calendars.map((c) => c.id)],
    );
    return {
      from,
      calendars: calendars.map((c) => ({ ...c, version: Number(c.version) })),
      groups: figures.groups,
      agents: figures.agents,
      remoteHalfDays: figures.remoteHalfDays,
    };
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
  @ApiOperation({
    summary: 'Form rotation groups with the engine (audited). With regroupAll, groups a published calendar names are emptied: ' +
      'the answer says what changes to the published plan, and such a change needs confirm: true (dryRun: only the figures)',
  })
  @ApiOkResponse({ type: AutoFormResultDto, description: 'groups formed by the planning engine (dryRun: what would be done)' })
  @ApiConflictResponse({ description: 'regroupAll would change the published plan and confirm is not true: the figures in publishedPlan' })
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
