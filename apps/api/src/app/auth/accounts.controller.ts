import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from './auth.decorators';
import { InvitationsRequestDto, InvitationsResponseDto } from './accounts.dto';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('invitations')
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Invite agents: pending accounts with single-use activation links (7 days), shown once',
    description: 'No agentIds: every agent without an account. A pending or switched-off account gets a new link; an active one is skipped.',
  })
  @ApiCreatedResponse({ type: InvitationsResponseDto })
  @ApiBadRequestResponse({ description: 'an unknown agent id (field agentIds[i])' })
  invite(@CurrentUser() user: AuthUser, @Body() body: InvitationsRequestDto): Promise<InvitationsResponseDto> {
    return this.accounts.invite(user, body.agentIds);
  }
}
