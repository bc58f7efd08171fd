import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { AuditEntryDto } from '@telework/contracts';
import { PageQueryDto } from '../common/pagination';
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
