import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { generateScenario } from '../scenario/scenarios';
import { SNAPSHOT_V2_VALIDATOR_FILE, SNAPSHOT_VALIDATOR_FILE, snapshotValidatorSource } from './snapshot-validator.codegen';
import { PLANNING_SNAPSHOT_SCHEMA } from './snapshot-schema';
import { PLANNING_SNAPSHOT_SCHEMA_V2 } from './snapshot-schema.v2';
import validateGenerated from './snapshot-validator.generated';
import validateGeneratedV2 from './snapshot-v2-validator.generated';

const schemas = join(__dirname, '..', '..', 'schemas');

describe('the precompiled snapshot validators', () => {
  it.each([
    [1, SNAPSHOT_VALIDATOR_FILE],
    [2, SNAPSHOT_V2_VALIDATOR_FILE],
  ] as const)('version %s is the Ajv compilation of the current schema (UPDATE_GENERATED=1 regenerates it)', (version, name) => {
    const file = join(__dirname, name);
    const fresh = snapshotValidatorSource(version);
    if (process.env['UPDATE_GENERATED'] === '1') writeFileSync(file, fresh);
    expect(readFileSync(file, 'utf8')).toBe(fresh);
  });

  it('compiles the schemas of libs/planning/schemas (v2 written out key for key, UPDATE_GENERATED=1 rewrites it), the v1 one unchanged by version 2', () => {
    expect(PLANNING_SNAPSHOT_SCHEMA).toEqual(JSON.parse(readFileSync(join(schemas, 'planning-snapshot.schema.json'), 'utf8')));
    const v2File = join(schemas, 'planning-snapshot.v2.schema.json');
    const v2Written = JSON.stringify(PLANNING_SNAPSHOT_SCHEMA_V2, null, 2) + '\n';
    if (process.env['UPDATE_GENERATED'] === '1') writeFileSync(v2File, v2Written);
    expect(readFileSync(v2File, 'utf8')).toBe(v2Written);
    expect(PLANNING_SNAPSHOT_SCHEMA.properties).not.toHaveProperty('events');
    expect(PLANNING_SNAPSHOT_SCHEMA.properties.agents.items.properties).not.toHaveProperty('orgUnitId');
    expect(PLANNING_SNAPSHOT_SCHEMA.properties.agents.items.properties).not.toHaveProperty('carried');
  });

  it('version 2 is version 1 but for version, agents[].orgUnitId, agents[].carried, events and their $defs', () => {
    const { $id, title, description, properties, $defs, ...rest } = PLANNING_SNAPSHOT_SCHEMA_V2;
    const { $id: id1, title: title1, description: description1, properties: properties1, ...rest1 } = PLANNING_SNAPSHOT_SCHEMA;
    expect([$id, title]).not.toEqual([id1, title1]);
    expect(description.startsWith(description1)).toBe(true);
    expect(Object.keys($defs)).toEqual(['eventScope']);
    expect(rest).toEqual(rest1);
    const changed = Object.keys(properties).filter((k) => !isDeepStrictEqual(properties[k as keyof typeof properties], properties1[k as keyof typeof properties1]));
    expect(changed).toEqual(['version', 'agents', 'events']);
    const { orgUnitId, carried, ...agent } = properties.agents.items.properties;
    expect(orgUnitId).toBeDefined();
    expect(carried.required).toEqual(['remote', 'working']);
    expect(agent).toEqual(properties1.agents.items.properties);
  });

  it.each([
    [1, PLANNING_SNAPSHOT_SCHEMA, validateGenerated],
    [2, PLANNING_SNAPSHOT_SCHEMA_V2, validateGeneratedV2],
  ] as const)('version %s answers what Ajv compiling the schema at run time answers, on valid and broken snapshots', (version, schema, generated) => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const runtime = ajv.compile(schema as unknown as object);
    const base = { ...(generateScenario('tiny', 3).snapshot as unknown as Record<string, unknown>), version };
    const event = { id: 'E1', from: '2026-12-08', fromPeriod: 'AM', to: '2026-12-08', toPeriod: 'PM', sites: [{ siteId: 'S1', capacity: 0 }] };
    const breakers: ((s: Record<string, unknown>) => unknown)[] = [
      (s) => s,
      (s) => ({ ...s, horizon: { from: '2026-02-30', to: 7 } }),
      (s) => ({ ...s, pools: [{ id: '', capacity: -1, extra: true }] }),
      (s) => ({ ...s, agents: (s['agents'] as unknown[]).map((a, i) => (i === 2 ? { ...(a as object), tier: 'BOSS', weeklyMax: 11 } : a)) }),
      (s) => ({ ...s, version: 3, closedDates: ['tomorrow'] }),
      (s) => ({ ...s, events: [event] }),
      (s) => ({ ...s, events: [{ ...event, sites: [{ siteId: 'S1', capacity: -1 }], regime: { weeklyMax: 11 }, onSite: { tiers: ['BOSS'] } }] }),
      (s) => ({ ...s, agents: (s['agents'] as unknown[]).map((a, i) => (i === 1 ? { ...(a as object), orgUnitId: 'OU1' } : a)) }),
      (s) => ({ ...s, agents: (s['agents'] as unknown[]).map((a, i) => (i === 1 ? { ...(a as object), carried: { remote: 2, working: 4 } } : a)) }),
      (s) => ({ ...s, agents: (s['agents'] as unknown[]).map((a, i) => (i === 0 ? { ...(a as object), carried: { remote: -1, working: 11, frozen: true } } : a)) }),
      (s) => ({ ...s, agents: (s['agents'] as unknown[]).map((a, i) => (i === 0 ? { ...(a as object), carried: { remote: 1 } } : a)) }),
      () => [1, 2],
    ];
    fc.assert(fc.property(fc.constantFrom(...breakers), (breaker) => {
      const input = breaker(structuredClone(base));
      const expected = runtime(input);
      const got = generated(input);
      expect(got).toBe(expected);
      expect(generated.errors ?? null).toEqual(runtime.errors ?? null);
    }), { numRuns: 40 });
  });
});
