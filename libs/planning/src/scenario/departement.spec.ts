import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { DepartementScenario } from './departement';
import { generateDepartement } from './departement';
import { SCENARIOS, generateScenario } from './scenarios';

const snapshotSchema = require('../../schemas/planning-snapshot.schema.json');

function schemaErrors(snapshot: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(snapshotSchema);
  return validate(snapshot) ? [] : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message}`);
}

/** Structural checks every scenario must pass (reused for each named scenario). */
function expectWellFormed(s: DepartementScenario): void {
  // collects problems instead of calling expect per item: the 100k scenario has 100,000 people
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => { if (!ok && problems.length < 20) problems.push(what); };
  const snap = s.snapshot;
  const max = snap.maxGroupSize ?? 300;
  // people mirror the agents
  check(s.people.length === snap.agents.length, 'one person per agent');
  s.people.forEach((p, i) => check(p.agentId === snap.agents[i]?.id, `people[${i}] is agents[${i}]`));
  // unique ids, employee numbers and e-mails
  const unique = (what: string, xs: string[]) => check(new Set(xs).size === xs.length, `unique ${what}`);
  unique('agent ids', snap.agents.map((a) => a.id));
  unique('employee numbers', s.people.map((p) => p.employeeNumber));
  unique('e-mails', s.people.map((p) => p.email));
  unique('site ids', snap.sites.map((x) => x.id));
  unique('site names', snap.sites.map((x) => x.name ?? ''));
  unique('group ids', snap.groups.map((x) => x.id));
  unique('unit ids', s.orgUnits.map((u) => u.id));
  unique('unit codes', s.orgUnits.map((u) => u.code));
  for (const p of s.people) {
    check(/^M\d{6,}$/.test(p.employeeNumber), `employee number ${p.employeeNumber}`);
    check(/^[a-z0-9-]+\.[a-z0-9-]+@departement\.fr$/.test(p.email), `e-mail ${p.email}`);
  }
  // references and groups
  const sites = new Set(snap.sites.map((x) => x.id));
  const groupSize = new Map(snap.groups.map((g) => [g.id, 0]));
  for (const a of snap.agents) {
    check(sites.has(a.siteId), `${a.id} site`);
    if (a.eligible) {
      check(groupSize.has(a.groupId as string), `${a.id} group`);
      groupSize.set(a.groupId as string, (groupSize.get(a.groupId as string) ?? 0) + 1);
      check(a.pool === 'VDI' || a.pool === 'VPN', `${a.id} pool`);
    } else {
      check((a.groupId ?? null) === null && (a.pool ?? null) === null, `${a.id} ineligible without group or pool`);
    }
    check((a.weeklyMin ?? 4) <= (a.weeklyMax ?? 6), `${a.id} weeklyMin <= weeklyMax`);
  }
  for (const [g, size] of groupSize) check(size > 0 && size <= max, `group ${g} has ${size} members`);
  const agentIds = new Set(snap.agents.map((a) => a.id));
  for (const r of snap.requests ?? []) {
    check(agentIds.has(r.agentId), `${r.id} agent`);
    check(r.date >= snap.horizon.from && r.date <= snap.horizon.to, `${r.id} date in horizon`);
  }
  // the org-unit tree: one root, parents listed before children, managers inside their unit
  const units = new Map(s.orgUnits.map((u) => [u.id, u]));
  const roots = s.orgUnits.filter((u) => u.parentId === null);
  check(roots.length === 1, 'one root unit');
  const seen = new Set<string>();
  for (const u of s.orgUnits) {
    check(u.parentId === null || seen.has(u.parentId), `${u.id} parent listed first`);
    seen.add(u.id);
  }
  const person = new Map(s.people.map((p) => [p.agentId, p]));
  for (const u of s.orgUnits) {
    const m = person.get(u.managerAgentId as string);
    check(m?.orgUnitId === u.id && m?.role === 'MANAGER', `${u.id} manager is a MANAGER of the unit`);
  }
  // manager chains: each step goes to the manager of the person's own unit or of an
  // ancestor unit, without cycle, and all end at the head of the root unit
  const ancestors = (unitId: string): Set<string> => {
    const out = new Set<string>();
    for (let u = units.get(unitId); u; u = u.parentId ? units.get(u.parentId) : undefined) out.add(u.id);
    return out;
  };
  for (const p of s.people) {
    check(units.has(p.orgUnitId), `${p.agentId} unit`);
    if (p.managerAgentId !== null) {
      const m = person.get(p.managerAgentId);
      check(m !== undefined && ancestors(p.orgUnitId).has(m.orgUnitId), `${p.agentId} manager in the unit chain`);
    }
    const visited = new Set<string>();
    for (let cur: string | null = p.agentId; cur !== null; cur = person.get(cur)?.managerAgentId ?? null) {
      if (visited.has(cur) || visited.size > 20) { check(false, `${p.agentId} manager chain has no cycle`); break; }
      visited.add(cur);
    }
  }
  const heads = s.people.filter((p) => p.managerAgentId === null).map((p) => p.agentId);
  check(heads.length === 1 && heads[0] === roots[0]?.managerAgentId, 'one person without manager: the head of the root unit');
  // the on-site rule is satisfiable: every site seats at least its ineligible agents
  const ineligible = new Map<string, number>();
  for (const a of snap.agents) if (!a.eligible) ineligible.set(a.siteId, (ineligible.get(a.siteId) ?? 0) + 1);
  for (const site of snap.sites) check(site.capacity >= (ineligible.get(site.id) ?? 0), `${site.id} seats its ineligible agents`);
  expect(problems).toEqual([]);
}

describe('generateDepartement: the reference département', () => {
  const s = generateScenario('departement', 42);
  const snap = s.snapshot;

  it('is deterministic: the same seed gives the same JSON, another seed another', () => {
    expect(JSON.stringify(generateScenario('departement', 42))).toBe(JSON.stringify(s));
    expect(JSON.stringify(generateScenario('departement', 43))).not.toBe(JSON.stringify(s));
  });

  it('is valid against the planning-snapshot schema', () => {
    expect(schemaErrors(snap)).toEqual([]);
  });

  it('is well formed (references, uniqueness, groups, manager chains, sites)', () => {
    expectWellFormed(s);
  });

  it('has the reference figures', () => {
    expect(snap.horizon).toEqual({ from: '2026-12-07', to: '2027-01-03' });
    expect(snap.closedDates).toEqual(['2026-12-25', '2027-01-01']);
    expect(snap.agents).toHaveLength(5000);
    expect(snap.sites).toHaveLength(60);
    expect(snap.agents.filter((a) => a.eligible)).toHaveLength(3000);
    expect(snap.requests).toHaveLength(2000);
    expect(snap.pools).toEqual([
      { id: 'VDI', capacity: 1700, reserve: 200 },
      { id: 'VPN', capacity: 600, reserve: 0 },
    ]);
    expect(snap.reservations).toEqual([
      expect.objectContaining({ pool: 'VDI', date: '2026-12-10', period: 'PM', seats: 60 }),
    ]);
    expect(s.orgUnits.length).toBeGreaterThanOrEqual(150);
    expect(s.orgUnits.length).toBeLessThanOrEqual(300);
    expect(snap.groups.length).toBeGreaterThanOrEqual(10);
  });

  it('has elected officials at the Hôtel du Département, directors, ~10 % essential', () => {
    const tier = (t: string) => snap.agents.filter((a) => (a.tier ?? 'STANDARD') === t);
    expect(tier('ELECTED')).toHaveLength(40);
    expect(new Set(tier('ELECTED').map((a) => a.siteId))).toEqual(new Set([snap.sites[0].id]));
    expect(snap.sites[0].name).toMatch(/^Hôtel du Département/);
    expect(tier('DIRECTOR').length).toBeGreaterThan(20);
    expect(tier('ESSENTIAL')).toHaveLength(300);
    expect(tier('ELECTED').concat(tier('DIRECTOR'), tier('ESSENTIAL')).every((a) => a.eligible)).toBe(true);
  });

  it('has managers, a few HR agents in the HR direction, one or two administrators', () => {
    const role = (r: string) => s.people.filter((p) => p.role === r);
    expect(role('MANAGER')).toHaveLength(s.orgUnits.length);
    expect(role('HR').length).toBeGreaterThanOrEqual(2);
    expect(role('HR').length).toBeLessThanOrEqual(10);
    const drh = s.orgUnits.find((u) => u.code === 'DRH');
    const underDrh = new Set(s.orgUnits.filter((u) => u.code.startsWith('DRH')).map((u) => u.id));
    expect(drh).toBeDefined();
    for (const p of role('HR')) expect(underDrh.has(p.orgUnitId)).toBe(true);
    expect(role('ADMIN').length).toBeGreaterThanOrEqual(1);
    expect(role('ADMIN').length).toBeLessThanOrEqual(2);
  });

  it('has 15 % part-time agents, most of them off on Wednesday, with a lower weekly max', () => {
    const pt = snap.agents.filter((a) => (a.offHalfDays ?? []).length > 0);
    expect(pt).toHaveLength(750);
    const wednesday = pt.filter((a) => JSON.stringify(a.offHalfDays) === '["WED_AM","WED_PM"]');
    expect(wednesday.length / pt.length).toBeGreaterThan(0.5);
    for (const a of pt.filter((x) => x.eligible)) expect(a.weeklyMax).toBeLessThan(6);
  });

  it('puts three quarters of the eligible agents on VDI, the others on VPN', () => {
    expect(snap.agents.filter((a) => a.pool === 'VPN')).toHaveLength(750);
  });

  it('has a surge of REMOTE requests on the strike day and a mix of statuses and kinds', () => {
    const requests = snap.requests ?? [];
    const strike = requests.filter((r) => r.date === '2026-12-10');
    expect(strike.length).toBeGreaterThan(700);
    const byStatus = (st: string) => requests.filter((r) => r.status === st).length;
    expect(byStatus('APPROVED')).toBeGreaterThan(1200);
    expect(byStatus('PENDING')).toBeGreaterThan(100);
    expect(byStatus('REFUSED')).toBeGreaterThan(50);
    expect(requests.filter((r) => r.kind === 'ON_SITE').length).toBeGreaterThan(100);
    const keys = requests.map((r) => `${r.agentId}|${r.date}|${r.period}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(requests.some((r) => r.date === '2026-12-25')).toBe(true); // a few on a holiday
  });
});

describe('generateScenario', () => {
  it('lists the valid names for an unknown one', () => {
    expect(() => generateScenario('nope', 1)).toThrow(/unknown scenario "nope": valid names are .*departement.*tiny/);
  });

  it('has the four named scenarios', () => {
    expect(Object.keys(SCENARIOS)).toEqual(expect.arrayContaining(['departement', 'departement-tight', 'departement-100k', 'tiny']));
  });

  it.each([['tiny'], ['departement-tight']])('%s is valid and well formed', (name) => {
    const s = generateScenario(name, 3);
    expect(s.name).toBe(name);
    expect(schemaErrors(s.snapshot)).toEqual([]);
    expectWellFormed(s);
  });

  it('tight has the same agents with smaller caps', () => {
    const a = generateScenario('departement', 5).snapshot;
    const b = generateScenario('departement-tight', 5).snapshot;
    expect(b.agents).toEqual(a.agents);
    expect(b.pools.map((p) => p.capacity)).toEqual([1100, 300]);
  });

  it('tiny is small enough for a demo', () => {
    const s = generateScenario('tiny', 1);
    expect(s.snapshot.agents.length).toBe(40);
    expect(s.snapshot.groups.length).toBeGreaterThanOrEqual(2);
    expect(s.people.some((p) => p.role === 'HR')).toBe(true);
    expect(s.people.some((p) => p.role === 'ADMIN')).toBe(true);
  });

  it('refuses a horizon that does not start on a Monday', () => {
    expect(() => generateDepartement({ seed: 1, agents: 50, sites: 2, from: '2026-12-08', weeks: 1, requests: 0, vdiCapacity: 10, vdiReserve: 0, vpnCapacity: 5 }))
      .toThrow(/Monday/);
  });
});

describe('departement-100k', () => {
  it('generates 100,000 agents, valid and well formed', () => {
    // its time is the bench's to print (npm run bench:planning), not this test's to judge
    const s = generateScenario('departement-100k', 1);
    const snap = s.snapshot;
    expect(snap.agents).toHaveLength(100_000);
    expect(snap.agents.filter((a) => a.eligible)).toHaveLength(60_000);
    expect(snap.requests).toHaveLength(40_000);
    expect(snap.pools.map((p) => [p.capacity, p.reserve])).toEqual([[34_000, 4_000], [12_000, 0]]);
    expect(schemaErrors(snap)).toEqual([]);
    expectWellFormed(s);
  });
});
