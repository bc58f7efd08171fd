import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested,
} from 'class-validator';
import {
  CONTINUITY_EVENT_KINDS, CONTINUITY_EVENT_STATUSES, CodedMessage, ContinuityEventDto, ContinuityEventKind, ContinuityEventRunDto,
  ContinuityEventStatus, ContinuityImpactDto, ContinuityImpactHalfDay, ContinuityPoolCapacity, ContinuitySiteCapacity,
  CreateContinuityEventRequest, HalfDayPeriod, PERIODS, PriorityTier, TIERS,
} from '@telework/contracts';
import { IsIsoDate } from '../common/iso-date.validator';
import { IsOmittable } from '../common/optional';

/** An event lasts at most 26 weeks after its first day, both ends included (a run's longest horizon). */
export const MAX_EVENT_DAYS = 26 * 7 + 1;
/** Desks of a site or seats of a pool during an event: the pools' own bound. */
export const MAX_EVENT_CAPACITY = 10_000_000;
/** Agents listed by id in one event (a body stays under the API's 100 kB): tiers and org units say the rest. */
export const MAX_LISTED_AGENTS = 2_000;
/** Sites, pools, org units listed in one event. */
export const MAX_LISTED_ITEMS = 500;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ContinuitySiteCapacityDto implements ContinuitySiteCapacity {
  @ApiProperty({ description: 'a site id' }) @IsUUID('all') siteId!: string;
  @ApiProperty({ minimum: 0, example: 0, description: 'desks during the event: 0 = closed' })
  @IsInt() @Min(0) @Max(MAX_EVENT_CAPACITY)
  capacity!: number;
}

export class ContinuityPoolCapacityDto implements ContinuityPoolCapacity {
  @ApiProperty({ description: 'a capacity pool id' }) @IsUUID('all') poolId!: string;
  @ApiProperty({ minimum: 0, example: 2000, description: 'seats during the event, in place of the pool’s capacity' })
  @IsInt() @Min(0) @Max(MAX_EVENT_CAPACITY)
  capacity!: number;
}

/**
 * A continuity event as HR declares it: its period (first and last half-day, inclusive) and any
 * of its rules. Each list is checked against the data (UNKNOWN_REFERENCE naming its item).
 */
export class CreateContinuityEventDto implements CreateContinuityEventRequest {
  // no `example`: with one, every required field would have a valid example, and the route fuzz would build valid bodies from them
  @ApiProperty({ maxLength: 200, description: 'what happens, e.g. « Grève des transports — Hôtel du Département fermé »' })
  @Transform(trim) @IsString() @Length(1, 200)
  label!: string;

  @ApiProperty({ enum: CONTINUITY_EVENT_KINDS, example: 'STRIKE' }) @IsIn(CONTINUITY_EVENT_KINDS) kind!: ContinuityEventKind;
  @ApiProperty({ example: '2026-12-10', description: 'first day' }) @IsIsoDate() from!: string;
  @ApiProperty({ enum: PERIODS, example: 'AM', description: 'first half-day of `from`' }) @IsIn(PERIODS) fromPeriod!: HalfDayPeriod;
  @ApiProperty({ example: '2026-12-10', description: 'last day (inclusive)' }) @IsIsoDate() to!: string;
  @ApiProperty({ enum: PERIODS, example: 'PM', description: 'last half-day of `to` (inclusive)' }) @IsIn(PERIODS) toPeriod!: HalfDayPeriod;

  @ApiPropertyOptional({ type: [ContinuitySiteCapacityDto], description: 'desks of these sites during the event (0 = closed), one entry per site' })
  @IsOmittable() @IsArray() @ArrayMaxSize(MAX_LISTED_ITEMS) @ValidateNested({ each: true }) @Type(() => ContinuitySiteCapacityDto)
  sites?: ContinuitySiteCapacityDto[];

  @ApiPropertyOptional({ type: [ContinuityPoolCapacityDto], description: 'seats of these pools during the event, one entry per pool' })
  @IsOmittable() @IsArray() @ArrayMaxSize(MAX_LISTED_ITEMS) @ValidateNested({ each: true }) @Type(() => ContinuityPoolCapacityDto)
  pools?: ContinuityPoolCapacityDto[];

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 10, description: 'weekly telework maximum during the event (10: full time); null: unchanged' })
  @IsOptional() @IsInt() @Min(1) @Max(10)
  weeklyMax?: number | null;

  @ApiPropertyOptional({ enum: TIERS, isArray: true, description: 'the weekly maximum applies to these tiers (with the org units: either)' })
  @IsOmittable() @IsArray() @ArrayUnique() @IsIn(TIERS, { each: true })
  weeklyMaxTiers?: PriorityTier[];

  @ApiPropertyOptional({ type: [String], description: 'the weekly maximum applies to the agents of these org units, the units below them included' })
  @IsOmittable() @IsArray() @ArrayMaxSize(MAX_LISTED_ITEMS) @ArrayUnique() @IsUUID('all', { each: true })
  weeklyMaxOrgUnitIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'agents who may telework during the event only (laptops handed out)' })
  @IsOmittable() @IsArray() @ArrayMaxSize(MAX_LISTED_AGENTS) @ArrayUnique() @IsUUID('all', { each: true })
  extraEligibleAgentIds?: string[];

  @ApiPropertyOptional({
    nullable: true, type: String,
    description: 'the pool of the agents made eligible who have none (default: the pool with the most seats)',
  })
  @IsOptional() @IsUUID('all')
  extraEligiblePoolId?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'agents who must stay on site (essential services)' })
  @IsOmittable() @IsArray() @ArrayMaxSize(MAX_LISTED_AGENTS) @ArrayUnique() @IsUUID('all', { each: true })
  onSiteAgentIds?: string[];

  @ApiPropertyOptional({ enum: TIERS, isArray: true, description: 'the agents of these tiers must stay on site' })
  @IsOmittable() @IsArray() @ArrayUnique() @IsIn(TIERS, { each: true })
  onSiteTiers?: PriorityTier[];

  @ApiPropertyOptional({ type: [String], description: 'the agents of these org units (and the units below) must stay on site' })
  @IsOmittable() @IsArray() @ArrayMaxSize(MAX_LISTED_ITEMS) @ArrayUnique() @IsUUID('all', { each: true })
  onSiteOrgUnitIds?: string[];
}

/** Every field optional; `null` only where the field is nullable (weeklyMax, extraEligiblePoolId). */
export class UpdateContinuityEventDto extends PartialType(CreateContinuityEventDto, { skipNullProperties: false }) {}

export class ContinuityEventQueryDto {
  @ApiPropertyOptional({ enum: CONTINUITY_EVENT_STATUSES }) @IsOmittable() @IsIn(CONTINUITY_EVENT_STATUSES) status?: ContinuityEventStatus;
}

export class ContinuityEventResponseDto implements ContinuityEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: CONTINUITY_EVENT_KINDS }) kind!: ContinuityEventKind;
  @ApiProperty({ enum: CONTINUITY_EVENT_STATUSES }) status!: ContinuityEventStatus;
  @ApiProperty({ example: '2026-12-10' }) from!: string;
  @ApiProperty({ enum: PERIODS }) fromPeriod!: HalfDayPeriod;
  @ApiProperty({ example: '2026-12-10', description: 'last day; an ended event’s is the last half-day it covered' }) to!: string;
  @ApiProperty({ enum: PERIODS }) toPeriod!: HalfDayPeriod;
  @ApiProperty({ type: [ContinuitySiteCapacityDto] }) sites!: ContinuitySiteCapacityDto[];
  @ApiProperty({ type: [ContinuityPoolCapacityDto] }) pools!: ContinuityPoolCapacityDto[];
  @ApiProperty({ nullable: true, type: Number }) weeklyMax!: number | null;
  @ApiProperty({ enum: TIERS, isArray: true }) weeklyMaxTiers!: PriorityTier[];
  @ApiProperty({ type: [String] }) weeklyMaxOrgUnitIds!: string[];
  @ApiProperty({ type: [String] }) extraEligibleAgentIds!: string[];
  @ApiProperty({ nullable: true, type: String }) extraEligiblePoolId!: string | null;
  @ApiProperty({ type: [String] }) onSiteAgentIds!: string[];
  @ApiProperty({ enum: TIERS, isArray: true }) onSiteTiers!: PriorityTier[];
  @ApiProperty({ type: [String] }) onSiteOrgUnitIds!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) activatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when it was ended (early or not)' }) endedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the allocation run the last activation, edit or end started' }) lastRunId!: string | null;
}

export class ContinuityEventPageDto {
  @ApiProperty({ type: [ContinuityEventResponseDto] }) items!: ContinuityEventResponseDto[];
  @ApiProperty() total!: number;
}

export class ContinuityEventRunResponseDto implements ContinuityEventRunDto {
  @ApiProperty({ type: ContinuityEventResponseDto }) event!: ContinuityEventResponseDto;
  @ApiProperty({ description: 'the allocation run (trigger CONTINUITY) replanning the affected dates: GET /api/allocation-runs/:id' }) runId!: string;
  @ApiProperty({ description: 'false when it joined a run of the same horizon already queued or running' }) created!: boolean;
}

class ContinuityCountsDto {
  @ApiProperty() onSite!: number;
  @ApiProperty() remote!: number;
  @ApiProperty({ description: 'agent-half-days with neither a desk nor a seat' }) noWorkplace!: number;
}

class ContinuityImpactTotalsDto extends ContinuityCountsDto {
  @ApiProperty({ type: ContinuityCountsDto, description: 'the same without the event' }) before!: ContinuityCountsDto;
}

export class ContinuityImpactResponseDto implements ContinuityImpactDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'first day planned (Monday of the event’s first ISO week)' }) from!: string;
  @ApiProperty({ description: 'last day planned (Sunday of the event’s last ISO week)' }) to!: string;
  @ApiProperty({ enum: ['published', 'built'], description: 'published: the published rotation; built: none covers the weeks, the engine built one' })
  rotation!: 'published' | 'built';
  @ApiProperty({ type: ContinuityImpactTotalsDto }) totals!: ContinuityImpactTotalsDto;
  @ApiProperty({ description: 'agents whose half-days change (they would get a notice)' }) changedAgents!: number;
  @ApiProperty({ description: 'distinct agents left without a workplace at least once' }) agentsWithoutWorkplace!: number;
  @ApiProperty({ type: [Object], description: 'per half-day of the event: counts before/after, by site, tier, org unit; pools used vs capacity' })
  halfDays!: ContinuityImpactHalfDay[];
  @ApiProperty({ type: [Object], description: 'per pool: seats needed so that every agent who may telework works remote on every event half-day' })
  licences!: ContinuityImpactDto['licences'];
  @ApiProperty({ type: [Object], description: 'the first agents without a workplace, with their coded reason (NoWorkplaceWhy)' })
  examples!: ContinuityImpactDto['examples'];
  @ApiProperty({ type: [Object], description: 'what the plan could not meet, as { code, ...figures }' }) warnings!: CodedMessage[];
}
