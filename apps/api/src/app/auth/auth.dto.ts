import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { CurrentUserDto, LoginRequest, LoginResponse, Role } from '@telework/contracts';
import { ROLES } from '@telework/contracts';

export class LoginRequestDto implements LoginRequest {
  @ApiProperty({ example: 'rh@departement.fr' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'demo-telework' })
  @IsString() @MinLength(1) @MaxLength(200)
  password!: string;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty() accessToken!: string;
}

export class CurrentUserResponseDto implements CurrentUserDto {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) agentId!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String] }) managedOrgUnitIds!: string[];
  @ApiProperty({ description: "the planning's today (Europe/Paris, or PLANNING_TODAY)", example: '2026-11-30' }) today!: string;
  @ApiProperty({ enum: ['fr', 'en'] }) language!: 'fr' | 'en';
  @ApiProperty({ enum: ['REQUEST_DECIDED', 'SCHEDULE_CHANGED', 'MANAGER_DIGEST'], isArray: true }) mailOptOuts!: CurrentUserDto['mailOptOuts'];
}
