import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { generateScenario } from '../scenario/scenarios';
import { SNAPSHOT_VALIDATOR_FILE, snapshotValidatorSource } from './snapshot-validator.codegen';
import { PLANNING_SNAPSHOT_SCHEMA } from './snapshot-schema';
import validateGenerated from './snapshot-validator.generated';

const file = join(__dirname, SNAPSHOT_VALIDATOR_FILE);

describe('the precompiled snapshot validator', () => {
  it('is the Ajv compilation of the current schema (UPDATE_GENERATED=1 regenerates it)', () => {
    const fresh = snapshotValidatorSource();
    if (process.env['UPDATE_GENERATED'] === '1') writeFileSync(file, fresh);
    expect(readFileSync(file, 'utf8')).toBe(fresh);
  });

  it('answers what Ajv compiling the schema at run time answers, on valid and broken snapshots', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const runtime = ajv.compile(PLANNING_SNAPSHOT_SCHEMA as unknown as object);
    const base = generateScenario('tiny', 3).snapshot as unknown as Record<string, unknown>;
    const breakers: ((s: Record<string, unknown>) => unknown)[] = [
      (s) => s,
      (s) => ({ ...s, horizon: { from: '2026-02-30', to: 7 } }),
      (s) => ({ ...s, pools: [{ id: '', capacity: -1, extra: true }] }),
      (s) => ({ ...s, agents: (s['agents'] as unknown[]).map((a, i) => (i === 2 ? { ...(a as object), tier: 'BOSS', weeklyMax: 11 } : a)) }),
      (s) => ({ ...s, version: 2, closedDates: ['tomorrow'] }),
      () => [1, 2],
    ];
    fc.assert(fc.property(fc.constantFrom(...breakers), (breaker) => {
      const input = breaker(structuredClone(base));
      const expected = runtime(input);
      const got = validateGenerated(input);
      expect(got).toBe(expected);
      expect(validateGenerated.errors ?? null).toEqual(runtime.errors ?? null);
    }), { numRuns: 30 });
  });
});
