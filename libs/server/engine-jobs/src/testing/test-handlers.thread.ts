/**
 * Thread entry of the engine-jobs tests: small handlers that sum, spin the CPU for a while
 * (reporting progress), refuse their input or crash.
 */
import { threadEntry } from '../thread-entry';

function spin(ms: number, progress: (pct: number, stage: string) => void): number {
  const started = Date.now();
  let n = 0;
  while (Date.now() - started < ms) {
    n++;
    if (n % 100_000 === 0) progress(((Date.now() - started) / ms) * 100, 'spin');
  }
  return n;
}

export default threadEntry({
  sum: (input: { values: number[] }) => ({ ok: true, sum: input.values.reduce((a, b) => a + b, 0) }),
  spin: (input: { ms: number }, progress) => ({ ok: true, loops: spin(input.ms, progress) }),
  refuse: () => ({ ok: false, status: 400, code: 'INVALID_FIELDS', errors: [{ field: 'x', code: 'REQUIRED' }] }),
  crash: () => {
    throw new Error('boom');
  },
});
