import { FailureLimiter } from './failure-limiter';

/** The limiter's own arithmetic; the HTTP side (keys, proxies, 429s) is in security.e2e.spec.ts. */
describe('FailureLimiter', () => {
  const key = (limit: number, name = 'k') => [{ key: name, limit }];

  it('refuses once a key has its limit of attempts in the window, then opens again when the window ends', () => {
    const limiter = new FailureLimiter(60_000);
    expect([0, 1, 2].map((t) => limiter.attempt(key(3), 1_000 + t).allowed)).toEqual([true, true, true]);
    expect(limiter.attempt(key(3), 30_000)).toEqual({ allowed: false, retryAfterMs: 31_000 });
    expect(limiter.attempt(key(3), 61_000).allowed).toBe(true);
  });

  it('takes an attempt back once, however often it is given back', () => {
    const limiter = new FailureLimiter();
    const first = limiter.attempt(key(2), 0);
    if (!first.allowed) throw new Error('refused');
    first.giveBack();
    first.giveBack();
    expect([limiter.attempt(key(2), 1).allowed, limiter.attempt(key(2), 2).allowed, limiter.attempt(key(2), 3).allowed]).toEqual([true, true, false]);
  });

  it('counts an attempt on every key or on none: a refusal by one key leaves the others untouched', () => {
    const limiter = new FailureLimiter();
    expect(limiter.attempt([{ key: 'client', limit: 10 }, { key: 'client+mail', limit: 1 }], 0).allowed).toBe(true);
    expect(limiter.attempt([{ key: 'client', limit: 10 }, { key: 'client+mail', limit: 1 }], 1).allowed).toBe(false);
    // the refused attempt did not take from the client's bucket: 9 more fit
    const others = Array.from({ length: 10 }, (_, i) => limiter.attempt([{ key: 'client', limit: 10 }, { key: `m${i}`, limit: 1 }], 2).allowed);
    expect(others).toEqual([...Array(9).fill(true), false]);
  });

  it('forgets ended windows when it holds too many keys', () => {
    const limiter = new FailureLimiter(1_000, 3);
    for (const name of ['a', 'b', 'c', 'd']) limiter.attempt(key(1, name), 0);
    expect(limiter.attempt(key(1, 'a'), 500).allowed).toBe(false);
    expect(limiter['windows'].size).toBe(4);
    limiter.attempt(key(1, 'e'), 2_000); // sweeps a-d, whose windows ended
    expect([...limiter['windows'].keys()]).toEqual(['e']);
  });
});
