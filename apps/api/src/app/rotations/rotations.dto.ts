import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsUUID, ValidateNested } from 'class-validator';
import type { CodedMessage, CreateRotationRequest, HalfDayPeriod, PatchRotationCellsRequest, RotationCalendarDto } from '@telework/contracts';
import { IsIsoDate } from '../common/iso-date.validator';

export class CreateRotationDto implements CreateRotationRequest {
  @ApiProperty({ example: '2026-12-07' }) @IsIsoDate() from!: string;
  @ApiProperty({ example: '2027-01-03' }) @IsIsoDate() to!: string;
}

export class RotationCellChangeDto {
  @ApiProperty() @IsUUID('all') groupId!: string;
  @ApiProperty() @IsIsoDate() date!: string;
  @ApiProperty({ enum: ['AM', 'PM'] }) @IsIn(['AM', 'PM']) period!: HalfDayPeriod;
  @ApiProperty({ description: 'true: the group is remote on that half-day' }) @IsBoolean() remote!: boolean;
}

export class PatchRotationCellsDto implements PatchRotationCellsRequest {
  @ApiProperty({ type: [RotationCellChangeDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5_000) @ValidateNested({ each: true }) @Type(() => RotationCellChangeDto)
  changes!: RotationCellChangeDto[];
}

export class RotationCalendarResponseDto implements RotationCalendarDto {
  @ApiProperty() id!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['DRAFT', 'PUBLISHED', 'SUPERSEDED'] }) status!: RotationCalendarDto['status'];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ nullable: true, type: Object }) metrics!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], description: 'the engine\'s warnings in plain English, same order as codedWarnings' }) warnings!: string[];
  @ApiProperty({
    type: [Object], description: 'the engine\'s warnings as { code, ...figures } (PlanWarning); empty for calendars stored before warnings were stored as data',
    example: [{ code: 'SITE_OVERFLOW', site: 'HQ', date: '2026-12-08', period: 'AM', onSite: 312, desks: 300 }],
  })
  codedWarnings!: CodedMessage[];
  @ApiProperty({ type: [Object] }) groups!: RotationCalendarDto['groups'];
  @ApiProperty({ type: [String] }) halfDays!: string[];
  @ApiProperty({ type: [Object] }) cells!: RotationCalendarDto['cells'];
  @ApiProperty({ type: [Object] }) use!: RotationCalendarDto['use'];
}
