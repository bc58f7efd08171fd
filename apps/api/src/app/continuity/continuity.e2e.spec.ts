import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AllocationRunDto, ContinuityImpactDto, formatMessage, NO_WORKPLACE_CODES, NoWorkplaceWhy, recordText } from '@telework/contracts';
import { TEST_DATABASE_MODES, TestDatabaseMode } from '@telework/persistence/testing';
import { allocationSettings, createAllocationRun, publishEngineRotation, runAllocation } from '@telework/planning-data';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { AllocationDispatcher } from '../allocation/allocation.dispatcher';

jest.setTimeout(300_000);

const WORKER_MAIN = resolve(__dirname, '../../../../../dist/apps/worker/main.js');
/** the harness's planning day: Monday; the freeze window (2 working days) is Monday and Tuesday */
const TODAY = '2026-11-30';
const ROTATION_FROM = '2026-11-30';
const ROTATION_TO = '2026-12-18';
/** the closure: Tuesday, inside the freeze window; its run replans the whole ISO week from today */
const CLOSED_DAY = '2026-12-01';
const WEEK = { from: '2026-11-30', to: '2026-12-06' };
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Setting {
  api: ApiHarness;
  db: DataSource;
  tokens: Record<'ADMIN' | 'HR' | 'MANAGER' | 'AGENT', string>;
  hrUserId: string;
  mainSite: { id: string; name: string };
  vdi: { id: string; capacity: number };
}

async function setUp(mode: TestDatabaseMode, env: Record<string, string> = {}): Promise<Setting> {
  const api = await startApi(mode, env);
  const db = api.app.get(DataSource);
  const tokens = Object.fromEntries(
    await Promise.all(api.startup.demoLogins.map(async (login) => [login.role, await api.login(login.email)])),
  ) as Setting['tokens'];
  const hrEmail = api.startup.demoLogins.find((login) => login.role === 'HR')?.email;
  const [{ id: hrUserId }] = await db.query(`SELECT id FROM users WHERE email = $1`, [hrEmail]);
  const [mainSite] = await db.query(
    `SELECT s.id, s.name FROM sites s ORDER BY (SELECT count(*) FROM agents a WHERE a.site_id = s.id) DESC, s.code LIMIT 1`,
  );
  const [vdi] = await db.query(`SELECT id, capacity FROM capacity_pools WHERE code = 'VDI'`);
  return { api, db, tokens, hrUserId, mainSite, vdi };
}

async function waitForRun(s: Setting, id: string): Promise<AllocationRunDto> {
  await s.api.app.get(AllocationDispatcher).idle();
  for (let i = 0; i < 1_200; i++) {
    const run = await s.api.call('GET', `/api/allocation-runs/${id}`, { token: s.tokens.HR });
    if (run.body.status === 'SUCCEEDED' || run.body.status === 'FAILED') return run.body;
    await sleep(100);
  }
  throw new Error(`run ${id} did not finish`);
}

/** A closure of the main site on the closed day, with extra VDI seats and the ESSENTIAL agents kept on site. */
function closure(s: Setting, extra: Record<string, unknown> = {}) {
  return {
    label: 'Grève des transports — site principal fermé', kind: 'STRIKE', from: CLOSED_DAY, fromPeriod: 'AM', to: CLOSED_DAY, toPeriod: 'PM',
    sites: [{ siteId: s.mainSite.id, capacity: 0 }], pools: [{ poolId: s.vdi.id, capacity: s.vdi.capacity + 10 }],
    onSiteTiers: ['ESSENTIAL'], weeklyMax: 10,
    ...extra,
  };
}

/**
 * An impact preview agrees with itself: totals are the sums of the half-days, and so is each
 * half-day's split by site, tier and org unit; pools stay within their capacity; examples are
 * named and coded.
 */
function expectConsistentImpact(impact: ContinuityImpactDto): void {
  const sum = (items: { onSite: number; remote: number; noWorkplace: number }[]) => items.reduce(
    (total, c) => ({ onSite: total.onSite + c.onSite, remote: total.remote + c.remote, noWorkplace: total.noWorkplace + c.noWorkplace }),
    { onSite: 0, remote: 0, noWorkplace: 0 });
  const counts = (c: { onSite: number; remote: number; noWorkplace: number }) => ({ onSite: c.onSite, remote: c.remote, noWorkplace: c.noWorkplace });
  expect(impact.halfDays.length).toBeGreaterThan(0);
  expect(counts(impact.totals)).toEqual(sum(impact.halfDays));
  expect(impact.totals.before).toEqual(sum(impact.halfDays.map((h) => h.before)));
  expect(impact.totals.before.noWorkplace).toBe(0);
  for (const h of impact.halfDays) {
    for (const split of [h.bySite, h.byTier, h.byOrgUnit]) expect(sum(split)).toEqual(counts(h));
    for (const site of h.bySite) expect(typeof site.siteName).toBe('string');
    for (const pool of h.pools) {
      expect(pool.used).toBeLessThanOrEqual(pool.capacity);
      expect(typeof pool.code).toBe('string');
    }
  }
  expect(impact.agentsWithoutWorkplace).toBeLessThanOrEqual(impact.totals.noWorkplace);
  for (const example of impact.examples) {
    expect(NO_WORKPLACE_CODES).toContain(example.why.code);
    expect(example.name).toMatch(/\S+ \S+/);
    expect(formatMessage(example.why, 'fr')).toMatch(/^sans poste de travail/);
  }
}

const fieldCodes = (body: { errors?: { field: string; code: string }[] }) =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.code]));

describe.each(TEST_DATABASE_MODES)('continuity events over HTTP on %s', (mode) => {
  let s: Setting;

  beforeAll(async () => {
    s = await setUp(mode);
    await publishEngineRotation(s.db, ROTATION_FROM, ROTATION_TO);
  });

  afterAll(async () => s?.api.close());

  it('loads the demo with one DRAFT event to preview and activate: the strike, main site closed, 300 more VDI seats', async () => {
    const list = await s.api.call('GET', '/api/continuity-events', { token: s.tokens.HR });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const [demo] = list.body.items;
    expect(demo).toMatchObject({
      status: 'DRAFT', kind: 'STRIKE', label: `Grève des transports — ${s.mainSite.name} fermé`,
      // the Thursday of the demo's first week (the demo starts on the Monday after the planning day)
      from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM',
      sites: [{ siteId: s.mainSite.id, capacity: 0 }], pools: [{ poolId: s.vdi.id, capacity: s.vdi.capacity + 300 }],
      activatedAt: null, endedAt: null, lastRunId: null,
    });
    const [{ essential }] = await s.db.query(
      `SELECT count(*)::int AS essential FROM agents WHERE site_id = $1 AND tier = 'ESSENTIAL'`, [s.mainSite.id]);
    expect(demo.onSiteAgentIds).toHaveLength(essential);
  });

  it('previews the demo draft with the published rotation, and a week nobody published with a built one, writing nothing', async () => {
    const [demo] = (await s.api.call('GET', '/api/continuity-events', { token: s.tokens.HR })).body.items;
    const assignmentsBefore = await s.db.query(`SELECT count(*)::int AS n, max(plan_version) AS v FROM assignments`);
    const preview = await s.api.call('GET', `/api/continuity-events/${demo.id}/impact`, { token: s.tokens.HR });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ eventId: demo.id, from: '2026-12-07', to: '2026-12-13', rotation: 'published' });
    expect(preview.body.halfDays.map((h: { date: string; period: string }) => `${h.date} ${h.period}`)).toEqual(['2026-12-10 AM', '2026-12-10 PM']);
    expectConsistentImpact(preview.body);
    // the main site is closed but for its ESSENTIAL agents (listed by id in the demo draft)
    for (const h of preview.body.halfDays) {
      const main = h.bySite.find((site: { siteId: string }) => site.siteId === s.mainSite.id);
      expect(main).toMatchObject({ siteName: s.mainSite.name, capacity: 0 });
      expect(main.onSite).toBeLessThanOrEqual(demo.onSiteAgentIds.length);
      const vdi = h.pools.find((pool: { poolId: string }) => pool.poolId === s.vdi.id);
      expect(vdi).toMatchObject({ code: 'VDI', capacity: s.vdi.capacity + 300 });
    }
    expect(preview.body.licences.map((l: { code: string }) => l.code).sort()).toEqual(['VDI', 'VPN']);
    // written nowhere: same assignments, still a draft, no run
    expect(await s.db.query(`SELECT count(*)::int AS n, max(plan_version) AS v FROM assignments`)).toEqual(assignmentsBefore);
    expect((await s.api.call('GET', `/api/continuity-events/${demo.id}`, { token: s.tokens.HR })).body).toMatchObject({ status: 'DRAFT', lastRunId: null });

    const later = await s.api.call('POST', '/api/continuity-events', { token: s.tokens.HR, body: closure(s, { from: '2027-01-07', to: '2027-01-07' }) });
    const built = await s.api.call('GET', `/api/continuity-events/${later.body.id}/impact`, { token: s.tokens.HR });
    expect(built.status).toBe(200);
    expect(built.body).toMatchObject({ from: '2027-01-04', to: '2027-01-10', rotation: 'built' });
    expectConsistentImpact(built.body);
    expect((await s.api.call('DELETE', `/api/continuity-events/${later.body.id}`, { token: s.tokens.HR })).status).toBe(204);
    const unknown = await s.api.call('GET', '/api/continuity-events/5b1f0f3e-8c1d-4e8a-9d6f-2a4c7e9b1d00/impact', { token: s.tokens.HR });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'CONTINUITY_EVENT_NOT_FOUND' });
  });

  it('refuses bad input with a code per field', async () => {
    const post = (body: unknown) => s.api.call('POST', '/api/continuity-events', { token: s.tokens.HR, body });
    const empty = await post({});
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('INVALID_FIELDS');
    expect(fieldCodes(empty.body)).toMatchObject({ label: 'REQUIRED', kind: 'REQUIRED', from: 'REQUIRED', to: 'REQUIRED', fromPeriod: 'REQUIRED' });

    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ label: '   ' }, { label: 'BAD_LENGTH' }],
      [{ kind: 'PICNIC' }, { kind: 'NOT_ALLOWED' }],
      [{ from: '2026-02-30' }, { from: 'NOT_A_DATE' }],
      [{ to: '2026-11-30' }, { to: 'CONTINUITY_END_BEFORE_START' }],
      [{ fromPeriod: 'PM', toPeriod: 'AM' }, { toPeriod: 'CONTINUITY_END_BEFORE_START' }],
      [{ to: '2027-12-01' }, { to: 'RANGE_TOO_LONG' }],
      [{ sites: [{ siteId: s.mainSite.id, capacity: -1 }] }, { 'sites.0.capacity': 'TOO_SMALL' }],
      [{ sites: [{ siteId: '00000000-0000-0000-0000-000000000000', capacity: 0 }] }, { 'sites.0.siteId': 'UNKNOWN_REFERENCE' }],
      [{ sites: [{ siteId: s.mainSite.id, capacity: 0 }, { siteId: s.mainSite.id, capacity: 3 }] }, { sites: 'DUPLICATE_ITEMS' }],
      [{ pools: [{ poolId: s.mainSite.id, capacity: 10 }] }, { 'pools.0.poolId': 'UNKNOWN_REFERENCE' }],
      [{ weeklyMax: 11 }, { weeklyMax: 'TOO_LARGE' }],
      [{ weeklyMax: 0 }, { weeklyMax: 'TOO_SMALL' }],
      [{ weeklyMax: null, weeklyMaxTiers: ['STANDARD'] }, { weeklyMax: 'REQUIRED' }],
      [{ onSiteOrgUnitIds: [s.mainSite.id] }, { 'onSiteOrgUnitIds.0': 'UNKNOWN_REFERENCE' }],
      [{ extraEligibleAgentIds: ['5b1f0f3e-8c1d-4e8a-9d6f-2a4c7e9b1d00'] }, { 'extraEligibleAgentIds.0': 'UNKNOWN_REFERENCE' }],
      [{ onSiteTiers: ['BOSS'] }, { onSiteTiers: 'NOT_ALLOWED' }],
      [{ status: 'ACTIVE' }, { status: 'UNKNOWN_FIELD' }],
    ];
    for (const [change, expected] of cases) {
      const answer = await post(closure(s, change));
      expect({ change, status: answer.status, code: answer.body.code, fields: fieldCodes(answer.body) })
        .toEqual({ change, status: 400, code: 'INVALID_FIELDS', fields: expected });
      for (const error of answer.body.errors) expect(formatMessage(error, 'fr')).toBeTruthy();
    }

    // a pool's event capacity keeps the priority reserve and the seats reserved for events (else no plan could hold)
    const [{ reserve }] = await s.db.query(`SELECT reserve FROM capacity_pools WHERE id = $1`, [s.vdi.id]);
    expect(reserve).toBeGreaterThan(0);
    const belowReserve = await post(closure(s, { pools: [{ poolId: s.vdi.id, capacity: reserve - 1 }] }));
    expect(belowReserve.body.errors).toEqual([expect.objectContaining({
      field: 'pools.0.capacity', code: 'RESERVE_ABOVE_CAPACITY', pool: 'VDI', reserve, capacity: reserve - 1,
    })]);
    const [reservation] = await s.db.query(
      `INSERT INTO reservations (pool_id, date, period, seats, label) VALUES ($1, '2026-12-02', 'PM', 3, 'Séance') RETURNING id`, [s.vdi.id]);
    try {
      const overReserved = await post(closure(s, { from: '2026-12-02', to: '2026-12-02', pools: [{ poolId: s.vdi.id, capacity: reserve + 2 }] }));
      expect(overReserved.body.errors).toEqual([expect.objectContaining({
        field: 'pools.0.capacity', code: 'RESERVED_SEATS_ABOVE_OPEN', pool: 'VDI', date: '2026-12-02', period: 'PM',
        reserved: 3, open: 2, capacity: reserve + 2, reserve,
      })]);
      // the morning only: the afternoon's reservation is outside the event
      const morning = await post(closure(s, {
        label: 'Matin', from: '2026-12-02', to: '2026-12-02', toPeriod: 'AM', pools: [{ poolId: s.vdi.id, capacity: reserve + 2 }],
      }));
      expect(morning.status).toBe(201);
      expect((await s.api.call('DELETE', `/api/continuity-events/${morning.body.id}`, { token: s.tokens.HR })).status).toBe(204);
    } finally {
      await s.db.query(`DELETE FROM reservations WHERE id = $1`, [reservation.id]);
    }
    const [{ count }] = await s.db.query(`SELECT count(*)::int AS count FROM continuity_events`);
    expect(count).toBe(1);
  });

  it('lets HR and ADMIN write, MANAGER read only, AGENT nothing', async () => {
    const created = await s.api.call('POST', '/api/continuity-events', { token: s.tokens.ADMIN, body: closure(s, { label: 'Tempête' }) });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const agent = s.tokens.AGENT;
    const manager = s.tokens.MANAGER;
    for (const [method, path, token, status] of [
      ['GET', '/api/continuity-events', agent, 403], ['GET', `/api/continuity-events/${id}`, agent, 403],
      ['POST', '/api/continuity-events', agent, 403], ['GET', `/api/continuity-events/${id}/impact`, agent, 403],
      ['GET', '/api/continuity-events', manager, 200], ['GET', `/api/continuity-events/${id}`, manager, 200],
      ['POST', '/api/continuity-events', manager, 403], ['PATCH', `/api/continuity-events/${id}`, manager, 403],
      ['DELETE', `/api/continuity-events/${id}`, manager, 403], ['POST', `/api/continuity-events/${id}/activate`, manager, 403],
      ['POST', `/api/continuity-events/${id}/end`, manager, 403], ['GET', `/api/continuity-events/${id}/impact`, manager, 403],
      ['GET', `/api/continuity-events/${id}`, undefined, 401],
    ] as const) {
      const answer = await s.api.call(method, path, { token, body: method === 'POST' || method === 'PATCH' ? closure(s) : undefined });
      expect({ method, path, role: token === agent ? 'AGENT' : token ? 'MANAGER' : 'none', status: answer.status })
        .toEqual({ method, path, role: token === agent ? 'AGENT' : token ? 'MANAGER' : 'none', status });
      if (status >= 400) expect(answer.body.code).toBe(status === 401 ? 'TOKEN_MISSING' : 'ROLE_NEEDED');
    }
    expect((await s.api.call('DELETE', `/api/continuity-events/${id}`, { token: s.tokens.HR })).status).toBe(204);
    const gone = await s.api.call('GET', `/api/continuity-events/${id}`, { token: s.tokens.HR });
    expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 404, code: 'CONTINUITY_EVENT_NOT_FOUND' });
    const deletedAudit = await s.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(deletedAudit.map((row: { action: string }) => row.action)).toEqual(['CONTINUITY_EVENT_CREATED', 'CONTINUITY_EVENT_DELETED']);
  });

  it('creates a DRAFT, edits it (200), activates it (202, a CONTINUITY run inside the freeze window, audited), replans an edit (202), ends it (202)', async () => {
    const created = await s.api.call('POST', '/api/continuity-events', { token: s.tokens.HR, body: closure(s) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'DRAFT', createdBy: s.hrUserId, from: CLOSED_DAY, to: CLOSED_DAY, weeklyMax: 10, onSiteTiers: ['ESSENTIAL'],
      weeklyMaxTiers: [], onSiteAgentIds: [], extraEligiblePoolId: null, lastRunId: null,
    });
    const id = created.body.id;
    const listed = await s.api.call('GET', '/api/continuity-events?status=DRAFT', { token: s.tokens.MANAGER });
    expect(listed.body.items[0].id).toBe(id); // newest first
    expect(listed.body.items.every((event: { status: string }) => event.status === 'DRAFT')).toBe(true);

    const renamed = await s.api.call('PATCH', `/api/continuity-events/${id}`, { token: s.tokens.HR, body: { label: 'Grève — site principal fermé' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id, status: 'DRAFT', label: 'Grève — site principal fermé', sites: created.body.sites });

    const activated = await s.api.call('POST', `/api/continuity-events/${id}/activate`, { token: s.tokens.HR });
    expect(activated.status).toBe(202);
    expect(activated.body).toMatchObject({ created: true, event: { id, status: 'ACTIVE', lastRunId: activated.body.runId } });
    const [stored] = await s.db.query(
      `SELECT trigger, continuity_event_id, ignore_freeze, to_char(horizon_from, 'YYYY-MM-DD') AS "from", to_char(horizon_to, 'YYYY-MM-DD') AS "to"
       FROM allocation_runs WHERE id = $1`, [activated.body.runId]);
    expect(stored).toEqual({ trigger: 'CONTINUITY', continuity_event_id: id, ignore_freeze: true, ...WEEK });
    const run = await waitForRun(s, activated.body.runId);
    expect({ status: run.status, error: run.error }).toEqual({ status: 'SUCCEEDED', error: null });
    expect(run).toMatchObject({ trigger: 'CONTINUITY', continuityEventId: id, ignoreFreeze: true, ...WEEK });
    expect(run.codedWarnings[0]).toEqual({ code: 'RUN_FREEZE_OVERRIDDEN', from: TODAY, until: '2026-12-01' });
    expect(run.warnings).toEqual(run.codedWarnings.map(recordText));
    const [audit] = await s.db.query(`SELECT details FROM audit_log WHERE action = 'CONTINUITY_EVENT_ACTIVATED' AND entity_id = $1`, [id]);
    expect(audit.details).toMatchObject({
      runId: activated.body.runId, freezeOverridden: true, datesReplannedInFreezeWindow: ['2026-11-30', '2026-12-01'],
      freezeWindow: { from: TODAY, until: '2026-12-01' }, horizon: WEEK,
    });
    // the closed day is planned with the event, inside the freeze window
    const [{ onMain }] = await s.db.query(
      `SELECT count(*)::int AS "onMain" FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE s.date = $1 AND s.mode = 'ON_SITE' AND a.site_id = $2 AND a.tier <> 'ESSENTIAL'`, [CLOSED_DAY, s.mainSite.id]);
    expect(onMain).toBe(0);

    // an active event is history: no delete, no second activation
    const deleted = await s.api.call('DELETE', `/api/continuity-events/${id}`, { token: s.tokens.HR });
    expect({ status: deleted.status, body: deleted.body }).toMatchObject({
      status: 409, body: { code: 'CONTINUITY_EVENT_NOT_DRAFT', status: 'ACTIVE', action: 'delete' },
    });
    const again = await s.api.call('POST', `/api/continuity-events/${id}/activate`, { token: s.tokens.HR });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CONTINUITY_EVENT_NOT_DRAFT' });

    // an edit of an active event replans its weeks before and after the edit
    const moved = await s.api.call('PATCH', `/api/continuity-events/${id}`, { token: s.tokens.HR, body: { to: '2026-12-08' } });
    expect(moved.status).toBe(202);
    expect(moved.body).toMatchObject({ created: true, event: { id, status: 'ACTIVE', to: '2026-12-08', lastRunId: moved.body.runId } });
    const [movedRun] = await s.db.query(
      `SELECT to_char(horizon_from, 'YYYY-MM-DD') AS "from", to_char(horizon_to, 'YYYY-MM-DD') AS "to" FROM allocation_runs WHERE id = $1`,
      [moved.body.runId]);
    expect(movedRun).toEqual({ from: TODAY, to: '2026-12-13' });
    expect((await waitForRun(s, moved.body.runId)).status).toBe('SUCCEEDED');

    const ended = await s.api.call('POST', `/api/continuity-events/${id}/end`, { token: s.tokens.HR });
    expect(ended.status).toBe(202);
    // it had not begun (it starts tomorrow): it keeps its dates, never applied from now on
    expect(ended.body).toMatchObject({ created: true, event: { id, status: 'ENDED', from: CLOSED_DAY, to: '2026-12-08' } });
    expect(ended.body.event.endedAt).toBeTruthy();
    expect((await waitForRun(s, ended.body.runId)).status).toBe('SUCCEEDED');
    const [{ continuity }] = await s.db.query(
      `SELECT count(*)::int AS continuity FROM assignments WHERE continuity_event_id = $1 OR mode = 'NO_WORKPLACE'`, [id]);
    expect(continuity).toBe(0);
    const endAgain = await s.api.call('POST', `/api/continuity-events/${id}/end`, { token: s.tokens.HR });
    expect(endAgain.body).toMatchObject({ code: 'CONTINUITY_EVENT_NOT_ACTIVE', status: 'ENDED', action: 'end' });
    const edit = await s.api.call('PATCH', `/api/continuity-events/${id}`, { token: s.tokens.HR, body: { label: 'x' } });
    expect({ status: edit.status, code: edit.body.code }).toEqual({ status: 409, code: 'CONTINUITY_EVENT_ENDED' });
    const actions = await s.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(actions.map((row: { action: string }) => row.action)).toEqual([
      'CONTINUITY_EVENT_CREATED', 'CONTINUITY_EVENT_UPDATED', 'CONTINUITY_EVENT_ACTIVATED', 'CONTINUITY_EVENT_UPDATED', 'CONTINUITY_EVENT_ENDED',
    ]);
  });

  it('refuses to activate an event that is over', async () => {
    const past = await s.api.call('POST', '/api/continuity-events', {
      token: s.tokens.HR, body: closure(s, { from: '2026-11-20', to: '2026-11-20' }),
    });
    expect(past.status).toBe(201);
    const activated = await s.api.call('POST', `/api/continuity-events/${past.body.id}/activate`, { token: s.tokens.HR });
    expect({ status: activated.status, body: activated.body }).toMatchObject({
      status: 409, body: { code: 'CONTINUITY_EVENT_OVER', to: '2026-11-20', today: TODAY },
    });
    expect((await s.api.call('DELETE', `/api/continuity-events/${past.body.id}`, { token: s.tokens.HR })).status).toBe(204);
  });
});

/**
 * The story of issue 9 on PostgreSQL and Redis, through the HTTP API and a real worker process
 * (dist/apps/worker, built beforehand like the other story): HR declares a closure of the main
 * site with extra VDI seats and the ESSENTIAL agents kept on site, previews it, activates it; the
 * worker replans the week; the schedules show nobody on site there but the must-stay agents,
 * pools within the event's caps, a reason for everyone without a workplace; HR ends it and the
 * normal plan is back.
 */
describe('the continuity story on PostgreSQL through a real worker', () => {
  const prefix = `continuity${randomBytes(4).toString('hex')}`;
  let s: Setting;
  let worker: ChildProcess;
  let workerOutput = '';

  beforeAll(async () => {
    s = await setUp('postgres', { REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: prefix });
    await publishEngineRotation(s.db, ROTATION_FROM, ROTATION_TO, { withRequests: true });
    worker = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', DATABASE_URL: (s.api.config.database as { url: string }).url,
        REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: prefix, RUN_MIGRATIONS: 'false', ALLOCATION_CATCH_UP: 'false', PLANNING_TODAY: TODAY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((ready, fail) => {
      const onData = (chunk: Buffer) => {
        workerOutput += chunk.toString();
        if (workerOutput.includes('Worker ready: consuming jobs')) ready();
      };
      worker.stdout?.on('data', onData);
      worker.stderr?.on('data', onData);
      worker.once('exit', (code) => fail(new Error(`worker exited (${code}):\n${workerOutput}`)));
    });
  });

  afterAll(async () => {
    worker?.kill('SIGTERM');
    await new Promise((done) => (!worker || worker.exitCode !== null ? done(null) : worker.once('exit', done)));
    await s?.api.close();
  });

  /** Every agent-half-day of the week as "agent date period → mode". */
  async function weekModes(): Promise<Map<string, string>> {
    const rows: { agent_id: string; date: string; period: string; mode: string }[] = await s.db.query(
      `SELECT agent_id, to_char(date, 'YYYY-MM-DD') AS date, period, mode FROM assignments WHERE date BETWEEN $1 AND $2`,
      [WEEK.from, WEEK.to],
    );
    return new Map(rows.map((row) => [`${row.agent_id} ${row.date} ${row.period}`, row.mode]));
  }

  /** Per pool and half-day of the closed day: remote agents (and STANDARD ones) and reserved seats. */
  async function poolUse(): Promise<{ pool_id: string; period: string; remote: number; standard: number; reserved: number }[]> {
    return s.db.query(
      `SELECT p.id AS pool_id, h.period,
              (SELECT count(*)::int FROM assignments a WHERE a.pool_id = p.id AND a.date = $1 AND a.period = h.period AND a.mode = 'REMOTE') AS remote,
              (SELECT count(*)::int FROM assignments a JOIN agents g ON g.id = a.agent_id
               WHERE a.pool_id = p.id AND a.date = $1 AND a.period = h.period AND a.mode = 'REMOTE' AND g.tier = 'STANDARD') AS standard,
              pool_reserved_seats(p.id, $1::date, h.period) AS reserved
       FROM capacity_pools p CROSS JOIN (VALUES ('AM'), ('PM')) AS h(period)`,
      [CLOSED_DAY],
    );
  }

  async function runThroughWorker(runId: string): Promise<AllocationRunDto> {
    const run = await waitForRun(s, runId);
    expect({ status: run.status, error: run.error, trigger: run.trigger }).toEqual({ status: 'SUCCEEDED', error: null, trigger: 'CONTINUITY' });
    expect(workerOutput).toContain(`job allocation.run ${runId} finished`);
    return run;
  }

  it('declares a closure, previews it, activates it, reads the schedules, ends it: the normal plan is back', async () => {
    const hr = s.tokens.HR;
    // the normal plan of the week from today, as the event's runs plan it (same horizon, same data): what ending must bring back
    const baselineRun = await createAllocationRun(s.db, 'MANUAL', WEEK.from, WEEK.to, null);
    await s.db.query(`UPDATE allocation_runs SET ignore_freeze = true WHERE id = $1`, [baselineRun.id]);
    expect((await runAllocation(s.db, baselineRun.id, allocationSettings(s.api.config), { today: TODAY })).status).toBe('SUCCEEDED');
    const baseline = await weekModes();
    const [{ onSiteBefore }] = await s.db.query(
      `SELECT count(*)::int AS "onSiteBefore" FROM assignments s JOIN agents a ON a.id = s.agent_id
       WHERE s.date = $1 AND s.mode = 'ON_SITE' AND a.site_id = $2 AND a.tier <> 'ESSENTIAL'`, [CLOSED_DAY, s.mainSite.id]);
    expect(onSiteBefore).toBeGreaterThan(0);

    // 1. HR declares the closure
    const created = await s.api.call('POST', '/api/continuity-events', { token: hr, body: closure(s) });
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    // 2. the preview, computed by the engine in the worker: nobody on site at the closed site but the must-stay agents, pools within caps
    const mustStay: { id: string; off_half_days: string[] }[] = await s.db.query(
      `SELECT id, off_half_days FROM agents WHERE site_id = $1 AND tier = 'ESSENTIAL'`, [s.mainSite.id]);
    const working = (period: string) => mustStay.filter((agent) => !agent.off_half_days.includes(`TUE_${period}`)).length;
    const preview = await s.api.call('GET', `/api/continuity-events/${id}/impact`, { token: hr });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ eventId: id, rotation: 'published', ...WEEK });
    expectConsistentImpact(preview.body);
    expect(preview.body.halfDays.map((h: { date: string; period: string }) => `${h.date} ${h.period}`)).toEqual([`${CLOSED_DAY} AM`, `${CLOSED_DAY} PM`]);
    for (const h of preview.body.halfDays) {
      const main = h.bySite.find((site: { siteId: string }) => site.siteId === s.mainSite.id);
      expect({ period: h.period, onSite: main.onSite, capacity: main.capacity }).toEqual({ period: h.period, onSite: working(h.period), capacity: 0 });
      expect(h.pools.find((pool: { poolId: string }) => pool.poolId === s.vdi.id).capacity).toBe(s.vdi.capacity + 10);
    }
    expect(preview.body.changedAgents).toBeGreaterThan(0);
    expect(workerOutput).not.toContain('continuityImpact failed');

    // 3. activation: 202 with the run, which the worker plans and writes
    const activated = await s.api.call('POST', `/api/continuity-events/${id}/activate`, { token: hr });
    expect(activated.status).toBe(202);
    expect(activated.body).toMatchObject({ created: true, event: { status: 'ACTIVE' } });
    const run = await runThroughWorker(activated.body.runId);
    expect(run.codedWarnings).toContainEqual({ code: 'RUN_FREEZE_OVERRIDDEN', from: TODAY, until: '2026-12-01' });

    // 4. the schedules: nobody on site at the closed site but the must-stay agents, as previewed
    const day = await s.api.call('GET', `/api/sites/${s.mainSite.id}/day?date=${CLOSED_DAY}`, { token: hr });
    expect(day.status).toBe(200);
    for (const period of ['AM', 'PM'] as const) {
      expect({ period, onSite: day.body[period].onSite }).toEqual({ period, onSite: working(period) });
    }
    // the preview's figures are what the run wrote
    const [{ without: withoutCount }] = await s.db.query(
      `SELECT count(*)::int AS without FROM assignments WHERE mode = 'NO_WORKPLACE' AND date = $1`, [CLOSED_DAY]);
    expect(withoutCount).toBe(preview.body.totals.noWorkplace);
    const onSite: { tier: string }[] = await s.db.query(
      `SELECT a.tier FROM assignments s JOIN agents a ON a.id = s.agent_id WHERE s.date = $1 AND s.mode = 'ON_SITE' AND a.site_id = $2`,
      [CLOSED_DAY, s.mainSite.id]);
    expect(onSite.every((row) => row.tier === 'ESSENTIAL')).toBe(true);

    // pools within the event's caps: VDI at its event capacity, VPN at its own; STANDARD agents outside the reserve
    const caps: { id: string; capacity: number; reserve: number }[] = await s.db.query(
      `SELECT id, pool_capacity_on(id, $1::date) AS capacity, reserve FROM capacity_pools`, [CLOSED_DAY]);
    for (const use of await poolUse()) {
      const pool = caps.find((c) => c.id === use.pool_id) as { capacity: number; reserve: number };
      const capacity = use.pool_id === s.vdi.id ? s.vdi.capacity + 10 : Number(pool.capacity);
      expect(use.remote + use.reserved).toBeLessThanOrEqual(capacity);
      expect(use.standard + use.reserved).toBeLessThanOrEqual(capacity - pool.reserve);
    }

    // every agent without a workplace has its reason, coded and in words, and the event
    const without: { agent_id: string; period: string; reason: NoWorkplaceWhy | string; reason_text: string; continuity_event_id: string; source: string }[] =
      await s.db.query(
        `SELECT agent_id, period, reason, reason_text, continuity_event_id, source FROM assignments WHERE mode = 'NO_WORKPLACE' ORDER BY agent_id, period`);
    expect(without.length).toBeGreaterThan(0);
    for (const row of without) {
      const why: NoWorkplaceWhy = typeof row.reason === 'string' ? JSON.parse(row.reason) : row.reason;
      expect(NO_WORKPLACE_CODES).toContain(why.code);
      expect({ text: row.reason_text, event: row.continuity_event_id, source: row.source })
        .toEqual({ text: recordText(why), event: id, source: 'CONTINUITY' });
    }
    // the agent sees it in its schedule, with the reason
    const schedule = await s.api.call('GET', `/api/agents/${without[0].agent_id}/schedule?from=${CLOSED_DAY}&to=${CLOSED_DAY}`, { token: hr });
    expect(schedule.status).toBe(200);
    const halfDay = schedule.body.halfDays.find((h: { period: string }) => h.period === without[0].period);
    expect(halfDay).toMatchObject({ mode: 'NO_WORKPLACE', continuityEventId: id, reason: without[0].reason_text });
    expect(NO_WORKPLACE_CODES).toContain(halfDay.why.code);
    expect(formatMessage(halfDay.why, 'fr')).toMatch(/^sans poste de travail le mardi 1 décembre 2026/);

    // 5. HR ends it: the worker replans the week without it, and the normal plan is back
    const ended = await s.api.call('POST', `/api/continuity-events/${id}/end`, { token: hr });
    expect(ended.status).toBe(202);
    expect(ended.body.event.status).toBe('ENDED');
    await runThroughWorker(ended.body.runId);
    const after = await weekModes();
    const differences = [...baseline].filter(([k, mode]) => after.get(k) !== mode).map(([k, mode]) => `${k}: ${mode} → ${after.get(k)}`);
    expect(differences).toEqual([]);
    expect(after.size).toBe(baseline.size);
    const [{ leftovers }] = await s.db.query(
      `SELECT count(*)::int AS leftovers FROM assignments WHERE mode = 'NO_WORKPLACE' OR continuity_event_id IS NOT NULL OR source = 'CONTINUITY'`);
    expect(leftovers).toBe(0);
  });
});
