import type { Refusal } from '@telework/contracts';
import { notWorkingWhy } from '../calendar/working-half-day';
import type { NormalisedSnapshot } from '../validation/normalised-snapshot';
import { eventLabel, mustStayAt } from '../continuity/event-days';
import { carriedRemoteOf, CheckContext, isWorking, poolOf, siteCapacityOf, weeklyMaxOf } from './check-context';
import { CheckRule, ViolationList } from './rule';
import { PoolUsage, poolUsage } from './usage';

type SnapshotRequest = NormalisedSnapshot['requests'][number];

/**
 * A refused request was refused for the reason its `refusal` names, and that reason holds in the
 * final plan with the very figures it gives:
 *
 * - NOT_ELIGIBLE: a REMOTE request of an agent not telework-eligible;
 * - NOT_WORKING: `notWorkingWhy` of the request's half-day is the refusal's `why`;
 * - WEEKLY_MAX: `max` is the agent's weekly max, `week` the ISO week of the half-day, and the
 *   agent is R on at least `max` half-days of that week (a cut week's frozen R counted);
 * - POOL_FULL: `pool` is the agent's pool, `capacity` and `reserved` its cap and event seats on
 *   that half-day, `used` the agents R on it plus `reserved`, and `used` ≥ `capacity`;
 * - STANDARD_SHARE_FULL: a STANDARD agent; `reserve` is the pool's reserve, `open` = `capacity`
 *   − `reserve`, `used` the STANDARD agents R plus `reserved` seats, and `used` ≥ `open`;
 * - ON_SITE_REQUEST: a granted ON_SITE request of the agent covers that half-day;
 * - EVENT_ON_SITE: a continuity event covering the half-day (`event`, its label) keeps the agent on site;
 * - EVENT_SITE_FULL: an ON_SITE request on a continuity-event half-day where the agent's site is
 *   listed with `siteCapacity` desks (`site` its name) and as many agents or more are on site.
 *
 * On continuity-event half-days the pool is the one the agent teleworks on there (an agent made
 * eligible by the event: the event's), the capacity the event's, the weekly max the regime's
 * (other half-days of the week keep the baseline's refusals, against the agent's own max).
 *
 * Whatever the refusal says (plans written before `refusal` existed have none), a refused REMOTE
 * request of an eligible agent on one of its working half-days must have hit one of the last
 * four limits.
 */
export const refusalJustifiedRule: CheckRule = {
  id: 'refusal-justified',
  description: 'a refused request names, with the plan\'s figures, a limit it hit in the plan',
  check(ctx: CheckContext) {
    const v = new ViolationList('refusal-justified');
    const usage = poolUsage(ctx);
    const { remote, standardRemote } = usage;
    const agentIndex = new Map(ctx.snapshot.agents.map((a, i) => [a.id, i] as const));
    const onSite = new Set<string>();
    ctx.snapshot.requests.forEach((r, k) => {
      if (r.kind === 'ON_SITE' && ctx.requestEntries[k]?.status === 'GRANTED') onSite.add(`${r.agentId}|${r.date}${r.period}`);
    });
    ctx.snapshot.requests.forEach((r, k) => {
      const e = ctx.requestEntries[k];
      if (!e || e.status !== 'REFUSED' || r.status !== 'APPROVED') return;
      const path = `requests[${ctx.requestEntryIndexes[k]}]`;
      const i = agentIndex.get(r.agentId);
      if (i === undefined) return;
      const a = ctx.snapshot.agents[i];
      const h = ctx.halfDayByKey.get(`${r.date}${r.period}`);
      const m = ctx.modes[i];
      const p = h === undefined ? (a.pool === null ? undefined : ctx.poolIndex.get(a.pool)) : poolOf(ctx, i, h);
      // a granted ON_SITE request of the agent on that half-day
      const coveredOnSite = onSite.has(`${r.agentId}|${r.date}${r.period}`);

      const refusal = e.refusal as Refusal | undefined;
      if (refusal && typeof refusal === 'object' && typeof refusal.code === 'string') {
        const wrong = refusalMismatch(ctx, usage, { request: r, agent: i, h, coveredOnSite }, refusal);
        if (wrong) v.add(`${r.id} (${r.kind} of ${a.id} on ${r.date} ${r.period}) is refused as ${refusal.code}, but ${wrong}`, `${path}.refusal`);
      }

      if (r.kind !== 'REMOTE' || h === undefined || p === undefined || m === undefined) return;
      if (!isWorking(ctx, i, h) || coveredOnSite) return;
      if (ctx.days && ctx.days.isEvent[h] && mustStayAt(ctx.days, i, h)) return;
      const w = ctx.weeks[ctx.weekOf[h]];
      const max = ctx.days?.isEvent[h] ? weeklyMaxOf(ctx, i, w.index) : a.weeklyMax;
      let inWeek = carriedRemoteOf(ctx, i, w.index);
      for (const x of w.halfDays) if (m[x] === 'R') inWeek++;
      const weekFull = inWeek >= max;
      const poolFull = remote[p][h] + ctx.reserved[p][h] >= ctx.capacity[p][h];
      const shareFull =
        a.tier === 'STANDARD' &&
        standardRemote[p][h] + ctx.reserved[p][h] >= ctx.capacity[p][h] - ctx.snapshot.pools[p].reserve;
      if (!weekFull && !poolFull && !shareFull) {
        v.add(
          `${r.id} was refused but ${a.id} had room (${inWeek} of ${max} in week ${w.isoWeek}) and ` +
            `${ctx.snapshot.pools[p].id} had free seats on ${r.date} ${r.period}`,
          path,
        );
      }
    });
    return v.done();
  },
};

interface RefusedRequest {
  request: SnapshotRequest;
  /** the agent's index in the snapshot */
  agent: number;
  /** the half-day's index, undefined when it is not a working half-day of the horizon */
  h: number | undefined;
  coveredOnSite: boolean;
}

/** What the plan contradicts in `f` (in words, with the plan's figures), or null when it holds. */
function refusalMismatch(ctx: CheckContext, usage: PoolUsage, x: RefusedRequest, f: Refusal): string | null {
  const { request: r, h } = x;
  const a = ctx.snapshot.agents[x.agent];
  const m = ctx.modes[x.agent];
  const p = h === undefined ? undefined : poolOf(ctx, x.agent, h);
  const poolId = p === undefined ? a.pool : ctx.snapshot.pools[p].id;
  const onEvent = h !== undefined && !!ctx.days && ctx.days.isEvent[h] === 1;
  const sameHalfDay = (y: { date?: string; period?: string }) =>
    y.date === r.date && y.period === r.period ? null : `its half-day ${y.date} ${y.period} is not the request's`;
  const capped = () => r.kind === 'REMOTE' && h !== undefined && m !== undefined && p !== undefined;
  switch (f.code) {
    case 'NOT_ELIGIBLE':
      // an agent made eligible by an event is eligible on its half-days (those it works)
      if (r.kind !== 'REMOTE' || a.eligible || (onEvent && p !== undefined && isWorking(ctx, x.agent, h as number))) {
        return `${a.id} is eligible or the request is not REMOTE`;
      }
      return f.agent === a.id ? null : `its agent is ${f.agent}`;
    case 'NOT_WORKING': {
      const why = notWorkingWhy(r.date, r.period, a.offHalfDays, ctx.snapshot.closedDates, ctx.snapshot.horizon);
      if (why !== f.why) return `the half-day is ${why === null ? 'a working half-day' : why}, not ${f.why}`;
      if (f.agent !== a.id) return `its agent is ${f.agent}`;
      const { from, to } = ctx.snapshot.horizon;
      if (why === 'OUTSIDE_HORIZON' && (f.horizonFrom !== from || f.horizonTo !== to)) return `its horizon is not ${from} to ${to}`;
      return sameHalfDay(f);
    }
    case 'ON_SITE_REQUEST':
      if (!x.coveredOnSite) return `no granted ON_SITE request of ${a.id} covers that half-day`;
      return f.agent === a.id ? sameHalfDay(f) : `its agent is ${f.agent}`;
    case 'WEEKLY_MAX': {
      if (!capped()) return 'only REMOTE requests on a working half-day reach the weekly max';
      const w = ctx.weeks[ctx.weekOf[h as number]];
      // a regime raises the weekly max on the event half-days only (the others keep the baseline's)
      const max = onEvent ? weeklyMaxOf(ctx, x.agent, w.index) : a.weeklyMax;
      let inWeek = carriedRemoteOf(ctx, x.agent, w.index);
      for (const y of w.halfDays) if ((m as string)[y] === 'R') inWeek++;
      if (f.max !== max || f.week !== w.isoWeek) return `${a.id}'s weekly max is ${max} and the half-day is in week ${w.isoWeek}`;
      return inWeek >= max ? null : `${a.id} is remote ${inWeek} of ${max} half-days in week ${w.isoWeek}`;
    }
    case 'POOL_FULL':
    case 'STANDARD_SHARE_FULL': {
      if (!capped()) return 'only REMOTE requests of a pool on a working half-day find it full';
      const [pi, hi] = [p as number, h as number];
      const capacity = ctx.capacity[pi][hi];
      const reserved = ctx.reserved[pi][hi];
      if (f.pool !== poolId || f.capacity !== capacity) return `${a.id}'s pool is ${poolId}, with ${capacity} seats on that half-day`;
      const other = sameHalfDay(f);
      if (other) return other;
      if (f.code === 'POOL_FULL') {
        const used = usage.remote[pi][hi] + reserved;
        if (f.reserved !== reserved || f.used !== used) return `the plan has ${used} seats used, ${reserved} of them reserved`;
        return used >= capacity ? null : `${used} of ${capacity} seats are used`;
      }
      if (a.tier !== 'STANDARD') return `${a.id} is ${a.tier}, not STANDARD`;
      const reserve = ctx.snapshot.pools[pi].reserve;
      const used = usage.standardRemote[pi][hi] + reserved;
      if (f.reserve !== reserve || f.open !== capacity - reserve || f.used !== used) {
        return `the plan has ${used} STANDARD seats used of ${capacity - reserve} (reserve ${reserve})`;
      }
      return used >= capacity - reserve ? null : `${used} of ${capacity - reserve} STANDARD seats are used`;
    }
    case 'EVENT_ON_SITE': {
      const days = ctx.days;
      if (r.kind !== 'REMOTE' || !onEvent || !days || !mustStayAt(days, x.agent, h as number)) {
        return `no continuity event keeps ${a.id} on site on that half-day`;
      }
      const labels = days.covering[h as number].filter((k) => days.mustStay[k]?.[x.agent]).map((k) => eventLabel((ctx.snapshot.events ?? [])[k]));
      return labels.includes(f.event) ? sameHalfDay(f) : `the events keeping ${a.id} on site are ${labels.join(', ')}`;
    }
    case 'EVENT_SITE_FULL': {
      const days = ctx.days;
      if (r.kind !== 'ON_SITE' || !onEvent || !days) return 'only ON_SITE requests on continuity-event half-days find a site full';
      const s = ctx.snapshot.sites.findIndex((site) => site.id === a.siteId);
      const cap = days.siteCap[h as number].get(s);
      if (!cap) return `no event lists ${a.siteId} on that half-day`;
      const site = ctx.snapshot.sites[s];
      if (f.site !== (site.name ?? site.id) || f.siteCapacity !== cap.capacity) {
        return `the site is ${site.name ?? site.id} with ${cap.capacity} desks during the event`;
      }
      const events = ctx.snapshot.events ?? [];
      if (!days.covering[h as number].some((k) => eventLabel(events[k]) === f.event && events[k].sites.some((y) => y.siteId === site.id))) {
        return `no event named ${f.event} lists ${site.id} on that half-day`;
      }
      let onSite = 0;
      ctx.snapshot.agents.forEach((b, j) => {
        if (b.siteId === site.id && ctx.modes[j]?.[h as number] === 'S') onSite++;
      });
      if (onSite < siteCapacityOf(ctx, s, h as number)) return `${onSite} of ${cap.capacity} desks are taken`;
      return sameHalfDay(f);
    }
    default:
      return 'that is not a reason the planner gives';
  }
}
