import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import type { HealthDto } from '@telework/contracts';
import { Public } from '../auth/auth.decorators';
import { InjectConfig } from '@telework/server-infrastructure';
import { RedisConnection } from '@telework/server-infrastructure';
import { APP_VERSION } from '../version';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'database and queue are up' })
  @ApiServiceUnavailableResponse({ description: 'the database or Redis is down' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    let databaseUp = true;
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      databaseUp = false;
    }
    const usesRedis = this.config.redisUrl !== null;
    const redisUp = usesRedis ? await this.redis.ping() : true;
    const healthy = databaseUp && redisUp;
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: healthy ? 'ok' : 'degraded',
      database: { status: databaseUp ? 'up' : 'down', mode: this.config.database.mode },
      queue: usesRedis ? { status: redisUp ? 'up' : 'down', mode: 'redis' } : { status: 'embedded', mode: 'in-process' },
      version: APP_VERSION,
    };
  }
}
