import { CheckContext, isWorking } from './check-context';
import { CheckRule, ViolationList } from './rule';
import { poolUsage } from './usage';

/**
 * A refused REMOTE request of an eligible agent on one of its working half-days must have hit
 * a limit in the final plan: its pool full, the STANDARD share full (STANDARD agents), its
 * weekly max reached, or a granted ON_SITE request of its own on that half-day.
 */
export const refusalJustifiedRule: CheckRule = {
  id: 'refusal-justified',
  description: 'a refused REMOTE request hit a full pool, a full STANDARD share or the weekly max',
  check(ctx: CheckContext) {
    const v = new ViolationList('refusal-justified');
    const { remote, standardRemote } = poolUsage(ctx);
    const agentIndex = new Map(ctx.snapshot.agents.map((a, i) => [a.id, i] as const));
    const onSite = new Set<string>();
    ctx.snapshot.requests.forEach((r, k) => {
      if (r.kind === 'ON_SITE' && ctx.requestEntries[k]?.status === 'GRANTED') onSite.add(`${r.agentId}|${r.date}${r.period}`);
    });
    ctx.snapshot.requests.forEach((r, k) => {
      const e = ctx.requestEntries[k];
      if (!e || e.status !== 'REFUSED' || r.kind !== 'REMOTE' || r.status !== 'APPROVED') return;
      const i = agentIndex.get(r.agentId);
      const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
      if (i === undefined || h === undefined) return;
      const a = ctx.snapshot.agents[i];
      const m = ctx.modes[i];
      if (!a.eligible || m === undefined || !isWorking(ctx, i, h)) return;
      if (onSite.has(`${r.agentId}|${r.date}${r.period}`)) return;
      const p = a.pool === null ? undefined : ctx.poolIndex.get(a.pool);
      if (p === undefined) return;
      const w = ctx.weeks[ctx.weekOf[h]];
      let inWeek = 0;
      for (const x of w.halfDays) if (m[x] === 'R') inWeek++;
      const weekFull = inWeek >= a.weeklyMax;
      const poolFull = remote[p][h] + ctx.reserved[p][h] >= ctx.capacity[p][h];
      const shareFull =
        a.tier === 'STANDARD' &&
        standardRemote[p][h] + ctx.reserved[p][h] >= ctx.capacity[p][h] - ctx.snapshot.pools[p].reserve;
      if (!weekFull && !poolFull && !shareFull) {
        v.add(
          `${r.id} was refused but ${a.id} had room (${inWeek} of ${a.weeklyMax} in week ${w.isoWeek}) and ` +
            `${a.pool} had free seats on ${r.date} ${r.period}`,
          `requests[${(ctx.plan.requests ?? []).indexOf(e)}]`,
        );
      }
    });
    return v.done();
  },
};
