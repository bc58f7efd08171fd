import { recordText, type NoWorkplaceWhy } from '@telework/contracts';
import { eventLabel, mustStayAt } from '../continuity/event-days';
import { NoWorkplaceEntry } from '../model/plan';
import { carriedRemoteOf, CheckContext, isWorking, poolOf, weeklyMaxOf } from './check-context';
import { eventOutcomesOf } from './metrics';
import { CheckRule, ViolationList } from './rule';
import { poolUsage } from './usage';

/**
 * Continuity events (version 2), on their half-days:
 *
 * - a site an event lists has at most its event capacity on site, unless only agents who must
 *   stay on site are there (then the plan warns, EVENT_ON_SITE_OVER_CAPACITY);
 * - the agents who must stay on site and work that half-day are S;
 * - N only where the agent's site is listed and full (as many on site as its desks or more), and
 *   with one `plan.noWorkplace` entry whose `why` holds with the plan's figures: the event and the
 *   site's desks, then not eligible, the weekly max reached (the regime's), the pool full or its
 *   STANDARD share full; `reason` is `recordText(why)`; the entries are in agent then time order
 *   and name only N half-days;
 * - `plan.events` gives each event meeting the horizon with its counts; a version 1 plan has
 *   neither N, `noWorkplace` nor `events`.
 */
export const continuityRule: CheckRule = {
  id: 'continuity',
  description: 'event site caps, must-stay agents on site, N only where no desk and no seat is possible, with its reason and figures',
  check(ctx: CheckContext) {
    const v = new ViolationList('continuity');
    const { snapshot, plan, halfDays, days } = ctx;
    const entries: NoWorkplaceEntry[] = Array.isArray(plan.noWorkplace) ? plan.noWorkplace : [];
    if (!days || days.active.length === 0) {
      if (plan.noWorkplace !== undefined) v.add('noWorkplace is given but no continuity event meets the horizon', 'noWorkplace');
      if (plan.events !== undefined) v.add('events is given but no continuity event meets the horizon', 'events');
      return v.done();
    }
    const n = halfDays.length;
    const siteIndex = new Map(snapshot.sites.map((s, i) => [s.id, i] as const));
    const onSite = snapshot.sites.map(() => new Int32Array(n));
    const mustOnSite = snapshot.sites.map(() => new Int32Array(n));
    snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (m === undefined) return;
      const s = siteIndex.get(a.siteId) as number;
      for (let h = 0; h < n; h++) {
        if (!days.isEvent[h]) continue;
        const must = mustStayAt(days, i, h);
        if (m[h] === 'S') {
          onSite[s][h]++;
          if (must) mustOnSite[s][h]++;
        } else if (must && isWorking(ctx, i, h)) {
          v.add(`${a.id} must stay on site on ${halfDays[h].date} ${halfDays[h].period} but is ${m[h]}`, `agents[${i}].modes`);
        }
      }
    });
    for (let h = 0; h < n; h++) {
      for (const [s, { capacity }] of days.siteCap[h]) {
        if (onSite[s][h] > capacity && onSite[s][h] > mustOnSite[s][h]) {
          v.add(
            `${snapshot.sites[s].id} has ${onSite[s][h]} on site on ${halfDays[h].date} ${halfDays[h].period}, above its ` +
              `${capacity} desks during the event (${mustOnSite[s][h]} of them must stay)`,
          );
        }
      }
    }

    // each N: its entry, the site full, a reason that holds
    const usage = poolUsage(ctx);
    const agentIndex = new Map(snapshot.agents.map((a, i) => [a.id, i] as const));
    const entryAt = new Map<string, number>();
    let previous = -1;
    entries.forEach((e, k) => {
      const i = e ? agentIndex.get(e.agentId) : undefined;
      const h = e ? ctx.halfDayByKey.get(`${e.date}${e.period}`) : undefined;
      if (i === undefined || h === undefined) return v.add(`entry for an unknown agent or half-day`, `noWorkplace[${k}]`);
      if (ctx.modes[i]?.[h] !== 'N') return v.add(`${e.agentId} is not N on ${e.date} ${e.period}`, `noWorkplace[${k}]`);
      if (entryAt.has(`${i}|${h}`)) return v.add(`${e.agentId} has two entries on ${e.date} ${e.period}`, `noWorkplace[${k}]`);
      entryAt.set(`${i}|${h}`, k);
      const order = i * n + h;
      if (order < previous) v.add('entries are not in agent then time order', `noWorkplace[${k}]`);
      previous = order;
    });
    snapshot.agents.forEach((a, i) => {
      const m = ctx.modes[i];
      if (m === undefined) return;
      for (let h = m.indexOf('N'); h >= 0; h = m.indexOf('N', h + 1)) {
        const hd = halfDays[h];
        const k = entryAt.get(`${i}|${h}`);
        if (k === undefined) {
          v.add(`${a.id} is N on ${hd.date} ${hd.period} without a noWorkplace entry`, `agents[${i}].modes`);
          continue;
        }
        const wrong = noWorkplaceMismatch(ctx, usage, i, h, onSite, entries[k]);
        if (wrong) v.add(`${a.id} is N on ${hd.date} ${hd.period}, but ${wrong}`, `noWorkplace[${k}]`);
      }
    });

    // outcomes per event
    const want = eventOutcomesOf(ctx);
    const got = Array.isArray(plan.events) ? plan.events : [];
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      v.add(`events is ${JSON.stringify(got)}, recomputed ${JSON.stringify(want)}`, 'events');
    }
    return v.done();
  },
};

/** What the plan contradicts in an N's entry (in words, with the plan's figures), or null. */
function noWorkplaceMismatch(
  ctx: CheckContext,
  usage: ReturnType<typeof poolUsage>,
  i: number,
  h: number,
  onSite: Int32Array[],
  e: NoWorkplaceEntry,
): string | null {
  const days = ctx.days;
  if (!days) return 'no continuity event';
  const a = ctx.snapshot.agents[i];
  const s = ctx.snapshot.sites.findIndex((x) => x.id === a.siteId);
  const listed = days.siteCap[h].get(s);
  if (!listed) return `no event covering that half-day lists its site ${a.siteId}`;
  if (onSite[s][h] < listed.capacity) return `${a.siteId} has ${onSite[s][h]} on site for ${listed.capacity} desks during the event`;
  const events = ctx.snapshot.events ?? [];
  const giving = days.covering[h].filter((k) => events[k].sites.some((x) => x.siteId === a.siteId && x.capacity === listed.capacity));
  if (!giving.some((k) => events[k].id === e.eventId)) return `its eventId ${e.eventId} is not an event giving ${a.siteId} ${listed.capacity} desks then`;
  const why = e.why as NoWorkplaceWhy | undefined;
  if (!why || typeof why !== 'object') return 'its entry has no why';
  if (e.reason !== recordText(why)) return `its reason is not its why's record wording "${recordText(why)}"`;
  const site = ctx.snapshot.sites[s];
  const hd = ctx.halfDays[h];
  if (why.site !== (site.name ?? site.id) || why.siteCapacity !== listed.capacity || why.date !== hd.date || why.period !== hd.period) {
    return `its why names ${why.site} with ${why.siteCapacity} desks on ${why.date} ${why.period}, not ${site.name ?? site.id} with ${listed.capacity} on ${hd.date} ${hd.period}`;
  }
  if (!giving.some((k) => eventLabel(events[k]) === why.event)) return `its why names the event ${why.event}`;
  const p = poolOf(ctx, i, h);
  switch (why.code) {
    case 'NO_WORKPLACE_NOT_ELIGIBLE':
      return p === undefined ? null : `${a.id} may telework on ${ctx.snapshot.pools[p].id} then`;
    case 'NO_WORKPLACE_WEEKLY_MAX': {
      const w = ctx.weeks[ctx.weekOf[h]];
      const max = weeklyMaxOf(ctx, i, w.index);
      if (why.max !== max || why.week !== w.isoWeek) return `${a.id}'s weekly max is ${max} and the half-day is in week ${w.isoWeek}`;
      const m = ctx.modes[i] as string;
      let r = carriedRemoteOf(ctx, i, w.index);
      for (const x of w.halfDays) if (m[x] === 'R') r++;
      return r >= max ? null : `${a.id} is remote ${r} of ${max} half-days in week ${w.isoWeek}`;
    }
    case 'NO_WORKPLACE_POOL_FULL':
    case 'NO_WORKPLACE_STANDARD_SHARE': {
      if (p === undefined) return `${a.id} may not telework then`;
      const capacity = ctx.capacity[p][h];
      const reserved = ctx.reserved[p][h];
      if (why.pool !== ctx.snapshot.pools[p].id || why.capacity !== capacity) {
        return `${a.id}'s pool is ${ctx.snapshot.pools[p].id} with ${capacity} seats then`;
      }
      if (why.code === 'NO_WORKPLACE_POOL_FULL') {
        const used = usage.remote[p][h] + reserved;
        if (why.used !== used || why.reserved !== reserved) return `the plan has ${used} seats used, ${reserved} of them reserved`;
        return used >= capacity ? null : `${used} of ${capacity} seats are used`;
      }
      if (a.tier !== 'STANDARD') return `${a.id} is ${a.tier}, not STANDARD`;
      const reserve = ctx.snapshot.pools[p].reserve;
      const used = usage.standardRemote[p][h] + reserved;
      if (why.used !== used || why.reserve !== reserve || why.open !== capacity - reserve) {
        return `the plan has ${used} STANDARD seats used of ${capacity - reserve} (reserve ${reserve})`;
      }
      return used >= capacity - reserve ? null : `${used} of ${capacity - reserve} STANDARD seats are used`;
    }
    default:
      return `${JSON.stringify((why as { code?: unknown }).code)} is not a reason the planner gives`;
  }
}
