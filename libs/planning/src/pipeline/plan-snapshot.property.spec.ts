import fc from 'fast-check';
import { bounds } from '../bounds/bounds';
import { checkPlan } from '../checker/check-plan';
import { Plan } from '../model/plan';
import { PlanningSnapshot, WEEKDAY_HALF_DAYS, WeekdayHalfDay } from '../model/snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { planSnapshot } from './plan-snapshot';

const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14', '2026-12-15', '2026-12-16'];

/** Small random snapshots that pass validation (a few agents, pools, sites and requests). */
const smallSnapshot: fc.Arbitrary<PlanningSnapshot> = fc
  .record({
    from: fc.integer({ min: 0, max: 3 }),
    length: fc.integer({ min: 1, max: 6 }),
    closed: fc.subarray(DAYS, { maxLength: 2 }),
    pools: fc.array(fc.record({ capacity: fc.integer({ min: 0, max: 5 }), reserve: fc.integer({ min: 0, max: 2 }), raise: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 2 }),
    sites: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 2 }),
    groups: fc.integer({ min: 1, max: 3 }),
    agents: fc.array(
      fc.record({
        eligible: fc.boolean(),
        site: fc.nat(),
        group: fc.nat(),
        pool: fc.nat(),
        tier: fc.constantFrom('ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD', 'STANDARD') as fc.Arbitrary<'ELECTED' | 'DIRECTOR' | 'ESSENTIAL' | 'STANDARD'>,
        min: fc.integer({ min: 0, max: 6 }),
        extra: fc.integer({ min: 0, max: 4 }),
        off: fc.subarray([...WEEKDAY_HALF_DAYS] as WeekdayHalfDay[], { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    requests: fc.array(
      fc.record({
        agent: fc.nat(),
        day: fc.integer({ min: 0, max: DAYS.length - 1 }),
        period: fc.constantFrom('AM', 'PM') as fc.Arbitrary<'AM' | 'PM'>,
        kind: fc.constantFrom('REMOTE', 'REMOTE', 'REMOTE', 'ON_SITE') as fc.Arbitrary<'REMOTE' | 'ON_SITE'>,
        status: fc.constantFrom('APPROVED', 'APPROVED', 'APPROVED', 'PENDING', 'REFUSED') as fc.Arbitrary<'APPROVED' | 'PENDING' | 'REFUSED'>,
      }),
      { maxLength: 10 },
    ),
    reservation: fc.option(fc.record({ day: fc.integer({ min: 0, max: DAYS.length - 1 }), period: fc.constantFrom('AM', 'PM') as fc.Arbitrary<'AM' | 'PM'>, seats: fc.integer({ min: 0, max: 2 }) })),
  })
  .map((r): PlanningSnapshot => {
    const from = DAYS[r.from];
    const to = DAYS[Math.min(DAYS.length - 1, r.from + r.length)];
    const pools = r.pools.map((p, i) => {
      const reserve = Math.min(p.reserve, p.capacity);
      return {
        id: `P${i}`,
        capacity: p.capacity,
        reserve,
        capacityChanges: p.raise > 0 ? [{ from: DAYS[5], capacity: p.capacity + p.raise }] : [],
      };
    });
    return {
      version: 1,
      horizon: { from, to },
      closedDates: r.closed,
      pools,
      sites: r.sites.map((capacity, i) => ({ id: `S${i}`, capacity })),
      groups: Array.from({ length: r.groups }, (_, i) => ({ id: `G${i}` })),
      agents: r.agents.map((a, i) => ({
        id: `A${i}`,
        siteId: `S${a.site % r.sites.length}`,
        groupId: a.eligible ? `G${a.group % r.groups}` : null,
        eligible: a.eligible,
        pool: a.eligible ? `P${a.pool % pools.length}` : null,
        tier: a.tier,
        weeklyMin: a.min,
        weeklyMax: Math.min(10, a.min + a.extra),
        offHalfDays: a.off,
      })),
      requests: r.requests.map((q, i) => ({
        id: `Q${i}`,
        agentId: `A${q.agent % r.agents.length}`,
        date: DAYS[q.day],
        period: q.period,
        kind: q.kind,
        status: q.status,
      })),
      reservations: r.reservation
        ? [{ id: 'R0', pool: 'P0', date: DAYS[r.reservation.day], period: r.reservation.period, seats: Math.min(r.reservation.seats, pools[0].capacity - pools[0].reserve) }]
        : [],
    };
  });

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing');
  return x;
}

/**
 * Brute force, written apart from the engine: the most REMOTE requests that can be granted on
 * top of the plan's rotation (ON_SITE first), trying every subset of the requests that need a
 * seat. Returns the total number of requests that can be GRANTED.
 */
function bruteForceGrants(snapshot: PlanningSnapshot, plan: Plan): number {
  const v = validateSnapshot(snapshot);
  if (!v.ok) throw new Error('invalid');
  const s = v.snapshot;
  const hd = new Map(plan.halfDays.map((k, i) => [k, i] as const));
  const week = plan.halfDays.map((k) => {
    const d = new Date(`${k.slice(0, 10)}T12:00:00Z`);
    const day = (d.getUTCDay() + 6) % 7;
    return Math.floor((d.getTime() / 86400000 - day + 3) / 7);
  });
  const slot = plan.halfDays.map((k) => {
    const d = new Date(`${k.slice(0, 10)}T12:00:00Z`);
    return ((d.getUTCDay() + 6) % 7) * 2 + (k.endsWith('PM') ? 1 : 0);
  });
  const agent = new Map(s.agents.map((a) => [a.id, a] as const));
  const remote = new Set<string>();
  const rot = new Set(plan.rotation.map((c) => `${c.groupId}|${c.date}${c.period}`));
  const working = (id: string, h: number) => !must(agent.get(id)).offHalfDays.includes(WEEKDAY_HALF_DAYS[slot[h]]);
  for (const a of s.agents) {
    if (!a.eligible) continue;
    plan.halfDays.forEach((k, h) => {
      if (working(a.id, h) && rot.has(`${a.groupId}|${k}`)) remote.add(`${a.id}|${h}`);
    });
  }
  let fixed = 0;
  const onSite = new Set<string>();
  for (const r of s.requests) {
    const h = hd.get(`${r.date}${r.period}`);
    if (r.status !== 'APPROVED' || r.kind !== 'ON_SITE' || h === undefined || !working(r.agentId, h)) continue;
    fixed++;
    remote.delete(`${r.agentId}|${h}`);
    onSite.add(`${r.agentId}|${h}`);
  }
  const candidates: { agent: string; h: number; n: number }[] = [];
  for (const r of s.requests) {
    const h = hd.get(`${r.date}${r.period}`);
    const a = must(agent.get(r.agentId));
    if (r.status !== 'APPROVED' || r.kind !== 'REMOTE' || h === undefined || !a.eligible || !working(a.id, h)) continue;
    if (onSite.has(`${a.id}|${h}`)) continue;
    if (remote.has(`${a.id}|${h}`)) fixed++;
    else {
      const c = candidates.find((x) => x.agent === a.id && x.h === h);
      if (c) c.n++;
      else candidates.push({ agent: a.id, h, n: 1 });
    }
  }
  const cap = (pool: string, h: number) => {
    const p = must(s.pools.find((x) => x.id === pool));
    let c = p.capacity;
    for (const ch of p.capacityChanges) if (ch.from <= plan.halfDays[h].slice(0, 10)) c = ch.capacity;
    return c;
  };
  const reserved = (pool: string, h: number) =>
    s.reservations.filter((r) => r.pool === pool && `${r.date}${r.period}` === plan.halfDays[h]).reduce((x, r) => x + r.seats, 0);
  let best = 0;
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const r = new Set(remote);
    let n = 0;
    candidates.forEach((c, i) => {
      if (mask & (1 << i)) {
        r.add(`${c.agent}|${c.h}`);
        n += c.n;
      }
    });
    if (n <= best) continue;
    let ok = true;
    for (const a of s.agents) {
      const perWeek = new Map<number, number>();
      plan.halfDays.forEach((_, h) => {
        if (r.has(`${a.id}|${h}`)) perWeek.set(week[h], (perWeek.get(week[h]) ?? 0) + 1);
      });
      for (const x of perWeek.values()) if (x > a.weeklyMax) ok = false;
    }
    for (const p of s.pools) {
      plan.halfDays.forEach((_, h) => {
        const users = s.agents.filter((a) => a.pool === p.id && r.has(`${a.id}|${h}`));
        const std = users.filter((a) => a.tier === 'STANDARD').length;
        if (users.length + reserved(p.id, h) > cap(p.id, h)) ok = false;
        if (std + reserved(p.id, h) > cap(p.id, h) - p.reserve) ok = false;
      });
    }
    if (ok) best = n;
  }
  return fixed + best;
}

describe('planSnapshot properties (random small snapshots)', () => {
  it('every plan passes the checker, grants the true maximum and is reproducible byte for byte', () => {
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        const plan = planSnapshot(snapshot);
        expect(checkPlan(snapshot, plan).violations).toEqual([]);
        expect(JSON.stringify(planSnapshot(JSON.parse(JSON.stringify(snapshot))))).toBe(JSON.stringify(plan));
        expect(plan.metrics.requestsGranted).toBe(bruteForceGrants(snapshot, plan));
        // bounds() counts distinct (agent, half-day) requests: compare when there is no duplicate
        const keys = (snapshot.requests ?? []).map((r) => `${r.agentId}|${r.date}|${r.period}|${r.kind}|${r.status}`);
        if (new Set(keys).size === keys.length) {
          expect(plan.metrics.requestsGranted).toBe(bounds(snapshot, plan.rotation).maxGrantsForRotation);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a kept valid rotation is kept untouched, and requests still get the maximum', () => {
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        const first = planSnapshot({ ...snapshot, requests: [] });
        const kept = { ...snapshot, rotation: first.rotation };
        const plan = planSnapshot(kept);
        expect(plan.rotation).toEqual(first.rotation);
        expect(plan.metrics.requestsGranted).toBe(bruteForceGrants(kept, plan));
      }),
      { numRuns: 60 },
    );
  });

  it('the busiest half-day is at least its lower bound', () => {
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        const plan = planSnapshot({ ...snapshot, requests: [] });
        if (plan.metrics.weeklyMinShortfalls === 0) {
          expect(plan.metrics.busiestHalfDay.remote).toBeGreaterThanOrEqual(bounds({ ...snapshot, requests: [] }).busiestHalfDayLowerBound);
        }
        expect(plan.metrics.weeklyMinShortfalls).toBeGreaterThanOrEqual(bounds(snapshot).weeklyMinShortfallsLowerBound);
      }),
      { numRuns: 80 },
    );
  });
});
