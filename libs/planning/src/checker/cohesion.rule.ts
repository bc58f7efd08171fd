import { CheckContext, isWorking } from './check-context';
import { CheckRule, ViolationList } from './rule';

/**
 * An eligible agent is R at h exactly when (its group is remote at h, no granted ON_SITE
 * request of its own covers h and the plan does not keep it on site there, see
 * kept-on-site.rule.ts) or a granted REMOTE request covers h (OFF half-days aside). Continuity
 * event half-days are replanned apart (continuity.rule.ts): cohesion is waived there.
 */
export const cohesionRule: CheckRule = {
  id: 'cohesion',
  description: 'members share their group rotation, except granted requests and OFF half-days',
  check(ctx: CheckContext) {
    const v = new ViolationList('cohesion');
    const grantedRemote = new Set<string>();
    const grantedOnSite = new Set<string>();
    const agentIndex = new Map(ctx.snapshot.agents.map((a, i) => [a.id, i] as const));
    ctx.snapshot.requests.forEach((r, k) => {
      if (ctx.requestEntries[k]?.status !== 'GRANTED') return;
      const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
      if (h === undefined) return;
      (r.kind === 'REMOTE' ? grantedRemote : grantedOnSite).add(`${agentIndex.get(r.agentId)}|${h}`);
    });
    ctx.snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (!a.eligible || m === undefined) return;
      for (let h = 0; h < m.length; h++) {
        if (!isWorking(ctx, i, h) || ctx.days?.isEvent[h]) continue;
        const key = `${i}|${h}`;
        const expectRemote =
          (ctx.groupRemote.has(`${a.groupId}|${h}`) && !grantedOnSite.has(key) && !ctx.keptOnSite.has(key)) ||
          grantedRemote.has(key);
        if (expectRemote !== (m[h] === 'R')) {
          const hd = ctx.halfDays[h];
          v.add(
            `${a.id} is ${m[h]} on ${hd.date} ${hd.period} but its group ${a.groupId} is ` +
              `${ctx.groupRemote.has(`${a.groupId}|${h}`) ? 'remote' : 'on site'}` +
              `${grantedRemote.has(key) ? ', with a granted REMOTE request' : ''}` +
              `${grantedOnSite.has(key) ? ', with a granted ON_SITE request' : ''}` +
              `${ctx.keptOnSite.has(key) ? ', kept on site by the plan' : ''}`,
            `agents[${i}].modes`,
          );
        }
      }
    });
    return v.done();
  },
};
