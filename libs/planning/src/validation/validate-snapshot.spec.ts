import { tinySnapshot } from '../testing/fixtures';
import { PLAN_SCHEMA } from './plan-schema';
import { PLANNING_SNAPSHOT_SCHEMA } from './snapshot-schema';
import { toJsonPath, validateSnapshot } from './validate-snapshot';

const snapshotSchemaFile = require('../../schemas/planning-snapshot.schema.json');
const planSchemaFile = require('../../schemas/plan.schema.json');

function errorsOf(input: unknown) {
  const r = validateSnapshot(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('validateSnapshot', () => {
  it('keeps its schema copies equal to schemas/*.json', () => {
    expect(PLANNING_SNAPSHOT_SCHEMA).toEqual(snapshotSchemaFile);
    expect(PLAN_SCHEMA).toEqual(planSchemaFile);
  });

  it('accepts tiny.json and applies defaults', () => {
    const r = validateSnapshot(tinySnapshot());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const a02 = r.snapshot.agents[1];
    expect(a02).toMatchObject({ tier: 'STANDARD', weeklyMin: 4, weeklyMax: 6, offHalfDays: [], groupId: 'G1' });
    expect(r.snapshot.agents[11].groupId).toBeNull();
    expect(r.snapshot.maxGroupSize).toBe(300);
    expect(r.snapshot.pools[1]).toMatchObject({ reserve: 0, capacityChanges: [] });
    expect(r.snapshot.rotation).toBeUndefined();
  });

  it('names each bad path of the schema', () => {
    const s = tinySnapshot() as unknown as Record<string, unknown>;
    const agents = s['agents'] as Record<string, unknown>[];
    agents[3]['tier'] = 'BOSS';
    agents[4]['color'] = 'red';
    delete agents[5]['siteId'];
    (s['horizon'] as Record<string, unknown>)['from'] = '2026-02-30';
    const errors = errorsOf(s);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'agents[3].tier', message: expect.stringContaining('must be one of') },
        { path: 'agents[4].color', message: 'is not a known property' },
        { path: 'agents[5].siteId', message: 'is required' },
        { path: 'horizon.from', message: 'must be a calendar date YYYY-MM-DD' },
      ]),
    );
    expect(new Set(errors.map((e) => e.path)).size).toBe(errors.length);
  });

  it('refuses broken references, one message per bad path', () => {
    const s = tinySnapshot();
    s.agents[7].groupId = 'G99';
    s.agents[8].pool = null;
    s.agents[9].siteId = 'S9';
    s.agents[2].weeklyMin = 7;
    s.agents[11].id = 'A01';
    (s.requests ?? [])[3].agentId = 'A99';
    (s.reservations ?? [])[0].pool = 'NOPE';
    s.rotation = [{ groupId: 'G7', date: '2026-12-10', period: 'AM' }];
    expect(errorsOf(s)).toEqual([
      { path: 'agents[11].id', message: 'duplicate id "A01" (also agents[0])' },
      { path: 'agents[2].weeklyMin', message: '7 is more than weeklyMax 6' },
      { path: 'agents[7].groupId', message: 'unknown group "G99"' },
      { path: 'agents[8].pool', message: 'an eligible agent needs a pool' },
      { path: 'agents[9].siteId', message: 'unknown site "S9"' },
      { path: 'rotation[0].groupId', message: 'unknown group "G7"' },
      { path: 'requests[3].agentId', message: 'unknown agent "A99"' },
      { path: 'reservations[0].pool', message: 'unknown pool "NOPE"' },
    ]);
  });

  it('refuses a group over maxGroupSize, an eligible agent without group, a reversed horizon', () => {
    const s = tinySnapshot();
    s.maxGroupSize = 4;
    s.agents[0].groupId = null;
    s.horizon = { from: '2026-12-22', to: '2026-12-09' };
    expect(errorsOf(s)).toEqual([
      { path: 'horizon.to', message: '2026-12-09 is before horizon.from 2026-12-22' },
      { path: 'agents[0].groupId', message: 'an eligible agent needs a group' },
      { path: 'groups[1]', message: 'group "G2" has 5 eligible agents, more than maxGroupSize 4' },
    ]);
  });

  it('refuses reservations no plan can hold', () => {
    const s = tinySnapshot();
    (s.reservations ?? [])[0].seats = 5; // VDI 5, reserve 1: only 4 seats outside the reserve
    expect(errorsOf(s)).toEqual([
      {
        path: 'reservations[0].seats',
        message: '5 seats reserved on VDI on 2026-12-17 PM, more than the 4 seats outside its reserve (capacity 5, reserve 1)',
      },
    ]);
  });

  it('writes JSON paths', () => {
    expect(toJsonPath('/agents/17/groupId')).toBe('agents[17].groupId');
    expect(toJsonPath('', 'version')).toBe('version');
    expect(toJsonPath('')).toBe('(snapshot)');
  });
});
