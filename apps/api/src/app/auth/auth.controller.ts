import { Body, Controller, Get, HttpCode, HttpException, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { AuthUser, CurrentUser, Public } from './auth.decorators';
import { ActivateAccountRequestDto } from './accounts.dto';
import { CurrentUserResponseDto, LoginRequestDto, LoginResponseDto } from './auth.dto';
import { AuthConfigResponseDto } from './oidc/oidc.dto';
import { AuthService } from './auth.service';
import { Attempt, FailureLimiter, LimitKey, tooManyAttempts } from './failure-limiter';
import { forbiddenProblem } from '../common/problems';

/** A client address may fail this many times LOGIN_RATE_LIMIT per minute, all e-mails together. */
export const CLIENT_LIMIT_FACTOR = 10;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  /**
   * Failed log-ins per client address and e-mail (LOGIN_RATE_LIMIT a minute), and per client
   * address whatever the e-mail (CLIENT_LIMIT_FACTOR times more: one password tried on every
   * e-mail). Keyed on req.ip, which is the client's address behind the proxies TRUST_PROXY
   * names: without it, behind nginx every user would share nginx's bucket and one attacker
   * would lock everyone out. Successful log-ins are not counted.
   */
  private readonly logins = new FailureLimiter();
  /** Failed activations (unknown, used or expired links) per client address. */
  private readonly activations = new FailureLimiter();

  constructor(
    private readonly auth: AuthService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'How one logs in here: with a password, by single sign-on (the button text), and whether e-mail is sent' })
  @ApiOkResponse({ type: AuthConfigResponseDto })
  authConfig(): AuthConfigResponseDto {
    return {
      passwordLogin: this.config.passwordLogin,
      sso: this.config.oidc ? { displayName: this.config.oidc.displayName } : null,
      mail: this.config.mail.smtpUrl !== null,
    };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange an e-mail and password for a bearer token (failed attempts are rate-limited)' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'unknown e-mail or wrong password' })
  @ApiForbiddenResponse({ description: 'PASSWORD_LOGIN_DISABLED: PASSWORD_LOGIN=off, sign in by single sign-on' })
  @ApiTooManyRequestsResponse({ description: 'too many failed attempts for this e-mail, or in all, from this address (header Retry-After)' })
  login(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Body() body: LoginRequestDto): Promise<LoginResponseDto> {
    if (!this.config.passwordLogin) {
      throw forbiddenProblem({ code: 'PASSWORD_LOGIN_DISABLED' }, 'Log-in with a password is switched off here (PASSWORD_LOGIN=off): sign in with single sign-on');
    }
    const client = clientOf(request);
    const limit = this.config.loginRateLimitPerMinute;
    return limited(
      this.logins,
      [{ key: `${client} ${body.email.toLowerCase()}`, limit }, { key: client, limit: limit * CLIENT_LIMIT_FACTOR }],
      response,
      'Too many failed log-ins from this address',
      () => this.auth.login(body.email, body.password),
      (error) => error.getStatus() === 401,
    );
  }

  @Public()
  @Post('activate')
  @HttpCode(200)
  @ApiOperation({ summary: "Choose a password from an invitation link's token; answers a bearer token (failed attempts are rate-limited)" })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ description: 'unknown, used or expired link (field token), password too short (field password)' })
  @ApiTooManyRequestsResponse({ description: 'too many failed activations from this address (header Retry-After)' })
  activate(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Body() body: ActivateAccountRequestDto): Promise<LoginResponseDto> {
    return limited(
      this.activations,
      [{ key: clientOf(request), limit: this.config.loginRateLimitPerMinute }],
      response,
      'Too many failed activations from this address',
      () => this.auth.activate(body.token, body.password),
      (error) => error.getStatus() === 400,
    );
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: CurrentUserResponseDto })
  me(@CurrentUser() user: AuthUser): Promise<CurrentUserResponseDto> {
    return this.auth.me(user);
  }
}

/** The client's address: the socket's, or the one the trusted proxies (TRUST_PROXY) forwarded. */
export const clientOf = (request: Request): string => request.ip ?? request.socket.remoteAddress ?? 'unknown';

/**
 * Runs `work` as one attempt on `keys`: refused with 429 (and Retry-After) while a key is full,
 * and given back unless it failed in the way `counts` says (a wrong password, a dead link).
 */
export async function limited<T>(
  limiter: FailureLimiter,
  keys: LimitKey[],
  response: Response,
  refusal: string,
  work: () => Promise<T>,
  counts: (error: HttpException) => boolean,
): Promise<T> {
  const attempt: Attempt = limiter.attempt(keys);
  if (!attempt.allowed) {
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil(attempt.retryAfterMs / 1000))));
    throw tooManyAttempts(refusal, attempt.retryAfterMs);
  }
  try {
    const result = await work();
    attempt.giveBack(); // a success is not counted
    return result;
  } catch (error) {
    if (!(error instanceof HttpException && counts(error))) attempt.giveBack();
    throw error;
  }
}
