import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import {
  AccountInvitation, ActivateAccountRequest, INVITATION_SKIP_CODES, InvitationSkipCode, InvitationsRequest, InvitationsResponse,
  MIN_PASSWORD_LENGTH,
} from '@telework/contracts';
import { IsOmittable } from '../common/optional';

export class InvitationsRequestDto implements InvitationsRequest {
  @ApiPropertyOptional({ type: [String], description: 'agents to invite; absent: every agent without an account' })
  @IsOmittable() @IsArray({ message: 'must be an array of agent ids' }) @ArrayMaxSize(10_000) @ArrayUnique({ message: 'must not repeat an agent' })
  @IsUUID('all', { each: true, message: 'each must be an agent id (UUID)' })
  agentIds?: string[];
}

export class AccountInvitationDto implements AccountInvitation {
  @ApiProperty() agentId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'single use, shown once: only its hash is stored' }) activationUrl!: string;
  @ApiProperty() expiresAt!: string;
}

export class SkippedInvitationDto {
  @ApiProperty() agentId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty({ enum: INVITATION_SKIP_CODES }) code!: InvitationSkipCode;
  @ApiProperty() reason!: string;
}

export class InvitationsResponseDto implements InvitationsResponse {
  @ApiProperty({ type: [AccountInvitationDto] }) invitations!: AccountInvitationDto[];
  @ApiProperty({ type: [SkippedInvitationDto] }) skipped!: SkippedInvitationDto[];
}

export class ActivateAccountRequestDto implements ActivateAccountRequest {
  @ApiProperty({ description: 'the token of the activation link' })
  @IsString() @Length(1, 200, { message: 'must be the token of an activation link' })
  token!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters long` })
  @MaxLength(200, { message: 'must be at most 200 characters long' })
  password!: string;
}
