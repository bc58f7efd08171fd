import { CheckContext } from './check-context';
import { CheckRule, ViolationList } from './rule';

/** No agent is R more than its weekly max in an ISO week (cut to the horizon). */
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
        if (r > a.weeklyMax) {
          v.add(`${a.id} is R on ${r} half-days in week ${w.isoWeek}, weekly max ${a.weeklyMax}`, `agents[${i}].modes`);
        }
      }
    });
    return v.done();
  },
};
