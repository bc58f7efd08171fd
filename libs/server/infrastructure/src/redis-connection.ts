import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from './app-config.provider';

/**
 * The Redis connection when REDIS_URL is set; `null` means jobs run in-process (embedded
 * default). BullMQ queues built later share this URL.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | null;

  constructor(@InjectConfig() config: AppConfig) {
    this.client = config.redisUrl
      ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: false })
      : null;
    this.client?.connect().catch(() => undefined); // health reports the state; reconnects on its own
  }

  async ping(): Promise<boolean> {
    if (!this.client) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}
