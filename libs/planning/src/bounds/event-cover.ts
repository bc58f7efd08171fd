/**
 * Continuity events resolved per working half-day, as SPEC/issue 9 define them, written apart
 * from the engine's own overlay so that the no-workplace bound checks it rather than repeats it:
 *
 * - an event covers the working half-days from (from, fromPeriod) to (to, toPeriod) inclusive;
 * - on a half-day covered by several events: a site's capacity is the min of the events that
 *   list it, a pool's the min of those that list it; the regime weekly max is the max of those
 *   applying; onSite and extraEligible are unions;
 * - a scope matches an agent listed by id, of a listed tier or of a listed org unit; a regime's
 *   scope with nothing listed matches everyone, an onSite scope with nothing listed nobody.
 */
import type { PlanningContext } from '../model/context';
import type { ContinuityEventSnapshot, EventScope, PlanningSnapshot } from '../model/snapshot';

/** What the events covering one working half-day say. */
export interface HalfDayCover {
  /** position in the context's half-days */
  h: number;
  /** ids of the events covering it, in snapshot order */
  eventIds: string[];
  /** [site] event capacity, -1 when no covering event lists the site */
  siteCap: Int32Array;
  /** [pool] capacity: the events' min when one lists it, else the pool's capacity that day */
  poolCap: Int32Array;
  /** agents who must stay on site */
  onSite: Uint8Array;
  /** per agent, the pools the events let it telework on (absent: none) */
  extraPools: Map<number, number[]>;
}

export interface EventCover {
  /** covered working half-days, in time order */
  halfDays: HalfDayCover[];
  /** [h] its entry of `halfDays`, or undefined */
  byHalfDay: (HalfDayCover | undefined)[];
  /** [week][agent] the highest regime weekly max applying to the agent in that week, 0 when none */
  regimeMax: Int32Array[];
}

function periodOrder(date: string, period: 'AM' | 'PM'): string {
  return `${date}${period === 'AM' ? 0 : 1}`;
}

/** Whether `scope` matches agent a (see the module's comment); `emptyMeansAll`: what a scope listing nothing matches. */
export function scopeMatcher(snapshot: PlanningSnapshot, scope: EventScope | undefined, emptyMeansAll: boolean): (a: number) => boolean {
  const ids = new Set(scope?.agentIds ?? []);
  const tiers = new Set<string>(scope?.tiers ?? []);
  const units = new Set(scope?.orgUnitIds ?? []);
  if (ids.size === 0 && tiers.size === 0 && units.size === 0) return () => emptyMeansAll;
  const agents = snapshot.agents;
  return (a) => {
    const x = agents[a];
    return ids.has(x.id) || tiers.has(x.tier ?? 'STANDARD') || (!!x.orgUnitId && units.has(x.orgUnitId));
  };
}

/** The working half-days of `ctx` covered by `event`. */
export function coveredHalfDays(ctx: PlanningContext, event: ContinuityEventSnapshot): number[] {
  const lo = periodOrder(event.from, event.fromPeriod);
  const hi = periodOrder(event.to, event.toPeriod);
  const out: number[] = [];
  for (const h of ctx.halfDays) {
    const k = periodOrder(h.date, h.period);
    if (k >= lo && k <= hi) out.push(h.index);
  }
  return out;
}

/** Resolves `snapshot.events` over the context's working half-days (the context is built from the same snapshot). */
export function eventCover(snapshot: PlanningSnapshot, ctx: PlanningContext): EventCover {
  const events = snapshot.events ?? [];
  const byHalfDay: (HalfDayCover | undefined)[] = new Array(ctx.nH).fill(undefined);
  const regimeMax = ctx.weeks.map(() => new Int32Array(ctx.nA));
  /** [h] pools some covering event lists (the first listing replaces the day's capacity) */
  const listed = new Map<number, Uint8Array>();
  for (const event of events) {
    const hs = coveredHalfDays(ctx, event);
    if (hs.length === 0) continue;
    const onSite = event.onSite ? scopeMatcher(snapshot, event.onSite, false) : null;
    const onSiteAgents: number[] = [];
    if (onSite) for (let a = 0; a < ctx.nA; a++) if (onSite(a)) onSiteAgents.push(a);
    if (event.regime) {
      const inScope = scopeMatcher(snapshot, event.regime.scope, true);
      const weeks = new Set(hs.map((h) => ctx.weekOf[h]));
      for (const w of weeks) {
        const row = regimeMax[w];
        for (let a = 0; a < ctx.nA; a++) if (inScope(a) && event.regime.weeklyMax > row[a]) row[a] = event.regime.weeklyMax;
      }
    }
    for (const h of hs) {
      let c = byHalfDay[h];
      if (!c) {
        c = {
          h,
          eventIds: [],
          siteCap: new Int32Array(ctx.nS).fill(-1),
          poolCap: Int32Array.from(ctx.cap.map((row) => row[h])),
          onSite: new Uint8Array(ctx.nA),
          extraPools: new Map(),
        };
        byHalfDay[h] = c;
        listed.set(h, new Uint8Array(ctx.nP));
      }
      const listedPool = listed.get(h) as Uint8Array;
      c.eventIds.push(event.id);
      for (const s of event.sites ?? []) {
        const i = ctx.siteIndex.get(s.siteId);
        if (i === undefined) continue;
        c.siteCap[i] = c.siteCap[i] < 0 ? s.capacity : Math.min(c.siteCap[i], s.capacity);
      }
      for (const p of event.pools ?? []) {
        const i = ctx.poolIndex.get(p.poolId);
        if (i === undefined) continue;
        c.poolCap[i] = listedPool[i] ? Math.min(c.poolCap[i], p.capacity) : p.capacity;
        listedPool[i] = 1;
      }
      for (const a of onSiteAgents) c.onSite[a] = 1;
      for (const x of event.extraEligible ?? []) {
        const a = ctx.agentIndex.get(x.agentId);
        const p = ctx.poolIndex.get(x.pool);
        if (a === undefined || p === undefined) continue;
        const list = c.extraPools.get(a) ?? [];
        if (!list.includes(p)) list.push(p);
        c.extraPools.set(a, list);
      }
    }
  }
  const halfDays = byHalfDay.filter((c): c is HalfDayCover => c !== undefined);
  return { halfDays, byHalfDay, regimeMax };
}
