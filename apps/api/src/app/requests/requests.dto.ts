import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, Matches, MaxLength,
} from 'class-validator';
import {
  AllocationOutcome, ApiProblem, BulkDecisionRequest, BulkDecisionResult, CreateRequestsRequest, CreateRequestsResponse,
  DecisionRequest, HalfDayPeriod, PERIODS, PlanChange, Refusal, RequestHalfDayReport, TeleworkRequestDto, TeleworkRequestKind,
  TeleworkRequestStatus, MAX_BULK_IDS, MAX_COMMENT_LENGTH,
} from '@telework/contracts';
import { PageQueryDto } from '../common/pagination';
import { IsIsoDate } from '../common/iso-date.validator';
import { IsOmittable } from '../common/optional';

export const REQUEST_KINDS = ['REMOTE', 'ON_SITE'] as const;
export const REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REFUSED', 'CANCELLED'] as const;
export const ALLOCATION_OUTCOMES = ['GRANTED', 'WAITLISTED', 'REFUSED'] as const;
/** the longest range one POST may cover, both ends included */
export const MAX_RANGE_DAYS = 31;
export { MAX_BULK_IDS, MAX_COMMENT_LENGTH };

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TeleworkRequestResponseDto implements TeleworkRequestDto {
  @ApiProperty() id!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() agentName!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty({ example: '2026-12-08' }) date!: string;
  @ApiProperty({ enum: PERIODS }) period!: HalfDayPeriod;
  @ApiProperty({ enum: REQUEST_KINDS }) kind!: TeleworkRequestKind;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: TeleworkRequestStatus;
  @ApiProperty({ enum: ALLOCATION_OUTCOMES, nullable: true }) allocationStatus!: AllocationOutcome | null;
  @ApiProperty({
    nullable: true, type: Object, description: 'why the allocation did not grant it (or a note on a grant), as { code, ...figures }; ' +
      'null when granted, undecided, or decided before reasons were stored as data',
    example: { code: 'POOL_FULL', pool: 'VDI', date: '2026-12-08', period: 'PM', used: 1700, capacity: 1700, reserved: 0 },
  })
  allocationRefusal!: Refusal | null;
  @ApiProperty({ nullable: true, type: String, description: 'the same in plain English', example: 'VDI full on 2026-12-08 PM: 1,700 of 1,700 seats' })
  allocationReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiPropertyOptional({
    nullable: true, type: Object, description: 'answer of a cancellation only: what it did to the published plan, as { code, ...figures }',
    example: { code: 'PLAN_BACK_ON_SITE' },
  })
  planChange?: PlanChange | null;
}

export class TeleworkRequestPageDto {
  @ApiProperty({ type: [TeleworkRequestResponseDto] }) items!: TeleworkRequestResponseDto[];
  @ApiProperty() total!: number;
}

export class RequestHalfDayReportDto implements RequestHalfDayReport {
  @ApiProperty() date!: string;
  @ApiProperty({ enum: PERIODS }) period!: HalfDayPeriod;
  @ApiProperty({
    type: Object, description: 'NOT_WORKING (skipped) or REQUEST_EXISTS (duplicates), as { code, ...figures }',
    example: { code: 'NOT_WORKING', why: 'PUBLIC_HOLIDAY', date: '2026-12-25', period: 'AM' },
  })
  refusal!: Refusal;
  @ApiProperty({ description: 'the same in plain English', example: 'not a working half-day: 2026-12-25 is a public holiday' }) reason!: string;
  @ApiPropertyOptional({ description: 'the live request already on that half-day' }) requestId?: string;
}

export class CreateRequestsResponseDto implements CreateRequestsResponse {
  @ApiProperty({ type: [TeleworkRequestResponseDto], description: 'one PENDING request per half-day created' })
  items!: TeleworkRequestResponseDto[];
  @ApiProperty({ type: [RequestHalfDayReportDto], description: 'half-days of the range that already had a live request of yours' })
  duplicates!: RequestHalfDayReportDto[];
  @ApiProperty({ type: [RequestHalfDayReportDto], description: 'half-days of the range that are not working half-days of yours' })
  skipped!: RequestHalfDayReportDto[];
}

/**
 * Either one half-day (`date` + `period`) or a range (`from` + `to`, both included, at most
 * 31 days, with `periods`, default both). Dates must not be in the past (Europe/Paris).
 */
export class CreateRequestsDto implements CreateRequestsRequest {
  @ApiProperty({ enum: REQUEST_KINDS, description: 'REMOTE: an extra remote half-day; ON_SITE: on site on a rotation half-day' })
  @IsIn(REQUEST_KINDS, { message: 'must be REMOTE or ON_SITE' })
  kind!: TeleworkRequestKind;

  @ApiPropertyOptional({ example: '2026-12-08', description: 'one half-day: with `period`' })
  @IsOmittable() @IsIsoDate()
  date?: string;

  @ApiPropertyOptional({ enum: PERIODS })
  @IsOmittable() @IsIn(PERIODS, { message: 'must be AM or PM' })
  period?: HalfDayPeriod;

  @ApiPropertyOptional({ example: '2026-12-07', description: 'a range: first day (with `to`)' })
  @IsOmittable() @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-11', description: 'a range: last day, included' })
  @IsOmittable() @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ enum: PERIODS, isArray: true, description: 'a range: the periods wanted on each working day (default both)' })
  @IsOmittable() @IsArray({ message: 'must be a list of AM / PM' }) @ArrayMinSize(1) @ArrayMaxSize(2) @ArrayUnique()
  @IsIn(PERIODS, { each: true, message: 'must be AM or PM' })
  periods?: HalfDayPeriod[];
}

export class RequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOmittable() @IsIn(REQUEST_STATUSES, { message: `must be one of ${REQUEST_STATUSES.join(', ')}` })
  status?: TeleworkRequestStatus;

  @ApiPropertyOptional({ example: '2026-12-07' }) @IsOmittable() @IsIsoDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-20' }) @IsOmittable() @IsIsoDate() to?: string;

  @ApiPropertyOptional({ description: 'one agent (within what the caller may see)' })
  @IsOmittable() @IsUUID('all', { message: 'must be a UUID' })
  agentId?: string;
}

export class ApproveDto implements DecisionRequest {
  @ApiPropertyOptional({ maxLength: MAX_COMMENT_LENGTH })
  @IsOmittable() @Transform(trim) @IsString() @MaxLength(MAX_COMMENT_LENGTH)
  comment?: string;
}

/** A refusal says why: the comment is required. */
export class RefuseDto implements DecisionRequest {
  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH, description: 'required: the agent is told why' })
  @Transform(trim) @IsString({ message: 'is required to refuse' }) @Matches(/\S/, { message: 'is required to refuse' })
  @MaxLength(MAX_COMMENT_LENGTH)
  comment!: string;
}

export class BulkApproveDto implements BulkDecisionRequest {
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_BULK_IDS })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK_IDS) @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids!: string[];

  @ApiPropertyOptional({ maxLength: MAX_COMMENT_LENGTH })
  @IsOmittable() @Transform(trim) @IsString() @MaxLength(MAX_COMMENT_LENGTH)
  comment?: string;
}

export class BulkRefuseDto implements BulkDecisionRequest {
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_BULK_IDS })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK_IDS) @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each id must be a UUID' })
  ids!: string[];

  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH })
  @Transform(trim) @IsString({ message: 'is required to refuse' }) @Matches(/\S/, { message: 'is required to refuse' })
  @MaxLength(MAX_COMMENT_LENGTH)
  comment!: string;
}

class BulkDecisionEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ type: TeleworkRequestResponseDto }) request?: TeleworkRequestResponseDto;
  @ApiPropertyOptional({ example: 'the request is APPROVED: only a PENDING request can be decided' }) error?: string;
  @ApiPropertyOptional({ example: 409 }) statusCode?: number;
  @ApiPropertyOptional({
    type: Object, description: 'the coded answer this id would have had on its own ({ statusCode, code, message, ...figures })',
    example: { statusCode: 409, code: 'REQUEST_NOT_PENDING', status: 'APPROVED', message: 'the request is APPROVED: only a PENDING request can be decided' },
  })
  problem?: ApiProblem;
}

export class BulkDecisionResultDto implements BulkDecisionResult {
  @ApiProperty({ type: [BulkDecisionEntryDto] }) results!: BulkDecisionEntryDto[];
}

