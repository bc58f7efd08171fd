import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { AuthConfigDto, SsoTicketRequest, SsoTicketResponse } from '@telework/contracts';

class SsoSettingsDto {
  @ApiProperty({ nullable: true, type: String, description: "the single sign-on button's text (OIDC_DISPLAY_NAME); null: the console's own words" })
  displayName!: string | null;
}

export class AuthConfigResponseDto implements AuthConfigDto {
  @ApiProperty({ description: 'false: single sign-on only (PASSWORD_LOGIN=off), the log-in form is hidden and POST /auth/login answers 403' })
  passwordLogin!: boolean;

  @ApiProperty({ nullable: true, type: SsoSettingsDto, description: 'null: single sign-on is not configured' })
  sso!: SsoSettingsDto | null;

  @ApiProperty({ description: 'whether e-mail is sent (SMTP_URL set)' })
  mail!: boolean;
}

export class SsoTicketRequestDto implements SsoTicketRequest {
  @ApiProperty({ description: 'the single-use ticket of /login/sso?ticket=… (2 minutes)' })
  @IsString() @MaxLength(100)
  ticket!: string;
}

export class SsoTicketResponseDto implements SsoTicketResponse {
  @ApiProperty() accessToken!: string;

  @ApiProperty({
    nullable: true, type: String,
    description: "the provider's end_session_endpoint with id_token_hint, client_id and post_logout_redirect_uri (PUBLIC_URL/login); null: the provider has none",
  })
  endSessionUrl!: string | null;
}
