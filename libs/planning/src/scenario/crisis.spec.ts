import { addDays, isoWeekday } from '../calendar/dates';
import { validateSnapshot } from '../validation/validate-snapshot';
import { CRISIS_EVENT_ID, EXTRA_SEATS_EVENT_ID, STRIKE_EVENT_ID, crisisEvents, mainSiteId, strikeEvent } from './crisis';
import { generateScenario } from './scenarios';
import { shiftScenario } from './shift';

/** `x` without the keys named */
function omit<T extends object>(x: T, ...keys: string[]): Partial<T> {
  const out: Record<string, unknown> = { ...(x as Record<string, unknown>) };
  for (const k of keys) delete out[k];
  return out as Partial<T>;
}

describe('crisis scenarios (continuity mode)', () => {
  const base = generateScenario('departement', 1);
  const strike = generateScenario('departement-strike', 1);
  const crisis = generateScenario('departement-crisis', 1);

  it('are the reference département as a v2 snapshot: same agents, each with its org unit', () => {
    for (const s of [strike, crisis]) {
      expect(s.snapshot.version).toBe(2);
      expect(s.people).toEqual(base.people);
      expect(s.orgUnits).toEqual(base.orgUnits);
      expect(s.snapshot.agents.map((a) => omit(a, 'orgUnitId'))).toEqual(base.snapshot.agents);
      const units = new Set(base.orgUnits.map((u) => u.id));
      s.snapshot.agents.forEach((a, i) => {
        expect(a.orgUnitId).toBe(base.people[i].orgUnitId);
        expect(units.has(a.orgUnitId as string)).toBe(true);
      });
      expect(omit(s.snapshot, 'events', 'agents', 'version')).toEqual(omit(base.snapshot, 'agents', 'version'));
    }
    expect(strike.name).toBe('departement-strike');
    expect(crisis.name).toBe('departement-crisis');
  });

  it('are valid version-2 snapshots, the tiny variants too', () => {
    for (const s of [strike, crisis, generateScenario('tiny-strike', 1), generateScenario('tiny-crisis', 1)]) {
      const v = validateSnapshot(s.snapshot);
      expect([s.name, v.ok ? [] : v.errors]).toEqual([s.name, []]);
    }
  });

  it('are deterministic: the same seed gives the same JSON, another seed another', () => {
    expect(JSON.stringify(generateScenario('departement-strike', 1))).toBe(JSON.stringify(strike));
    expect(JSON.stringify(generateScenario('departement-crisis', 1))).toBe(JSON.stringify(crisis));
    expect(JSON.stringify(generateScenario('departement-crisis', 2).snapshot.events)).not.toBe(JSON.stringify(crisis.snapshot.events));
  });

  it('strike: the Hôtel du Département closed on Thursday 2026-12-10, its ESSENTIAL agents on site', () => {
    const main = mainSiteId(base.snapshot);
    expect(main).toBe('S01');
    expect(base.snapshot.sites[0].name).toMatch(/^Hôtel du Département/);
    const siteCounts = new Map<string, number>();
    for (const a of base.snapshot.agents) siteCounts.set(a.siteId, (siteCounts.get(a.siteId) ?? 0) + 1);
    expect(Math.max(...siteCounts.values())).toBe(siteCounts.get('S01'));

    expect(strike.snapshot.events).toHaveLength(1);
    const [event] = strike.snapshot.events ?? [];
    expect(event).toMatchObject({
      id: STRIKE_EVENT_ID, kind: 'STRIKE', from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM',
      sites: [{ siteId: 'S01', capacity: 0 }],
    });
    expect(isoWeekday(event.from)).toBe(4);
    expect(event.label).toBe('Grève des transports : Hôtel du Département fermé');
    expect(event.pools).toBeUndefined();
    expect(event.regime).toBeUndefined();
    const essential = base.snapshot.agents.filter((a) => a.siteId === 'S01' && a.tier === 'ESSENTIAL').map((a) => a.id);
    expect(essential.length).toBeGreaterThan(50);
    expect(event.onSite).toEqual({ agentIds: essential });
    // small next to the site: about a tenth of its agents
    expect(essential.length).toBeLessThan((siteCounts.get('S01') ?? 0) / 5);
  });

  it('crisis: two weeks of sites at 40 %, weekly max 10, 200 extra-eligible agents; +300 VDI seats the second week', () => {
    const events = crisis.snapshot.events ?? [];
    expect(events.map((e) => e.id)).toEqual([CRISIS_EVENT_ID, EXTRA_SEATS_EVENT_ID]);
    const [main, seats] = events;
    expect(main).toMatchObject({ kind: 'CRISIS', from: '2026-12-07', fromPeriod: 'AM', to: '2026-12-18', toPeriod: 'PM', regime: { weeklyMax: 10 } });
    expect(main.regime?.scope).toBeUndefined(); // every eligible agent
    expect(main.pools).toBeUndefined();
    expect(main.onSite).toBeUndefined();
    expect(main.sites).toEqual(base.snapshot.sites.map((s) => ({ siteId: s.id, capacity: Math.ceil(s.capacity * 0.4) })));
    for (const s of main.sites ?? []) expect(s.capacity).toBeLessThan((base.snapshot.sites.find((x) => x.id === s.siteId)?.capacity ?? 0) || 1);
    const extra = main.extraEligible ?? [];
    expect(extra).toHaveLength(200);
    const byId = new Map(base.snapshot.agents.map((a) => [a.id, a]));
    for (const x of extra) {
      expect(byId.get(x.agentId)?.eligible).toBe(false);
      expect(x.pool).toBe('VDI');
    }
    expect(new Set(extra.map((x) => x.agentId)).size).toBe(200);
    expect(new Set(extra.map((x) => byId.get(x.agentId)?.siteId)).size).toBeGreaterThan(5); // drawn from every site
    expect(seats).toMatchObject({ kind: 'CRISIS', from: '2026-12-14', fromPeriod: 'AM', to: '2026-12-18', toPeriod: 'PM', pools: [{ poolId: 'VDI', capacity: 2000 }] });
    expect(seats.sites).toBeUndefined();
    expect(seats.label).toBe('Crise : 300 licences VDI supplémentaires');
    expect(main.label).toBe('Crise : télétravail pour tous ceux qui le peuvent');
  });

  it('the extra seats follow a dated capacity change of the pool', () => {
    const snapshot = { ...base.snapshot, pools: [{ id: 'VDI', capacity: 1700, reserve: 200, capacityChanges: [{ from: '2026-12-14', capacity: 1900 }] }, base.snapshot.pools[1]] };
    expect(crisisEvents(snapshot, 1)[1].pools).toEqual([{ poolId: 'VDI', capacity: 2200 }]);
    expect(crisisEvents(snapshot, 1, { extraSeats: 0, siteShare: 1, extraEligible: 0 })[0]).not.toHaveProperty('extraEligible');
    expect(() => crisisEvents(snapshot, 1, { from: '2026-12-08' })).toThrow(/not a Monday/);
    expect(() => crisisEvents(snapshot, 1, { extraPool: 'NOPE' })).toThrow(/unknown pool NOPE/);
  });

  it('a strike on another site keeps that site essential agents only', () => {
    const e = strikeEvent(base.snapshot, { date: '2026-12-08', siteId: 'S08' });
    expect(e.sites).toEqual([{ siteId: 'S08', capacity: 0 }]);
    const ids = new Set(e.onSite?.agentIds);
    for (const a of base.snapshot.agents) expect(ids.has(a.id)).toBe(a.siteId === 'S08' && a.tier === 'ESSENTIAL');
    expect(() => strikeEvent(base.snapshot, { date: '2026-12-08', siteId: 'S999' })).toThrow(/unknown site/);
  });

  it('tiny-strike and tiny-crisis are the small variants', () => {
    const t = generateScenario('tiny-strike', 3);
    expect(t.snapshot.agents).toHaveLength(40);
    expect(t.snapshot.events?.[0].sites).toEqual([{ siteId: mainSiteId(t.snapshot), capacity: 0 }]);
    const c = generateScenario('tiny-crisis', 3);
    expect(c.snapshot.events?.map((e) => e.id)).toEqual([CRISIS_EVENT_ID, EXTRA_SEATS_EVENT_ID]);
    expect(c.snapshot.events?.[1].pools).toEqual([{ poolId: 'VDI', capacity: 18 }]);
    expect(c.snapshot.events?.[0].extraEligible).toHaveLength(2);
  });

  it('shiftScenario moves the events with the rest', () => {
    const moved = shiftScenario(crisis, '2027-03-01');
    const delta = (Date.parse('2027-03-01') - Date.parse('2026-12-07')) / 86_400_000;
    (moved.snapshot.events ?? []).forEach((e, i) => {
      const before = (crisis.snapshot.events ?? [])[i];
      expect(e.from).toBe(addDays(before.from, delta));
      expect(e.to).toBe(addDays(before.to, delta));
      expect({ ...e, from: before.from, to: before.to }).toEqual(before);
    });
    expect(moved.snapshot.version).toBe(2);
  });
});
