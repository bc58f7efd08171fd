import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { AllocationDispatcher } from '../allocation/allocation.dispatcher';

jest.setTimeout(120_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';

describe.each(TEST_DATABASE_MODES)('rotation calendars and allocation runs on %s', (mode) => {
  let api: ApiHarness;
  let hr: string;
  let agent: string;
  let manager: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi(mode);
    const logins = Object.fromEntries(api.startup.demoLogins.map((login) => [login.role, login.email]));
    hr = await api.login(logins['HR']);
    agent = await api.login(logins['AGENT']);
    manager = await api.login(logins['MANAGER']);
    db = api.app.get(DataSource);
  });

  afterAll(async () => api?.close());

  /** REMOTE agents per pool × half-day never exceed capacity − reserved seats. */
  async function capsExceeded(): Promise<unknown[]> {
    return db.query(`
      SELECT s.date, s.period, p.code, count(*)::int AS remote,
             coalesce((SELECT c.capacity FROM capacity_changes c WHERE c.pool_id = p.id AND c.effective_from <= s.date
                       ORDER BY c.effective_from DESC LIMIT 1), p.capacity) AS capacity,
             coalesce((SELECT sum(r.seats) FROM reservations r WHERE r.pool_id = p.id AND r.date = s.date AND r.period = s.period), 0)::int AS reserved
      FROM assignments s JOIN capacity_pools p ON p.id = s.pool_id
      WHERE s.mode = 'REMOTE'
      GROUP BY s.date, s.period, p.id, p.code, p.capacity
      HAVING count(*) + coalesce((SELECT sum(r.seats) FROM reservations r WHERE r.pool_id = p.id AND r.date = s.date AND r.period = s.period), 0)
             > coalesce((SELECT c.capacity FROM capacity_changes c WHERE c.pool_id = p.id AND c.effective_from <= s.date
                         ORDER BY c.effective_from DESC LIMIT 1), p.capacity)`);
  }

  async function waitForRun(id: string): Promise<any> {
    await api.app.get(AllocationDispatcher).idle();
    for (let i = 0; i < 200; i++) {
      const run = await api.call('GET', `/api/allocation-runs/${id}`, { token: hr });
      if (run.body.status === 'SUCCEEDED' || run.body.status === 'FAILED') return run.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`run ${id} did not finish`);
  }

  it('forms groups with the engine, within the maximum size, and audits it', async () => {
    const formed = await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true } });
    expect(formed.status).toBe(200);
    expect(formed.body.groupsCreated).toBeGreaterThan(0);
    const [{ ungrouped }] = await db.query(`SELECT count(*)::int AS ungrouped FROM agents WHERE eligible AND group_id IS NULL`);
    expect(ungrouped).toBe(0);
    for (const group of formed.body.groups) expect(group.memberCount).toBeLessThanOrEqual(group.maxSize);
    expect(formed.body.groups.reduce((sum: number, g: { memberCount: number }) => sum + g.memberCount, 0)).toBe(formed.body.agentsGrouped);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'groups.auto_formed'`);
    expect(count).toBe(1);
    expect((await api.call('POST', '/api/groups/auto-form', { token: agent, body: {} })).status).toBe(403);
  });

  let calendarId: string;

  it('generates a draft rotation whose half-days stay within every cap', async () => {
    const draft = await api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } });
    expect(draft.status).toBe(201);
    calendarId = draft.body.id;
    expect(draft.body.status).toBe('DRAFT');
    expect(draft.body.halfDays).toHaveLength(20);
    expect(draft.body.cells.length).toBeGreaterThan(0);
    for (const day of draft.body.use) {
      for (const pool of day.pools) expect(pool.remote + pool.reserved).toBeLessThanOrEqual(pool.capacity);
    }
    const listed = await api.call('GET', '/api/rotations', { token: manager });
    expect(listed.body.map((c: { id: string }) => c.id)).toContain(calendarId);
    expect((await api.call('POST', '/api/rotations', { token: agent, body: { from: FROM, to: TO } })).status).toBe(403);
    const bad = await api.call('POST', '/api/rotations', { token: hr, body: { from: TO, to: FROM } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('to');
  });

  it('refuses a cell change that would break a cap, with the figures, and accepts a valid one', async () => {
    const draft = (await api.call('GET', `/api/rotations/${calendarId}`, { token: hr })).body;
    const halfDay = draft.halfDays[0];
    const everyone = draft.groups.map((group: { id: string }) => ({ groupId: group.id, date: halfDay.slice(0, 10), period: halfDay.slice(10), remote: true }));
    const refused = await api.call('PATCH', `/api/rotations/${calendarId}/cells`, { token: hr, body: { changes: everyone } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/\d/);
    const unchanged = (await api.call('GET', `/api/rotations/${calendarId}`, { token: hr })).body;
    expect(unchanged.cells).toEqual(draft.cells);

    const cell = draft.cells[0];
    const removed = await api.call('PATCH', `/api/rotations/${calendarId}/cells`, {
      token: hr, body: { changes: [{ ...cell, remote: false }] },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.cells).toHaveLength(draft.cells.length - 1);
    const restored = await api.call('PATCH', `/api/rotations/${calendarId}/cells`, { token: hr, body: { changes: [{ ...cell, remote: true }] } });
    expect(restored.body.cells).toEqual(draft.cells);

    const outside = await api.call('PATCH', `/api/rotations/${calendarId}/cells`, {
      token: hr, body: { changes: [{ ...cell, date: '2027-06-01', remote: true }] },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].field).toBe('changes[0].date');
  });

  it('publishes in one transaction: assignments for every agent and half-day, within the caps', async () => {
    const published = await api.call('POST', `/api/rotations/${calendarId}/publish`, { token: hr });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('PUBLISHED');
    const [{ agents }] = await db.query(`SELECT count(*)::int AS agents FROM agents`);
    const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM assignments WHERE date BETWEEN $1 AND $2`, [FROM, TO]);
    expect(rows).toBe(agents * 20);
    expect(await capsExceeded()).toEqual([]);
    // rotation cells and assignments agree: a member works remote exactly on its group's half-days (no request granted yet)
    const [{ disagreements }] = await db.query(`
      SELECT count(*)::int AS disagreements FROM assignments s JOIN agents a ON a.id = s.agent_id
      LEFT JOIN rotation_cells c ON c.calendar_id = $1 AND c.group_id = a.group_id AND c.date = s.date AND c.period = s.period
      WHERE a.eligible AND s.mode <> 'OFF' AND s.source = 'ROTATION' AND ((c.group_id IS NULL) <> (s.mode = 'ON_SITE'))`, [calendarId]);
    expect(disagreements).toBe(0);
    const again = await api.call('POST', `/api/rotations/${calendarId}/publish`, { token: hr });
    expect(again.status).toBe(409);
    expect((await api.call('PATCH', `/api/rotations/${calendarId}/cells`, { token: hr, body: { changes: [{ ...published.body.cells[0], remote: false }] } })).status).toBe(409);
  });

  it('runs an allocation now: 202 with the run id, progress to 100, a new plan version, requests decided with reasons', async () => {
    const [{ version: before }] = await db.query(`SELECT max(version)::int AS version FROM plan_versions`);
    const triggered = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } });
    expect(triggered.status).toBe(202);
    const run = await waitForRun(triggered.body.id);
    expect({ ...run, error: run.error }).toMatchObject({ status: 'SUCCEEDED', progress: 100, trigger: 'MANUAL', error: null });
    expect(run.planVersion).toBeGreaterThan(before);
    expect(run.metrics).toHaveProperty('requestsGranted');
    expect(await capsExceeded()).toEqual([]);
    const refused = await db.query(`SELECT allocation_reason FROM telework_requests WHERE allocation_status = 'REFUSED'`);
    for (const row of refused) expect(row.allocation_reason).toMatch(/\S/);
    const [{ decided }] = await db.query(
      `SELECT count(*)::int AS decided FROM telework_requests WHERE status = 'APPROVED' AND date BETWEEN $1 AND $2 AND allocation_status IS NULL`,
      [FROM, TO],
    );
    expect(decided).toBe(0);

    const history = await api.call('GET', '/api/allocation-runs', { token: hr });
    expect(history.body.items[0].id).toBe(run.id);
    const snapshot = await api.call('GET', `/api/allocation-runs/${run.id}/snapshot`, { token: hr });
    expect(snapshot.body).toMatchObject({ version: 1 });
    expect(snapshot.body.rotation.length).toBeGreaterThan(0);
    expect((await api.call('GET', `/api/allocation-runs/${run.id}`, { token: agent })).status).toBe(403);
    expect((await api.call('POST', '/api/allocation-runs', { token: manager, body: { from: FROM, to: TO } })).status).toBe(403);
  });

  it('never runs the same horizon twice at once, and a run of unchanged inputs changes nothing', async () => {
    const [first, second] = await Promise.all([
      api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } }),
      api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } }),
    ]);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const one = await waitForRun(first.body.id);
    const two = await waitForRun(second.body.id);
    // either the second trigger joined the live run, or it came after the first had finished
    if (one.id !== two.id) {
      const [earlier, later] = [one, two].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
      expect(Date.parse(later.startedAt)).toBeGreaterThanOrEqual(Date.parse(earlier.finishedAt));
    }
    const run = two;
    expect(run.status).toBe('SUCCEEDED');
    expect(run.changedAgents).toBe(0);
  });

  it('fails a run clearly when no published rotation covers the horizon, leaving the plan intact', async () => {
    const [{ version }] = await db.query(`SELECT max(version)::int AS version FROM plan_versions`);
    const triggered = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: '2027-03-01', to: '2027-03-14' } });
    const run = await waitForRun(triggered.body.id);
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/no published rotation calendar covers/);
    const [{ version: after }] = await db.query(`SELECT max(version)::int AS version FROM plan_versions`);
    expect(after).toBe(version);
  });
});
