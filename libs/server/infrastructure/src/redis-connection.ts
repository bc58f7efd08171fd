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

  /** PONG within the timeout; waits for a connection still being established. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    if (client.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        client.once('ready', done);
        function done() {
          clearTimeout(timer);
          client?.off('ready', done);
          resolve();
        }
      });
    }
    try {
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }
}
