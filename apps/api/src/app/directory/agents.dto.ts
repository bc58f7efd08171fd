import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min,
} from 'class-validator';
import {
  ACCOUNT_STATUSES, AccountStatus, AgentDto, AgentQuery, CreateAgentRequest, POOL_KINDS, PoolKind, PriorityTier, Role, ROLES, TIERS,
  WEEKDAY_HALF_DAYS, WeekdayHalfDayCode,
} from '@telework/contracts';
import { IDENTIFIER_FORMAT, IDENTIFIER_PATTERN } from '../common/identifier';
import { PageQueryDto } from '../common/pagination';
import { IsOmittable } from '../common/optional';

export const AGENT_SORTS = ['lastName', 'employeeNumber', 'site', 'orgUnit', 'tier'] as const;

export class AgentResponseDto implements AgentDto {
  @ApiProperty() id!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() email!: string;
  @ApiProperty() siteId!: string;
  @ApiProperty() siteName!: string;
  @ApiProperty() orgUnitId!: string;
  @ApiProperty() orgUnitName!: string;
  @ApiProperty({ nullable: true, type: String }) managerId!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ enum: POOL_KINDS, nullable: true }) accessPool!: PoolKind | null;
  @ApiProperty({ enum: TIERS }) tier!: PriorityTier;
  @ApiProperty() weeklyMin!: number;
  @ApiProperty() weeklyMax!: number;
  @ApiProperty({ enum: WEEKDAY_HALF_DAYS, isArray: true }) offHalfDays!: WeekdayHalfDayCode[];
  @ApiProperty({ nullable: true, type: String }) groupId!: string | null;
  @ApiProperty({ nullable: true, type: String }) groupName!: string | null;
  @ApiProperty({ enum: ACCOUNT_STATUSES, description: 'NONE, PENDING (invited), ACTIVE (can log in), DISABLED' }) account!: AccountStatus;
}

export class AgentPageDto {
  @ApiProperty({ type: [AgentResponseDto] }) items!: AgentResponseDto[];
  @ApiProperty() total!: number;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class AgentQueryDto extends PageQueryDto implements AgentQuery {
  @ApiPropertyOptional() @IsOmittable() @IsUUID('all') siteId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsUUID('all') orgUnitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') groupId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOmittable() @Transform(toBoolean) @IsBoolean()
  eligible?: boolean;

  @ApiPropertyOptional({ description: 'text search on first name, last name or employee number' })
  @IsOmittable() @IsString() @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: AGENT_SORTS }) @IsOmittable() @IsIn(AGENT_SORTS) sort?: (typeof AGENT_SORTS)[number];
  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOmittable() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

export class CreateAgentDto implements CreateAgentRequest {
  @ApiProperty({ example: 'M012345' })
  @IsString() @Length(1, 32) @Matches(IDENTIFIER_PATTERN, { context: IDENTIFIER_FORMAT })
  employeeNumber!: string;

  @ApiProperty() @IsString() @Length(1, 100) firstName!: string;
  @ApiProperty() @IsString() @Length(1, 100) lastName!: string;
  @ApiProperty() @IsEmail() email!: string;
  @ApiProperty() @IsUUID('all') siteId!: string;
  @ApiProperty() @IsUUID('all') orgUnitId!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @IsUUID('all')
  managerId?: string | null;

  @ApiPropertyOptional({ enum: ROLES }) @IsOmittable() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() eligible?: boolean;

  @ApiPropertyOptional({ enum: POOL_KINDS, nullable: true })
  @IsOptional() @IsIn(POOL_KINDS)
  accessPool?: PoolKind | null;

  @ApiPropertyOptional({ enum: TIERS }) @IsOmittable() @IsIn(TIERS) tier?: PriorityTier;
  @ApiPropertyOptional({ minimum: 0, maximum: 10 }) @IsOmittable() @IsInt() @Min(0) @Max(10) weeklyMin?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10 }) @IsOmittable() @IsInt() @Min(0) @Max(10) weeklyMax?: number;

  @ApiPropertyOptional({ enum: WEEKDAY_HALF_DAYS, isArray: true })
  @IsOmittable() @IsArray() @ArrayUnique() @IsIn(WEEKDAY_HALF_DAYS, { each: true })
  offHalfDays?: WeekdayHalfDayCode[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @IsUUID('all')
  groupId?: string | null;
}

/** `null` only where the field is nullable (managerId, accessPool, groupId): PartialType must not let it through elsewhere. */
export class UpdateAgentDto extends PartialType(CreateAgentDto, { skipNullProperties: false }) {}
