import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { formatMessage, isRefusal, recordText, Refusal } from '@telework/contracts';
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

  /** REMOTE agents per pool × half-day never exceed capacity − reserved seats (the database's rules of both). */
  async function capsExceeded(): Promise<unknown[]> {
    return db.query(`
      SELECT s.date, s.period, p.code, count(*)::int AS remote,
             pool_capacity_on(p.id, s.date) AS capacity, pool_reserved_seats(p.id, s.date, s.period) AS reserved
      FROM assignments s JOIN capacity_pools p ON p.id = s.pool_id
      WHERE s.mode = 'REMOTE'
      GROUP BY s.date, s.period, p.id, p.code
      HAVING count(*) + pool_reserved_seats(p.id, s.date, s.period) > pool_capacity_on(p.id, s.date)`);
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
    // the engine's warnings are kept coded, their English record beside them, and answered both ways
    expect(Array.isArray(draft.body.codedWarnings)).toBe(true);
    expect(draft.body.warnings).toEqual(draft.body.codedWarnings.map(recordText));
    const [stored] = await db.query(`SELECT warnings, coded_warnings FROM rotation_calendars WHERE id = $1`, [calendarId]);
    expect(stored).toEqual({ warnings: draft.body.warnings, coded_warnings: draft.body.codedWarnings });
    const listed = await api.call('GET', '/api/rotations', { token: manager });
    expect(listed.body.map((c: { id: string }) => c.id)).toContain(calendarId);
    expect((await api.call('POST', '/api/rotations', { token: agent, body: { from: FROM, to: TO } })).status).toBe(403);
    const bad = await api.call('POST', '/api/rotations', { token: hr, body: { from: TO, to: FROM } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_FIELDS', errors: [{ field: 'to', code: 'RANGE_END_BEFORE_START', from: TO }] });
    const long = await api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: '2027-06-08' } });
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'RANGE_TOO_LONG', max: 183, days: 184 })]);
    const unknown = await api.call('GET', '/api/rotations/00000000-0000-4000-8000-000000000000', { token: hr });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'ROTATION_CALENDAR_NOT_FOUND', id: '00000000-0000-4000-8000-000000000000' });
  });

  it('refuses a cell change that would break a cap, with the figures, and accepts a valid one', async () => {
    const draft = (await api.call('GET', `/api/rotations/${calendarId}`, { token: hr })).body;
    const halfDay = draft.halfDays[0];
    const everyone = draft.groups.map((group: { id: string }) => ({ groupId: group.id, date: halfDay.slice(0, 10), period: halfDay.slice(10), remote: true }));
    const refused = await api.call('PATCH', `/api/rotations/${calendarId}/cells`, { token: hr, body: { changes: everyone } });
    expect(refused.status).toBe(400);
    // a refusal of its own, then one coded entry per rule the rotation breaks, with the engine's figures
    expect(refused.body).toMatchObject({ statusCode: 400, code: 'ROTATION_BREAKS_RULES', count: expect.any(Number) });
    expect(refused.body.count).toBeGreaterThan(0);
    expect(refused.body.errors).toHaveLength(Math.min(refused.body.count, 50));
    for (const error of refused.body.errors) {
      expect(error.field).toBe('changes');
      expect(['ROTATION_POOL_OVER_CAPACITY', 'ROTATION_STANDARD_SHARE_OVER', 'ROTATION_WEEKLY_MAX_OVER']).toContain(error.code);
      expect(error.message).toBe(recordText(error));
    }
    expect(formatMessage(refused.body, 'fr')).toBe(
      `la rotation enfreint ${refused.body.count} règle${refused.body.count === 1 ? '' : 's'} impérative${refused.body.count === 1 ? '' : 's'}`,
    );
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
    expect(outside.body.errors).toEqual([{
      field: 'changes[0].date', code: 'NOT_WORKING', why: 'OUTSIDE_HORIZON', date: '2027-06-01', period: cell.period,
      horizonFrom: FROM, horizonTo: TO, message: `not a working half-day: 2027-06-01 is outside the horizon ${FROM} to ${TO}`,
    }]);
    const weekendAndStranger = await api.call('PATCH', `/api/rotations/${calendarId}/cells`, {
      token: hr, body: { changes: [{ ...cell, date: '2026-12-12', remote: true }, { ...cell, groupId: '00000000-0000-4000-8000-000000000000', remote: true }] },
    });
    expect(weekendAndStranger.status).toBe(400);
    expect(weekendAndStranger.body.errors).toEqual([
      expect.objectContaining({ field: 'changes[0].date', code: 'NOT_WORKING', why: 'WEEKEND', date: '2026-12-12' }),
      expect.objectContaining({ field: 'changes[1].groupId', code: 'UNKNOWN_REFERENCE' }),
    ]);
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
    expect(again.body).toEqual({
      statusCode: 409, code: 'ROTATION_NOT_DRAFT', status: 'PUBLISHED', action: 'publish',
      message: 'only a draft can be published; this calendar is PUBLISHED',
    });
    expect(formatMessage(again.body, 'fr')).toBe('seul un brouillon peut être publié ; ce calendrier est à l’état « publié »');
    const edit = await api.call('PATCH', `/api/rotations/${calendarId}/cells`, { token: hr, body: { changes: [{ ...published.body.cells[0], remote: false }] } });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'ROTATION_NOT_DRAFT', status: 'PUBLISHED', action: 'edit' });
  });

  it('runs an allocation now: 202 with the run id, progress to 100, a new plan version, requests decided with reasons', async () => {
    const [{ version: before }] = await db.query(`SELECT max(version)::int AS version FROM plan_versions`);
    const triggered = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } });
    expect(triggered.status).toBe(202);
    const run = await waitForRun(triggered.body.id);
    expect({ ...run, error: run.error }).toMatchObject({ status: 'SUCCEEDED', progress: 100, trigger: 'MANUAL', error: null, errorCode: null });
    expect(run.warnings).toEqual(run.codedWarnings.map(recordText));
    expect(run.planVersion).toBeGreaterThan(before);
    expect(run.metrics).toHaveProperty('requestsGranted');
    expect(await capsExceeded()).toEqual([]);
    // each refusal is kept as data, its English record beside it
    const refused: { allocation_reason: string; allocation_refusal: Refusal }[] = await db.query(
      `SELECT allocation_reason, allocation_refusal FROM telework_requests WHERE allocation_status = 'REFUSED'`,
    );
    for (const row of refused) {
      expect(isRefusal(row.allocation_refusal)).toBe(true);
      expect(row.allocation_reason).toBe(recordText(row.allocation_refusal));
    }
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
    // kept compressed: the served snapshot is the very text the run hashed; a run recorded before (jsonb) is served too
    const [stored] = await db.query(
      `SELECT input_hash, input_snapshot IS NULL AS no_jsonb, length(input_snapshot_gz) AS gz_bytes FROM allocation_runs WHERE id = $1`, [run.id]);
    expect(stored.no_jsonb).toBe(true);
    expect(Number(stored.gz_bytes)).toBeLessThan(JSON.stringify(snapshot.body).length / 2);
    expect(createHash('sha256').update(JSON.stringify(snapshot.body)).digest('hex')).toBe(stored.input_hash);
    await db.query(`UPDATE allocation_runs SET input_snapshot = $2, input_snapshot_gz = NULL WHERE id = $1`, [run.id, JSON.stringify({ version: 1, recordedAs: 'jsonb' })]);
    expect((await api.call('GET', `/api/allocation-runs/${run.id}/snapshot`, { token: hr })).body).toEqual({ version: 1, recordedAs: 'jsonb' });
    expect((await api.call('GET', `/api/allocation-runs/${run.id}`, { token: agent })).status).toBe(403);
    const unknown = await api.call('GET', '/api/allocation-runs/00000000-0000-4000-8000-000000000000/snapshot', { token: hr });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'ALLOCATION_RUN_NOT_FOUND', message: 'allocation run not found' });
    const reversed = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: TO, to: FROM } });
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'RANGE_END_BEFORE_START', from: TO })]);
    const long = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: '2027-06-08' } });
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'RANGE_TOO_LONG', max: 183, days: 184 })]);
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
    // the run's failure is kept coded, and as its English record for logs
    expect(run.errorCode).toEqual({ code: 'RUN_NO_PUBLISHED_ROTATION', from: '2027-03-01', to: '2027-03-14' });
    expect(run.error).toBe('no published rotation calendar covers 2027-03-01 → 2027-03-14: publish one first');
    expect(formatMessage(run.errorCode, 'fr')).toBe(
      'aucun calendrier de rotation publié ne couvre la période du lundi 1 mars 2027 au dimanche 14 mars 2027 : publiez-en un d’abord',
    );
    const [stored] = await db.query(`SELECT error, error_code FROM allocation_runs WHERE id = $1`, [run.id]);
    expect(stored).toEqual({ error: run.error, error_code: run.errorCode });
    const [{ version: after }] = await db.query(`SELECT max(version)::int AS version FROM plan_versions`);
    expect(after).toBe(version);
  });
  it('keeps the run\'s own warnings coded (frozen half-days, partial coverage) beside their English, and a horizon all frozen as a coded error', async () => {
    // today is 2026-11-30 with two working days frozen: half-days before 2026-12-02 keep their assignments
    const partial = await waitForRun((await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: '2026-12-01', to: TO } })).body.id);
    expect(partial.status).toBe('SUCCEEDED');
    expect(partial.codedWarnings.slice(0, 2)).toEqual([
      { code: 'RUN_FROZEN_HALF_DAYS', from: '2026-12-02' },
      { code: 'RUN_PARTIAL_COVERAGE', from: FROM, to: TO },
    ]);
    expect(partial.warnings.slice(0, 2)).toEqual([
      'half-days before 2026-12-02 are frozen and keep their published assignments',
      `the published rotation covers only ${FROM} → ${TO}; the run plans that span`,
    ]);
    expect(partial.warnings).toEqual(partial.codedWarnings.map(recordText));
    expect(formatMessage(partial.codedWarnings[0], 'fr'))
      .toBe('les demi-journées avant le mercredi 2 décembre 2026 sont figées : elles gardent leurs affectations publiées');
    const [stored] = await db.query(`SELECT warnings, coded_warnings FROM allocation_runs WHERE id = $1`, [partial.id]);
    expect(stored).toEqual({ warnings: partial.warnings, coded_warnings: partial.codedWarnings });

    const frozen = await waitForRun((await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: '2026-11-30', to: '2026-12-01' } })).body.id);
    expect(frozen).toMatchObject({
      status: 'FAILED', codedWarnings: [], warnings: [],
      errorCode: { code: 'RUN_HORIZON_FROZEN', from: '2026-11-30', to: '2026-12-01', until: '2026-12-01' },
      error: 'nothing to plan: the horizon 2026-11-30 → 2026-12-01 lies inside the freeze window (until 2026-12-01)',
    });
  });
});
