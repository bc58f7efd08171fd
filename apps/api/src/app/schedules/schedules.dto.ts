import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, Matches } from 'class-validator';
import { Transform } from 'class-transformer';
import {
  ASSIGNMENT_MODES, AssignmentMode, AssignmentSourceKind, CalendarLinkDto, CodedMessage, CONTINUITY_EVENT_KINDS, ContinuityEventKind,
  ContinuityEventStatus, ContinuityEventSummaryDto, ContinuityPoolCapacity, ContinuitySiteCapacity, HalfDayPeriod, NoticeDto, PERIODS,
  ScheduleDto, ScheduleHalfDayDto, SiteDayDto, SiteDayNoWorkplaceAgentDto, SiteDayPeriodDto,
} from '@telework/contracts';
import { PageQueryDto } from '../common/pagination';
import { IsOmittable } from '../common/optional';

export const ASSIGNMENT_SOURCES: AssignmentSourceKind[] = ['ROTATION', 'REQUEST', 'RESERVATION', 'DEFAULT', 'CONTINUITY'];

export class ScheduleHalfDayResponseDto implements ScheduleHalfDayDto {
  @ApiProperty({ example: '2026-12-07' }) date!: string;
  @ApiProperty({ enum: PERIODS }) period!: HalfDayPeriod;
  @ApiProperty({
    enum: ASSIGNMENT_MODES,
    description: 'NO_WORKPLACE: neither a desk nor a telework seat during a continuity event (why and reason say why)',
  })
  mode!: AssignmentMode;
  @ApiProperty({ enum: ASSIGNMENT_SOURCES, description: 'CONTINUITY: a half-day inside an active continuity event' })
  source!: AssignmentSourceKind;
  @ApiPropertyOptional({ description: 'the continuity event that set this half-day; absent outside events' })
  continuityEventId?: string | null;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true,
    example: { code: 'NO_WORKPLACE_POOL_FULL', event: 'Grève des transports', site: 'Hôtel du Département', siteCapacity: 0,
      date: '2026-12-10', period: 'AM', pool: 'VDI', used: 1700, capacity: 1700, reserved: 0 },
    description: 'NO_WORKPLACE only: why, as data (NO_WORKPLACE_NOT_ELIGIBLE, NO_WORKPLACE_POOL_FULL, NO_WORKPLACE_STANDARD_SHARE, ' +
      'NO_WORKPLACE_WEEKLY_MAX and their figures); word it with formatMessage()',
  })
  why?: CodedMessage | null;
  @ApiPropertyOptional({ description: 'NO_WORKPLACE only: the English record wording of why' })
  reason?: string | null;
}

export class ScheduleResponseDto implements ScheduleDto {
  @ApiProperty() agentId!: string;
  @ApiProperty({ example: '2026-12-07' }) from!: string;
  @ApiProperty({ example: '2027-01-03' }) to!: string;
  @ApiProperty({
    type: [ScheduleHalfDayResponseDto],
    description: 'the planned half-days of the range, by date then AM before PM; a half-day absent from the list is not planned yet',
  })
  halfDays!: ScheduleHalfDayResponseDto[];
}

export class SiteDayAgentDto {
  @ApiProperty() id!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() employeeNumber!: string;
}

export class SiteDayNoWorkplaceAgentResponseDto extends SiteDayAgentDto implements SiteDayNoWorkplaceAgentDto {
  @ApiProperty({ nullable: true, type: String, description: 'the continuity event that left the agent without a workplace' })
  continuityEventId!: string | null;
  @ApiProperty({
    type: 'object', additionalProperties: true,
    description: 'why, as data (NO_WORKPLACE_NOT_ELIGIBLE, NO_WORKPLACE_POOL_FULL, NO_WORKPLACE_STANDARD_SHARE, NO_WORKPLACE_WEEKLY_MAX and figures)',
  })
  why!: CodedMessage;
  @ApiProperty({ example: 'no workplace on 2026-12-10 AM (Grève des transports): site Hôtel du Département closed, agent not telework-eligible' })
  reason!: string;
}

export class SiteDayPeriodResponseDto implements SiteDayPeriodDto {
  @ApiProperty({ description: 'every agent planned ON_SITE on this site and half-day' }) onSite!: number;
  @ApiProperty({
    type: [SiteDayAgentDto],
    description: 'by last name; HR and ADMIN see everyone, a manager only the agents of its team (so agents.length ≤ onSite)',
  })
  agents!: SiteDayAgentDto[];
  @ApiProperty({ description: 'every agent of this site left NO_WORKPLACE by a continuity event on this half-day' })
  noWorkplace!: number;
  @ApiProperty({ type: [SiteDayNoWorkplaceAgentResponseDto], description: 'those the caller may see (as agents), with why' })
  noWorkplaceAgents!: SiteDayNoWorkplaceAgentResponseDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'desks an ACTIVE continuity event leaves on the site (0: closed); null: no event sets them' })
  eventCapacity!: number | null;
}

export class ContinuityEventSummaryResponseDto implements ContinuityEventSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'Grève des transports' }) label!: string;
  @ApiProperty({ enum: CONTINUITY_EVENT_KINDS }) kind!: ContinuityEventKind;
  @ApiProperty({ enum: ['ACTIVE', 'DRAFT'] }) status!: ContinuityEventStatus;
  @ApiProperty({ example: '2026-12-10' }) from!: string;
  @ApiProperty({ enum: PERIODS }) fromPeriod!: HalfDayPeriod;
  @ApiProperty({ example: '2026-12-10' }) to!: string;
  @ApiProperty({ enum: PERIODS }) toPeriod!: HalfDayPeriod;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { siteId: { type: 'string' }, capacity: { type: 'integer' } } } })
  sites!: ContinuitySiteCapacity[];
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { poolId: { type: 'string' }, capacity: { type: 'integer' } } } })
  pools!: ContinuityPoolCapacity[];
}

export class SiteDayResponseDto implements SiteDayDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() siteName!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ description: 'desks usable per half-day' }) capacity!: number;
  @ApiProperty({ type: SiteDayPeriodResponseDto }) AM!: SiteDayPeriodResponseDto;
  @ApiProperty({ type: SiteDayPeriodResponseDto }) PM!: SiteDayPeriodResponseDto;
  @ApiProperty({ type: [ContinuityEventSummaryResponseDto], description: 'ACTIVE and DRAFT continuity events meeting the date' })
  continuityEvents!: ContinuityEventSummaryResponseDto[];
}

export class CalendarLinkResponseDto implements CalendarLinkDto {
  @ApiProperty({ example: 'https://teletravail.example.fr/api/calendar/3q2-….ics' }) url!: string;
}

export class NoticeResponseDto implements NoticeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'SCHEDULE_CHANGED' }) kind!: string;
  @ApiProperty() message!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'a SCHEDULE_CHANGED notice whose changes fall in a continuity event: the event' })
  continuityEventId?: string | null;
}

export class NoticePageDto {
  @ApiProperty({ type: [NoticeResponseDto] }) items!: NoticeResponseDto[];
  @ApiProperty() total!: number;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true: only the notices not read yet' })
  @IsOmittable() @Transform(toBoolean) @IsBoolean({ message: 'must be true or false' })
  unread?: boolean;
}

export class MarkNoticesReadDto {
  @ApiPropertyOptional({ type: [String], description: 'notice ids; absent: every notice of the caller' })
  @IsOmittable() @IsArray() @ArrayMaxSize(1000)
  @Matches(/^\d{1,18}$/, { each: true, message: 'each id must be a notice id (digits)' })
  ids?: string[];
}

export class MarkNoticesReadResultDto {
  @ApiProperty({ description: 'notices newly marked read' }) updated!: number;
}
