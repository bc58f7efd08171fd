import { Body, Controller, Get, Injectable, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags, PartialType } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import type { CreateGroupRequest, Page, RotationGroupDto } from '@telework/contracts';
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

  @Patch(':id')
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: GroupResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdateGroupDto) {
    return this.groups.update(user, id, body);
  }
}
