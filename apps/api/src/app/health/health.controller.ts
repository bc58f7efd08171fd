import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthDto } from '@telework/contracts';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthService) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'database and queue are up' })
  @ApiServiceUnavailableResponse({ description: 'the database or Redis is down' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const { healthy, report } = await this.checks.check();
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
