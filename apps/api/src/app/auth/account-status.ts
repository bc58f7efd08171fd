import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { Role } from '@telework/contracts';
import type { AppConfig } from '@telework/server-config';
import { APP_CONFIG, RedisConnection } from '@telework/server-infrastructure';
import { AccountsRepository } from './accounts.repository';

/** How long an account's state is trusted before the database is asked again. */
export const ACCOUNT_CHECK_TTL_MS = 30_000;

/** The message that empties every API process's whole cache (a CSV import changed many accounts). */
const EVERY_ACCOUNT = '*';

/** How long a change waits for Redis to take its invalidation before answering anyway. */
const PUBLISH_TIMEOUT_MS = 1_000;

export interface AccountState {
  active: boolean;
  role: Role;
  /** tokens carry the version they were signed at: an older one is a session that has ended */
  sessionVersion: number;
}

/** The Redis channel on which the API processes of one installation (one QUEUE_PREFIX) say an account changed. */
export function accountChannel(prefix: string): string {
  return `${prefix}:account-status`;
}

/**
 * An account's current state, for every authenticated request. A JWT stays valid until it
 * expires; reading the account here is what makes switching it off, changing its role or its
 * password (each of which moves its session version on) take effect at once: callers `forget`
 * the account after their commit, for one primary-key read per account and 30 s.
 *
 * Several API processes (REDIS_URL set): `forget` also publishes the account's id on a Redis
 * channel every API process subscribes to, and waits until Redis has taken it, so by the time
 * the change is answered every other process has the invalidation on its socket and drops its
 * entry. While a process's subscription is down it might miss one: it then trusts nothing it
 * cached (every request reads the database) and empties its cache when the subscription is back.
 * Without Redis the API is one process and the local map is the whole truth.
 */
@Injectable()
export class AccountStatusCache implements OnApplicationShutdown {
  private readonly logger = new Logger('AccountStatus');
  private readonly known = new Map<string, { state: AccountState | null; at: number }>();
  private readonly accounts: AccountsRepository;
  private readonly channel: string | undefined;
  private readonly subscriber: Redis | undefined;
  /** whether this process hears every invalidation; false while its subscription is down */
  private listening = false;
  private subscribedOnce = false;

  /**
   * CoreModule provides this one instance (every area forgets through it) with the data source,
   * the configuration and the Redis connection; the repository is built here rather than injected.
   */
  constructor(
    dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
    @Optional() private readonly redis?: RedisConnection,
  ) {
    this.accounts = new AccountsRepository(dataSource);
    if (config?.redisUrl && redis?.client) {
      this.channel = accountChannel(config.queue.prefix);
      // a connection in subscriber mode can do nothing else: its own, beside the shared one
      this.subscriber = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
      this.subscriber.on('message', (_channel: string, userId: string) => this.dropLocally(userId));
      // ioredis subscribes again on every reconnection; what was said meanwhile is lost: start afresh
      this.subscriber.on('ready', () => {
        this.known.clear();
        if (this.subscribedOnce) this.listening = true; // the first time, once SUBSCRIBE answered
      });
      this.subscriber.on('close', () => (this.listening = false));
      this.subscriber.on('error', () => undefined); // 'close' says it; ioredis reconnects on its own
      this.subscriber.connect()
        .then(() => this.subscriber?.subscribe(this.channel as string))
        .then(() => (this.subscribedOnce = this.listening = true))
        .catch((error: Error) => this.logger.warn(`account invalidations not subscribed yet: ${error.message}`));
    }
  }

  /** null: no such account any more */
  async current(userId: string, now = Date.now()): Promise<AccountState | null> {
    const hit = this.known.get(userId);
    if (hit && now - hit.at < ACCOUNT_CHECK_TTL_MS && this.trusted()) return hit.state;
    const row = await this.accounts.findState(userId);
    const state = row ? { active: row.active === true, role: row.role, sessionVersion: Number(row.session_version) } : null;
    if (this.known.size > 100_000) this.known.clear();
    this.known.set(userId, { state, at: now });
    return state;
  }

  /**
   * After the commit of a change to the account: this process reads it again at its next
   * request, and (with Redis) so does every other API process. Resolves once Redis has taken the
   * invalidation (or could not: then the others' entries age out within ACCOUNT_CHECK_TTL_MS).
   */
  forget(userId: string): Promise<void> {
    this.dropLocally(userId);
    return this.publish(userId);
  }

  /** after a change to many accounts at once (a CSV import) */
  forgetAll(): Promise<void> {
    this.known.clear();
    return this.publish(EVERY_ACCOUNT);
  }

  async onApplicationShutdown(): Promise<void> {
    this.listening = false;
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Without Redis every entry is trusted; with it, only while this process hears the channel. */
  private trusted(): boolean {
    return this.channel === undefined || this.listening;
  }

  private dropLocally(userId: string): void {
    if (userId === EVERY_ACCOUNT) this.known.clear();
    else this.known.delete(userId);
  }

  private async publish(message: string): Promise<void> {
    const client = this.redis?.client;
    if (!this.channel || !client) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.publish(this.channel, message),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PUBLISH_TIMEOUT_MS} ms`)), PUBLISH_TIMEOUT_MS))),
      ]);
    } catch (error) {
      this.logger.warn(`account change not published to the other API processes (${(error as Error).message}); their cache ages out within ${ACCOUNT_CHECK_TTL_MS / 1000} s`);
    } finally {
      clearTimeout(timer);
    }
  }
}
