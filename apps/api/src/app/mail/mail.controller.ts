import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.decorators';
import { outboxIdParam } from './outbox-id.param';
import { MailOutboxEntryResponseDto, MailOutboxPageResponseDto, MailOutboxQueryDto } from './mail.dto';
import { MailService } from './mail.service';

@ApiTags('mail')
@ApiBearerAuth()
@Controller('mail')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('outbox')
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'The e-mail outbox, newest first: sent, waiting (with the next attempt), failed (with the error); counts by status' })
  @ApiOkResponse({ type: MailOutboxPageResponseDto })
  list(@Query() query: MailOutboxQueryDto) {
    return this.mail.list(query);
  }

  @Post('outbox/:id/retry')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Send a FAILED mail again (409 when it is not FAILED), audited' })
  @ApiOkResponse({ type: MailOutboxEntryResponseDto })
  retry(@CurrentUser() user: AuthUser, @Param('id', outboxIdParam) id: string) {
    return this.mail.retry(user, id);
  }
}
