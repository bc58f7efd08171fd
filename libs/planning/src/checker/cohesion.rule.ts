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
    // what each agent-half-day has, as bits of one array (GRANTED_REMOTE, GRANTED_ON_SITE, KEPT_ON_SITE at
    // i·n + h), and each group's remote half-days as an array: at 100,000 agents a string key per
    // agent-half-day made this rule more than a second of the check
    const n = ctx.halfDays.length;
    const marks = new Uint8Array(ctx.snapshot.agents.length * n);
    const agentIndex = new Map(ctx.snapshot.agents.map((a, i) => [a.id, i] as const));
    ctx.snapshot.requests.forEach((r, k) => {
      if (ctx.requestEntries[k]?.status !== 'GRANTED') return;
      const i = agentIndex.get(r.agentId);
      const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
      if (i === undefined || h === undefined) return;
      marks[i * n + h] |= r.kind === 'REMOTE' ? GRANTED_REMOTE : GRANTED_ON_SITE;
    });
    for (const key of ctx.keptOnSite.keys()) {
      const [i, h] = key.split('|');
      marks[Number(i) * n + Number(h)] |= KEPT_ON_SITE;
    }
    const remoteOfGroup = new Map<string, Uint8Array>();
    for (const key of ctx.groupRemote) {
      const cut = key.lastIndexOf('|');
      const group = key.slice(0, cut);
      let remote = remoteOfGroup.get(group);
      if (!remote) remoteOfGroup.set(group, (remote = new Uint8Array(n)));
      remote[Number(key.slice(cut + 1))] = 1;
    }
    const NONE = new Uint8Array(n);
    ctx.snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (!a.eligible || m === undefined) return;
      const groupRemote = (a.groupId === null ? undefined : remoteOfGroup.get(a.groupId)) ?? NONE;
      for (let h = 0; h < m.length; h++) {
        if (!isWorking(ctx, i, h) || ctx.days?.isEvent[h]) continue;
        const mark = marks[i * n + h];
        const expectRemote = (groupRemote[h] === 1 && (mark & (GRANTED_ON_SITE | KEPT_ON_SITE)) === 0) || (mark & GRANTED_REMOTE) !== 0;
        if (expectRemote !== (m.charCodeAt(h) === R)) {
          const hd = ctx.halfDays[h];
          v.add(
            `${a.id} is ${m[h]} on ${hd.date} ${hd.period} but its group ${a.groupId} is ` +
              `${groupRemote[h] === 1 ? 'remote' : 'on site'}` +
              `${mark & GRANTED_REMOTE ? ', with a granted REMOTE request' : ''}` +
              `${mark & GRANTED_ON_SITE ? ', with a granted ON_SITE request' : ''}` +
              `${mark & KEPT_ON_SITE ? ', kept on site by the plan' : ''}`,
            `agents[${i}].modes`,
          );
        }
      }
    });
    return v.done();
  },
};

const R = 'R'.charCodeAt(0);
const GRANTED_REMOTE = 1;
const GRANTED_ON_SITE = 2;
const KEPT_ON_SITE = 4;
