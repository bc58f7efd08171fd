import fc from 'fast-check';
import { bounds } from '../bounds/bounds';
import { checkPlan } from '../checker/check-plan';
import { Plan } from '../model/plan';
import { PlanningSnapshot, WEEKDAY_HALF_DAYS } from '../model/snapshot';
import { validateSnapshot } from '../validation/validate-snapshot';
import { planSnapshot, planWithReport } from './plan-snapshot';
import { smallSnapshot } from '../testing/small-snapshot';

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing');
  return x;
}

/**
 * Brute force, written apart from the engine: the most REMOTE requests that can be granted on
 * top of the plan's rotation (ON_SITE first), trying every subset of the half-days asked that
 * need a seat. Returns the most requests that can be GRANTED, and the most such half-days (the
 * engine's max flow counts a half-day asked twice by the same agent once, DESIGN's "duplicate
 * requests count once"; the two maxima differ only when a snapshot holds such duplicates).
 */
function bruteForceGrants(snapshot: PlanningSnapshot, plan: Plan): { requests: number; seatHalfDays: number } {
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
  let bestHalfDays = 0;
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const r = new Set(remote);
    let n = 0;
    let halfDays = 0;
    candidates.forEach((c, i) => {
      if (mask & (1 << i)) {
        r.add(`${c.agent}|${c.h}`);
        n += c.n;
        halfDays++;
      }
    });
    if (n <= best && halfDays <= bestHalfDays) continue;
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
    if (ok) {
      best = Math.max(best, n);
      bestHalfDays = Math.max(bestHalfDays, halfDays);
    }
  }
  return { requests: fixed + best, seatHalfDays: bestHalfDays };
}

const hasDuplicateRequests = (snapshot: PlanningSnapshot) => {
  const keys = (snapshot.requests ?? []).map((r) => `${r.agentId}|${r.date}|${r.period}|${r.kind}|${r.status}`);
  return new Set(keys).size !== keys.length;
};

describe('planSnapshot properties (random small snapshots)', () => {
  it('every plan passes the checker, grants the true maximum and is reproducible byte for byte', () => {
    fc.assert(
      fc.property(smallSnapshot, (snapshot) => {
        const { plan, report } = planWithReport(snapshot);
        expect(checkPlan(snapshot, plan).violations).toEqual([]);
        expect(JSON.stringify(planSnapshot(JSON.parse(JSON.stringify(snapshot))))).toBe(JSON.stringify(plan));
        const most = bruteForceGrants(snapshot, plan);
        expect(report.seatGrants).toBe(most.seatHalfDays);
        // bounds() and the request count, too, count a duplicate once: compare when there is none
        if (!hasDuplicateRequests(snapshot)) {
          expect(plan.metrics.requestsGranted).toBe(most.requests);
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
        const { plan, report } = planWithReport(kept);
        expect(plan.rotation).toEqual(first.rotation);
        const most = bruteForceGrants(kept, plan);
        expect(report.seatGrants).toBe(most.seatHalfDays);
        if (!hasDuplicateRequests(kept)) expect(plan.metrics.requestsGranted).toBe(most.requests);
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
