import type { DataSource } from 'typeorm';
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
