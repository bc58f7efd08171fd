import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DataSource } from 'typeorm';
import { formatMessage } from '@telework/contracts';
import { generateScenario, Plan, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { readPlanningSnapshot, writePlan } from '@telework/planning-data';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(180_000);

type Role = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';

const SCHEMA = JSON.parse(
  readFileSync(join(__dirname, '../../../../../libs/planning/schemas/planning-snapshot.schema.json'), 'utf8'),
);

function fields(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

/**
 * Weekly-minimum shortfalls of the eligible agents of one pool, counted from the plan's letters:
 * per ISO week, W = the agent's non-OFF half-days of the week, minimum floor(weeklyMin × W / 10).
 */
function poolShortfalls(snapshot: PlanningSnapshot, plan: Plan, pool: string): number {
  const agents = new Map(snapshot.agents.map((a) => [a.id, a]));
  const weekOf = plan.halfDays.map((key) => isoWeek(key.slice(0, 10)));
  let shortfalls = 0;
  for (const row of plan.agents) {
    const agent = agents.get(row.id);
    if (!agent?.eligible || agent.pool !== pool) continue;
    const weeks = new Map<string, { working: number; remote: number }>();
    [...row.modes].forEach((letter, i) => {
      const w = weeks.get(weekOf[i]) ?? { working: 0, remote: 0 };
      if (letter !== 'O') w.working++;
      if (letter === 'R') w.remote++;
      weeks.set(weekOf[i], w);
    });
    for (const w of weeks.values()) if (w.remote < Math.floor(((agent.weeklyMin ?? 4) * w.working) / 10)) shortfalls++;
  }
  return shortfalls;
}

/** solveMs is a clock reading: everything else of the metrics must match */
function withoutSolveMs(metrics: object): object {
  const copy: Record<string, unknown> = { ...metrics };
  delete copy['solveMs'];
  return copy;
}

function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3); // the week's Thursday
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - ((firstThursday.getUTCDay() + 6) % 7 - 3) / 7);
  return `${d.getUTCFullYear()}-W${week}`;
}

describe.each(TEST_DATABASE_MODES)('snapshots, what-if and licence sizing on %s', (mode) => {
  let api: ApiHarness;
  let tokens: Record<Role, string>;
  let dataSource: DataSource;
  const fingerprint = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*)::int FROM assignments) AS assignments,
              (SELECT md5(coalesce(string_agg(agent_id::text || date::text || period || mode, ',' ORDER BY agent_id, date, period), '')) FROM assignments) AS plan,
              (SELECT md5(coalesce(string_agg(pool_id::text || date::text || period || remote_count, ',' ORDER BY pool_id, date, period), '')) FROM pool_usage) AS usage,
              (SELECT count(*)::int FROM plan_versions) AS versions,
              (SELECT count(*)::int FROM allocation_runs) AS runs,
              (SELECT count(*)::int FROM audit_log) AS audit,
              (SELECT md5(coalesce(string_agg(id::text || coalesce(allocation_status, '-'), ',' ORDER BY id), '')) FROM telework_requests) AS requests`,
    ))[0];

  beforeAll(async () => {
    api = await startApi(mode);
    dataSource = api.app.get(DataSource);
    tokens = Object.fromEntries(
      await Promise.all(api.startup.demoLogins.map(async (login) => [login.role, await api.login(login.email)])),
    ) as typeof tokens;
    // a current plan, so that "nothing is written" has something to compare
    await dataSource.transaction(async (manager) => {
      const snapshot = await readPlanningSnapshot(manager, {
        from: '2026-12-07', to: '2026-12-18', maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' },
      });
      await writePlan(manager, { snapshot, plan: planSnapshot(snapshot), kind: 'ALLOCATION', notify: false });
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('snapshot export', () => {
    it('answers a schema-valid snapshot file with the public holidays in closedDates and no rotation when none is published', async () => {
      const response = await fetch(`${api.baseUrl}/api/snapshots?from=2026-12-21&to=2027-01-08`, {
        headers: { authorization: `Bearer ${tokens.HR}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="snapshot-2026-12-21-2027-01-08.json"');
      const snapshot = await response.json();
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(SCHEMA);
      expect(validate(snapshot) ? [] : validate.errors).toEqual([]);
      expect(snapshot.horizon).toEqual({ from: '2026-12-21', to: '2027-01-08' });
      expect(snapshot.closedDates).toEqual(['2026-12-25', '2027-01-01']);
      expect(snapshot.rotation).toBeUndefined();
      const [{ agents }] = await dataSource.query(`SELECT count(*)::int AS agents FROM agents`);
      expect(snapshot.agents).toHaveLength(agents);
      expect(snapshot.pools.map((p: { id: string }) => p.id)).toEqual(['VDI', 'VPN']);
    });

    it('includes the published rotation of the period', async () => {
      const [group] = await dataSource.query(`SELECT id FROM rotation_groups ORDER BY code LIMIT 1`);
      const [{ id: calendarId }] = await dataSource.query(
        `INSERT INTO rotation_calendars (period_from, period_to, version, status, published_at)
         VALUES ('2027-02-01', '2027-02-12', 900, 'PUBLISHED', now()) RETURNING id`,
      );
      await dataSource.query(
        `INSERT INTO rotation_cells (calendar_id, group_id, date, period) VALUES ($1, $2, '2027-02-02', 'AM'), ($1, $2, '2027-02-04', 'PM')`,
        [calendarId, group.id],
      );
      const response = await api.call('GET', '/api/snapshots?from=2027-02-01&to=2027-02-12', { token: tokens.ADMIN });
      expect(response.status).toBe(200);
      expect(response.body.rotation).toEqual([
        { groupId: group.id, date: '2027-02-02', period: 'AM' },
        { groupId: group.id, date: '2027-02-04', period: 'PM' },
      ]);
    });

    it('refuses agents and managers, and bad ranges with 400 naming the field', async () => {
      expect((await api.call('GET', '/api/snapshots?from=2026-12-07&to=2026-12-18', { token: tokens.AGENT })).status).toBe(403);
      expect((await api.call('GET', '/api/snapshots?from=2026-12-07&to=2026-12-18', { token: tokens.MANAGER })).status).toBe(403);
      const reversed = await api.call('GET', '/api/snapshots?from=2026-12-18&to=2026-12-07', { token: tokens.HR });
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors).toEqual([
        { field: 'to', code: 'RANGE_END_BEFORE_START', from: '2026-12-18', message: 'must not be before from (2026-12-18)' },
      ]);
      const bad = await api.call('GET', '/api/snapshots?from=2026-13-01&to=2026-12-07', { token: tokens.HR });
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from', code: 'NOT_A_DATE' })]);
    });
  });

  describe('what-if', () => {
    const horizon = { from: '2026-12-07', to: '2026-12-18' };

    it('lowering the VDI capacity gives more shortfalls or refusals than the baseline, and writes nothing', async () => {
      const before = await fingerprint();
      const baseline = await api.call('POST', '/api/what-if', { token: tokens.HR, body: horizon });
      expect(baseline.status).toBe(200);
      const lowered = await api.call('POST', '/api/what-if', {
        token: tokens.HR, body: { ...horizon, overrides: { pools: [{ id: 'VDI', capacity: 4, reserve: 2 }] } },
      });
      expect(lowered.status).toBe(200);
      const cost = (m: { weeklyMinShortfalls: number; requestsRefused: number }) => m.weeklyMinShortfalls + m.requestsRefused;
      expect(cost(lowered.body.metrics)).toBeGreaterThan(cost(baseline.body.metrics));
      expect(lowered.body.metrics.pools.VDI.peak).toBeLessThanOrEqual(4);
      expect(baseline.body.metrics.pools.VDI.peak).toBeGreaterThan(4);
      expect(Array.isArray(lowered.body.warnings)).toBe(true);
      expect(lowered.body.warnings.length).toBeGreaterThan(0); // the planner says so with figures
      expect(await fingerprint()).toEqual(before);
    });

    it('plans a snapshot given in the body with the engine’s metrics; weekly min/max overrides apply to eligible agents', async () => {
      const exported = await api.call('GET', '/api/snapshots?from=2026-12-07&to=2026-12-18', { token: tokens.HR });
      const snapshot = exported.body as PlanningSnapshot;
      const response = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { snapshot } });
      expect(response.status).toBe(200);
      const local = planSnapshot(snapshot);
      expect(withoutSolveMs(response.body.metrics)).toEqual(withoutSolveMs(local.metrics));

      // weeklyMax 1 for everyone: nobody eligible can be remote more than once a week
      const capped = await api.call('POST', '/api/what-if', {
        token: tokens.HR, body: { snapshot, overrides: { weeklyMin: 0, weeklyMax: 1 } },
      });
      expect(capped.status).toBe(200);
      expect(capped.body.metrics.weeklyMinShortfalls).toBe(0);
      const edited = { ...snapshot, agents: snapshot.agents.map((a) => (a.eligible ? { ...a, weeklyMin: 0, weeklyMax: 1 } : a)) };
      expect(withoutSolveMs(capped.body.metrics)).toEqual(withoutSolveMs(planSnapshot(edited).metrics));
      expect(capped.body.metrics.busiestHalfDay.remote).toBeLessThan(response.body.metrics.busiestHalfDay.remote);
    });

    it('takes the reference département’s snapshot (~600 kB) and keeps answering other requests while it plans', async () => {
      const snapshot = generateScenario('departement', 1).snapshot;
      expect(JSON.stringify(snapshot).length).toBeGreaterThan(500_000);
      const planning = api.call('POST', '/api/what-if', {
        token: tokens.HR, body: { snapshot, overrides: { pools: [{ id: 'VDI', capacity: 600 }] } },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const start = Date.now();
      const health = await api.call('GET', '/api/pools', { token: tokens.AGENT });
      const healthMs = Date.now() - start;
      const response = await planning;
      expect(health.status).toBe(200);
      expect(response.status).toBe(200);
      expect(response.body.metrics.pools.VDI.peak).toBeLessThanOrEqual(600);
      // 2,250 VDI agents × 4 half-days a week need 900 seats per half-day on average: 600 cannot do
      const vdiAgents = snapshot.agents.filter((a) => a.eligible && a.pool === 'VDI').length;
      expect(vdiAgents * 4 / 10).toBeGreaterThan(600);
      expect(response.body.metrics.weeklyMinShortfalls).toBeGreaterThan(0);
      expect(healthMs).toBeLessThan(500);
    });

    it('refuses a bad snapshot with one error per JSON path', async () => {
      const exported = await api.call('GET', '/api/snapshots?from=2026-12-07&to=2026-12-18', { token: tokens.HR });
      const snapshot = exported.body as PlanningSnapshot;
      const eligible = snapshot.agents.findIndex((a) => a.eligible);
      const broken = { ...snapshot, agents: snapshot.agents.map((a, i) => (i === eligible ? { ...a, groupId: 'no-such-group' } : a)) };
      const references = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { snapshot: broken } });
      expect(references.status).toBe(400);
      expect(references.body).toMatchObject({ statusCode: 400, code: 'SNAPSHOT_INVALID', count: 1 });
      // the engine's own finding, coded with its figures; the message is its English record
      expect(references.body.errors).toEqual([{
        field: `snapshot.agents[${eligible}].groupId`, code: 'UNKNOWN_GROUP', value: 'no-such-group',
        message: 'unknown rotation group "no-such-group"',
      }]);
      expect(formatMessage(references.body.errors[0], 'fr')).toContain('no-such-group');
      expect(formatMessage(references.body, 'fr')).toBe('l’instantané fourni n’est pas un instantané de planification valide (schéma v1)');

      const schema = { ...snapshot, horizon: { from: 'soon', to: snapshot.horizon.to }, pools: [{ ...snapshot.pools[0], capacity: -1 }, snapshot.pools[1]] };
      const invalid = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { snapshot: schema } });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ code: 'SNAPSHOT_INVALID', count: 2 });
      expect(fields(invalid.body).sort()).toEqual(['snapshot.horizon.from', 'snapshot.pools[0].capacity']);
      const byField = Object.fromEntries(invalid.body.errors.map((e: { field: string }) => [e.field, e]));
      expect(byField['snapshot.horizon.from']).toMatchObject({ code: 'NOT_A_DATE' });
      expect(byField['snapshot.pools[0].capacity']).toMatchObject({ code: 'TOO_SMALL', min: 0 });

      const notObject = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { snapshot: [1, 2] } });
      expect(notObject.status).toBe(400);
      expect(notObject.body.errors).toEqual([{ field: 'snapshot', code: 'NOT_AN_OBJECT', message: 'must be an object' }]);
    });

    it('refuses overrides that do not fit and a body without snapshot nor period, naming the field', async () => {
      const unknownPool = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { ...horizon, overrides: { pools: [{ id: 'CITRIX', capacity: 3 }] } } });
      expect(unknownPool.status).toBe(400);
      expect(unknownPool.body).toMatchObject({ statusCode: 400, code: 'INVALID_FIELDS' });
      expect(unknownPool.body.errors).toEqual([expect.objectContaining({
        field: 'overrides.pools[0].id', code: 'NOT_ALLOWED', value: 'CITRIX', allowed: ['VDI', 'VPN'],
      })]);
      const crossed = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { ...horizon, overrides: { weeklyMin: 7 } } });
      expect(crossed.status).toBe(400);
      expect(crossed.body.errors).toEqual([expect.objectContaining({
        field: 'overrides.weeklyMin', code: 'WEEKLY_MIN_ABOVE_MAX', weeklyMin: 7, weeklyMax: expect.any(Number),
        agents: expect.any(Number), agent: expect.any(String),
      })]);
      const reserve = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { ...horizon, overrides: { pools: [{ id: 'VDI', capacity: 1, reserve: 2 }] } } });
      expect(reserve.status).toBe(400);
      expect(reserve.body.errors).toEqual([{
        field: 'overrides.pools[0].reserve', code: 'RESERVE_ABOVE_CAPACITY', pool: 'VDI', reserve: 2, capacity: 1,
        message: 'the VDI reserve of 2 must not exceed its capacity of 1',
      }]);
      expect(formatMessage(reserve.body.errors[0], 'fr')).toBe('la réserve de VDI (2) ne peut pas dépasser la capacité (1)');
      const noPeriod = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { from: '2026-12-07' } });
      expect(noPeriod.status).toBe(400);
      expect(noPeriod.body.errors).toEqual([{ field: 'to', code: 'RANGE_OR_SNAPSHOT_REQUIRED', message: 'is required when no snapshot is given' }]);
      expect(formatMessage(noPeriod.body.errors[0], 'fr')).toBe('est obligatoire quand aucun instantané n’est fourni');
      const both = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { from: '2026-12-07', snapshot: { version: 1 } } });
      expect(both.status).toBe(400);
      expect(both.body.errors).toEqual([expect.objectContaining({ field: 'from', code: 'SNAPSHOT_OR_RANGE_NOT_BOTH' })]);
      expect(formatMessage(both.body.errors[0], 'fr')).toBe('donnez soit un instantané, soit from et to, pas les deux');
      const tooLong = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { from: '2026-12-07', to: '2027-06-07' } });
      expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'RANGE_TOO_LONG', max: 92, days: 183 })]);
      const extra = await api.call('POST', '/api/what-if', { token: tokens.HR, body: { ...horizon, publish: true } });
      expect(extra.status).toBe(400);
      expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'publish', code: 'UNKNOWN_FIELD' })]);
      expect((await api.call('POST', '/api/what-if', { token: tokens.AGENT, body: horizon })).status).toBe(403);
      expect((await api.call('POST', '/api/what-if', { token: tokens.MANAGER, body: horizon })).status).toBe(403);
    });
  });

  describe('licence sizing', () => {
    const FROM = '2026-12-07';
    const TO = '2026-12-18';

    it('answers a capacity at which every VDI agent reaches the weekly minimum, and below which one does not', async () => {
      const response = await api.call('GET', `/api/capacity/licences?pool=VDI&weeklyMin=4&from=${FROM}&to=${TO}`, { token: tokens.HR });
      expect(response.status).toBe(200);
      const sizing = response.body;
      const [vdi] = await dataSource.query(`SELECT capacity FROM capacity_pools WHERE code = 'VDI'`);
      expect(sizing).toMatchObject({ pool: 'VDI', weeklyMin: 4, from: FROM, to: TO, currentCapacity: vdi.capacity });
      expect(sizing.capacityNeeded).toEqual(expect.any(Number));
      expect(sizing.lowerBound).toBeLessThanOrEqual(sizing.capacityNeeded);

      // plan the same snapshot ourselves at C and at C − 1 (no requests: sizing is about the rotation)
      const base = await readPlanningSnapshot(dataSource.manager, { from: FROM, to: TO, maxGroupSize: api.config.maxGroupSize, rotation: { kind: 'none' } });
      const at = (capacity: number): PlanningSnapshot => ({
        ...base,
        requests: [],
        pools: base.pools.map((p) => (p.id === 'VDI' ? { ...p, capacity, capacityChanges: [] } : p)),
        agents: base.agents.map((a) => (a.eligible ? { ...a, weeklyMin: 4, weeklyMax: Math.max(4, a.weeklyMax ?? 6) } : a)),
      });
      const c = sizing.capacityNeeded;
      const planAtC = planSnapshot(at(c));
      expect(poolShortfalls(at(c), planAtC, 'VDI')).toBe(0);
      if (c > sizing.lowerBound) {
        const planBelow = planSnapshot(at(c - 1));
        const worse = poolShortfalls(at(c - 1), planBelow, 'VDI') > 0 || planBelow.metrics.siteOverflows > planAtC.metrics.siteOverflows;
        expect(worse).toBe(true);
      }
    });

    it('with a higher weekly minimum needs at least as many seats', async () => {
      const four = await api.call('GET', `/api/capacity/licences?pool=VDI&weeklyMin=4&from=${FROM}&to=${TO}`, { token: tokens.HR });
      const six = await api.call('GET', `/api/capacity/licences?pool=VDI&weeklyMin=6&from=${FROM}&to=${TO}`, { token: tokens.ADMIN });
      expect(six.status).toBe(200);
      expect(six.body.capacityNeeded).toBeGreaterThan(four.body.capacityNeeded);
    });

    it('defaults to the next four ISO weeks from next Monday; unknown pool → 400 pool; agents and managers → 403', async () => {
      const response = await api.call('GET', '/api/capacity/licences?pool=VPN', { token: tokens.HR });
      expect(response.status).toBe(200);
      const from = new Date(`${response.body.from}T00:00:00Z`);
      expect(from.getUTCDay()).toBe(1);
      // the API's today is pinned by the harness (PLANNING_TODAY)
      const today = Date.parse(`${api.config.planningToday}T00:00:00Z`);
      expect(from.getTime()).toBeGreaterThan(today);
      expect(from.getTime()).toBeLessThanOrEqual(today + 7 * 86_400_000);
      expect((new Date(`${response.body.to}T00:00:00Z`).getTime() - from.getTime()) / 86_400_000).toBe(27);

      const unknown = await api.call('GET', '/api/capacity/licences?pool=CITRIX', { token: tokens.HR });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([{
        field: 'pool', code: 'NOT_ALLOWED', value: 'CITRIX', allowed: ['VDI', 'VPN'], message: '"CITRIX" is not an allowed value (one of VDI, VPN)',
      }]);
      const badMin = await api.call('GET', '/api/capacity/licences?pool=VDI&weeklyMin=11', { token: tokens.HR });
      expect(badMin.body.errors).toEqual([expect.objectContaining({ field: 'weeklyMin', code: 'TOO_LARGE', max: 10 })]);
      expect((await api.call('GET', '/api/capacity/licences?pool=VDI', { token: tokens.AGENT })).status).toBe(403);
      expect((await api.call('GET', '/api/capacity/licences?pool=VDI', { token: tokens.MANAGER })).status).toBe(403);
    });
  });
});
