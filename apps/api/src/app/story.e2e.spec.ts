import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { isRefusal, recordText } from '@telework/contracts';
import { ApiHarness, startApi } from '../testing/api-harness';

jest.setTimeout(240_000);

const WORKER_MAIN = resolve(__dirname, '../../../../dist/apps/worker/main.js');
const FROM = '2026-12-07';
const TO = '2026-12-18';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The whole story on the real PostgreSQL and Redis, through the HTTP API and a real worker
 * process: HR imports agents, forms groups, generates and publishes a rotation; agents ask;
 * managers approve; a run through BullMQ grants and refuses with reasons; agents read their
 * schedule and their iCal feed; no cap is exceeded anywhere.
 */
describe('the whole story, API + BullMQ worker', () => {
  const prefix = `story${randomBytes(4).toString('hex')}`;
  let api: ApiHarness;
  let db: DataSource;
  let worker: ChildProcess;
  let workerOutput = '';
  let hr: string;

  beforeAll(async () => {
    api = await startApi('postgres', { REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: prefix });
    db = api.app.get(DataSource);
    worker = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', DATABASE_URL: (api.config.database as { url: string }).url,
        REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: prefix, RUN_MIGRATIONS: 'false',
        ALLOCATION_CATCH_UP: 'false', PLANNING_TODAY: api.config.planningToday ?? '',
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
    const emails = Object.fromEntries(api.startup.demoLogins.map((login) => [login.role, login.email]));
    hr = await api.login(emails['HR']);
  });

  afterAll(async () => {
    worker?.kill('SIGTERM');
    await new Promise((done) => (worker?.exitCode !== null ? done(null) : worker.once('exit', done)));
    await api?.close();
  });

  async function capsExceeded(): Promise<unknown[]> {
    return db.query(`
      WITH use AS (
        SELECT s.pool_id, s.date, s.period, count(*)::int AS remote,
               count(*) FILTER (WHERE a.tier = 'STANDARD')::int AS standard
        FROM assignments s JOIN agents a ON a.id = s.agent_id WHERE s.mode = 'REMOTE'
        GROUP BY s.pool_id, s.date, s.period)
      SELECT u.*, p.capacity, p.reserve FROM use u JOIN capacity_pools p ON p.id = u.pool_id
      WHERE u.remote + coalesce((SELECT sum(seats) FROM reservations r WHERE r.pool_id = u.pool_id AND r.date = u.date AND r.period = u.period), 0) > p.capacity
         OR u.standard + coalesce((SELECT sum(seats) FROM reservations r WHERE r.pool_id = u.pool_id AND r.date = u.date AND r.period = u.period), 0) > p.capacity - p.reserve`);
  }

  it('runs from the CSV import to the agents’ calendars', async () => {
    // 1. HR imports new agents from the HR system's CSV export
    const [site] = await db.query(`SELECT code FROM sites ORDER BY code LIMIT 1`);
    const managerRow = (await db.query(
      `SELECT a.employee_number, o.code AS unit FROM org_units o JOIN agents a ON a.id = o.manager_agent_id
       WHERE o.parent_id IS NOT NULL ORDER BY o.code LIMIT 1`,
    ))[0];
    const lines = ['employee_number;first_name;last_name;email;site_code;org_unit_code;manager_employee_number;eligible;access_pool;tier'];
    for (let i = 1; i <= 6; i++) {
      lines.push(`S90000${i};Camille;Histoire${i};camille.histoire${i}@example.fr;${site.code};${managerRow.unit};${managerRow.employee_number};oui;VDI;STANDARD`);
    }
    const imported = await fetch(`${api.baseUrl}/api/imports/agents`, {
      method: 'POST', headers: { authorization: `Bearer ${hr}`, 'content-type': 'text/csv' }, body: lines.join('\n'),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ created: 6, updated: 0, errors: [] });

    // 2. groups formed by the engine, 3. a rotation generated and published
    const formed = await api.call('POST', '/api/groups/auto-form', { token: hr, body: { regroupAll: true } });
    expect(formed.status).toBe(200);
    const draft = await api.call('POST', '/api/rotations', { token: hr, body: { from: FROM, to: TO } });
    expect(draft.status).toBe(201);
    expect((await api.call('POST', `/api/rotations/${draft.body.id}/publish`, { token: hr })).status).toBe(200);
    expect(await capsExceeded()).toEqual([]);

    // 4. agents ask for extra remote half-days (the imported ones have no account: use demo agents of the team)
    const team: { email: string; agent_id: string }[] = await db.query(
      `SELECT u.email, u.agent_id FROM users u JOIN agents a ON a.id = u.agent_id
       WHERE u.role = 'AGENT' AND a.eligible AND a.manager_id = (SELECT id FROM agents WHERE employee_number = $1)
       ORDER BY u.email LIMIT 4`,
      [managerRow.employee_number],
    );
    expect(team.length).toBeGreaterThan(0);
    const requestIds: string[] = [];
    for (const member of team) {
      const token = await api.login(member.email);
      const onSite: { date: string; period: string }[] = await db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, period FROM assignments
         WHERE agent_id = $1 AND mode = 'ON_SITE' AND date BETWEEN '2026-12-14' AND $2 ORDER BY date, period LIMIT 2`,
        [member.agent_id, TO],
      );
      for (const halfDay of onSite) {
        const created = await api.call('POST', '/api/requests', { token, body: { kind: 'REMOTE', ...halfDay } });
        expect(created.status).toBe(201);
        requestIds.push(...created.body.items.map((item: { id: string }) => item.id));
      }
    }
    expect(requestIds.length).toBeGreaterThan(0);

    // 5. the manager approves them all
    const managerEmail = (await db.query(
      `SELECT u.email FROM users u JOIN agents a ON a.id = u.agent_id WHERE a.employee_number = $1`, [managerRow.employee_number],
    ))[0].email;
    const manager = await api.login(managerEmail);
    const decided = await api.call('POST', '/api/requests/approve', { token: manager, body: { ids: requestIds } });
    expect(decided.status).toBe(200);
    expect(decided.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);

    // 6. a run through BullMQ: the real worker process plans and writes
    const triggered = await api.call('POST', '/api/allocation-runs', { token: hr, body: { from: FROM, to: TO } });
    expect(triggered.status).toBe(202);
    let run: any;
    for (let i = 0; i < 600; i++) {
      run = (await api.call('GET', `/api/allocation-runs/${triggered.body.id}`, { token: hr })).body;
      if (run.status === 'SUCCEEDED' || run.status === 'FAILED') break;
      await sleep(100);
    }
    expect({ status: run.status, error: run.error }).toEqual({ status: 'SUCCEEDED', error: null });
    // the worker logs the job's end after the run's commit that the API reports: its line may come a moment later
    const finishedLine = `job allocation.run ${triggered.body.id} finished`;
    for (let i = 0; i < 100 && !workerOutput.includes(finishedLine); i++) await sleep(100);
    expect(workerOutput).toContain(finishedLine);
    const outcomes: { allocation_status: string; allocation_reason: string | null; allocation_refusal: unknown }[] = await db.query(
      `SELECT allocation_status, allocation_reason, allocation_refusal FROM telework_requests WHERE status = 'APPROVED' AND date BETWEEN $1 AND $2`,
      [FROM, TO],
    );
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) {
      expect(['GRANTED', 'REFUSED']).toContain(outcome.allocation_status);
      if (outcome.allocation_status !== 'REFUSED') continue;
      // the run's refusal is stored as data, its English record beside it
      const refusal = typeof outcome.allocation_refusal === 'string' ? JSON.parse(outcome.allocation_refusal) : outcome.allocation_refusal;
      expect(isRefusal(refusal)).toBe(true);
      expect(outcome.allocation_reason).toBe(recordText(refusal));
    }
    expect(await capsExceeded()).toEqual([]);

    // 7. agents read their schedule and their iCal feed
    const member = team[0];
    const token = await api.login(member.email);
    const schedule = await api.call('GET', `/api/me/schedule?from=${FROM}&to=${TO}`, { token });
    expect(schedule.status).toBe(200);
    const remote = schedule.body.halfDays.filter((h: { mode: string }) => h.mode === 'REMOTE');
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM assignments WHERE agent_id = $1 AND mode = 'REMOTE' AND date BETWEEN $2 AND $3`,
      [member.agent_id, FROM, TO],
    );
    expect(remote.length).toBe(count);
    const link = await api.call('GET', '/api/me/calendar-link', { token });
    const feed = await fetch(link.body.url.replace(api.config.publicUrl, api.baseUrl));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/text\/calendar/);
    const ics = await feed.text();
    expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBeGreaterThanOrEqual(remote.length);
  });
});
