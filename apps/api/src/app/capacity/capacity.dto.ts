import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsString, IsUUID, Length, Max, Min, ValidateNested,
} from 'class-validator';
import {
  CapacityChangeDto, CapacityDto, CapacityHalfDayDto, CreateReservationRequest, HalfDayPeriod, LicenceSizingDto,
  PERIODS, PoolDto, PoolHalfDayUseDto, ReservationDto, SiteCapacityDto, UpdatePoolRequest, VideoMonthDto,
  WhatIfOverrides, WhatIfRequest, WhatIfResponse,
} from '@telework/contracts';
import { PageQueryDto } from '../common/pagination';
import { IsIsoDate } from '../common/iso-date.validator';
import { IsOmittable } from '../common/optional';
import { ContinuityEventSummaryResponseDto } from '../schedules/schedules.dto';

/** The largest range the capacity view, the snapshot export and the what-if accept. */
export const MAX_RANGE_DAYS = 92;
const MAX_SEATS = 10_000_000;

// ---------- pools ----------

export class CapacityChangeBodyDto implements CapacityChangeDto {
  @ApiProperty({ example: '2027-01-04', description: 'from this date on (inclusive)' })
  @IsIsoDate()
  from!: string;

  @ApiProperty({ minimum: 0, example: 1900 })
  @IsInt() @Min(0) @Max(MAX_SEATS)
  capacity!: number;
}

export class PoolResponseDto implements PoolDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'VDI' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'concurrent seats per half-day (before any dated change)' }) capacity!: number;
  @ApiProperty({ description: 'seats only ELECTED, DIRECTOR and ESSENTIAL agents may take' }) reserve!: number;
  @ApiProperty({ type: [CapacityChangeBodyDto] }) capacityChanges!: CapacityChangeBodyDto[];
}

export class PoolPageDto {
  @ApiProperty({ type: [PoolResponseDto] }) items!: PoolResponseDto[];
  @ApiProperty() total!: number;
}

export class UpdatePoolDto implements UpdatePoolRequest {
  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ minimum: 0 }) @IsOmittable() @IsInt() @Min(0) @Max(MAX_SEATS)
  capacity?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'at most the capacity, and at most every dated capacity' })
  @IsOmittable() @IsInt() @Min(0) @Max(MAX_SEATS)
  reserve?: number;

  @ApiPropertyOptional({ type: [CapacityChangeBodyDto], description: 'replaces the list; one change per date' })
  @IsOmittable() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => CapacityChangeBodyDto)
  capacityChanges?: CapacityChangeBodyDto[];
}

// ---------- reservations ----------

export class ReservationResponseDto implements ReservationDto {
  @ApiProperty() id!: string;
  @ApiProperty() poolId!: string;
  @ApiProperty({ example: 'VDI' }) poolCode!: string;
  @ApiProperty({ example: '2026-12-10' }) date!: string;
  @ApiProperty({ enum: PERIODS }) period!: HalfDayPeriod;
  @ApiProperty() seats!: number;
  @ApiProperty({ example: 'Séance départementale' }) label!: string;
  @ApiProperty() createdAt!: string;
}

export class ReservationPageDto {
  @ApiProperty({ type: [ReservationResponseDto] }) items!: ReservationResponseDto[];
  @ApiProperty() total!: number;
}

export class CreateReservationDto implements CreateReservationRequest {
  @ApiProperty() @IsUUID('all')
  poolId!: string;

  @ApiProperty({ example: '2026-12-10', description: 'a working day (Mon–Fri, not a public holiday)' })
  @IsIsoDate()
  date!: string;

  @ApiProperty({ enum: PERIODS }) @IsIn(PERIODS)
  period!: HalfDayPeriod;

  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_SEATS)
  seats!: number;

  @ApiProperty({ example: 'Séance départementale' }) @IsString() @Length(1, 200)
  label!: string;
}

export class ReservationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-12-07' }) @IsOmittable() @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-18' }) @IsOmittable() @IsIsoDate()
  to?: string;

  @ApiPropertyOptional() @IsOmittable() @IsUUID('all')
  poolId?: string;
}

// ---------- capacity view ----------

export class DateRangeQueryDto {
  @ApiProperty({ example: '2026-12-07' }) @IsIsoDate()
  from!: string;

  @ApiProperty({ example: '2026-12-18', description: `on or after from, at most ${MAX_RANGE_DAYS} days in all` })
  @IsIsoDate()
  to!: string;
}

export class PoolHalfDayUseResponseDto implements PoolHalfDayUseDto {
  @ApiProperty() poolId!: string;
  @ApiProperty({ example: 'VDI' }) code!: string;
  @ApiProperty({ description: 'capacity in force on that date' }) capacity!: number;
  @ApiProperty() reserve!: number;
  @ApiProperty({ description: 'agents REMOTE on this pool' }) remote!: number;
  @ApiProperty({ description: 'seats reserved for events' }) reserved!: number;
  @ApiProperty({ description: '(eventCapacity, else capacity) − remote − reserved; negative when over the cap (e.g. after a cap cut)' })
  free!: number;

  @ApiPropertyOptional({ description: 'the seats an ACTIVE continuity event gives the pool on this half-day (the smallest when several do); absent otherwise' })
  eventCapacity?: number;
}

export class CapacityHalfDayResponseDto implements CapacityHalfDayDto {
  @ApiProperty({ example: '2026-12-07' }) date!: string;
  @ApiProperty({ enum: PERIODS }) period!: HalfDayPeriod;
  @ApiProperty({ type: [PoolHalfDayUseResponseDto] }) pools!: PoolHalfDayUseResponseDto[];
  @ApiProperty({ description: 'agents NO_WORKPLACE on this half-day: a continuity event left them neither a desk nor a seat' })
  noWorkplace!: number;
  @ApiProperty({ type: [String], description: 'the continuity events of continuityEvents covering this half-day' })
  continuityEventIds!: string[];
}

export class SiteCapacityResponseDto implements SiteCapacityDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ type: [Number], description: 'agents ON_SITE, one number per entry of halfDays' }) onSite!: number[];
  @ApiProperty({ type: [Number], description: 'agents of this site NO_WORKPLACE, one number per entry of halfDays' }) noWorkplace!: number[];
  @ApiProperty({
    type: 'array', items: { type: 'integer', nullable: true },
    description: 'desks an ACTIVE continuity event leaves on the site (0: closed), one per entry of halfDays; null: no event sets them',
  })
  eventCapacity!: (number | null)[];
}

export class VideoMonthResponseDto implements VideoMonthDto {
  @ApiProperty({ example: '2026-12' }) month!: string;
  @ApiProperty({ description: 'REMOTE agent half-days of the month inside [from, to]' }) remoteHalfDays!: number;
  @ApiProperty() minutes!: number;
  @ApiProperty() licenceMinutes!: number;
}

export class VideoForecastResponseDto {
  @ApiProperty() minutesPerRemoteHalfDay!: number;
  @ApiProperty() monthlyLicenceMinutes!: number;
  @ApiProperty({ type: [VideoMonthResponseDto] }) months!: VideoMonthResponseDto[];
}

export class CapacityResponseDto implements CapacityDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [CapacityHalfDayResponseDto], description: 'working half-days only (Mon–Fri, no public holiday)' })
  halfDays!: CapacityHalfDayResponseDto[];
  @ApiProperty({ type: [SiteCapacityResponseDto] }) sites!: SiteCapacityResponseDto[];
  @ApiProperty({ type: VideoForecastResponseDto }) video!: VideoForecastResponseDto;
  @ApiProperty({ type: [ContinuityEventSummaryResponseDto], description: 'ACTIVE and DRAFT continuity events meeting [from, to], by start' })
  continuityEvents!: ContinuityEventSummaryResponseDto[];
}

// ---------- licence sizing ----------

export class LicenceQueryDto {
  @ApiProperty({ example: 'VDI', description: 'pool code' }) @IsString() @Length(1, 32)
  pool!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10, description: "every eligible agent's weekly minimum (default: keep theirs)" })
  @IsOmittable() @Type(() => Number) @IsInt() @Min(0) @Max(10)
  weeklyMin?: number;

  @ApiPropertyOptional({ description: 'default: next Monday' }) @IsOmittable() @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ description: 'default: the Sunday four ISO weeks after from' }) @IsOmittable() @IsIsoDate()
  to?: string;
}

export class LicenceSizingResponseDto implements LicenceSizingDto {
  @ApiProperty({ example: 'VDI' }) pool!: string;
  @ApiProperty({ description: 'the weekly minimum asked (when absent: every agent kept its own, and this is the most common of the pool’s agents)' }) weeklyMin!: number;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'capacity in force on from' }) currentCapacity!: number;
  @ApiProperty({ description: 'smallest capacity at which every eligible agent reaches the weekly minimum' }) capacityNeeded!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'no capacity below this can work' }) lowerBound!: number | null;
}

// ---------- what-if ----------

export class WhatIfPoolOverrideDto {
  @ApiProperty({ example: 'VDI', description: 'pool code (the snapshot’s pool id)' }) @IsString() @Length(1, 32)
  id!: string;

  @ApiPropertyOptional({ minimum: 0, description: 'a constant capacity over the horizon (dated changes are dropped)' })
  @IsOmittable() @IsInt() @Min(0) @Max(MAX_SEATS)
  capacity?: number;

  @ApiPropertyOptional({ minimum: 0 }) @IsOmittable() @IsInt() @Min(0) @Max(MAX_SEATS)
  reserve?: number;
}

export class WhatIfOverridesDto implements WhatIfOverrides {
  @ApiPropertyOptional({ type: [WhatIfPoolOverrideDto] })
  @IsOmittable() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WhatIfPoolOverrideDto)
  pools?: WhatIfPoolOverrideDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 10, description: "replaces every eligible agent's weekly minimum" })
  @IsOmittable() @IsInt() @Min(0) @Max(10)
  weeklyMin?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10, description: "replaces every eligible agent's weekly maximum" })
  @IsOmittable() @IsInt() @Min(0) @Max(10)
  weeklyMax?: number;
}

export class WhatIfDto implements WhatIfRequest {
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true,
    description: 'a planning snapshot (schema v1, libs/planning/schemas/planning-snapshot.schema.json); when absent, the current data of [from, to]',
  })
  @IsOmittable() @IsObject()
  snapshot?: Record<string, unknown>;

  @ApiPropertyOptional({ example: '2026-12-07', description: 'with to, when no snapshot is given' }) @IsOmittable() @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-18' }) @IsOmittable() @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ type: WhatIfOverridesDto })
  @IsOmittable() @ValidateNested() @Type(() => WhatIfOverridesDto)
  overrides?: WhatIfOverridesDto;
}

export class WhatIfResponseDto implements WhatIfResponse {
  @ApiProperty({
    type: 'object', additionalProperties: true,
    description: 'the engine’s plan metrics: pools (peak, capacityAtPeak), requestsGranted, requestsRefused, weeklyMinShortfalls, siteOverflows, busiestHalfDay, solveMs',
  })
  metrics!: Record<string, unknown>;

  @ApiProperty({ type: [String] }) warnings!: string[];
}
