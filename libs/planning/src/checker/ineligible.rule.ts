import { CheckContext } from './check-context';
import { CheckRule, ViolationList } from './rule';

/** Ineligible agents are never remote. */
export const ineligibleRule: CheckRule = {
  id: 'ineligible-never-remote',
  description: 'ineligible agents are never R',
  check(ctx: CheckContext) {
    const v = new ViolationList('ineligible-never-remote');
    ctx.snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (a.eligible || m === undefined) return;
      const h = m.indexOf('R');
      if (h >= 0) {
        const hd = ctx.halfDays[h];
        const count = m.split('R').length - 1;
        v.add(`${a.id} is not eligible but is R on ${hd.date} ${hd.period} (${count} half-days in all)`, `agents[${i}].modes`);
      }
    });
    return v.done();
  },
};
