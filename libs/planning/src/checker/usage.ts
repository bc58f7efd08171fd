import { CheckContext, poolOf } from './check-context';

export interface PoolUsage {
  /** [pool][halfDay] agents R on that pool */
  remote: number[][];
  /** [pool][halfDay] STANDARD agents R on that pool */
  standardRemote: number[][];
}

const usageOfContext = new WeakMap<CheckContext, PoolUsage>();

/**
 * Counts, from the plan's modes only, the agents R on each pool and half-day (an agent made
 * eligible by an event on the event's pool). Counted once per context (five rules read it) and
 * shared: read it, never change it.
 */
export function poolUsage(ctx: CheckContext): PoolUsage {
  let usage = usageOfContext.get(ctx);
  if (!usage) usageOfContext.set(ctx, (usage = countPoolUsage(ctx)));
  return usage;
}

function countPoolUsage(ctx: CheckContext): PoolUsage {
  const n = ctx.halfDays.length;
  const remote = ctx.snapshot.pools.map(() => new Array<number>(n).fill(0));
  const standardRemote = ctx.snapshot.pools.map(() => new Array<number>(n).fill(0));
  ctx.snapshot.agents.forEach((a, i) => {
    const m = ctx.modes[i];
    // an ineligible agent is R on a pool only on a continuity event's half-day
    if (m === undefined || (!a.eligible && !ctx.days)) return;
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
