import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { recordText } from '@telework/contracts';
import { Plan } from '../model/plan';
import { planSnapshot } from '../pipeline/plan-snapshot';
import { tinySnapshot } from '../testing/fixtures';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PlanningSnapshot } from '../model/snapshot';
import { PLAN_SCHEMA } from './plan-schema';
import { PLAN_SCHEMA_V2 } from './plan-schema.v2';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validPlan = ajv.compile(PLAN_SCHEMA as unknown as object);

describe('plan schema', () => {
  const plan = planSnapshot(tinySnapshot());
  const refused = plan.requests.filter((r) => r.status === 'REFUSED');

  it('holds the engine plans, their refusals as data', () => {
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.refusal && typeof r.refusal.code === 'string')).toBe(true);
    expect(validPlan(plan)).toBe(true);
  });

  it('still reads a plan written before refusals were data (a reason only)', () => {
    const old: Plan = JSON.parse(JSON.stringify(plan));
    for (const r of old.requests) delete r.refusal;
    expect(old.requests.some((r) => r.reason && !r.refusal)).toBe(true);
    expect(validPlan(old)).toBe(true);
  });

  it('refuses a refusal without a code or with badly typed figures', () => {
    const k = plan.requests.indexOf(refused[0]);
    const withRefusal = (refusal: unknown) => ({ ...plan, requests: plan.requests.map((r, i) => (i === k ? { ...r, refusal } : r)) });
    expect(validPlan(withRefusal({ why: 'WEEKEND' }))).toBe(false);
    expect(validPlan(withRefusal({ code: 'not a code' }))).toBe(false);
    expect(validPlan(withRefusal({ code: 'POOL_FULL', used: 'five' }))).toBe(false);
    expect(validPlan(withRefusal({ code: 'NOT_WORKING', why: 'HOLIDAY' }))).toBe(false);
  });

  it('holds the warnings as data beside their words, and still reads a plan written before them', () => {
    // one site of 1 desk for 3 agents: site overflows and weekly-min shortfalls
    const snapshot = tinySnapshot();
    snapshot.sites = snapshot.sites.map((site) => ({ ...site, capacity: 1 }));
    const crowded = planSnapshot(snapshot);
    expect(crowded.codedWarnings?.length).toBeGreaterThan(0);
    expect(crowded.warnings).toEqual(crowded.codedWarnings?.map(recordText));
    expect(validPlan(crowded)).toBe(true);
    const old: Plan = JSON.parse(JSON.stringify(crowded));
    delete old.codedWarnings;
    expect(validPlan(old)).toBe(true);
    expect(validPlan({ ...crowded, codedWarnings: [{ site: 'S1' }] })).toBe(false);
    expect(validPlan({ ...crowded, codedWarnings: [{ code: 'SITE_OVERFLOW', onSite: 'many' }] })).toBe(false);
  });
});

describe('plan schema, version 2', () => {
  const validV2 = ajv.compile(PLAN_SCHEMA_V2 as unknown as object);
  const snapshot: PlanningSnapshot = {
    ...tinySnapshot(),
    version: 2,
    events: [
      {
        id: 'E1', label: 'Grève', from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM',
        sites: [{ siteId: 'S1', capacity: 1 }], onSite: { tiers: ['DIRECTOR'] },
      },
    ],
  };
  const plan = planSnapshot(snapshot);

  it('holds a plan with continuity events: N letters, noWorkplace with its why, events, metrics.noWorkplace', () => {
    expect(plan.agents.some((a) => a.modes.includes('N'))).toBe(true);
    expect(plan.noWorkplace?.length).toBeGreaterThan(0);
    expect(validV2(plan)).toBe(true);
    expect(validPlan(plan)).toBe(false);
    expect(validV2({ ...plan, noWorkplace: [{ ...plan.noWorkplace?.[0], why: { code: 'NO_WORKPLACE_SOMEHOW' } }] })).toBe(false);
    expect(validV2({ ...plan, events: [{ id: 'E1' }] })).toBe(false);
  });

  it('is the file in libs/planning/schemas, written out key for key (UPDATE_GENERATED=1 rewrites it), and the version 1 schema is unchanged by it', () => {
    const dir = join(__dirname, '..', '..', 'schemas');
    const file = join(dir, 'plan.v2.schema.json');
    const written = JSON.stringify(PLAN_SCHEMA_V2, null, 2) + '\n';
    if (process.env['UPDATE_GENERATED'] === '1') writeFileSync(file, written);
    expect(readFileSync(file, 'utf8')).toBe(written);
    expect(PLAN_SCHEMA).toEqual(JSON.parse(readFileSync(join(dir, 'plan.schema.json'), 'utf8')));
    expect(PLAN_SCHEMA.properties.version).toEqual({ const: 1 });
  });

  it('is version 1 but for version, the letter N, the event refusals and warnings, noWorkplace, events and metrics.noWorkplace', () => {
    const { $id, title, description, properties, ...rest } = PLAN_SCHEMA_V2;
    const { $id: id1, title: title1, description: description1, properties: properties1, ...rest1 } = PLAN_SCHEMA;
    expect([$id, title, description]).not.toEqual([id1, title1, description1]);
    expect(rest).toEqual(rest1);
    const changed = Object.keys(properties).filter((k) => !isDeepStrictEqual(properties[k as keyof typeof properties], properties1[k as keyof typeof properties1]));
    expect(changed).toEqual(['version', 'agents', 'requests', 'metrics', 'codedWarnings', 'noWorkplace', 'events']);
  });
});
