import { isoWeekday } from '../calendar/dates';
import { validateSnapshot } from '../validation/validate-snapshot';
import { addRandomEvents } from './random-events';
import { generateScenario } from './scenarios';
import { generateVaried } from './varied';

describe('addRandomEvents', () => {
  it('is deterministic: the same snapshot and seed give the same events, another seed others', () => {
    const { snapshot } = generateVaried({ seed: 5 });
    expect(JSON.stringify(addRandomEvents(snapshot, { seed: 1 }))).toBe(JSON.stringify(addRandomEvents(snapshot, { seed: 1 })));
    expect(JSON.stringify(addRandomEvents(snapshot, { seed: 2 }).events)).not.toBe(JSON.stringify(addRandomEvents(snapshot, { seed: 1 }).events));
  });

  it('draws every kind of rule over valid references and working days, as v2 snapshots', () => {
    const seen = { closed: 0, reduced: 0, poolUp: 0, poolDown: 0, regime: 0, regimeScoped: 0, extra: 0, onSiteTiers: 0, onSiteAgents: 0, onSiteUnits: 0, multiDay: 0, overlap: 0 };
    for (let seed = 1; seed <= 60; seed++) {
      const { snapshot } = generateVaried({ seed, agents: [60, 150], weeks: 2 });
      const out = addRandomEvents(snapshot, { seed, events: [1, 3] });
      expect(out.version).toBe(2);
      const v = validateSnapshot(out);
      expect([seed, v.ok ? [] : v.errors]).toEqual([seed, []]);
      expect(out.agents.map((a) => {
        const copy = { ...a };
        delete copy.orgUnitId;
        return copy;
      })).toEqual(snapshot.agents);
      for (const a of out.agents) expect(a.orgUnitId).toMatch(/^OU[1-4]$/);
      const sites = new Map(snapshot.sites.map((s) => [s.id, s.capacity]));
      const pools = new Map(snapshot.pools.map((p) => [p.id, p.capacity]));
      const agents = new Map(snapshot.agents.map((a) => [a.id, a]));
      const units = new Set(out.agents.map((a) => a.orgUnitId));
      const events = out.events ?? [];
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events.length).toBeLessThanOrEqual(3);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      for (const e of events) {
        for (const d of [e.from, e.to]) {
          expect(d >= snapshot.horizon.from && d <= snapshot.horizon.to).toBe(true);
          expect(isoWeekday(d)).toBeLessThanOrEqual(5);
        }
        expect(`${e.from}${e.fromPeriod === 'AM' ? 0 : 1}` <= `${e.to}${e.toPeriod === 'AM' ? 0 : 1}`).toBe(true);
        if (e.from !== e.to) seen.multiDay++;
        for (const s of e.sites ?? []) {
          expect(sites.has(s.siteId)).toBe(true);
          expect(s.capacity).toBeGreaterThanOrEqual(0);
          expect(s.capacity).toBeLessThanOrEqual(sites.get(s.siteId) ?? 0);
          if (s.capacity === 0) seen.closed++;
          else seen.reduced++;
        }
        for (const p of e.pools ?? []) {
          expect(pools.has(p.poolId)).toBe(true);
          if (p.capacity > (pools.get(p.poolId) ?? 0)) seen.poolUp++;
          if (p.capacity < (pools.get(p.poolId) ?? 0)) seen.poolDown++;
        }
        if (e.regime) {
          expect(e.regime.weeklyMax).toBeGreaterThanOrEqual(6);
          expect(e.regime.weeklyMax).toBeLessThanOrEqual(10);
          seen.regime++;
          if (e.regime.scope) seen.regimeScoped++;
        }
        for (const x of e.extraEligible ?? []) {
          expect(agents.get(x.agentId)?.eligible).toBe(false);
          expect(pools.has(x.pool)).toBe(true);
          seen.extra++;
        }
        if (e.onSite) {
          const { tiers, agentIds, orgUnitIds } = e.onSite;
          expect((tiers?.length ?? 0) + (agentIds?.length ?? 0) + (orgUnitIds?.length ?? 0)).toBeGreaterThan(0); // never "everyone"
          for (const id of agentIds ?? []) expect(agents.has(id)).toBe(true);
          for (const u of orgUnitIds ?? []) expect(units.has(u)).toBe(true);
          if (tiers) seen.onSiteTiers++;
          if (agentIds) seen.onSiteAgents++;
          if (orgUnitIds) seen.onSiteUnits++;
        }
        expect(e.sites || e.pools || e.regime || e.extraEligible || e.onSite).toBeTruthy();
      }
      const keys = events.map((e) => [`${e.from}${e.fromPeriod === 'AM' ? 0 : 1}`, `${e.to}${e.toPeriod === 'AM' ? 0 : 1}`]);
      if (keys.some(([a, b], i) => keys.some(([c, d], j) => i < j && a <= d && c <= b))) seen.overlap++;
    }
    for (const [k, n] of Object.entries(seen)) expect([k, n > 0]).toEqual([k, true]);
  });

  it('keeps the org units a snapshot has, and events it already has', () => {
    const { snapshot } = generateScenario('departement-strike', 2);
    const out = addRandomEvents(snapshot, { seed: 9, events: [2, 2] });
    expect(out.agents).toEqual(snapshot.agents);
    expect(out.events?.[0]).toEqual(snapshot.events?.[0]);
    expect(out.events).toHaveLength(3);
    const units = new Set(snapshot.agents.map((a) => a.orgUnitId));
    for (const e of out.events ?? []) for (const u of e.onSite?.orgUnitIds ?? []) expect(units.has(u)).toBe(true);
  });
});
