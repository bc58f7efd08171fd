import { PlanningSnapshot } from '../model/snapshot';
import { planSnapshot } from '../pipeline/plan-snapshot';
import { tinySnapshot } from '../testing/fixtures';
import { continuityImpact, UnknownContinuityEventError } from './impact';

/** tiny.json with a rotation kept as the engine builds it (so both plans share it) and org units. */
function withEvents(): PlanningSnapshot {
  const s = tinySnapshot();
  const rotation = planSnapshot(s).rotation;
  return {
    ...s,
    version: 2,
    rotation,
    agents: s.agents.map((a, i) => ({ ...a, ...(i < 6 ? { orgUnitId: i < 3 ? 'OU-A' : 'OU-B' } : {}) })),
    events: [
      {
        id: 'E1', label: 'Grève', from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM',
        sites: [{ siteId: 'S1', capacity: 0 }], pools: [{ poolId: 'VPN', capacity: 3 }], extraEligible: [{ agentId: 'A11', pool: 'VPN' }],
        onSite: { agentIds: ['A06'] },
      },
      { id: 'E2', from: '2026-12-21', fromPeriod: 'AM', to: '2026-12-21', toPeriod: 'AM', sites: [{ siteId: 'S2', capacity: 2 }] },
    ],
  };
}

describe('continuityImpact', () => {
  const snapshot = withEvents();
  const impact = continuityImpact(snapshot, 'E1');
  const withE1 = planSnapshot(snapshot);
  const withoutE1 = planSnapshot({ ...snapshot, events: snapshot.events?.filter((e) => e.id !== 'E1') });
  const at = (plan: ReturnType<typeof planSnapshot>, key: string) => plan.agents.map((a) => a.modes[plan.halfDays.indexOf(key)]);
  const count = (modes: string[], m: string) => modes.filter((x) => x === m).length;

  it('compares the plans with and without the event on each of its half-days', () => {
    expect(impact.eventId).toBe('E1');
    expect(impact.rotationKept).toBe(true);
    expect(impact.halfDays.map((h) => `${h.date}${h.period}`)).toEqual(['2026-12-10AM', '2026-12-10PM']);
    for (const h of impact.halfDays) {
      const now = at(withE1, `${h.date}${h.period}`);
      const then = at(withoutE1, `${h.date}${h.period}`);
      expect([h.onSite, h.remote, h.noWorkplace]).toEqual([count(now, 'S'), count(now, 'R'), count(now, 'N')]);
      expect(h.before).toEqual({ onSite: count(then, 'S'), remote: count(then, 'R'), noWorkplace: 0 });
      // the closed site: only the agent who must stay
      expect(h.bySite.find((s) => s.siteId === 'S1')).toMatchObject({ capacity: 0, onSite: 1 });
      expect(h.bySite.find((s) => s.siteId === 'S2')).toMatchObject({ capacity: 4 });
      expect(h.byTier.map((t) => t.tier)).toEqual(['ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD']);
      expect(h.byTier.reduce((n, t) => n + t.onSite + t.remote + t.noWorkplace, 0)).toBe(h.onSite + h.remote + h.noWorkplace);
      expect(h.byOrgUnit.map((u) => u.orgUnitId)).toEqual(['OU-A', 'OU-B', null]);
      expect(h.byOrgUnit.reduce((n, u) => n + u.noWorkplace, 0)).toBe(h.noWorkplace);
      const vpn = h.pools.find((p) => p.poolId === 'VPN');
      expect(vpn?.capacity).toBe(3);
      expect(vpn?.used).toBeLessThanOrEqual(3);
    }
    expect(impact.totals.noWorkplace).toBe(impact.halfDays.reduce((n, h) => n + h.noWorkplace, 0));
    expect(impact.totals.before.onSite).toBe(impact.halfDays.reduce((n, h) => n + h.before.onSite, 0));
  });

  it('names the agents whose half-days change and those without a workplace, with reasons', () => {
    const changed = withE1.agents.filter((a, i) => a.modes !== withoutE1.agents[i].modes).map((a) => a.id);
    expect(impact.changedAgentIds).toEqual(changed);
    expect(changed.length).toBeGreaterThan(0);
    const nAgents = new Set((withE1.noWorkplace ?? []).filter((n) => n.eventId === 'E1').map((n) => n.agentId));
    expect(impact.agentsWithoutWorkplace).toBe(nAgents.size);
    expect(impact.examples.length).toBe(Math.min(20, impact.totals.noWorkplace));
    for (const e of impact.examples) expect(e.why.event).toBe('Grève');
    expect(impact.warnings).toEqual(withE1.codedWarnings);
  });

  it('sizes the licences so that everyone who may telework is remote on every event half-day', () => {
    // VDI (Thursday 10th, all work): A01 DIRECTOR and 5 STANDARD agents (A06 must stay): 6 seats,
    // and the 5 STANDARD ones need 5 + the reserve of 1 = 6; VPN: A05, A09, A10 and A11 made eligible
    expect(impact.licences).toEqual([
      { poolId: 'VDI', capacity: 5, needed: 6 },
      { poolId: 'VPN', capacity: 3, needed: 4 },
    ]);
    // with one more reserved VDI seat on the 10th, the STANDARD share needs 5 + 1 + 1
    const reserved = { ...snapshot, reservations: [{ id: 'RES-9', pool: 'VDI', date: '2026-12-10', period: 'PM' as const, seats: 1 }] };
    expect(continuityImpact(reserved, 'E1').licences[0]).toEqual({ poolId: 'VDI', capacity: 5, needed: 7 });
  });

  it('refuses an unknown event and a version 1 snapshot', () => {
    expect(() => continuityImpact(snapshot, 'E9')).toThrow(UnknownContinuityEventError);
    expect(() => continuityImpact(tinySnapshot(), 'E1')).toThrow(/version/);
  });
});
