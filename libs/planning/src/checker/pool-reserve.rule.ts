import { formatCount } from '../format/figures';
import { CheckContext } from './check-context';
import { CheckRule, ViolationList } from './rule';
import { poolUsage } from './usage';

/** REMOTE STANDARD agents on a pool + reserved seats ≤ capacity − reserve, on every half-day. */
export const poolReserveRule: CheckRule = {
  id: 'pool-reserve',
  description: 'remote STANDARD agents plus reserved seats stay within capacity minus the reserve',
  check(ctx: CheckContext) {
    const v = new ViolationList('pool-reserve');
    const { standardRemote } = poolUsage(ctx);
    ctx.snapshot.pools.forEach((pool, p) => {
      ctx.halfDays.forEach((hd, h) => {
        const use = standardRemote[p][h] + ctx.reserved[p][h];
        const open = ctx.capacity[p][h] - pool.reserve;
        if (use > open) {
          v.add(
            `${pool.id} STANDARD share over on ${hd.date} ${hd.period}: ${formatCount(standardRemote[p][h])} STANDARD remote + ` +
              `${formatCount(ctx.reserved[p][h])} reserved = ${formatCount(use)} of ${formatCount(open)} seats ` +
              `(capacity ${formatCount(ctx.capacity[p][h])} minus reserve ${formatCount(pool.reserve)})`,
          );
        }
      });
    });
    return v.done();
  },
};
