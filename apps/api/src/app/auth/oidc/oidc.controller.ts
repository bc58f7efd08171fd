import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ApiBadRequestResponse, ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { notFoundProblem } from '../../common/problems';
import { clientOf, limited } from '../auth.controller';
import { Public } from '../auth.decorators';
import { FailureLimiter } from '../failure-limiter';
import { SsoTicketRequestDto, SsoTicketResponseDto } from './oidc.dto';
import { OidcService } from './oidc.service';

/**
 * Single sign-on by OpenID Connect (OIDC_ISSUER_URL, OIDC_CLIENT_ID…): the browser goes to the
 * provider by /auth/oidc/login and comes back to /auth/oidc/callback, which sends it to the
 * console's /login/sso?ticket=…; the console exchanges the ticket for its token. Not configured:
 * the log-in answers 404 SSO_NOT_CONFIGURED and the callback sends back to /login?sso=SSO_NOT_CONFIGURED.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  /** Failed ticket exchanges (unknown, used or expired tickets) per client address. */
  private readonly tickets = new FailureLimiter();

  constructor(
    private readonly oidc: OidcService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  @ApiOperation({ summary: 'Start a single sign-on: redirects to the identity provider (authorization code, PKCE S256, state, nonce)' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'a console path to land on afterwards, starting with / (anything else is ignored)' })
  @ApiFoundResponse({ description: "to the provider's authorization endpoint; to PUBLIC_URL/login?sso=SSO_PROVIDER_ERROR when the provider cannot be reached" })
  @ApiNotFoundResponse({ description: 'SSO_NOT_CONFIGURED: single sign-on is not configured (OIDC_ISSUER_URL unset)' })
  async login(@Query('returnTo') returnTo: unknown, @Res() response: Response): Promise<void> {
    if (!this.oidc.configured) throw notFoundProblem({ code: 'SSO_NOT_CONFIGURED' }, 'Single sign-on is not configured here (OIDC_ISSUER_URL)');
    redirect(response, await this.oidc.start(returnTo));
  }

  @Public()
  @Get('callback')
  @ApiOperation({ summary: "The identity provider's redirect URI (register PUBLIC_URL/api/auth/oidc/callback): checks the answer and sends the browser to the console" })
  @ApiFoundResponse({
    description: 'PUBLIC_URL/login/sso?ticket=… (single use, 2 minutes; &returnTo=… when the log-in asked for it), ' +
      'or PUBLIC_URL/login?sso=SSO_STATE_INVALID | SSO_PROVIDER_ERROR | SSO_UNKNOWN_USER | SSO_ACCOUNT_DISABLED | SSO_NO_IDENTIFIER | SSO_NOT_CONFIGURED',
  })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.oidc.configured) return redirect(response, this.oidc.refusalUrl('SSO_NOT_CONFIGURED'));
    const rawQuery = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?') + 1) : '';
    redirect(response, await this.oidc.callback(request.query as Record<string, unknown>, rawQuery));
  }

  @Public()
  @Post('ticket')
  @HttpCode(200)
  @ApiOperation({ summary: "Exchange a sign-on's single-use ticket for a bearer token and the provider's log-out URL (failed attempts are rate-limited)" })
  @ApiOkResponse({ type: SsoTicketResponseDto })
  @ApiBadRequestResponse({ description: 'unknown, used or expired ticket (field ticket, code SSO_TICKET_INVALID)' })
  @ApiNotFoundResponse({ description: 'SSO_NOT_CONFIGURED' })
  @ApiTooManyRequestsResponse({ description: 'too many failed exchanges from this address (header Retry-After)' })
  ticket(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Body() body: SsoTicketRequestDto): Promise<SsoTicketResponseDto> {
    if (!this.oidc.configured) throw notFoundProblem({ code: 'SSO_NOT_CONFIGURED' }, 'Single sign-on is not configured here (OIDC_ISSUER_URL)');
    response.setHeader('Cache-Control', 'no-store');
    return limited(
      this.tickets,
      [{ key: clientOf(request), limit: this.config.loginRateLimitPerMinute }],
      response,
      'Too many failed sign-on ticket exchanges from this address',
      () => this.oidc.redeem(body.ticket),
      (error) => error.getStatus() === 400,
    );
  }
}

/** A 302 that no cache keeps (it carries a state or a ticket). */
function redirect(response: Response, url: string): void {
  response.setHeader('Cache-Control', 'no-store');
  response.redirect(302, url);
}
