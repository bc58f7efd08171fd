import { HttpException, HttpStatus } from '@nestjs/common';
import { apiProblem } from '../common/problems';

/** One bucket to take an attempt from: its key and how many attempts it allows per window. */
export interface LimitKey {
  key: string;
  limit: number;
}

export type Attempt = { allowed: true; giveBack(): void } | { allowed: false; retryAfterMs: number };

/**
 * Counts failed attempts per key in fixed windows (one minute), in this process's memory.
 * Hand-written rather than @nestjs/throttler because the throttler counts every request before
 * the handler runs and cannot give a successful one back, while here a log-in that succeeds
 * costs nothing. An attempt is counted when it starts (so that a burst of parallel attempts
 * cannot all slip under the limit) and handed back with giveBack() when it succeeds.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly windowMs = 60_000, private readonly maxKeys = 100_000) {}

  attempt(keys: LimitKey[], now = Date.now()): Attempt {
    const live = keys.map(({ key, limit }) => {
      let window = this.windows.get(key);
      if (!window || window.resetAt <= now) window = { count: 0, resetAt: now + this.windowMs };
      return { key, limit, window };
    });
    const full = live.filter(({ limit, window }) => window.count >= limit);
    if (full.length > 0) return { allowed: false, retryAfterMs: Math.max(...full.map(({ window }) => window.resetAt - now)) };
    if (this.windows.size > this.maxKeys) this.sweep(now);
    for (const { key, window } of live) {
      window.count += 1;
      this.windows.set(key, window);
    }
    let given = false;
    return {
      allowed: true,
      giveBack: () => {
        if (given) return;
        given = true;
        for (const { window } of live) window.count = Math.max(0, window.count - 1);
      },
    };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    // still full of live windows (a flood of distinct keys): start afresh rather than grow
    if (this.windows.size > this.maxKeys) this.windows.clear();
  }
}

/** 429 TOO_MANY_REQUESTS with its figure retryAfterSeconds; `message` says in English what was limited. */
export function tooManyAttempts(message: string, retryAfterMs: number): HttpException {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return apiProblem(HttpStatus.TOO_MANY_REQUESTS, { code: 'TOO_MANY_REQUESTS', retryAfterSeconds }, `${message}: try again in ${retryAfterSeconds} s`);
}
