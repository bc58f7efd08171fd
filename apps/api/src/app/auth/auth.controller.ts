import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser, CurrentUser, Public } from './auth.decorators';
import { ActivateAccountRequestDto } from './accounts.dto';
import { CurrentUserResponseDto, LoginRequestDto, LoginResponseDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange an e-mail and password for a bearer token (rate-limited)' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'unknown e-mail or wrong password' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address' })
  login(@Body() body: LoginRequestDto): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('activate')
  @HttpCode(200)
  @ApiOperation({ summary: "Choose a password from an invitation link's token; answers a bearer token (rate-limited)" })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ description: 'unknown, used or expired link (field token), password too short (field password)' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address' })
  activate(@Body() body: ActivateAccountRequestDto): Promise<LoginResponseDto> {
    return this.auth.activate(body.token, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: CurrentUserResponseDto })
  me(@CurrentUser() user: AuthUser): Promise<CurrentUserResponseDto> {
    return this.auth.me(user);
  }
}
