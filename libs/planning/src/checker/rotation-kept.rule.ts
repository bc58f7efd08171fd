import { CheckContext } from './check-context';
import { CheckRule, ViolationList } from './rule';

/** A rotation given in the snapshot is kept untouched in the plan. */
export const rotationKeptRule: CheckRule = {
  id: 'rotation-kept',
  description: 'a rotation given in the snapshot is kept untouched',
  check(ctx: CheckContext) {
    const v = new ViolationList('rotation-kept');
    const given = ctx.snapshot.rotation;
    if (!given) return v.done();
    const key = (c: { groupId: string; date: string; period: string }) => `${c.groupId}|${c.date}|${c.period}`;
    const planned = new Set((ctx.plan.rotation ?? []).map(key));
    const kept = new Set(given.map(key));
    given.forEach((c, i) => {
      if (!planned.has(key(c))) v.add(`given cell ${c.groupId} ${c.date} ${c.period} is missing`, `rotation[${i}]`);
    });
    (ctx.plan.rotation ?? []).forEach((c, i) => {
      if (!kept.has(key(c))) v.add(`cell ${c.groupId} ${c.date} ${c.period} was not in the given rotation`, `rotation[${i}]`);
    });
    return v.done();
  },
};
