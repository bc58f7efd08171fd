import type { PlanWarning } from '@telework/contracts';
import { carriedRemoteOf, PlanningContext, STANDARD_RANK } from '../model/context';
import { Tier, TIERS_BY_PRIORITY } from '../model/snapshot';

/** An agent the rotation puts remote on a half-day where that breaks a hard rule. */
export interface KeptEntry {
  agent: number;
  h: number;
  rule: 'pool' | 'weekly-max';
}

export interface ConflictResolution {
  kept: KeptEntry[];
  /** one per conflict (agent × week, pool × half-day), with the figures: KEPT_ON_SITE_WEEKLY_MAX, KEPT_ON_SITE_POOL */
  warnings: PlanWarning[];
}

/** allocate.ts's MODE_S and MODE_R (not imported: allocate.ts imports this file) */
const MODE_S = 0;
const MODE_R = 1;

/**
 * Plans around a GIVEN rotation that breaks hard rules by itself (HR cut a pool's capacity or
 * reserve, or lowered an agent's weekly max, after the rotation was published): instead of
 * refusing the whole plan, the fewest agents are kept on site, and each conflict becomes a
 * warning with its figures. `modes` holds the rotation's R (after granted ON_SITE requests) and
 * is changed in place (R → S).
 *
 * 1. Weekly max: an agent the rotation puts remote r > weeklyMax half-days in a week keeps
 *    weeklyMax of them; the ones dropped are those on the most overloaded half-days of its pool
 *    (ties: the latest), which also relieves step 2.
 * 2. Pools, half-day by half-day in time order: while REMOTE agents + reserved seats exceed the
 *    cap, or REMOTE STANDARD agents + reserved seats exceed cap − reserve, members are kept on
 *    site, lowest priority tier first (STANDARD, ESSENTIAL, DIRECTOR, ELECTED: DESIGN.md's
 *    order), inside a tier those kept on site least so far in the horizon first (then snapshot
 *    order), so that the burden rotates. The count kept is the minimum: max(over the cap, over
 *    the STANDARD share). Validation guarantees reserved seats fit cap − reserve, so this
 *    always ends within the caps.
 */
export function keepOnSiteForConflicts(ctx: PlanningContext, modes: Uint8Array): ConflictResolution {
  const { nA, nH, nP, snapshot } = ctx;
  const use = Array.from({ length: nP }, () => new Int32Array(nH));
  const useStd = Array.from({ length: nP }, () => new Int32Array(nH));
  const byPool: number[][] = Array.from({ length: nP }, () => []);
  for (let a = 0; a < nA; a++) {
    const p = ctx.agentPool[a];
    if (p < 0) continue;
    byPool[p].push(a);
    const std = ctx.tierRank[a] === STANDARD_RANK;
    for (let h = 0; h < nH; h++) {
      if (modes[a * nH + h] !== MODE_R) continue;
      use[p][h]++;
      if (std) useStd[p][h]++;
    }
  }
  const groupLabel = (a: number) => {
    const g = ctx.agentGroup[a];
    return g < 0 ? String(snapshot.agents[a].groupId) : (snapshot.groups[g].name ?? snapshot.groups[g].id);
  };
  const over = (p: number, h: number) =>
    Math.max(use[p][h] + ctx.reserved[p][h] - ctx.cap[p][h], useStd[p][h] + ctx.reserved[p][h] - (ctx.cap[p][h] - ctx.reserve[p]));

  const kept: KeptEntry[] = [];
  const warnings: PlanWarning[] = [];
  const keptCount = new Int32Array(nA);
  const keep = (a: number, h: number, rule: KeptEntry['rule']) => {
    modes[a * nH + h] = MODE_S;
    keptCount[a]++;
    kept.push({ agent: a, h, rule });
    const p = ctx.agentPool[a];
    if (p < 0) return;
    use[p][h]--;
    if (ctx.tierRank[a] === STANDARD_RANK) useStd[p][h]--;
  };

  // 1. weekly max
  for (let a = 0; a < nA; a++) {
    if (!ctx.eligible[a]) continue;
    const p = ctx.agentPool[a];
    for (const week of ctx.weeks) {
      const remote = week.halfDays.filter((h) => modes[a * nH + h] === MODE_R);
      // the ISO week's count: a cut week's frozen R count too (at most every planned R is dropped)
      const carried = carriedRemoteOf(ctx, a, week.index);
      const excess = Math.min(remote.length, remote.length + carried - ctx.weeklyMax[a]);
      if (excess <= 0) continue;
      const dropped = [...remote]
        .sort((x, y) => (p < 0 ? 0 : over(p, y) - over(p, x)) || y - x)
        .slice(0, excess)
        .sort((x, y) => x - y);
      for (const h of dropped) keep(a, h, 'weekly-max');
      warnings.push({
        code: 'KEPT_ON_SITE_WEEKLY_MAX', agent: snapshot.agents[a].id, group: groupLabel(a), week: week.isoWeek,
        count: remote.length + carried, max: ctx.weeklyMax[a], halfDays: dropped.map((h) => ({ date: ctx.halfDays[h].date, period: ctx.halfDays[h].period })),
      });
    }
  }

  // 2. pools, in time order
  for (let h = 0; h < nH; h++) {
    for (let p = 0; p < nP; p++) {
      const cap = ctx.cap[p][h];
      const reserved = ctx.reserved[p][h];
      const open = cap - ctx.reserve[p];
      let overCap = use[p][h] + reserved - cap;
      let overStd = useStd[p][h] + reserved - open;
      if (overCap <= 0 && overStd <= 0) continue;
      // the figures before anyone is kept on site
      const remote = use[p][h];
      const standardRemote = useStd[p][h];
      const candidates = byPool[p]
        .filter((a) => modes[a * nH + h] === MODE_R)
        .sort((x, y) => ctx.tierRank[y] - ctx.tierRank[x] || keptCount[x] - keptCount[y] || x - y);
      const tiers = new Int32Array(TIERS_BY_PRIORITY.length);
      const groups = new Set<string>();
      for (const a of candidates) {
        if (overCap <= 0 && overStd <= 0) break;
        const std = ctx.tierRank[a] === STANDARD_RANK;
        if (overCap <= 0 && !std) break; // only the STANDARD share is over, and the STANDARD agents came first
        keep(a, h, 'pool');
        overCap--;
        if (std) overStd--;
        tiers[ctx.tierRank[a]]++;
        groups.add(groupLabel(a));
      }
      const keptByTier: Partial<Record<Tier, number>> = {};
      TIERS_BY_PRIORITY.forEach((t, i) => {
        if (tiers[i] > 0) keptByTier[t] = tiers[i];
      });
      const hd = ctx.halfDays[h];
      warnings.push({
        code: 'KEPT_ON_SITE_POOL', pool: snapshot.pools[p].id, date: hd.date, period: hd.period,
        remote, standardRemote, reserved, used: remote + reserved, standardUsed: standardRemote + reserved,
        capacity: cap, open, reserve: ctx.reserve[p],
        kept: tiers.reduce((x, y) => x + y, 0), keptByTier, groups: [...groups].sort(),
      });
    }
  }
  kept.sort((x, y) => x.h - y.h || x.agent - y.agent);
  return { kept, warnings };
}
