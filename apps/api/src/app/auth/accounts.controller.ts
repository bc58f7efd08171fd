import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse,
  ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { uuidParam } from '../common/uuid-param';
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

  @Post(':agentId/disable')
  @HttpCode(200)
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: "Switch an agent's account off: its tokens stop working, log-in is refused; inviting it again brings it back",
  })
  @ApiOkResponse({ description: '{ agentId, account: "DISABLED" }' })
  @ApiNotFoundResponse({ description: 'unknown agent, or an agent without an account' })
  @ApiForbiddenResponse({ description: 'an HR or ADMIN account, switched off by HR' })
  @ApiConflictResponse({ description: 'your own account' })
  disable(@CurrentUser() user: AuthUser, @Param('agentId', uuidParam) agentId: string) {
    return this.accounts.disable(user, agentId);
  }
}
