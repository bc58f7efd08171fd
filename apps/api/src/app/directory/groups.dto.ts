import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import type {
  AutoFormGroupsRequest, AutoFormGroupsResult, CreateGroupRequest, PublishedPlanImpact, RotationGroupDto,
} from '@telework/contracts';
import { IDENTIFIER_FORMAT, IDENTIFIER_PATTERN } from '../common/identifier';
import { IsOmittable } from '../common/optional';

export class GroupResponseDto implements RotationGroupDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() memberCount!: number;
  @ApiProperty() maxSize!: number;
}

export class GroupPageDto {
  @ApiProperty({ type: [GroupResponseDto] }) items!: GroupResponseDto[];
  @ApiProperty() total!: number;
}

export class CreateGroupDto implements CreateGroupRequest {
  @ApiProperty({ example: 'G15' })
  @IsString() @Length(1, 32) @Matches(IDENTIFIER_PATTERN, { context: IDENTIFIER_FORMAT })
  code!: string;

  @ApiProperty({ example: 'Groupe Solidarités Nord' })
  @IsString() @Length(1, 200)
  name!: string;
}

export class UpdateGroupDto extends PartialType(CreateGroupDto, { skipNullProperties: false }) {}

export class AutoFormGroupsDto implements AutoFormGroupsRequest {
  @ApiProperty({ required: false, default: false, description: 'also regroup eligible agents who already have a group' })
  @IsOmittable() @IsBoolean()
  regroupAll?: boolean;

  @ApiProperty({ required: false, default: false, description: 'answer what would be done (groups, change to the published plan) and change nothing' })
  @IsOmittable() @IsBoolean()
  dryRun?: boolean;

  @ApiProperty({
    required: false, default: false,
    description: 'with regroupAll: required when the published plan would change (the groups it names are emptied); without it, 409 with the figures',
  })
  @IsOmittable() @IsBoolean()
  confirm?: boolean;
}

export class PublishedCalendarRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class PublishedPlanImpactDto implements PublishedPlanImpact {
  @ApiProperty({ description: 'the figures count from this date (today)' }) from!: string;
  @ApiProperty({ type: [PublishedCalendarRefDto] }) calendars!: PublishedCalendarRefDto[];
  @ApiProperty({ description: 'groups named by those calendars that would be emptied' }) groups!: number;
  @ApiProperty({ description: 'their eligible members, moved to new groups no published calendar names' }) agents!: number;
  @ApiProperty({ description: 'REMOTE half-days the published rotation gives them: on site from the next allocation run' }) remoteHalfDays!: number;
}

export class AutoFormResultDto implements AutoFormGroupsResult {
  @ApiProperty() groupsCreated!: number;
  @ApiProperty() agentsGrouped!: number;
  @ApiProperty({ type: [GroupResponseDto] }) groups!: GroupResponseDto[];
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: PublishedPlanImpactDto, nullable: true }) publishedPlan!: PublishedPlanImpactDto | null;
}
