import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(90_000);

/** Item 7 of the hardening issue: every request's work is bounded (PLANNING_TODAY=2026-11-30). */
describe.each(TEST_DATABASE_MODES)('bounded work on %s', (mode) => {
  let api: ApiHarness;
  let tokens: Record<'ADMIN' | 'HR' | 'MANAGER' | 'AGENT', string>;

  beforeAll(async () => {
    api = await startApi(mode, { REQUEST_HORIZON_DAYS: '60' });
    tokens = Object.fromEntries(
      await Promise.all(api.startup.demoLogins.map(async (login) => [login.role, await api.login(login.email)])),
    ) as typeof tokens;
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    [{ kind: 'REMOTE', date: '2027-02-01', period: 'AM' }, 'date'],
    [{ kind: 'REMOTE', from: '2027-01-25', to: '2027-02-02' }, 'to'],
    [{ kind: 'REMOTE', from: '2027-02-01', to: '2027-02-05' }, 'from'],
  ])('refuses a request beyond REQUEST_HORIZON_DAYS (60 days: up to 2027-01-29): %j', async (body, field) => {
    const response = await api.call('POST', '/api/requests', { token: tokens.AGENT, body });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_FIELDS');
    expect(response.body.errors).toContainEqual({
      field, code: 'DATE_TOO_FAR', days: 60, last: '2027-01-29', message: 'must be at most 60 days ahead (on or before 2027-01-29)',
    });
  });

  it('still refuses past half-days, and takes one within the horizon', async () => {
    const past = await api.call('POST', '/api/requests', { token: tokens.AGENT, body: { kind: 'REMOTE', date: '2026-11-27', period: 'AM' } });
    expect(past.status).toBe(400);
    expect(past.body.errors[0]).toEqual({ field: 'date', code: 'DATE_IN_PAST', today: '2026-11-30', message: 'must not be in the past (today is 2026-11-30)' });
    const inside = await api.call('POST', '/api/requests', { token: tokens.AGENT, body: { kind: 'REMOTE', from: '2027-01-25', to: '2027-01-29' } });
    expect(inside.status).toBe(201);
  });

  it('refuses to approve a past half-day (409 with the date); refusing it stays possible', async () => {
    const me = await api.call('GET', '/api/auth/me', { token: tokens.AGENT });
    const dataSource = api.app.get(DataSource);
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO telework_requests (agent_id, date, period, kind) VALUES ($1, '2026-11-26', 'PM', 'REMOTE'), ($1, '2026-11-27', 'AM', 'REMOTE') RETURNING id`,
      [me.body.agentId],
    );
    const approve = await api.call('POST', `/api/requests/${rows[0].id}/approve`, { token: tokens.HR, body: {} });
    expect(approve.status).toBe(409);
    expect(approve.body).toEqual({
      statusCode: 409, code: 'HALF_DAY_PASSED', date: '2026-11-26', period: 'PM', today: '2026-11-30',
      message: 'the half-day 2026-11-26 PM has passed (today is 2026-11-30)',
    });
    const bulk = await api.call('POST', '/api/requests/approve', { token: tokens.HR, body: { ids: [rows[1].id] } });
    expect(bulk.body.results).toEqual([expect.objectContaining({
      id: rows[1].id, ok: false, statusCode: 409, error: 'the half-day 2026-11-27 AM has passed (today is 2026-11-30)',
      problem: expect.objectContaining({ code: 'HALF_DAY_PASSED', date: '2026-11-27', period: 'AM', today: '2026-11-30' }),
    })]);
    const [status] = await dataSource.query(`SELECT status FROM telework_requests WHERE id = $1`, [rows[0].id]);
    expect(status.status).toBe('PENDING');
    const refuse = await api.call('POST', `/api/requests/${rows[0].id}/refuse`, { token: tokens.HR, body: { comment: 'passé' } });
    expect(refuse.status).toBe(200);
  });

  it.each([
    ['GET', '/api/capacity?from=2026-12-01&to=2027-03-05', undefined, 'to'],
    ['GET', '/api/snapshots?from=2026-12-01&to=2027-03-05', undefined, 'to'],
    ['GET', '/api/capacity/licences?pool=VDI&from=2026-12-01&to=2027-03-05', undefined, 'to'],
    ['POST', '/api/what-if', { from: '2026-12-01', to: '2027-03-05' }, 'to'],
    ['POST', '/api/what-if', { snapshot: { version: 1, horizon: { from: '2026-12-01', to: '2027-03-05' } } }, 'snapshot.horizon.to'],
  ])('%s %s beyond the 92-day maximum: 400 naming it', async (method, path, body, field) => {
    const response = await api.call(method, path, { token: tokens.HR, body });
    expect(response.status).toBe(400);
    // the code of each area's range check is its own; the English words name the maximum
    expect(response.body.errors).toEqual([expect.objectContaining({ field, message: expect.stringContaining('at most 92') })]);
  });
});
