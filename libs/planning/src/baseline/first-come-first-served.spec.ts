import { checkPlan } from '../checker/check-plan';
import type { PlanningSnapshot } from '../model/snapshot';
import { generateScenario } from '../scenario';
import { baselineRemoteDays, planFirstComeFirstServed } from './first-come-first-served';

/** One week from Mon 2026-12-07, one site, one VDI pool; two groups of two. */
function small(overrides: Partial<PlanningSnapshot> = {}): PlanningSnapshot {
  return {
    version: 1,
    horizon: { from: '2026-12-07', to: '2026-12-11' },
    pools: [{ id: 'VDI', capacity: 4, reserve: 1 }],
    sites: [{ id: 'S1', capacity: 10 }],
    groups: [{ id: 'G1' }, { id: 'G2' }],
    agents: [
      { id: 'A1', siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI', tier: 'DIRECTOR' },
      { id: 'A2', siteId: 'S1', groupId: 'G1', eligible: true, pool: 'VDI' },
      { id: 'A3', siteId: 'S1', groupId: 'G2', eligible: true, pool: 'VDI' },
      { id: 'A4', siteId: 'S1', groupId: 'G2', eligible: true, pool: 'VDI', offHalfDays: ['THU_AM', 'THU_PM'] },
      { id: 'A5', siteId: 'S1', eligible: false },
    ],
    ...overrides,
  };
}

describe('planFirstComeFirstServed', () => {
  it('gives group i two fixed weekdays, round-robin', () => {
    expect([0, 1, 2, 3, 4, 5].map(baselineRemoteDays)).toEqual([[1, 3], [2, 4], [3, 5], [4, 1], [5, 2], [1, 3]]);
  });

  it('puts G1 remote on Monday and Wednesday, G2 on Tuesday and Thursday (hand-worked)', () => {
    const plan = planFirstComeFirstServed(small());
    // half-days: Mon AM PM, Tue, Wed, Thu, Fri
    expect(plan.agents).toEqual([
      { id: 'A1', modes: 'RRSSRRSSSS' },
      { id: 'A2', modes: 'RRSSRRSSSS' },
      { id: 'A3', modes: 'SSRRSSRRSS' },
      { id: 'A4', modes: 'SSRRSSOOSS' },
      { id: 'A5', modes: 'SSSSSSSSSS' },
    ]);
    expect(checkPlan(small(), plan).violations).toEqual([]);
  });

  it('grants requests first come first served while the cap has room, with reasons', () => {
    // VDI 4 seats, reserve 2: STANDARD agents may use 2. Monday AM: G1 (A1 DIRECTOR, A2) remote.
    const snapshot = small({
      pools: [{ id: 'VDI', capacity: 4, reserve: 2 }],
      requests: [
        { id: 'Q1', agentId: 'A3', date: '2026-12-07', period: 'AM', kind: 'REMOTE', status: 'APPROVED' },
        { id: 'Q2', agentId: 'A4', date: '2026-12-07', period: 'AM', kind: 'REMOTE', status: 'APPROVED' },
        { id: 'Q3', agentId: 'A5', date: '2026-12-07', period: 'PM', kind: 'REMOTE', status: 'APPROVED' },
        { id: 'Q4', agentId: 'A4', date: '2026-12-10', period: 'AM', kind: 'REMOTE', status: 'APPROVED' },
        { id: 'Q5', agentId: 'A2', date: '2026-12-09', period: 'PM', kind: 'ON_SITE', status: 'APPROVED' },
        { id: 'Q6', agentId: 'A3', date: '2026-12-08', period: 'AM', kind: 'REMOTE', status: 'PENDING' },
      ],
    });
    const plan = planFirstComeFirstServed(snapshot);
    expect(plan.requests.map((r) => r.status)).toEqual(['GRANTED', 'REFUSED', 'REFUSED', 'REFUSED', 'GRANTED', 'IGNORED']);
    expect(plan.requests[1].reason).toMatch(/^VDI STANDARD share full on 2026-12-07 AM: 2 of 2 seats/);
    expect(plan.requests[2].reason).toMatch(/^agent not eligible/);
    expect(plan.requests[3].reason).toMatch(/^not a working half-day/);
    expect(plan.agents[1].modes).toBe('RRSSRSSSSS');
    const check = checkPlan(snapshot, plan);
    expect(check.violations).toEqual([]);
    expect(plan.metrics).toEqual({ ...check.metrics, solveMs: 0 });
  });

  it('drops a rotation half-day that would break a cap or a weekly max, never the rules', () => {
    // a weekly max of 3 for A2 stops G1 after 3 half-days (Mon AM, Mon PM, Wed AM)
    const snapshot = small({
      pools: [{ id: 'VDI', capacity: 2, reserve: 0 }],
      agents: small().agents.map((a) => (a.id === 'A2' ? { ...a, weeklyMin: 2, weeklyMax: 3 } : a)),
    });
    const plan = planFirstComeFirstServed(snapshot);
    expect(plan.agents[0].modes).toBe('RRSSRSSSSS');
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
  });

  it('keeps a given rotation', () => {
    const rotation = [{ groupId: 'G2', date: '2026-12-11', period: 'PM' as const }];
    const plan = planFirstComeFirstServed(small({ rotation }));
    expect(plan.rotation).toEqual(rotation);
    expect(checkPlan(small({ rotation }), plan).violations).toEqual([]);
  });

  it.each([['tiny'], ['departement'], ['departement-tight']])('passes the checker on %s', (name) => {
    const { snapshot } = generateScenario(name, 11);
    const plan = planFirstComeFirstServed(snapshot);
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
    expect(plan.metrics.requestsGranted).toBeGreaterThan(0);
  });
});
