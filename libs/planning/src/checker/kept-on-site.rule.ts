import { TIERS_BY_PRIORITY } from '../model/snapshot';
import { carriedRemoteOf, CheckContext, isWorking } from './check-context';
import { CheckRule, ViolationList } from './rule';

const STANDARD = TIERS_BY_PRIORITY.indexOf('STANDARD');

/**
 * `plan.keptOnSite` (agents kept on site on a half-day their group is remote) is the only
 * other exception to cohesion, and every entry must be needed: only with a rotation given in
 * the snapshot, only where the group is remote, the agent works and has no granted ON_SITE
 * request; `weekly-max` entries of an agent's week number exactly what the rotation puts over
 * its weekly max; `pool` entries of a pool × half-day number exactly the minimum that brings
 * the rotation's REMOTE agents (after ON_SITE grants and weekly-max entries) within the cap and
 * the STANDARD share, and are the lowest priority tiers among those agents. Continuity-event
 * half-days are replanned apart: no entry there, and a week with some needs no more than its excess.
 */
export const keptOnSiteRule: CheckRule = {
  id: 'kept-on-site',
  description: 'agents are kept on site against their group rotation only as few as a given rotation\'s own conflicts need, lowest tiers first',
  check(ctx: CheckContext) {
    const v = new ViolationList('kept-on-site');
    const entries = Array.isArray(ctx.plan.keptOnSite) ? ctx.plan.keptOnSite : [];
    if (entries.length === 0) return v.done();
    const { snapshot, halfDays } = ctx;
    if (!snapshot.rotation) v.add('agents are kept on site but the snapshot gives no rotation (a built rotation has no conflicts)', 'keptOnSite');
    const agentIndex = new Map(snapshot.agents.map((a, i) => [a.id, i] as const));
    const seen = new Set<string>();
    const grantedOnSite = new Set<string>();
    snapshot.requests.forEach((r, k) => {
      if (r.kind !== 'ON_SITE' || ctx.requestEntries[k]?.status !== 'GRANTED') return;
      const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
      if (h !== undefined) grantedOnSite.add(`${agentIndex.get(r.agentId)}|${h}`);
    });
    // the rotation's own R, before anyone is kept on site
    const rotationRemote = (a: number, h: number) => {
      const agent = snapshot.agents[a];
      return agent.eligible && isWorking(ctx, a, h) && ctx.groupRemote.has(`${agent.groupId}|${h}`) && !grantedOnSite.has(`${a}|${h}`);
    };

    entries.forEach((k, i) => {
      const a = k ? agentIndex.get(k.agentId) : undefined;
      const h = k ? ctx.halfDayByKey.get(`${k.date}${k.period}`) : undefined;
      if (a === undefined) return v.add(`unknown agent "${k?.agentId}"`, `keptOnSite[${i}].agentId`);
      if (h === undefined) return v.add(`${k.date} ${k.period} is not a working half-day of the horizon`, `keptOnSite[${i}]`);
      if (k.rule !== 'pool' && k.rule !== 'weekly-max') return v.add(`rule must be pool or weekly-max`, `keptOnSite[${i}].rule`);
      if (seen.has(`${a}|${h}`)) return v.add(`${k.agentId} is kept on site twice on ${k.date} ${k.period}`, `keptOnSite[${i}]`);
      seen.add(`${a}|${h}`);
      if (ctx.days?.isEvent[h]) {
        v.add(`${k.agentId} is kept on site on ${k.date} ${k.period}, a continuity-event half-day (replanned apart)`, `keptOnSite[${i}]`);
      } else if (!rotationRemote(a, h)) {
        v.add(`${k.agentId} is kept on site on ${k.date} ${k.period} where the rotation does not put it remote`, `keptOnSite[${i}]`);
      }
    });

    // weekly max: exactly the excess of each agent-week
    snapshot.agents.forEach((agent, a) => {
      if (!agent.eligible) return;
      for (const w of ctx.weeks) {
        let remote = 0;
        let kept = 0;
        for (const h of w.halfDays) {
          if (!rotationRemote(a, h)) continue;
          remote++;
          if (ctx.keptOnSite.get(`${a}|${h}`) === 'weekly-max') kept++;
        }
        // the ISO week's R: a cut week's frozen ones count, so at most every planned R is dropped
        const carried = carriedRemoteOf(ctx, a, w.index);
        const needed = Math.max(0, Math.min(remote, remote + carried - agent.weeklyMax));
        // a week with continuity-event half-days: those are replanned apart, its entries there dropped
        const replanned = !!ctx.days && w.halfDays.some((h) => ctx.days?.isEvent[h]);
        if (replanned ? kept > needed : kept !== needed) {
          v.add(
            `${agent.id} is kept on site ${kept} half-days in week ${w.isoWeek} for its weekly max; the rotation puts it remote ` +
              `${remote}${carried > 0 ? ` besides ${carried} before the horizon` : ''}, weekly max ${agent.weeklyMax}, so ${needed} are needed`,
            'keptOnSite',
          );
        }
      }
    });

    // pools: the minimum, lowest tiers first
    snapshot.pools.forEach((pool, p) => {
      halfDays.forEach((hd, h) => {
        if (ctx.days?.isEvent[h]) return;
        let remote = 0;
        let standard = 0;
        let kept = 0;
        let highestKept = -1; // best priority (lowest rank) among the kept
        let lowestLeft = Infinity; // worst priority (highest rank) among those left remote
        snapshot.agents.forEach((agent, a) => {
          if (agent.pool !== pool.id || !rotationRemote(a, h)) return;
          const rule = ctx.keptOnSite.get(`${a}|${h}`);
          if (rule === 'weekly-max') return;
          const rank = TIERS_BY_PRIORITY.indexOf(agent.tier);
          remote++;
          if (rank === STANDARD) standard++;
          if (rule === 'pool') {
            kept++;
            highestKept = highestKept < 0 ? rank : Math.min(highestKept, rank);
          } else {
            lowestLeft = lowestLeft === Infinity ? rank : Math.max(lowestLeft, rank);
          }
        });
        const cap = ctx.normalCapacity[p][h];
        const reserved = ctx.reserved[p][h];
        const needed = Math.max(0, remote + reserved - cap, standard + reserved - (cap - pool.reserve));
        if (kept !== needed) {
          v.add(
            `${kept} ${pool.id} agents are kept on site on ${hd.date} ${hd.period}; the rotation puts ${remote} remote ` +
              `(${standard} STANDARD) + ${reserved} reserved for ${cap} seats, reserve ${pool.reserve}, so ${needed} are needed`,
            'keptOnSite',
          );
        } else if (kept > 0 && lowestLeft !== Infinity && lowestLeft > highestKept) {
          v.add(
            `on ${hd.date} ${hd.period} a ${TIERS_BY_PRIORITY[highestKept]} agent of ${pool.id} is kept on site while a ` +
              `${TIERS_BY_PRIORITY[lowestLeft]} one stays remote: the lowest tiers are kept on site first`,
            'keptOnSite',
          );
        }
      });
    });
    return v.done();
  },
};
