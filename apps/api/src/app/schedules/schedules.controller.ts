import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import { ScheduleResponseDto, SiteDayResponseDto } from './schedules.dto';
import { SchedulesService } from './schedules.service';

const RANGE_QUERIES = [
  ApiQuery({ name: 'from', example: '2026-12-07', description: 'first date (YYYY-MM-DD, Europe/Paris calendar)' }),
  ApiQuery({ name: 'to', example: '2027-01-03', description: 'last date, inclusive; at most 92 days after from' }),
];
const applyAll = (decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const decorator of decorators) decorator(target, key, descriptor);
};

@ApiTags('schedules')
@ApiBearerAuth()
@Controller()
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Get('me/schedule')
  @ApiOperation({ summary: "The caller's planned half-days (an empty list: not planned yet)" })
  @applyAll(RANGE_QUERIES)
  @ApiOkResponse({ type: ScheduleResponseDto })
  @ApiBadRequestResponse({ description: 'a bad or missing date (the field is named), or an account with no agent' })
  mine(@CurrentUser() user: AuthUser, @Query('from') from: string, @Query('to') to: string) {
    return this.schedules.mine(user, from, to);
  }

  @Get('agents/:id/schedule')
  @ApiOperation({ summary: "An agent's planned half-days: HR, ADMIN, the agent's manager, the agent itself" })
  @applyAll(RANGE_QUERIES)
  @ApiOkResponse({ type: ScheduleResponseDto })
  @ApiForbiddenResponse({ description: 'a manager asking for an agent outside its team' })
  @ApiNotFoundResponse({ description: 'unknown agent, or an agent asking for someone else' })
  ofAgent(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Query('from') from: string, @Query('to') to: string) {
    return this.schedules.ofAgent(user, id, from, to);
  }

  @Get('sites/:id/day')
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({ summary: 'Who is on site, AM and PM: counts for everyone, names of the agents the caller may see' })
  @ApiQuery({ name: 'date', example: '2026-12-07' })
  @ApiOkResponse({ type: SiteDayResponseDto })
  @ApiNotFoundResponse({ description: 'unknown site' })
  siteDay(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Query('date') date: string) {
    return this.schedules.siteDay(user, id, date);
  }
}
