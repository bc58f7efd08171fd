import { validateSnapshot } from '../validation/validate-snapshot';
import { generateVaried } from './varied';

describe('generateVaried', () => {
  it('gives the same snapshot for the same seed, another for another seed', () => {
    expect(JSON.stringify(generateVaried({ seed: 7 }).snapshot)).toBe(JSON.stringify(generateVaried({ seed: 7 }).snapshot));
    expect(JSON.stringify(generateVaried({ seed: 8 }).snapshot)).not.toBe(JSON.stringify(generateVaried({ seed: 7 }).snapshot));
  });

  it('makes valid snapshots whose figures vary from seed to seed', () => {
    const sites = new Set<number>();
    const groupings = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const { snapshot, parameters } = generateVaried({ seed, agents: [100, 400], requests: seed % 3 === 0 ? 40 : 0 });
      const v = validateSnapshot(snapshot);
      expect(v.ok ? [] : v.errors).toEqual([]);
      expect(snapshot.agents.length).toBeGreaterThanOrEqual(100);
      expect(snapshot.agents.length).toBeLessThanOrEqual(400);
      sites.add(snapshot.sites.length);
      groupings.add(parameters.grouping);
    }
    expect(sites.size).toBeGreaterThan(3);
    expect(groupings.size).toBe(3);
  });
});
