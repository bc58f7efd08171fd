import { formatCount } from '../format/figures';
import { CheckContext } from './check-context';
import { CheckRule, ViolationList } from './rule';
import { poolUsage } from './usage';

/** REMOTE agents on a pool + reserved seats ≤ the pool's capacity, on every half-day. */
export const poolCapRule: CheckRule = {
  id: 'pool-cap',
  description: 'remote agents of a pool plus reserved seats stay within its capacity',
  check(ctx: CheckContext) {
    const v = new ViolationList('pool-cap');
    const { remote } = poolUsage(ctx);
    ctx.snapshot.pools.forEach((pool, p) => {
      ctx.halfDays.forEach((hd, h) => {
        const use = remote[p][h] + ctx.reserved[p][h];
        const cap = ctx.capacity[p][h];
        if (use > cap) {
          v.add(
            `${pool.id} over capacity on ${hd.date} ${hd.period}: ${formatCount(remote[p][h])} remote + ` +
              `${formatCount(ctx.reserved[p][h])} reserved = ${formatCount(use)} of ${formatCount(cap)} seats`,
          );
        }
      });
    });
    return v.done();
  },
};
