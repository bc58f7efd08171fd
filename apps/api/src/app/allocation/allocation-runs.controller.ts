import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../auth/auth.decorators';
import { PageQueryDto } from '../common/pagination';
import { uuidParam } from '../common/uuid-param';
import { AllocationRunPageDto, AllocationRunResponseDto, CreateAllocationRunDto } from './allocation-runs.dto';
import { AllocationRunsService } from './allocation-runs.service';

@ApiTags('allocation')
@ApiBearerAuth()
@Controller('allocation-runs')
@Roles('HR', 'ADMIN')
export class AllocationRunsController {
  constructor(private readonly runs: AllocationRunsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AllocationRunResponseDto, description: 'queued, or the live run of the same horizon' })
  trigger(@CurrentUser() user: AuthUser, @Body() body: CreateAllocationRunDto) {
    return this.runs.trigger(user, body);
  }

  @Get()
  @ApiOkResponse({ type: AllocationRunPageDto })
  list(@Query() query: PageQueryDto) {
    return this.runs.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: AllocationRunResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.runs.get(id);
  }

  @Get(':id/snapshot')
  @ApiOkResponse({ description: 'the planning snapshot (schema v1) the run used, to replay or audit it' })
  snapshot(@Param('id', uuidParam) id: string) {
    return this.runs.inputSnapshot(id);
  }
}
