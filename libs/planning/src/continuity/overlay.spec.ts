import { recordText } from '@telework/contracts';
import { checkPlan } from '../checker/check-plan';
import { ContinuityEventSnapshot, PlanningSnapshot } from '../model/snapshot';
import { planSnapshot, planWithReport } from '../pipeline/plan-snapshot';
import { generateScenario } from '../scenario/scenarios';
import { tinySnapshot } from '../testing/fixtures';

function v2(s: PlanningSnapshot, events: ContinuityEventSnapshot[]): PlanningSnapshot {
  return { ...s, version: 2, events };
}

const modeAt = (plan: ReturnType<typeof planSnapshot>, agentId: string, key: string): string => {
  const h = plan.halfDays.indexOf(key);
  return (plan.agents.find((a) => a.id === agentId) as { modes: string }).modes[h];
};

describe('continuity overlay', () => {
  it('plans a v1 snapshot and the same data as v2 without events identically, but for the version', () => {
    const v1 = planSnapshot(tinySnapshot());
    const same = planSnapshot({ ...tinySnapshot(), version: 2 });
    expect(v1.version).toBe(1);
    expect(same.version).toBe(2);
    expect(JSON.stringify({ ...same, version: 1 })).toBe(JSON.stringify(v1));
    const missing = planSnapshot(v2(tinySnapshot(), [
      { id: 'E0', from: '2027-01-04', fromPeriod: 'AM', to: '2027-01-05', toPeriod: 'PM', sites: [{ siteId: 'S1', capacity: 0 }] },
    ]));
    expect(JSON.stringify({ ...missing, version: 1 })).toBe(JSON.stringify(v1));
  });

  it('closes a site for a day: nobody on site there, the others remote or without a workplace with a reason', () => {
    const snapshot = v2(tinySnapshot(), [
      { id: 'E1', label: 'Grève', kind: 'STRIKE', from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM', sites: [{ siteId: 'S1', capacity: 0 }] },
    ]);
    const { plan } = planWithReport(snapshot);
    expect(plan.version).toBe(2);
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
    for (const key of ['2026-12-10AM', '2026-12-10PM']) {
      for (const id of ['A01', 'A02', 'A03', 'A04', 'A06', 'A11']) expect(['R', 'N']).toContain(modeAt(plan, id, key));
    }
    // A11 is not eligible: N with its reason
    expect(modeAt(plan, 'A11', '2026-12-10AM')).toBe('N');
    const entry = plan.noWorkplace?.find((n) => n.agentId === 'A11' && n.date === '2026-12-10' && n.period === 'AM');
    expect(entry?.why).toEqual({
      code: 'NO_WORKPLACE_NOT_ELIGIBLE', event: 'Grève', site: 'Hôtel du Département', siteCapacity: 0, date: '2026-12-10', period: 'AM',
    });
    expect(entry && entry.reason).toBe(entry && recordText(entry.why));
    expect(entry?.eventId).toBe('E1');
    expect(plan.events).toEqual([
      expect.objectContaining({ id: 'E1', halfDays: 2, noWorkplace: plan.noWorkplace?.length }),
    ]);
    expect(plan.metrics.noWorkplace).toBe(plan.noWorkplace?.length);
    expect(plan.codedWarnings).toContainEqual(expect.objectContaining({ code: 'EVENT_NO_WORKPLACE', event: 'Grève' }));
    // other half-days keep the baseline
    const base = planSnapshot(tinySnapshot());
    const eventIdx = new Set([plan.halfDays.indexOf('2026-12-10AM'), plan.halfDays.indexOf('2026-12-10PM')]);
    for (const a of plan.agents) {
      const b = base.agents.find((x) => x.id === a.id) as { modes: string };
      for (let h = 0; h < a.modes.length; h++) if (!eventIdx.has(h)) expect(a.modes[h]).toBe(b.modes[h]);
    }
  });

  it('keeps the agents who must stay on site, and warns when they alone exceed the event capacity', () => {
    const snapshot = v2(tinySnapshot(), [
      {
        id: 'E2', from: '2026-12-14', fromPeriod: 'AM', to: '2026-12-14', toPeriod: 'AM',
        sites: [{ siteId: 'S1', capacity: 1 }], onSite: { tiers: ['DIRECTOR', 'ESSENTIAL'] },
      },
    ]);
    const { plan } = planWithReport(snapshot);
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
    expect(modeAt(plan, 'A01', '2026-12-14AM')).toBe('S');
    expect(modeAt(plan, 'A06', '2026-12-14AM')).toBe('S');
    expect(plan.codedWarnings).toContainEqual({
      code: 'EVENT_ON_SITE_OVER_CAPACITY', event: 'E2', site: 'Hôtel du Département', date: '2026-12-14', period: 'AM', onSite: 2, siteCapacity: 1,
    });
    for (const id of ['A02', 'A03', 'A04', 'A11']) expect(['R', 'N']).toContain(modeAt(plan, id, '2026-12-14AM'));
  });

  it('gives seats to agents made eligible, on the event pool, and lets a regime telework up to its weekly max', () => {
    const snapshot = v2(tinySnapshot(), [
      {
        id: 'E3', label: 'Crise', from: '2026-12-14', fromPeriod: 'AM', to: '2026-12-15', toPeriod: 'PM',
        sites: [{ siteId: 'S1', capacity: 0 }], pools: [{ poolId: 'VDI', capacity: 9 }],
        regime: { weeklyMax: 10 }, extraEligible: [{ agentId: 'A11', pool: 'VDI' }],
      },
    ]);
    const { plan } = planWithReport(snapshot);
    expect(checkPlan(snapshot, plan).violations).toEqual([]);
    expect(modeAt(plan, 'A11', '2026-12-14AM')).toBe('R');
    // Q06: A11's REMOTE request on 14 AM, refused in the baseline (not eligible), granted now
    expect(plan.requests.find((r) => r.id === 'Q06')).toEqual({ id: 'Q06', status: 'GRANTED' });
    // Q07: A04's ON_SITE request on 15 PM, its site closed
    expect(plan.requests.find((r) => r.id === 'Q07')).toMatchObject({ status: 'REFUSED', refusal: { code: 'EVENT_SITE_FULL', siteCapacity: 0 } });
    expect(plan.noWorkplace ?? []).toEqual([]);
  });

  it('refuses a v1 snapshot with events, and names each bad reference of a v2 event', () => {
    expect(() => planSnapshot({ ...tinySnapshot(), events: [] })).toThrow(/events/);
    const bad = v2(tinySnapshot(), [
      {
        id: 'E1', from: '2026-12-11', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM',
        sites: [{ siteId: 'S9', capacity: 0 }], pools: [{ poolId: 'VDX', capacity: 3 }],
        extraEligible: [{ agentId: 'A99', pool: 'VDY' }], onSite: { agentIds: ['A98'] }, regime: { weeklyMax: 8, scope: { agentIds: ['A97'] } },
      },
      { id: 'E1', from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'AM' },
    ]);
    expect(() => planSnapshot(bad)).toThrow();
    try {
      planSnapshot(bad);
    } catch (e) {
      const errors = (e as { errors: { path: string; code: string }[] }).errors.map((x) => [x.path, x.code]);
      expect(errors).toEqual(expect.arrayContaining([
        ['events[1].id', 'DUPLICATE_ID'],
        ['events[0].to', 'RANGE_END_BEFORE_START'],
        ['events[0].sites[0].siteId', 'UNKNOWN_SITE'],
        ['events[0].pools[0].poolId', 'POOL_NOT_CONFIGURED'],
        ['events[0].extraEligible[0].agentId', 'UNKNOWN_AGENT'],
        ['events[0].extraEligible[0].pool', 'POOL_NOT_CONFIGURED'],
        ['events[0].onSite.agentIds[0]', 'UNKNOWN_AGENT'],
        ['events[0].regime.scope.agentIds[0]', 'UNKNOWN_AGENT'],
      ]));
    }
  });

  it('plans the département with its biggest site closed for a day', () => {
    const { snapshot } = generateScenario('departement', 1);
    const counts = new Map<string, number>();
    for (const a of snapshot.agents) counts.set(a.siteId, (counts.get(a.siteId) ?? 0) + 1);
    const biggest = [...counts].sort((x, y) => y[1] - x[1])[0][0];
    const day = snapshot.horizon.from;
    const s2 = v2(snapshot, [{ id: 'STRIKE', from: day, fromPeriod: 'AM', to: day, toPeriod: 'PM', sites: [{ siteId: biggest, capacity: 0 }] }]);
    const { plan } = planWithReport(s2);
    expect(checkPlan(s2, plan).violations).toEqual([]);
    expect(plan.events?.[0].halfDays).toBeGreaterThan(0);
  });
});
