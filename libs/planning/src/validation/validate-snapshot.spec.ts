import { formatMessage, recordText } from '@telework/contracts';
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

  it('names each bad path of the schema, with the field checks of libs/contracts', () => {
    const s = tinySnapshot() as unknown as Record<string, unknown>;
    const agents = s['agents'] as Record<string, unknown>[];
    agents[3]['tier'] = 'BOSS';
    agents[4]['color'] = 'red';
    delete agents[5]['siteId'];
    agents[6]['weeklyMax'] = 11;
    agents[7]['groupId'] = 7;
    (s['horizon'] as Record<string, unknown>)['from'] = '2026-02-30';
    s['version'] = 3;
    const errors = errorsOf(s);
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          path: 'agents[3].tier', code: 'NOT_ALLOWED', value: 'BOSS', allowed: ['ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD'],
          message: '"BOSS" is not an allowed value (one of ELECTED, DIRECTOR, ESSENTIAL, STANDARD)',
        },
        { path: 'agents[4].color', code: 'UNKNOWN_FIELD', message: 'is not an expected field' },
        { path: 'agents[5].siteId', code: 'REQUIRED', message: 'is required' },
        { path: 'agents[6].weeklyMax', code: 'TOO_LARGE', max: 10, message: 'must be at most 10' },
        { path: 'agents[7].groupId', code: 'NOT_A_STRING', message: 'must be a string' },
        { path: 'horizon.from', code: 'NOT_A_DATE', message: 'must be a real date YYYY-MM-DD' },
        { path: 'version', code: 'NOT_ALLOWED', value: '3', allowed: ['1', '2'], message: '"3" is not an allowed value (one of 1, 2)' },
      ]),
    );
    expect(new Set(errors.map((e) => e.path)).size).toBe(errors.length);
    for (const e of errors) expect(e.message).toBe(recordText(e));
  });

  it('refuses broken references, one coded error per bad path', () => {
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
      { path: 'agents[11].id', code: 'DUPLICATE_ID', id: 'A01', first: 'agents[0]', message: 'duplicate id "A01" (also agents[0])' },
      {
        path: 'agents[2].weeklyMin', code: 'WEEKLY_MIN_ABOVE_MAX', weeklyMin: 7, weeklyMax: 6,
        message: 'weekly_min (7) is above weekly_max (6)',
      },
      { path: 'agents[7].groupId', code: 'UNKNOWN_GROUP', value: 'G99', message: 'unknown rotation group "G99"' },
      { path: 'agents[8].pool', code: 'ELIGIBLE_NEEDS_POOL', message: 'an eligible agent needs an access pool (VDI or VPN)' },
      { path: 'agents[9].siteId', code: 'UNKNOWN_SITE', value: 'S9', message: 'unknown site "S9"' },
      { path: 'rotation[0].groupId', code: 'UNKNOWN_GROUP', value: 'G7', message: 'unknown rotation group "G7"' },
      { path: 'requests[3].agentId', code: 'UNKNOWN_AGENT', value: 'A99', message: 'unknown agent "A99"' },
      { path: 'reservations[0].pool', code: 'POOL_NOT_CONFIGURED', value: 'NOPE', message: 'no capacity pool NOPE is configured' },
    ]);
  });

  it('refuses a group over maxGroupSize, an eligible agent without group, a reversed horizon', () => {
    const s = tinySnapshot();
    s.maxGroupSize = 4;
    s.agents[0].groupId = null;
    s.horizon = { from: '2026-12-22', to: '2026-12-09' };
    expect(errorsOf(s)).toEqual([
      { path: 'horizon.to', code: 'RANGE_END_BEFORE_START', from: '2026-12-22', message: 'must not be before from (2026-12-22)' },
      { path: 'agents[0].groupId', code: 'ELIGIBLE_NEEDS_GROUP', message: 'an eligible agent needs a group' },
      {
        path: 'groups[1]', code: 'GROUP_OVER_MAX_SIZE', group: 'G2', members: 5, max: 4,
        message: 'group "G2" has 5 eligible agents, more than maxGroupSize 4',
      },
    ]);
  });

  it('refuses reservations no plan can hold', () => {
    const s = tinySnapshot();
    (s.reservations ?? [])[0].seats = 5; // VDI 5, reserve 1: only 4 seats outside the reserve
    expect(errorsOf(s)).toEqual([
      {
        path: 'reservations[0].seats', code: 'RESERVED_SEATS_ABOVE_OPEN',
        pool: 'VDI', date: '2026-12-17', period: 'PM', reserved: 5, open: 4, capacity: 5, reserve: 1,
        message: '5 seats reserved on VDI on 2026-12-17 PM, more than the 4 seats outside its reserve (capacity 5, reserve 1)',
      },
    ]);
  });

  it('refuses a reserve above a dated capacity, and a capacity change given twice (paths as given, not as sorted)', () => {
    const s = tinySnapshot();
    const vdi = s.pools[0];
    const later = s.horizon.to;
    vdi.capacityChanges = [{ from: later, capacity: 0 }, { from: s.horizon.from, capacity: 5 }, { from: later, capacity: 0 }];
    expect(errorsOf(s)).toEqual([
      {
        path: 'pools[0].capacityChanges[2].from', code: 'CAPACITY_CHANGE_DATE_REPEATED', date: later, index: 0,
        message: `${later} is already given at capacityChanges[0]`,
      },
      {
        path: 'pools[0].reserve', code: 'RESERVE_ABOVE_CAPACITY', pool: 'VDI', reserve: vdi.reserve, capacity: 0, from: later,
        message: `the VDI reserve of ${vdi.reserve} must not exceed its capacity of 0 from ${later}`,
      },
    ]);
  });

  it('speaks French at the edge, from the code', () => {
    const s = tinySnapshot();
    s.agents[9].siteId = 'S9';
    const [error] = errorsOf(s);
    expect(formatMessage(error, 'fr')).toBe('site inconnu «\u00a0S9\u00a0»');
  });

  it('writes JSON paths', () => {
    expect(toJsonPath('/agents/17/groupId')).toBe('agents[17].groupId');
    expect(toJsonPath('', 'version')).toBe('version');
    expect(toJsonPath('')).toBe('(snapshot)');
  });

  it('accepts version 2 with events and org units, refuses them in version 1, and codes each bad event field', () => {
    const event = { id: 'E1', label: 'Grève', from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM', sites: [{ siteId: 'S1', capacity: 0 }] };
    const v2 = { ...tinySnapshot(), version: 2, events: [event], agents: tinySnapshot().agents.map((a) => ({ ...a, orgUnitId: 'OU1' })) };
    const ok = validateSnapshot(v2);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.snapshot.version).toBe(2);
      expect(ok.snapshot.events?.[0]).toEqual({ ...event, pools: [], extraEligible: [] });
      expect(ok.snapshot.agents[0].orgUnitId).toBe('OU1');
    }
    const v1 = validateSnapshot(tinySnapshot());
    expect(v1.ok && v1.snapshot.events).toBe(undefined);
    expect(errorsOf({ ...v2, version: 1 })).toEqual(expect.arrayContaining([
      { path: 'events', code: 'UNKNOWN_FIELD', message: 'is not an expected field' },
      { path: 'agents[0].orgUnitId', code: 'UNKNOWN_FIELD', message: 'is not an expected field' },
    ]));
    const bad = {
      ...v2,
      events: [
        { ...event, sites: [{ siteId: 'S1', capacity: -1 }, { siteId: 'S1', capacity: 2 }], regime: { weeklyMax: 11 }, pools: [{ poolId: 'VDI', capacity: 0 }] },
        { ...event, id: 'E2', regime: { weeklyMax: 0 }, extraEligible: [{ agentId: 'A11', pool: 'VDX' }], to: '2026-12-10', toPeriod: 'AM', fromPeriod: 'PM' },
      ],
    };
    const errors = errorsOf(bad);
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'events[0].sites[0].capacity', code: 'TOO_SMALL', min: 0 }),
      expect.objectContaining({ path: 'events[0].regime.weeklyMax', code: 'TOO_LARGE', max: 10 }),
      expect.objectContaining({ path: 'events[1].regime.weeklyMax', code: 'TOO_SMALL', min: 1 }),
    ]));
    const refs = errorsOf({ ...bad, events: [{ ...bad.events[0], sites: [{ siteId: 'S1', capacity: 1 }, { siteId: 'S1', capacity: 2 }], regime: { weeklyMax: 8 } }, { ...bad.events[1], regime: { weeklyMax: 8 } }] });
    expect(refs).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'events[0].sites[1].siteId', code: 'DUPLICATE_ID', id: 'S1', first: 'events[0].sites[0]' }),
      // VDI keeps a reserve of 1: an event capacity of 0 is below it
      expect.objectContaining({ path: 'events[0].pools[0].capacity', code: 'RESERVE_ABOVE_CAPACITY', reserve: 1, capacity: 0 }),
      expect.objectContaining({ path: 'events[1].to', code: 'RANGE_END_BEFORE_START', from: '2026-12-10' }),
      expect.objectContaining({ path: 'events[1].extraEligible[0].pool', code: 'POOL_NOT_CONFIGURED', value: 'VDX' }),
    ]));
    for (const e of refs) expect(e.message).toBe(recordText(e));
  });
});
