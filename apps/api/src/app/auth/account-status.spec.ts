import type { DataSource } from 'typeorm';
import type { AppConfig } from '@telework/server-config';
import { RedisConnection } from '@telework/server-infrastructure';
import { ACCOUNT_CHECK_TTL_MS, AccountStatusCache } from './account-status';

/** The cache's own logic only; the guard and the database are covered by accounts.e2e.spec.ts. */
describe('AccountStatusCache', () => {
  function cacheOver(rows: Record<string, { active: boolean; role: string; session_version?: number }>) {
    const reads: string[] = [];
    const dataSource = {
      query: async (_sql: string, [id]: [string]) => {
        reads.push(id);
        return id in rows ? [{ session_version: 0, ...rows[id] }] : [];
      },
    } as unknown as DataSource;
    return { cache: new AccountStatusCache(dataSource), reads, rows };
  }

  it('reads an account once per TTL, then again', async () => {
    const { cache, reads } = cacheOver({ u1: { active: true, role: 'AGENT' } });
    expect(await cache.current('u1', 1_000)).toEqual({ active: true, role: 'AGENT', sessionVersion: 0 });
    expect(await cache.current('u1', 1_000 + ACCOUNT_CHECK_TTL_MS - 1)).toEqual({ active: true, role: 'AGENT', sessionVersion: 0 });
    expect(reads).toEqual(['u1']);
    await cache.current('u1', 1_000 + ACCOUNT_CHECK_TTL_MS);
    expect(reads).toEqual(['u1', 'u1']);
  });

  it('says when an account is off or gone, and forgets on demand', async () => {
    const { cache, reads, rows } = cacheOver({ u1: { active: true, role: 'AGENT' }, u2: { active: false, role: 'HR' } });
    expect((await cache.current('u2', 0))?.active).toBe(false);
    expect(await cache.current('gone', 0)).toBeNull();
    expect((await cache.current('u1', 0))?.role).toBe('AGENT');
    rows['u1'] = { active: true, role: 'MANAGER', session_version: 3 };
    expect((await cache.current('u1', 10))?.role).toBe('AGENT'); // still trusted within the TTL
    cache.forget('u1');
    expect(await cache.current('u1', 20)).toEqual({ active: true, role: 'MANAGER', sessionVersion: 3 });
    rows['u2'] = { active: true, role: 'HR' };
    cache.forgetAll();
    expect((await cache.current('u2', 30))?.active).toBe(true);
    expect(reads).toEqual(['u2', 'gone', 'u1', 'u1', 'u2']);
  });
});

/** Two API processes' caches on the real Redis (each with its own connections, as two processes have). */
describe('AccountStatusCache across processes (real Redis)', () => {
  const REDIS_URL = 'redis://127.0.0.1:6379';

  function processOver(prefix: string, rows: Record<string, { active: boolean; role: string }>) {
    const reads: string[] = [];
    const dataSource = {
      query: async (_sql: string, [id]: [string]) => {
        reads.push(id);
        return id in rows ? [{ session_version: 0, ...rows[id] }] : [];
      },
    } as unknown as DataSource;
    const config = { redisUrl: REDIS_URL, queue: { prefix } } as AppConfig;
    const redis = new RedisConnection(config);
    const cache = new AccountStatusCache(dataSource, config, redis);
    return { cache, reads, close: async () => { await cache.onApplicationShutdown(); await redis.onApplicationShutdown(); } };
  }

  async function listening(cache: AccountStatusCache, reads: string[]): Promise<void> {
    // trusted (one read for two calls of a new account) only once subscribed
    for (let i = 0; i < 100; i++) {
      const before = reads.length;
      await cache.current(`probe${i}`);
      await cache.current(`probe${i}`);
      if (reads.length === before + 1) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the cache never subscribed');
  }

  it('a change forgotten in one process is read again at the next request of the other', async () => {
    const prefix = `accounts${process.pid}${Date.now()}`;
    const rows = { u1: { active: true, role: 'AGENT' }, u2: { active: true, role: 'AGENT' } };
    const one = processOver(prefix, rows);
    const two = processOver(prefix, rows);
    const elsewhere = processOver(`${prefix}other`, rows); // another installation on the same Redis
    try {
      await listening(one.cache, one.reads);
      await listening(two.cache, two.reads);
      await listening(elsewhere.cache, elsewhere.reads);
      expect((await two.cache.current('u1'))?.active).toBe(true);
      expect((await elsewhere.cache.current('u1'))?.active).toBe(true);
      rows.u1 = { active: false, role: 'AGENT' };
      await one.cache.forget('u1');
      // PUBLISH answers after Redis wrote the message to every subscriber: give the other event loop one turn
      await new Promise((resolve) => setImmediate(resolve));
      expect((await two.cache.current('u1'))?.active).toBe(false);
      expect((await elsewhere.cache.current('u1'))?.active).toBe(true); // its own channel: not told
      expect(two.reads.filter((id) => id === 'u1')).toEqual(['u1', 'u1']);

      expect((await two.cache.current('u2'))?.role).toBe('AGENT');
      rows.u2 = { active: true, role: 'MANAGER' };
      await one.cache.forgetAll();
      await new Promise((resolve) => setImmediate(resolve));
      expect((await two.cache.current('u2'))?.role).toBe('MANAGER');
    } finally {
      await one.close();
      await two.close();
      await elsewhere.close();
    }
  });

  it('trusts nothing it cached while its subscription is down, and forgetting still answers', async () => {
    const rows = { u1: { active: true, role: 'AGENT' } };
    const dataSource = { query: async () => [{ session_version: 0, ...rows.u1 }] } as unknown as DataSource;
    // nothing listens on this port: the subscription never comes up
    const config = { redisUrl: 'redis://127.0.0.1:1', queue: { prefix: 'nowhere' } } as AppConfig;
    const redis = new RedisConnection(config);
    const cache = new AccountStatusCache(dataSource, config, redis);
    const query = jest.spyOn(dataSource, 'query');
    try {
      await cache.current('u1');
      await cache.current('u1');
      expect(query).toHaveBeenCalledTimes(2);
      await expect(cache.forget('u1')).resolves.toBeUndefined();
    } finally {
      await cache.onApplicationShutdown();
      await redis.onApplicationShutdown();
    }
  });
});
