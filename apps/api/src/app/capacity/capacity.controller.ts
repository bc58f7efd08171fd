import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { CapacityResponseDto, DateRangeQueryDto, LicenceQueryDto, LicenceSizingResponseDto, MAX_RANGE_DAYS } from './capacity.dto';
import { CapacityService } from './capacity.service';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('capacity')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Get()
  @Roles('MANAGER', 'HR', 'ADMIN')
  @ApiOperation({
    summary: `Seats used, reserved and free per working half-day and pool; on-site counts per site; monthly video-minutes forecast (at most ${MAX_RANGE_DAYS} days)`,
  })
  @ApiOkResponse({ type: CapacityResponseDto })
  view(@Query() query: DateRangeQueryDto) {
    return this.capacity.view(query);
  }

  @Get('licences')
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Licence sizing: the smallest capacity of a pool at which every eligible agent reaches the weekly minimum ' +
      '(default period: the next 4 ISO weeks from next Monday)',
  })
  @ApiOkResponse({ type: LicenceSizingResponseDto })
  @ApiUnprocessableEntityResponse({ description: 'STORED_DATA_INVALID: the stored data does not make a valid planning snapshot' })
  licences(@Query() query: LicenceQueryDto) {
    return this.capacity.licences(query);
  }
}
