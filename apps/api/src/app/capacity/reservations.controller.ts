import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import { CreateReservationDto, ReservationPageDto, ReservationQueryDto, ReservationResponseDto } from './capacity.dto';
import { ReservationsService } from './reservations.service';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Get()
  @ApiOperation({ summary: 'Seats reserved for events (e.g. council sessions by video), by date' })
  @ApiOkResponse({ type: ReservationPageDto })
  list(@Query() query: ReservationQueryDto) {
    return this.reservations.list(query);
  }

  @Post()
  @Roles('HR', 'ADMIN')
  @ApiOperation({ summary: 'Reserve seats of a pool on a working half-day (audited)' })
  @ApiCreatedResponse({ type: ReservationResponseDto })
  @ApiConflictResponse({
    description: 'the half-day has not got the seats: code RESERVATION_OVER_CAPACITY or RESERVATION_OVER_STANDARD_SHARE with the figures ' +
      '(message "VDI full on 2026-12-10 PM: 1,640 + 60 of 1,700 seats")',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateReservationDto) {
    return this.reservations.create(user, body);
  }

  @Delete(':id')
  @Roles('HR', 'ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted (audited)' })
  remove(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.reservations.remove(user, id);
  }
}
