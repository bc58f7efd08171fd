import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, Matches } from 'class-validator';
import { Transform } from 'class-transformer';
import {
  ASSIGNMENT_MODES, AssignmentMode, AssignmentSourceKind, CalendarLinkDto, HalfDayPeriod, NoticeDto, PERIODS, ScheduleDto,
  ScheduleHalfDayDto, SiteDayDto, SiteDayPeriodDto,
} from '@telework/contracts';
import { PageQueryDto } from '../common/pagination';
import { IsOmittable } from '../common/optional';

export const ASSIGNMENT_SOURCES: AssignmentSourceKind[] = ['ROTATION', 'REQUEST', 'RESERVATION', 'DEFAULT'];

export class ScheduleHalfDayResponseDto implements ScheduleHalfDayDto {
  @ApiProperty({ example: '2026-12-07' }) date!: string;
  @ApiProperty({ enum: PERIODS }) period!: HalfDayPeriod;
  @ApiProperty({ enum: ASSIGNMENT_MODES }) mode!: AssignmentMode;
  @ApiProperty({ enum: ASSIGNMENT_SOURCES }) source!: AssignmentSourceKind;
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

export class SiteDayPeriodResponseDto implements SiteDayPeriodDto {
  @ApiProperty({ description: 'every agent planned ON_SITE on this site and half-day' }) onSite!: number;
  @ApiProperty({
    type: [SiteDayAgentDto],
    description: 'by last name; HR and ADMIN see everyone, a manager only the agents of its team (so agents.length ≤ onSite)',
  })
  agents!: SiteDayAgentDto[];
}

export class SiteDayResponseDto implements SiteDayDto {
  @ApiProperty() siteId!: string;
  @ApiProperty() siteName!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ description: 'desks usable per half-day' }) capacity!: number;
  @ApiProperty({ type: SiteDayPeriodResponseDto }) AM!: SiteDayPeriodResponseDto;
  @ApiProperty({ type: SiteDayPeriodResponseDto }) PM!: SiteDayPeriodResponseDto;
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
