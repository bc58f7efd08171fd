import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { CreateSiteRequest, SiteDto } from '@telework/contracts';
import { IDENTIFIER_FORMAT, IDENTIFIER_PATTERN } from '../common/identifier';

export class SiteResponseDto implements SiteDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'agents that may be on site per half-day' }) capacity!: number;
  @ApiProperty() agentCount!: number;
}

export class SitePageDto {
  @ApiProperty({ type: [SiteResponseDto] }) items!: SiteResponseDto[];
  @ApiProperty() total!: number;
}

export class CreateSiteDto implements CreateSiteRequest {
  @ApiProperty({ example: 'S61' })
  @IsString() @Length(1, 32) @Matches(IDENTIFIER_PATTERN, { context: IDENTIFIER_FORMAT })
  code!: string;

  @ApiProperty({ example: 'Maison du Département Nord' })
  @IsString() @Length(1, 200)
  name!: string;

  @ApiProperty({ minimum: 0 })
  @IsInt() @Min(0) @Max(100000)
  capacity!: number;
}

export class UpdateSiteDto extends PartialType(CreateSiteDto, { skipNullProperties: false }) {}
