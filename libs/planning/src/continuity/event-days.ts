import { HalfDay, IsoWeek } from '../calendar/half-days';
import { EventScope, Period, TIERS_BY_PRIORITY } from '../model/snapshot';
import { NormalisedEvent, NormalisedSnapshot } from '../validation/normalised-snapshot';

/**
 * What the continuity events of a snapshot (version 2) mean on each half-day of the horizon, the
 * one reading of the rules for the engine, the checker and the impact preview:
 *
 * - an event covers the working half-days from (from, fromPeriod) to (to, toPeriod) inclusive;
 * - several events on a half-day: a site's capacity is the smallest of those listing it, a
 *   pool's likewise, the regime's weekly max the largest applying to the agent (never below the
 *   agent's own), must-stay and extra-eligible their union;
 * - a regime counts in every ISO week the event covers a working half-day of;
 * - a scope matches the agents it lists, of the tiers it lists or of the org units it lists;
 *   a regime's scope with nothing listed is everyone, an `onSite` scope with nothing listed nobody.
 */
export interface EventDays {
  /** indices (in `snapshot.events`) of the events covering at least one working half-day of the horizon */
  active: number[];
  /** [h] indices of the events covering h, in snapshot order (empty: a normal half-day) */
  covering: number[][];
  /** [h] 1 when some event covers h */
  isEvent: Uint8Array;
  /** [event] working half-days of the horizon it covers */
  halfDaysOf: number[][];
  /** [h] site index → the event capacity there and the first event giving it (sites no event lists: absent) */
  siteCap: Map<number, { capacity: number; event: number }>[];
  /** [pool][h] pool capacity: the smallest event capacity where an event lists the pool, else `normal` */
  poolCap: Int32Array[];
  /** [event] agents who must stay on site (1), when the event has an onSite scope */
  mustStay: (Uint8Array | null)[];
  /** [event] agents in the regime's scope (1), when the event has a regime */
  regime: (Uint8Array | null)[];
  /** [event] the pool each agent made eligible teleworks on, −1 for the others */
  extraPool: (Int32Array | null)[];
  /** [agent * nW + w] weekly max in week w, the regimes included */
  weeklyMax: Int32Array;
  nW: number;
}

export const periodRank = (date: string, period: Period): string => `${date}${period === 'AM' ? 0 : 1}`;

export function eventLabel(e: { id: string; label?: string }): string {
  return e.label ?? e.id;
}

/** The agents a scope names; `emptyMeansAll`: a scope listing nothing names everyone (else nobody). */
export function scopeMask(snapshot: NormalisedSnapshot, scope: EventScope | undefined, emptyMeansAll: boolean): Uint8Array {
  const n = snapshot.agents.length;
  const out = new Uint8Array(n);
  const ids = new Set(scope?.agentIds ?? []);
  const tiers = new Set(scope?.tiers ?? []);
  const units = new Set(scope?.orgUnitIds ?? []);
  if (ids.size === 0 && tiers.size === 0 && units.size === 0) {
    if (emptyMeansAll) out.fill(1);
    return out;
  }
  snapshot.agents.forEach((a, i) => {
    if (ids.has(a.id) || tiers.has(a.tier) || (a.orgUnitId != null && units.has(a.orgUnitId))) out[i] = 1;
  });
  return out;
}

/**
 * Resolves the events over the horizon's working half-days. `normalCap[p][h]`: the pool's
 * capacity without events (capacity changes applied).
 */
export function resolveEventDays(
  snapshot: NormalisedSnapshot,
  halfDays: readonly HalfDay[],
  weeks: readonly IsoWeek[],
  normalCap: ArrayLike<number>[],
): EventDays {
  const events: NormalisedEvent[] = snapshot.events ?? [];
  const nH = halfDays.length;
  const nA = snapshot.agents.length;
  const nW = weeks.length;
  const covering: number[][] = halfDays.map(() => []);
  const isEvent = new Uint8Array(nH);
  const halfDaysOf: number[][] = events.map(() => []);
  const siteIndex = new Map(snapshot.sites.map((s, i) => [s.id, i] as const));
  const poolIndex = new Map(snapshot.pools.map((p, i) => [p.id, i] as const));
  const agentIndex = new Map(snapshot.agents.map((a, i) => [a.id, i] as const));
  const siteCap: Map<number, { capacity: number; event: number }>[] = halfDays.map(() => new Map());
  const poolCap = snapshot.pools.map((_, p) => Int32Array.from({ length: nH }, (_, h) => normalCap[p][h]));
  const poolListed = snapshot.pools.map(() => new Uint8Array(nH));

  events.forEach((e, k) => {
    const from = periodRank(e.from, e.fromPeriod);
    const to = periodRank(e.to, e.toPeriod);
    for (const hd of halfDays) {
      const r = periodRank(hd.date, hd.period);
      if (r < from || r > to) continue;
      const h = hd.index;
      covering[h].push(k);
      isEvent[h] = 1;
      halfDaysOf[k].push(h);
      for (const x of e.sites) {
        const s = siteIndex.get(x.siteId);
        if (s === undefined) continue;
        const cur = siteCap[h].get(s);
        if (!cur || x.capacity < cur.capacity) siteCap[h].set(s, { capacity: x.capacity, event: k });
      }
      for (const x of e.pools) {
        const p = poolIndex.get(x.poolId);
        if (p === undefined) continue;
        if (!poolListed[p][h] || x.capacity < poolCap[p][h]) poolCap[p][h] = x.capacity;
        poolListed[p][h] = 1;
      }
    }
  });
  const active = events.map((_, k) => k).filter((k) => halfDaysOf[k].length > 0);

  const mustStay = events.map((e) => (e.onSite ? scopeMask(snapshot, e.onSite, false) : null));
  const regime = events.map((e) => (e.regime ? scopeMask(snapshot, e.regime.scope, true) : null));
  const extraPool = events.map((e) => {
    if (e.extraEligible.length === 0) return null;
    const out = new Int32Array(nA).fill(-1);
    for (const x of e.extraEligible) {
      const a = agentIndex.get(x.agentId);
      const p = poolIndex.get(x.pool);
      if (a !== undefined && p !== undefined && out[a] < 0) out[a] = p;
    }
    return out;
  });

  const weeklyMax = new Int32Array(nA * nW);
  snapshot.agents.forEach((a, i) => weeklyMax.fill(a.weeklyMax, i * nW, (i + 1) * nW));
  const weekOf = new Int32Array(nH);
  for (const w of weeks) for (const h of w.halfDays) weekOf[h] = w.index;
  events.forEach((e, k) => {
    const scope = regime[k];
    if (!e.regime || !scope) return;
    const touched = new Set(halfDaysOf[k].map((h) => weekOf[h]));
    for (const w of touched) {
      for (let a = 0; a < nA; a++) {
        if (scope[a] && weeklyMax[a * nW + w] < e.regime.weeklyMax) weeklyMax[a * nW + w] = e.regime.weeklyMax;
      }
    }
  });

  return { active, covering, isEvent, halfDaysOf, siteCap, poolCap, mustStay, regime, extraPool, weeklyMax, nW };
}

/** True when agent a must stay on site at h. */
export function mustStayAt(d: EventDays, a: number, h: number): boolean {
  for (const k of d.covering[h]) if (d.mustStay[k]?.[a]) return true;
  return false;
}

/** True when agent a is in the scope of a regime of an event covering h. */
export function inRegimeAt(d: EventDays, a: number, h: number): boolean {
  for (const k of d.covering[h]) if (d.regime[k]?.[a]) return true;
  return false;
}

/** The pool an agent made eligible by an event covering h teleworks on, −1 when none. */
export function extraPoolAt(d: EventDays, a: number, h: number): number {
  for (const k of d.covering[h]) {
    const p = d.extraPool[k]?.[a] ?? -1;
    if (p >= 0) return p;
  }
  return -1;
}

/** Tier ranks in priority order (0 ELECTED … 3 STANDARD), for the ordering of agents. */
export const TIER_COUNT = TIERS_BY_PRIORITY.length;
