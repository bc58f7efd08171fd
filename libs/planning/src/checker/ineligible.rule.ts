import { CheckContext, poolOf } from './check-context';
import { CheckRule, ViolationList } from './rule';

/** Ineligible agents are never remote, except on the half-days of a continuity event that makes them eligible. */
export const ineligibleRule: CheckRule = {
  id: 'ineligible-never-remote',
  description: 'ineligible agents are never R',
  check(ctx: CheckContext) {
    const v = new ViolationList('ineligible-never-remote');
    ctx.snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (a.eligible || m === undefined) return;
      let h = -1;
      for (let x = m.indexOf('R'); x >= 0; x = m.indexOf('R', x + 1)) {
        if (poolOf(ctx, i, x) === undefined) {
          h = x;
          break;
        }
      }
      if (h >= 0) {
        const hd = ctx.halfDays[h];
        const count = m.split('R').length - 1;
        v.add(`${a.id} is not eligible but is R on ${hd.date} ${hd.period} (${count} half-days in all)`, `agents[${i}].modes`);
      }
    });
    return v.done();
  },
};
