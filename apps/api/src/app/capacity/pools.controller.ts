import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { uuidParam } from '../common/uuid-param';
import { PoolPageDto, PoolResponseDto, UpdatePoolDto } from './capacity.dto';
import { PoolsService } from './pools.service';

@ApiTags('capacity')
@ApiBearerAuth()
@Controller('pools')
export class PoolsController {
  constructor(private readonly pools: PoolsService) {}

  @Get()
  @ApiOperation({ summary: 'Capacity pools (VDI seats, VPN sessions) with their reserve and dated capacity changes' })
  @ApiOkResponse({ type: PoolPageDto })
  list() {
    return this.pools.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: PoolResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.pools.get(id);
  }

  @Put(':id')
  @Roles('HR', 'ADMIN')
  @ApiOperation({
    summary: 'Change a pool (audited). capacityChanges replaces the list. Assignments are not touched: the nightly run re-plans.',
  })
  @ApiOkResponse({ type: PoolResponseDto })
  @ApiConflictResponse({
    description: 'RESERVATIONS_ABOVE_OPEN_SEATS: seats reserved for events would no longer fit outside the reserve (the half-days, with the figures)',
  })
  update(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: UpdatePoolDto) {
    return this.pools.update(user, id, body);
  }
}
