import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import type { AuditEntryDto, Page } from '@telework/contracts';
import { Roles } from '../auth/auth.decorators';
import { PageQueryDto, pageWindow } from '../common/pagination';
import { fieldProblems } from '../common/problems';
import { IsIsoDate } from '../common/iso-date.validator';


export class AuditEntryResponseDto implements AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '2026-12-01T09:30:00.000Z' }) at!: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail!: string | null;
  @ApiProperty({ example: 'request.approved' }) action!: string;
  @ApiProperty({ example: 'telework_request' }) entityType!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ type: Object }) details!: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryResponseDto] }) items!: AuditEntryResponseDto[];
  @ApiProperty() total!: number;
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'telework_request' }) @IsOptional() @IsString() @Length(1, 100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) entityId?: string;
  @ApiPropertyOptional({ example: 'request.approved', description: 'exact action, or a prefix ending in "." (e.g. "request.")' })
  @IsOptional() @IsString() @Length(1, 100)
  action?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') actorUserId?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'from this day on (Europe/Paris)' })
  @IsOptional() @IsIsoDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'up to this day, included (Europe/Paris)' })
  @IsOptional() @IsIsoDate()
  to?: string;
}

/** Reads the audit log, newest first, with the actor's e-mail. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    if (query.from && query.to && query.to < query.from) {
      throw fieldProblems([{ field: 'to', code: 'RANGE_END_BEFORE_START', from: query.from }]);
    }

    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    if (query.entityType) add('l.entity_type = ?', query.entityType);
    if (query.entityId) add('l.entity_id = ?', query.entityId);
    if (query.action) {
      if (query.action.endsWith('.')) add(`starts_with(l.action, ?)`, query.action);
      else add('l.action = ?', query.action);
    }
    if (query.actorUserId) add('l.actor_user_id = ?', query.actorUserId);
    // calendar days of Europe/Paris, as everywhere in the API
    if (query.from) add(`l.at >= (?::date)::timestamp AT TIME ZONE 'Europe/Paris'`, query.from);
    if (query.to) add(`l.at < (?::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`, query.to);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { limit, offset } = pageWindow(query);
    const items = await this.dataSource.query(
      `SELECT l.id::text AS id, to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
              l.actor_user_id AS "actorUserId", u.email AS "actorEmail", l.action, l.entity_type AS "entityType",
              l.entity_id AS "entityId", l.details
       FROM audit_log l LEFT JOIN users u ON u.id = l.actor_user_id
       ${whereSql}
       ORDER BY l.at DESC, l.id DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_log l ${whereSql}`, params);
    return { items, total };
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Who changed what and when (caps, reservations, groups, rotations, approvals), newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
