import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces,
  ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import { CalendarService } from './calendar.service';
import { NoticesService } from './notices.service';
import {
  CalendarLinkResponseDto, MarkNoticesReadDto, MarkNoticesReadResultDto, NoticePageDto, NoticeQueryDto, ScheduleResponseDto,
  SiteDayResponseDto,
} from './schedules.dto';
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

@ApiTags('schedules')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('me/calendar-link')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The caller's private iCal feed URL (made on first call)" })
  @ApiOkResponse({ type: CalendarLinkResponseDto })
  link(@CurrentUser() user: AuthUser) {
    return this.calendar.link(user);
  }

  @Post('me/calendar-link')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Renews the feed URL: the old one answers 404 from now on' })
  @ApiOkResponse({ type: CalendarLinkResponseDto })
  renew(@CurrentUser() user: AuthUser) {
    return this.calendar.renew(user);
  }

  @Get('calendar/:token.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="teletravail.ics"')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiOperation({
    summary: 'iCalendar feed of REMOTE half-days (past 2 weeks, next 8), no log-in: the secret token is the key',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'text/calendar: one event per remote half-day, 08:30–12:30 and 13:30–17:30 Europe/Paris' })
  @ApiNotFoundResponse({ description: 'unknown or renewed token' })
  feed(@Param('token') token: string) {
    return this.calendar.feed(token);
  }
}

@ApiTags('notices')
@ApiBearerAuth()
@Controller('me/notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @ApiOperation({ summary: "The caller's in-app notices, newest first" })
  @ApiOkResponse({ type: NoticePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NoticeQueryDto) {
    return this.notices.list(user, query);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: "Marks the caller's notices read (the given ids, or all)" })
  @ApiOkResponse({ type: MarkNoticesReadResultDto })
  markRead(@CurrentUser() user: AuthUser, @Body() body: MarkNoticesReadDto) {
    return this.notices.markRead(user, body);
  }
}
