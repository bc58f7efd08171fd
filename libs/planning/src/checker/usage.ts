import { CheckContext, poolOf } from './check-context';

export interface PoolUsage {
  /** [pool][halfDay] agents R on that pool */
  remote: number[][];
  /** [pool][halfDay] STANDARD agents R on that pool */
  standardRemote: number[][];
}

/** Counts, from the plan's modes only, the agents R on each pool and half-day (an agent made eligible by an event on the event's pool). */
export function poolUsage(ctx: CheckContext): PoolUsage {
  const n = ctx.halfDays.length;
  const remote = ctx.snapshot.pools.map(() => new Array<number>(n).fill(0));
  const standardRemote = ctx.snapshot.pools.map(() => new Array<number>(n).fill(0));
  ctx.snapshot.agents.forEach((a, i) => {
    const m = ctx.modes[i];
    if (m === undefined) return;
    for (let h = 0; h < n; h++) {
      if (m.charCodeAt(h) !== 82 /* R */) continue;
      const p = poolOf(ctx, i, h);
      if (p === undefined) continue;
      remote[p][h]++;
      if (a.tier === 'STANDARD') standardRemote[p][h]++;
    }
  });
  return { remote, standardRemote };
}
