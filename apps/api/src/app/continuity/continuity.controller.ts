import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse,
  ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import {
  ContinuityEventPageDto, ContinuityEventQueryDto, ContinuityEventResponseDto, ContinuityEventRunResponseDto, ContinuityImpactResponseDto,
  CreateContinuityEventDto, UpdateContinuityEventDto,
} from './continuity.dto';
import { ContinuityImpactService } from './continuity-impact.service';
import { ContinuityService } from './continuity.service';

const NOT_FOUND = 'CONTINUITY_EVENT_NOT_FOUND';
const FIELDS = 'INVALID_FIELDS: each bad field with its code (UNKNOWN_REFERENCE for an unknown site, pool, agent or org unit; ' +
  'CONTINUITY_END_BEFORE_START; RANGE_TOO_LONG; DUPLICATE_ITEMS for a site or pool listed twice; TOO_SMALL / TOO_LARGE…)';

/**
 * Continuity events (strikes, site closures, crises): HR and ADMIN declare, preview, activate,
 * edit and end them; managers read them.
 */
@ApiTags('continuity')
@ApiBearerAuth()
@Controller('continuity-events')
export class ContinuityController {
  constructor(private readonly events: ContinuityService, private readonly impacts: ContinuityImpactService) {}

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Declares a continuity event, in DRAFT: nothing is replanned until it is activated' })
  @ApiCreatedResponse({ type: ContinuityEventResponseDto })
  @ApiBadRequestResponse({ description: FIELDS })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateContinuityEventDto) {
    return this.events.create(user, body);
  }

  @Get()
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({ summary: 'The continuity events, newest first' })
  @ApiOkResponse({ type: ContinuityEventPageDto })
  list(@Query() query: ContinuityEventQueryDto) {
    return this.events.list(query);
  }

  @Get(':id')
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOkResponse({ type: ContinuityEventResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@Param('id', uuidParam) id: string) {
    return this.events.get(id);
  }

  @Patch(':id')
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Edits an event: a DRAFT answers itself (200); an ACTIVE one is replanned at once (202 with the run)' })
  @ApiOkResponse({ type: ContinuityEventResponseDto, description: 'a DRAFT, edited' })
  @ApiAcceptedResponse({ type: ContinuityEventRunResponseDto, description: 'an ACTIVE event, edited: the run replanning its weeks before and after the edit' })
  @ApiBadRequestResponse({ description: FIELDS })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'CONTINUITY_EVENT_ENDED; CONTINUITY_EVENT_OVER {to, today} for an active event wholly in the past' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() body: UpdateContinuityEventDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const answer = await this.events.update(user, id, body);
    if ('runId' in answer) response.status(202);
    return answer;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('HR', 'ADMIN')
  @ApiNoContentResponse({ description: 'the draft is deleted' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'CONTINUITY_EVENT_NOT_DRAFT {status}: an active or ended event is history, end it instead' })
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    await this.events.remove(user, id);
  }

  @Get(':id/impact')
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Previews the event (as if active, a draft too) on its whole ISO weeks: per half-day, site, tier and org unit, on site, remote and ' +
      'without a workplace, before and after; pools; licences needed; examples with reasons. Computed by the engine, written nowhere',
  })
  @ApiOkResponse({ type: ContinuityImpactResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiUnprocessableEntityResponse({ description: 'STORED_DATA_INVALID: the stored data does not make a valid planning snapshot' })
  impact(@Param('id', uuidParam) id: string) {
    return this.impacts.impact(id);
  }

  @Post(':id/activate')
  @HttpCode(202)
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'DRAFT → ACTIVE: its weeks are replanned at once from today, inside the freeze window too (audited)' })
  @ApiAcceptedResponse({ type: ContinuityEventRunResponseDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'CONTINUITY_EVENT_NOT_DRAFT {status}; CONTINUITY_EVENT_OVER {to, today}: the event is over' })
  activate(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.events.activate(user, id);
  }

  @Post(':id/end')
  @HttpCode(202)
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'ACTIVE → ENDED (cut to the last half-day before now): the normal plan comes back for the remaining dates' })
  @ApiAcceptedResponse({
    type: ContinuityEventRunResponseDto,
    description: 'the run replanning its weeks from today without it; an event already over has nothing left to replan: `created` false, `runId` its last run',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'CONTINUITY_EVENT_NOT_ACTIVE {status}' })
  end(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.events.end(user, id);
  }
}
