import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import {
  AccountInvitation, ActivateAccountRequest, INVITATION_SKIP_CODES, InvitationSkipCode, InvitationsRequest, InvitationsResponse,
  MIN_PASSWORD_LENGTH,
} from '@telework/contracts';
import { IsOmittable } from '../common/optional';

export class InvitationsRequestDto implements InvitationsRequest {
  @ApiPropertyOptional({ type: [String], description: 'agents to invite; absent: every agent without an account' })
  @IsOmittable() @IsArray() @ArrayMaxSize(10_000) @ArrayUnique()
  @IsUUID('all', { each: true })
  agentIds?: string[];
}

export class AccountInvitationDto implements AccountInvitation {
  @ApiProperty() agentId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true, description: 'single use, shown once: only its hash is stored; null when the link went by e-mail (SMTP_URL set)' })
  activationUrl!: string | null;

  @ApiProperty({ description: 'true: the link was sent to the agent by e-mail (HR has nothing to pass on)' }) mailed!: boolean;
  @ApiProperty() expiresAt!: string;
}

export class SkippedInvitationDto {
  @ApiProperty() agentId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty({ enum: INVITATION_SKIP_CODES, description: 'a catalogue code (libs/contracts messages), worded by the console' }) code!: InvitationSkipCode;
  @ApiPropertyOptional({ description: 'EMAIL_TAKEN: the e-mail another account uses' }) email?: string;
  @ApiProperty({ description: 'the code in English words' }) reason!: string;
}

export class InvitationsResponseDto implements InvitationsResponse {
  @ApiProperty({ type: [AccountInvitationDto] }) invitations!: AccountInvitationDto[];
  @ApiProperty({ type: [SkippedInvitationDto] }) skipped!: SkippedInvitationDto[];
}

export class ActivateAccountRequestDto implements ActivateAccountRequest {
  @ApiProperty({ description: 'the token of the activation link' })
  @IsString() @Length(1, 200, { context: { code: 'ACTIVATION_LINK_INVALID' } })
  token!: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(200)
  password!: string;
}
