import { mulberry32 } from './prng';

describe('mulberry32', () => {
  it('gives the same stream for the same seed, another for another seed', () => {
    const a = mulberry32(7), b = mulberry32(7), c = mulberry32(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('stays in range and is roughly uniform', () => {
    const r = mulberry32(1);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = r.int(10);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(10);
      counts[x]++;
    }
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(150);
  });

  it('forks independent but reproducible streams', () => {
    expect(mulberry32(3).fork(1).next()).toBe(mulberry32(3).fork(1).next());
    expect(mulberry32(3).fork(1).next()).not.toBe(mulberry32(3).fork(2).next());
  });

  it('shuffles to a permutation', () => {
    const xs = mulberry32(5).shuffle([1, 2, 3, 4, 5, 6]);
    expect([...xs].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
