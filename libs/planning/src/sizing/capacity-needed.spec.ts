import { checkPlan } from '../checker/check-plan';
import { PlanningSnapshot } from '../model/snapshot';
import { capacityNeeded } from './capacity-needed';

/** 8 full-time VDI agents in 2 groups of 4, one week: each needs 4 of 10 half-days. */
function eight(): PlanningSnapshot {
  return {
    version: 1,
    horizon: { from: '2026-12-07', to: '2026-12-11' },
    pools: [{ id: 'VDI', capacity: 1 }],
    sites: [{ id: 'S1', capacity: 100 }],
    groups: [{ id: 'G1' }, { id: 'G2' }],
    agents: Array.from({ length: 8 }, (_, i) => ({ id: `A${i}`, siteId: 'S1', groupId: i < 4 ? 'G1' : 'G2', eligible: true, pool: 'VDI' })),
  };
}

describe('capacityNeeded', () => {
  it('finds 4 seats for 2 groups of 4 needing 4 half-days each in a 10-half-day week', () => {
    // 2 groups × 4 half-days = 8 group-half-days on 10: they never need to overlap, so 4 seats
    const r = capacityNeeded(eight(), 'VDI');
    expect(r.capacity).toBe(4);
    expect(r.lowerBound).toBe(4); // ceil(8 agents × 4 / 10) = 4
    expect(r.plan.metrics.weeklyMinShortfalls).toBe(0);
    expect(checkPlan({ ...eight(), pools: [{ id: 'VDI', capacity: 4 }] }, r.plan).violations).toEqual([]);
  });

  it('needs overlapping groups when the week is short', () => {
    // 2 working days (4 half-days): minimum floor(4 × 4 / 10) = 1 each; still no overlap needed
    const s = { ...eight(), horizon: { from: '2026-12-07', to: '2026-12-08' } };
    expect(capacityNeeded(s, 'VDI').capacity).toBe(4);
    // with weekly minimum 10 (every half-day) both groups are remote together: 8 seats
    const all = { ...eight(), agents: eight().agents.map((a) => ({ ...a, weeklyMin: 10, weeklyMax: 10 })) };
    expect(capacityNeeded(all, 'VDI').capacity).toBe(8);
  });

  it('counts the reserve and reservations', () => {
    const s = eight();
    s.pools[0].reserve = 2;
    s.reservations = [{ id: 'R', pool: 'VDI', date: '2026-12-08', period: 'AM', seats: 1 }];
    // 4 STANDARD agents remote at once need capacity − reserve ≥ 4: 6; the groups keep off
    // Tuesday AM, where the reserved seat would push it to 7
    const r = capacityNeeded(s, 'VDI');
    expect(r.capacity).toBe(6);
    expect(r.plan.metrics.weeklyMinShortfalls).toBe(0);
  });
});
