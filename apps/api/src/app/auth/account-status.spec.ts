import type { DataSource } from 'typeorm';
import { ACCOUNT_CHECK_TTL_MS, AccountStatusCache } from './account-status';

/** The cache's own logic only; the guard and the database are covered by accounts.e2e.spec.ts. */
describe('AccountStatusCache', () => {
  function cacheOver(rows: Record<string, boolean>) {
    const reads: string[] = [];
    const dataSource = {
      query: async (_sql: string, [id]: [string]) => {
        reads.push(id);
        return id in rows ? [{ active: rows[id] }] : [];
      },
    } as unknown as DataSource;
    return { cache: new AccountStatusCache(dataSource), reads, rows };
  }

  it('reads an account once per TTL, then again', async () => {
    const { cache, reads } = cacheOver({ u1: true });
    expect(await cache.isActive('u1', 1_000)).toBe(true);
    expect(await cache.isActive('u1', 1_000 + ACCOUNT_CHECK_TTL_MS - 1)).toBe(true);
    expect(reads).toEqual(['u1']);
    expect(await cache.isActive('u1', 1_000 + ACCOUNT_CHECK_TTL_MS)).toBe(true);
    expect(reads).toEqual(['u1', 'u1']);
  });

  it('answers no for a switched-off or deleted account, and forgets on demand', async () => {
    const { cache, reads, rows } = cacheOver({ u1: true, u2: false });
    expect(await cache.isActive('u2', 0)).toBe(false);
    expect(await cache.isActive('gone', 0)).toBe(false);
    expect(await cache.isActive('u1', 0)).toBe(true);
    rows['u1'] = false;
    expect(await cache.isActive('u1', 10)).toBe(true); // still trusted within the TTL
    cache.forget('u1');
    expect(await cache.isActive('u1', 20)).toBe(false);
    expect(reads).toEqual(['u2', 'gone', 'u1', 'u1']);
  });
});
