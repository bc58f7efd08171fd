import fc from 'fast-check';
import { PlanningSnapshot, WEEKDAY_HALF_DAYS, WeekdayHalfDay } from '../model/snapshot';

const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14', '2026-12-15', '2026-12-16'];

/** Small random snapshots that pass validation (a few agents, pools, sites and requests). */
export const smallSnapshot: fc.Arbitrary<PlanningSnapshot> = fc
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
