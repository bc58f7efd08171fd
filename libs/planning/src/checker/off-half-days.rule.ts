import { CheckContext, isWorking } from './check-context';
import { CheckRule, ViolationList } from './rule';

/** An agent's OFF half-days are `O` (so never `R`), and only those; N only on continuity-event half-days. */
export const offHalfDaysRule: CheckRule = {
  id: 'off-never-remote',
  description: 'OFF half-days are O and never R; working half-days are R or S',
  check(ctx: CheckContext) {
    const v = new ViolationList('off-never-remote');
    ctx.snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (m === undefined) return;
      for (let h = 0; h < m.length; h++) {
        const working = isWorking(ctx, i, h);
        const hd = ctx.halfDays[h];
        if (!working && m[h] !== 'O') {
          v.add(`${a.id} is ${m[h]} on ${hd.date} ${hd.period}, an OFF half-day (${hd.weekdayHalfDay})`, `agents[${i}].modes`);
        } else if (working && m[h] === 'O') {
          v.add(`${a.id} is O on ${hd.date} ${hd.period}, a working half-day`, `agents[${i}].modes`);
        } else if (m[h] === 'N' && !ctx.days?.isEvent[h]) {
          v.add(`${a.id} is N on ${hd.date} ${hd.period}, outside every continuity event`, `agents[${i}].modes`);
        }
      }
    });
    return v.done();
  },
};
