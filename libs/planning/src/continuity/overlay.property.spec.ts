import fc from 'fast-check';
import { workingHalfDays, isoWeeks } from '../calendar/half-days';
import { checkPlan } from '../checker/check-plan';
import { Plan } from '../model/plan';
import { ContinuityEventSnapshot, PlanningSnapshot, Tier, TIERS_BY_PRIORITY, WEEKDAY_HALF_DAYS } from '../model/snapshot';
import { planWithReport } from '../pipeline/plan-snapshot';
import { capacityOn } from '../validation/normalised-snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { extraPoolAt, mustStayAt, resolveEventDays } from './event-days';

/**
 * The engine's guarantees during continuity events on random small départements (closures,
 * reduced sites, pool changes, regimes, agents made eligible, must-stay agents, requests, a
 * random kept rotation), with the checker as the oracle, and, when no weekly budget binds
 * (weekly max 10), the fewest N of each half-day against an exact matching written apart,
 * priority tiers and fairness.
 */

const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17', '2026-12-18'];
const PERIODS = ['AM', 'PM'] as const;

interface Shape {
  fullTime: boolean;
}

function snapshotArb({ fullTime }: Shape): fc.Arbitrary<PlanningSnapshot> {
  return fc
    .record({
      weeks: fc.integer({ min: 1, max: 2 }),
      sites: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
      pools: fc.array(fc.record({ capacity: fc.integer({ min: 0, max: 6 }), reserve: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 2 }),
      agents: fc.array(
        fc.record({
          site: fc.nat(),
          eligible: fc.boolean(),
          pool: fc.nat(),
          group: fc.integer({ min: 0, max: 2 }),
          tier: fc.constantFrom<Tier>('STANDARD', 'STANDARD', 'STANDARD', 'ESSENTIAL', 'DIRECTOR', 'ELECTED'),
          weeklyMax: fullTime ? fc.constant(10) : fc.integer({ min: 0, max: 10 }),
          off: fullTime ? fc.constant(-1) : fc.integer({ min: -3, max: 9 }),
          unit: fc.constantFrom('OU1', 'OU2', null),
        }),
        { minLength: 1, maxLength: 14 },
      ),
      rotation: fc.array(fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), { minLength: 3, maxLength: 3 }),
      requests: fc.array(fc.record({ agent: fc.nat(), day: fc.nat(), period: fc.constantFrom(...PERIODS), kind: fc.constantFrom('REMOTE', 'ON_SITE') }), { maxLength: 6 }),
      events: fc.array(
        fc.record({
          from: fc.nat(19),
          length: fc.integer({ min: 0, max: 8 }),
          sites: fc.array(fc.record({ site: fc.nat(), capacity: fc.integer({ min: 0, max: 4 }) }), { maxLength: 2 }),
          pools: fc.array(fc.record({ pool: fc.nat(), extra: fc.integer({ min: 0, max: 5 }) }), { maxLength: 1 }),
          regime: fc.option(fc.record({ weeklyMax: fullTime ? fc.constant(10) : fc.integer({ min: 1, max: 10 }), tiers: fc.subarray([...TIERS_BY_PRIORITY]) })),
          extra: fc.array(fc.record({ agent: fc.nat(), pool: fc.nat() }), { maxLength: 2 }),
          onSite: fc.option(fc.record({ tiers: fc.subarray(['ELECTED', 'ESSENTIAL'] as Tier[]), agents: fc.array(fc.nat(), { maxLength: 2 }) })),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    })
    .map((r) => {
      const days = DAYS.slice(0, r.weeks * 5);
      const nS = r.sites.length;
      const nP = r.pools.length;
      const agents = r.agents.map((a, i) => ({
        id: `A${i}`,
        siteId: `S${a.site % nS}`,
        groupId: a.eligible ? `G${a.group}` : null,
        eligible: a.eligible,
        pool: a.eligible ? `P${a.pool % nP}` : null,
        tier: a.tier,
        weeklyMin: 0,
        weeklyMax: a.weeklyMax,
        offHalfDays: a.off >= 0 ? [WEEKDAY_HALF_DAYS[a.off]] : [],
        orgUnitId: a.unit,
      }));
      const nA = agents.length;
      const halfDayOf = (k: number) => ({ date: days[Math.floor(k / 2) % days.length], period: PERIODS[k % 2] });
      const rotation = r.rotation.flatMap((cells, g) =>
        cells.flatMap((remote, k) => (remote && Math.floor(k / 2) < days.length ? [{ groupId: `G${g}`, ...halfDayOf(k) }] : [])));
      const events: ContinuityEventSnapshot[] = r.events.map((e, k) => {
        const last = Math.min(e.from + e.length, days.length * 2 - 1);
        const first = Math.min(e.from, last);
        const from = halfDayOf(first);
        const to = halfDayOf(last);
        const seen = new Set<string>();
        return {
          id: `E${k}`,
          from: from.date, fromPeriod: from.period, to: to.date, toPeriod: to.period,
          sites: e.sites.map((x) => ({ siteId: `S${x.site % nS}`, capacity: x.capacity })).filter((x) => !seen.has(x.siteId) && !!seen.add(x.siteId)),
          pools: e.pools.map((x) => {
            const p = x.pool % nP;
            return { poolId: `P${p}`, capacity: r.pools[p].reserve + x.extra };
          }),
          ...(e.regime ? { regime: { weeklyMax: e.regime.weeklyMax, scope: { tiers: e.regime.tiers } } } : {}),
          extraEligible: [...new Map(e.extra.map((x) => [x.agent % nA, x.pool % nP])).entries()].map(([a, p]) => ({ agentId: `A${a}`, pool: `P${p}` })),
          ...(e.onSite ? { onSite: { tiers: e.onSite.tiers, agentIds: e.onSite.agents.map((a) => `A${a % nA}`) } } : {}),
        };
      });
      return {
        version: 2 as const,
        horizon: { from: days[0], to: days[days.length - 1] },
        pools: r.pools.map((p, i) => ({ id: `P${i}`, capacity: Math.max(p.capacity, p.reserve), reserve: p.reserve })),
        sites: r.sites.map((capacity, i) => ({ id: `S${i}`, ...(i === 0 ? { name: 'Hôtel' } : {}), capacity })),
        groups: [0, 1, 2].map((g) => ({ id: `G${g}` })),
        agents,
        rotation,
        requests: r.requests.map((q, k) => ({
          id: `Q${k}`, agentId: `A${q.agent % nA}`, ...halfDayOf((q.day % days.length) * 2 + (q.period === 'AM' ? 0 : 1)), kind: q.kind as 'REMOTE' | 'ON_SITE', status: 'APPROVED' as const,
        })),
        events,
      };
    });
}

const plan = (s: PlanningSnapshot): Plan => planWithReport(s, { rotationConflicts: 'keep-on-site' }).plan;

/** Exact fewest N of each half-day, apart from the engine: a maximum bipartite matching (Kuhn) of agents to desk and seat units. */
function fewestNoWorkplace(s: PlanningSnapshot): Map<number, number> {
  const valid = validateSnapshot(s);
  if (!valid.ok) throw new Error('invalid');
  const n = valid.snapshot;
  const halfDays = workingHalfDays(n.horizon, n.closedDates, n.timezone);
  const weeks = isoWeeks(halfDays);
  const normal = n.pools.map((p) => halfDays.map((h) => capacityOn(p, h.date)));
  const days = resolveEventDays(n, halfDays, weeks, normal);
  const out = new Map<number, number>();
  for (const hd of halfDays) {
    const h = hd.index;
    if (!days.isEvent[h]) continue;
    const units: { kind: 'desk' | 'open' | 'reserve'; key: number }[] = [];
    const must = n.sites.map(() => 0);
    const needy: number[] = [];
    n.agents.forEach((a, i) => {
      if (a.offHalfDays.includes(hd.weekdayHalfDay)) return;
      const s = n.sites.findIndex((x) => x.id === a.siteId);
      if (!days.siteCap[h].has(s)) return;
      if (mustStayAt(days, i, h)) must[s]++;
      else needy.push(i);
    });
    for (const [s, { capacity }] of days.siteCap[h]) for (let u = 0; u < capacity - must[s]; u++) units.push({ kind: 'desk', key: s });
    n.pools.forEach((pool, p) => {
      const open = days.poolCap[p][h] - pool.reserve;
      for (let u = 0; u < open; u++) units.push({ kind: 'open', key: p });
      for (let u = 0; u < pool.reserve; u++) units.push({ kind: 'reserve', key: p });
    });
    const poolOf = (i: number) => {
      const a = n.agents[i];
      return a.eligible ? n.pools.findIndex((x) => x.id === a.pool) : extraPoolAt(days, i, h);
    };
    const fits = (i: number, u: { kind: string; key: number }) => {
      const a = n.agents[i];
      if (u.kind === 'desk') return n.sites[u.key].id === a.siteId;
      if (poolOf(i) !== u.key) return false;
      return u.kind === 'open' || a.tier !== 'STANDARD';
    };
    const owner = new Array<number>(units.length).fill(-1);
    const tryAgent = (i: number, seen: Uint8Array): boolean => {
      for (let u = 0; u < units.length; u++) {
        if (seen[u] || !fits(i, units[u])) continue;
        seen[u] = 1;
        if (owner[u] < 0 || tryAgent(owner[u], seen)) {
          owner[u] = i;
          return true;
        }
      }
      return false;
    };
    let matched = 0;
    for (const i of needy) if (tryAgent(i, new Uint8Array(units.length))) matched++;
    out.set(h, needy.length - matched);
  }
  return out;
}

describe('continuity overlay, properties (checker as oracle)', () => {
  it('breaks no hard rule on random events, budgets binding or not', () => {
    fc.assert(
      fc.property(snapshotArb({ fullTime: false }), (s) => {
        const p = plan(s);
        expect(checkPlan(s, p).violations).toEqual([]);
        expect(p.version).toBe(2);
      }),
      { numRuns: 60 },
    );
  });

  it('without binding weekly budgets: fewest N per half-day, priority tiers first, fair shares', () => {
    fc.assert(
      fc.property(snapshotArb({ fullTime: true }), (s) => {
        const p = plan(s);
        expect(checkPlan(s, p).violations).toEqual([]);
        const nAt = (h: number) => p.agents.filter((a) => a.modes[h] === 'N').length;
        const exact = fewestNoWorkplace(s);
        for (const [h, fewest] of exact) expect([p.halfDays[h], nAt(h)]).toEqual([p.halfDays[h], fewest]);

        const valid = validateSnapshot(s);
        if (!valid.ok) throw new Error('invalid');
        const n = valid.snapshot;
        const halfDays = workingHalfDays(n.horizon, n.closedDates, n.timezone);
        const days = resolveEventDays(n, halfDays, isoWeeks(halfDays), n.pools.map((x) => halfDays.map((h) => capacityOn(x, h.date))));
        const rank = (i: number) => TIERS_BY_PRIORITY.indexOf(n.agents[i].tier);
        const poolAt = (i: number, h: number) => (n.agents[i].eligible ? n.agents[i].pool : (extraPoolAt(days, i, h) >= 0 ? `P${extraPoolAt(days, i, h)}` : null));
        // priority: nobody N while a lower tier of its site holds a desk there, or of its pool a seat it could take
        for (const [h] of exact) {
          n.agents.forEach((x, i) => {
            if (p.agents[i].modes[h] !== 'N') return;
            n.agents.forEach((y, j) => {
              if (rank(j) <= rank(i) || mustStayAt(days, j, h)) return;
              const m = p.agents[j].modes[h];
              const deskTaken = m === 'S' && y.siteId === x.siteId;
              const seatTaken = m === 'R' && poolAt(i, h) !== null && poolAt(i, h) === poolAt(j, h);
              expect({ at: p.halfDays[h], n: x.id, holder: y.id, deskTaken, seatTaken }).toEqual({ at: p.halfDays[h], n: x.id, holder: y.id, deskTaken: false, seatTaken: false });
            });
          });
        }
        // fairness: agents alike on every event half-day differ by at most 1 in N
        const signature = (i: number) =>
          [...exact.keys()].map((h) => [n.agents[i].siteId, n.agents[i].tier, poolAt(i, h), mustStayAt(days, i, h)].join('|')).join(';');
        const byType = new Map<string, number[]>();
        n.agents.forEach((_, i) => {
          const count = [...exact.keys()].filter((h) => p.agents[i].modes[h] === 'N').length;
          const key = signature(i);
          byType.set(key, [...(byType.get(key) ?? []), count]);
        });
        for (const counts of byType.values()) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });
});
