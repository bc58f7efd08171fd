import { Injectable } from '@nestjs/common';
import type { HealthDto } from '@telework/contracts';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig, RedisConnection } from '@telework/server-infrastructure';
import { APP_VERSION } from '../version';
import { HealthRepository } from './health.repository';

/** Whether the database and the queue (Redis, when one is configured) are up. */
@Injectable()
export class HealthService {
  constructor(
    private readonly probes: HealthRepository,
    private readonly redis: RedisConnection,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async check(): Promise<{ healthy: boolean; report: HealthDto }> {
    const databaseUp = await this.probes.databaseAnswers();
    const usesRedis = this.config.redisUrl !== null;
    const redisUp = usesRedis ? await this.redis.ping() : true;
    const healthy = databaseUp && redisUp;
    return {
      healthy,
      report: {
        status: healthy ? 'ok' : 'degraded',
        database: { status: databaseUp ? 'up' : 'down', mode: this.config.database.mode },
        queue: usesRedis ? { status: redisUp ? 'up' : 'down', mode: 'redis' } : { status: 'embedded', mode: 'in-process' },
        version: APP_VERSION,
      },
    };
  }
}
