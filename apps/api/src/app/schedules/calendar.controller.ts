import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public } from '../auth/auth.decorators';
import { CalendarService } from './calendar.service';
import { CalendarLinkResponseDto } from './schedules.dto';

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
