import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsUUID, Matches, ValidateNested } from 'class-validator';
import type { CreateRotationRequest, HalfDayPeriod, PatchRotationCellsRequest, RotationCalendarDto } from '@telework/contracts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRotationDto implements CreateRotationRequest {
  @ApiProperty({ example: '2026-12-07' }) @Matches(ISO_DATE, { message: 'must be a date YYYY-MM-DD' }) from!: string;
  @ApiProperty({ example: '2027-01-03' }) @Matches(ISO_DATE, { message: 'must be a date YYYY-MM-DD' }) to!: string;
}

export class RotationCellChangeDto {
  @ApiProperty() @IsUUID('all', { message: 'must be a UUID' }) groupId!: string;
  @ApiProperty() @Matches(ISO_DATE, { message: 'must be a date YYYY-MM-DD' }) date!: string;
  @ApiProperty({ enum: ['AM', 'PM'] }) @IsIn(['AM', 'PM'], { message: 'must be AM or PM' }) period!: HalfDayPeriod;
  @ApiProperty({ description: 'true: the group is remote on that half-day' }) @IsBoolean() remote!: boolean;
}

export class PatchRotationCellsDto implements PatchRotationCellsRequest {
  @ApiProperty({ type: [RotationCellChangeDto] })
  @ArrayMinSize(1) @ArrayMaxSize(5_000) @ValidateNested({ each: true }) @Type(() => RotationCellChangeDto)
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
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ type: [Object] }) groups!: RotationCalendarDto['groups'];
  @ApiProperty({ type: [String] }) halfDays!: string[];
  @ApiProperty({ type: [Object] }) cells!: RotationCalendarDto['cells'];
  @ApiProperty({ type: [Object] }) use!: RotationCalendarDto['use'];
}
