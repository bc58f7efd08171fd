import { CheckContext, weeklyMaxOf } from './check-context';
import { CheckRule, ViolationList } from './rule';

/** No agent is R more than its weekly max in an ISO week (cut to the horizon), a continuity regime's in the weeks it touches. */
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
        if (r > max) {
          v.add(`${a.id} is R on ${r} half-days in week ${w.isoWeek}, weekly max ${max}`, `agents[${i}].modes`);
        }
      }
    });
    return v.done();
  },
};
