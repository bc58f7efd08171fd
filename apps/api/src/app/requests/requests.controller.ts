import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse,
  ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import {
  ApproveDto, BulkApproveDto, BulkDecisionResultDto, BulkRefuseDto, CreateRequestsDto, CreateRequestsResponseDto,
  RefuseDto, RequestQueryDto, TeleworkRequestPageDto, TeleworkRequestResponseDto,
} from './requests.dto';
import { RequestsService } from './requests.service';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @ApiOperation({
    summary: 'Ask for half-days (for yourself)',
    description:
      'One half-day (`date` + `period`) or a range (`from` … `to`, at most 31 days, not in the past) with `periods` ' +
      '(default AM and PM): one PENDING request per working half-day of yours (weekends, French public holidays and your ' +
      'off half-days are skipped and listed in `skipped`; a half-day that already has a live request of yours is listed in ' +
      '`duplicates`, never doubled); each of those carries its `refusal` (NOT_WORKING with `why`, REQUEST_EXISTS with the ' +
      'live request). One half-day that is not a working one: 400 INVALID_FIELDS whose `date` error is that NOT_WORKING; ' +
      'already asked: 409 REQUEST_EXISTS with `status` and `requestId`.',
  })
  @ApiCreatedResponse({ type: CreateRequestsResponseDto })
  @ApiForbiddenResponse({ description: 'NO_AGENT_ACCOUNT: the account is not linked to an agent' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateRequestsDto) {
    return this.requests.create(user, body);
  }

  @Get()
  @ApiOperation({ summary: 'Requests: an agent its own, a manager its team’s (its org units and below) and its own, HR and ADMIN all' })
  @ApiOkResponse({ type: TeleworkRequestPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: RequestQueryDto) {
    return this.requests.list(user, query);
  }

  @Post('approve')
  @HttpCode(200)
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({ summary: 'Approve several requests, each on its own: one result per id (ok, or statusCode and error)' })
  @ApiOkResponse({ type: BulkDecisionResultDto })
  approveMany(@CurrentUser() user: AuthUser, @Body() body: BulkApproveDto) {
    return this.requests.decideMany(user, body.ids, 'APPROVE', body.comment);
  }

  @Post('refuse')
  @HttpCode(200)
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({ summary: 'Refuse several requests with one comment, each on its own: one result per id' })
  @ApiOkResponse({ type: BulkDecisionResultDto })
  refuseMany(@CurrentUser() user: AuthUser, @Body() body: BulkRefuseDto) {
    return this.requests.decideMany(user, body.ids, 'REFUSE', body.comment);
  }

  @Get(':id')
  @ApiOkResponse({ type: TeleworkRequestResponseDto })
  @ApiNotFoundResponse({ description: 'unknown, or outside what the caller may see' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.requests.get(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({
    summary: 'Approve a PENDING request (the agent’s manager, or HR)',
    description:
      'Inside the published plan the request is applied at once when the caps allow it (allocationStatus GRANTED), ' +
      'otherwise WAITLISTED with `allocationRefusal` (WEEKLY_MAX, POOL_FULL, STANDARD_SHARE_FULL with the engine’s figures); ' +
      'outside it, WAITLISTED (WAITING_NIGHTLY) until the nightly run; on a half-day of an ACTIVE continuity event, ' +
      'WAITLISTED (WAITING_CONTINUITY, with the event’s label) until a run plans the event. 403 AGENT_NOT_IN_TEAM or OWN_REQUEST_DECISION; ' +
      '409 REQUEST_NOT_PENDING (with `status`) or HALF_DAY_PASSED.',
  })
  @ApiOkResponse({ type: TeleworkRequestResponseDto })
  @ApiForbiddenResponse({ description: 'an AGENT (FORBIDDEN), a manager outside the agent’s team (AGENT_NOT_IN_TEAM), or your own request (OWN_REQUEST_DECISION)' })
  @ApiConflictResponse({ description: 'REQUEST_NOT_PENDING: the request is not PENDING; HALF_DAY_PASSED' })
  approve(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: ApproveDto) {
    return this.requests.approve(user, id, body.comment);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({ summary: 'Refuse a PENDING request with a comment (the agent’s manager, or HR)' })
  @ApiOkResponse({ type: TeleworkRequestResponseDto })
  @ApiForbiddenResponse({ description: 'an AGENT (FORBIDDEN), a manager outside the agent’s team (AGENT_NOT_IN_TEAM), or your own request (OWN_REQUEST_DECISION)' })
  @ApiConflictResponse({ description: 'REQUEST_NOT_PENDING: the request is not PENDING' })
  refuse(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: RefuseDto) {
    return this.requests.refuse(user, id, body.comment);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel your own PENDING or APPROVED request of today or later',
    description: 'A GRANTED half-day goes back to what the published rotation says, at once (its seat is freed or retaken); ' +
      'the answer’s `planChange` says what happened (PLAN_BACK_ON_SITE, PLAN_BACK_TO_REMOTE, PLAN_KEPT_REMOTE, ' +
      'PLAN_STAYS_ON_SITE with the refusal).',
  })
  @ApiOkResponse({ type: TeleworkRequestResponseDto })
  @ApiConflictResponse({ description: 'REQUEST_NOT_CANCELLABLE (refused or cancelled, with `status`) or HALF_DAY_PASSED' })
  cancel(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.requests.cancel(user, id);
  }
}
