import fc from 'fast-check';
import { formGroups, GroupableAgent } from './form-groups';

function agents(spec: [unit: string, site: string, n: number, pool?: string][]): GroupableAgent[] {
  const out: GroupableAgent[] = [];
  for (const [unit, site, n, pool] of spec) {
    for (let i = 0; i < n; i++) out.push({ id: `${unit}-${String(i).padStart(3, '0')}`, siteId: site, orgUnitId: unit, pool: pool ?? 'VDI' });
  }
  return out;
}

describe('formGroups', () => {
  it('keeps org units whole where they fit and balances sizes', () => {
    // 4 units of 150 on two sites, groups of at most 300: two groups of two whole units each
    const list = agents([['U1', 'S1', 150], ['U2', 'S1', 150], ['U3', 'S2', 150], ['U4', 'S2', 150]]);
    const { groups } = formGroups(list, { maxGroupSize: 300 });
    expect(groups.map((g) => g.agentIds.length)).toEqual([300, 300]);
    const unitsOf = (g: { agentIds: string[] }) => [...new Set(g.agentIds.map((id) => id.split('-')[0]))].sort();
    expect(groups.map(unitsOf)).toEqual([['U1', 'U2'], ['U3', 'U4']]); // sites kept together
  });

  it('splits a unit too big along its sub-units, then by site', () => {
    const list = agents([['D', 'S1', 10], ['D-a', 'S1', 200], ['D-b', 'S2', 200]]);
    const { groups } = formGroups(list, { maxGroupSize: 300, orgUnitParent: { D: null, 'D-a': 'D', 'D-b': 'D' } });
    expect(groups.every((g) => g.agentIds.length <= 300)).toBe(true);
    for (const unit of ['D-a', 'D-b']) {
      const holders = groups.filter((g) => g.agentIds.some((id) => id.startsWith(`${unit}-`)));
      expect(holders).toHaveLength(1);
    }
    const big = agents([['U', 'S1', 700]]);
    const split = formGroups(big, { maxGroupSize: 300 }).groups;
    expect(split.map((g) => g.agentIds.length).sort()).toEqual([233, 233, 234]);
  });

  it('keeps the pool mix when a unit is cut', () => {
    const list = [...agents([['U', 'S1', 300, 'VDI']]), ...agents([['U', 'S1', 300, 'VPN']]).map((a) => ({ ...a, id: `${a.id}-n` }))];
    const { groups } = formGroups(list, { maxGroupSize: 300 });
    for (const g of groups) {
      const vpn = g.agentIds.filter((id) => id.endsWith('-n')).length;
      expect(Math.abs(vpn - g.agentIds.length / 2)).toBeLessThanOrEqual(1);
    }
  });

  it('covers every agent once, respects the size and ignores input order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('U1', 'U2', 'U3', 'U4', 'U5'), fc.constantFrom('S1', 'S2', 'S3'), fc.constantFrom('VDI', 'VPN')), { maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        (rows, max) => {
          const list = rows.map(([u, s, p], i) => ({ id: `A${String(i).padStart(3, '0')}`, siteId: s, orgUnitId: u, pool: p }));
          const a = formGroups(list, { maxGroupSize: max }).groups;
          const b = formGroups([...list].reverse(), { maxGroupSize: max }).groups;
          expect(b).toEqual(a);
          expect(a.every((g) => g.agentIds.length <= max && g.agentIds.length > 0)).toBe(true);
          expect(a.flatMap((g) => g.agentIds).sort()).toEqual(list.map((x) => x.id).sort());
        },
      ),
      { numRuns: 100 },
    );
  });
});
