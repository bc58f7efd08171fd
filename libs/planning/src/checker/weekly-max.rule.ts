import { carriedRemoteOf, CheckContext, weeklyMaxOf } from './check-context';
import { CheckRule, ViolationList } from './rule';

/**
 * No agent is R more than its weekly max in an ISO week, a continuity regime's in the weeks it
 * touches. A week the horizon cuts counts its frozen part's R too (`agents[].carried.remote`):
 * the planned R may be at most max − carried (none when the frozen part already reaches it).
 */
export const weeklyMaxRule: CheckRule = {
  id: 'weekly-max',
  description: 'R half-days in an ISO week stay within the weekly max',
  check(ctx: CheckContext) {
    const v = new ViolationList('weekly-max');
    ctx.snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (m === undefined) return;
      for (const w of ctx.weeks) {
        let r = 0;
        for (const h of w.halfDays) if (m[h] === 'R') r++;
        const max = weeklyMaxOf(ctx, i, w.index);
        const carried = carriedRemoteOf(ctx, i, w.index);
        if (r > Math.max(0, max - carried)) {
          const frozen = carried > 0 ? ` (${carried} of them before the horizon)` : '';
          v.add(`${a.id} is R on ${r + carried} half-days in week ${w.isoWeek}${frozen}, weekly max ${max}`, `agents[${i}].modes`);
        }
      }
    });
    return v.done();
  },
};
