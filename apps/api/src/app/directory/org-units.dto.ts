import { ApiProperty } from '@nestjs/swagger';
import type { OrgUnitDto } from '@telework/contracts';

export class OrgUnitResponseDto implements OrgUnitDto {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) managerAgentId!: string | null;
  @ApiProperty() agentCount!: number;
}

export class OrgUnitPageDto {
  @ApiProperty({ type: [OrgUnitResponseDto] }) items!: OrgUnitResponseDto[];
  @ApiProperty() total!: number;
}
