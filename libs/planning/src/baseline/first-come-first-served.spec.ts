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
    expect(plan.requests.map((r) => r.refusal)).toEqual([
      undefined,
      { code: 'STANDARD_SHARE_FULL', pool: 'VDI', date: '2026-12-07', period: 'AM', used: 2, open: 2, capacity: 4, reserve: 2 },
      { code: 'NOT_ELIGIBLE', agent: 'A5' },
      { code: 'NOT_WORKING', why: 'PART_TIME', agent: 'A4', date: '2026-12-10', period: 'AM' },
      undefined,
      undefined,
    ]);
    expect(plan.requests.map((r) => r.reason)).toEqual([
      undefined,
      'VDI STANDARD share full on 2026-12-07 AM: 2 of 2 seats (capacity 4 minus 2 kept for ELECTED, DIRECTOR and ESSENTIAL agents)',
      'agent not eligible: A5 is not telework-eligible',
      'not a working half-day: A4 is off on 2026-12-10 AM',
      undefined,
      undefined,
    ]);
    expect(plan.agents[1].modes).toBe('RRSSRSSSSS');
    const check = checkPlan(snapshot, plan);
    expect(check.violations).toEqual([]);
    expect(plan.metrics).toEqual({ ...check.metrics, solveMs: 0 });
  });

  it('refuses a REMOTE request on a half-day a granted ON_SITE request of the same agent covers', () => {
    // Monday AM: G1 remote; A2 asked to be on site, then remote
    const snapshot = small({
      requests: [
        { id: 'Q1', agentId: 'A2', date: '2026-12-07', period: 'AM', kind: 'REMOTE', status: 'APPROVED' },
        { id: 'Q2', agentId: 'A2', date: '2026-12-07', period: 'AM', kind: 'ON_SITE', status: 'APPROVED' },
      ],
    });
    const plan = planFirstComeFirstServed(snapshot);
    expect(plan.requests).toEqual([
      {
        id: 'Q1', status: 'REFUSED', refusal: { code: 'ON_SITE_REQUEST', agent: 'A2', date: '2026-12-07', period: 'AM' },
        reason: 'an approved ON_SITE request of A2 covers 2026-12-07 AM',
      },
      { id: 'Q2', status: 'GRANTED' },
    ]);
    expect(plan.agents[1].modes).toBe('SRSSRRSSSS');
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
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
