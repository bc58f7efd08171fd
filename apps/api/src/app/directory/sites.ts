import { Body, Controller, Get, Injectable, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags, PartialType } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import type { CreateSiteRequest, Page, SiteDto } from '@telework/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { IDENTIFIER_FORMAT, IDENTIFIER_PATTERN } from '../common/identifier';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { notFoundProblem } from '../common/problems';
import { uuidParam } from '../common/uuid-param';

export class SiteResponseDto implements SiteDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'agents that may be on site per half-day' }) capacity!: number;
  @ApiProperty() agentCount!: number;
}

export class SitePageDto {
  @ApiProperty({ type: [SiteResponseDto] }) items!: SiteResponseDto[];
  @ApiProperty() total!: number;
}

export class CreateSiteDto implements CreateSiteRequest {
  @ApiProperty({ example: 'S61' })
  @IsString() @Length(1, 32) @Matches(IDENTIFIER_PATTERN, { context: IDENTIFIER_FORMAT })
  code!: string;

  @ApiProperty({ example: 'Maison du Département Nord' })
  @IsString() @Length(1, 200)
  name!: string;

  @ApiProperty({ minimum: 0 })
  @IsInt() @Min(0) @Max(100000)
  capacity!: number;
}

export class UpdateSiteDto extends PartialType(CreateSiteDto, { skipNullProperties: false }) {}

const SITE_SELECT = `
  SELECT s.id, s.code, s.name, s.capacity,
         (SELECT count(*)::int FROM agents a WHERE a.site_id = s.id) AS "agentCount"
  FROM sites s`;

@Injectable()
export class SitesService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(query: PageQueryDto): Promise<Page<SiteDto>> {
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(`${SITE_SELECT} ORDER BY s.code LIMIT $1 OFFSET $2`, [limit, offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM sites`);
    return { items, total };
  }

  async get(id: string): Promise<SiteDto> {
    const [site] = await this.dataSource.query(`${SITE_SELECT} WHERE s.id = $1`, [id]);
    if (!site) throw notFoundProblem({ code: 'SITE_NOT_FOUND' }, `Site ${id} not found`);
    return site;
  }

  async create(actor: AuthUser, body: CreateSiteDto): Promise<SiteDto> {
    return this.dataSource.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO sites (code, name, capacity) VALUES ($1, $2, $3) RETURNING id`,
        [body.code, body.name, body.capacity],
      );
      await this.audit.record(actor, 'site.created', 'site', id, { ...body }, manager);
      const [site] = await manager.query(`${SITE_SELECT} WHERE s.id = $1`, [id]);
      return site;
    });
  }

  async update(actor: AuthUser, id: string, body: UpdateSiteDto): Promise<SiteDto> {
    const before = await this.get(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE sites SET code = COALESCE($2, code), name = COALESCE($3, name),
                capacity = COALESCE($4, capacity), updated_at = now() WHERE id = $1`,
        [id, body.code ?? null, body.name ?? null, body.capacity ?? null],
      );
      await this.audit.record(actor, 'site.updated', 'site', id, { before, changes: { ...body } }, manager);
    });
    return this.get(id);
  }
}

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @ApiOkResponse({ type: SitePageDto })
  list(@Query() query: PageQueryDto) {
    return this.sites.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SiteResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.sites.get(id);
  }

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiCreatedResponse({ type: SiteResponseDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSiteDto) {
    return this.sites.create(user, body);
  }

  @Patch(':id')
  @Roles('HR', 'ADMIN')
  @ApiOkResponse({ type: SiteResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdateSiteDto) {
    return this.sites.update(user, id, body);
  }
}
