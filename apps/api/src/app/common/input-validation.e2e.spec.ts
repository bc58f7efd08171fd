import type { ArgumentsHost } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { isKnownMessageCode } from '@telework/contracts';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { DatabaseErrorsFilter } from './database-errors.filter';

jest.setTimeout(90_000);

/** Item 5 of the hardening issue: bad input is a 400 naming the field, never a 5xx. */
describe.each(TEST_DATABASE_MODES)('input validation on %s', (mode) => {
  let api: ApiHarness;
  let hr: string;
  let agentId: string;

  beforeAll(async () => {
    api = await startApi(mode);
    const login = api.startup.demoLogins.find((l) => l.role === 'HR');
    hr = await api.login(login?.email as string);
    const agents = await api.call('GET', '/api/agents?pageSize=1', { token: hr });
    agentId = agents.body.items[0].id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const fields = (response: { body: { errors?: { field: string }[] } }) => (response.body.errors ?? []).map((e) => e.field);

  it.each(['employeeNumber', 'firstName', 'lastName', 'email', 'siteId', 'orgUnitId', 'role', 'eligible', 'tier', 'weeklyMin', 'weeklyMax', 'offHalfDays'])(
    'PATCH /api/agents/:id with null in %s: 400 naming it (NOT_NULL), the agent unchanged',
    async (field) => {
      const before = await api.call('GET', `/api/agents/${agentId}`, { token: hr });
      const response = await api.call('PATCH', `/api/agents/${agentId}`, { token: hr, body: { [field]: null } });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field, code: 'NOT_NULL', message: 'must not be null: leave the field out' }]);
      expect((await api.call('GET', `/api/agents/${agentId}`, { token: hr })).body).toEqual(before.body);
    },
  );

  it('PATCH /api/agents/:id still takes null where the field is nullable (no manager)', async () => {
    const response = await api.call('PATCH', `/api/agents/${agentId}`, { token: hr, body: { managerId: null } });
    expect(response.status).toBe(200);
    expect(response.body.managerId).toBeNull();
  });

  it.each([
    // a required field sent as null is missing (REQUIRED); one that may only be left out is NOT_NULL
    ['POST', '/api/sites', { code: 'S99', name: 'Nouveau site', capacity: null }, 'capacity', 'REQUIRED'],
    ['POST', '/api/requests/approve', { ids: ['00000000-0000-0000-0000-000000000000'], comment: null }, 'comment', 'NOT_NULL'],
    ['POST', '/api/accounts/invitations', { agentIds: null }, 'agentIds', 'NOT_NULL'],
    ['POST', '/api/me/notices/read', { ids: null }, 'ids', 'NOT_NULL'],
    ['POST', '/api/groups/auto-form', { regroupAll: null }, 'regroupAll', 'NOT_NULL'],
  ])('%s %s with null where the field may not be null: 400 naming it', async (method, path, body, field, code) => {
    const response = await api.call(method, path, { token: hr, body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, code })]);
  });

  it.each([
    ['/api/rotations', '2026-02-30', '2026-03-15', 'from'],
    ['/api/rotations', '0000-01-01', '2026-03-15', 'from'],
    ['/api/rotations', '2026-12-07', '2027-02-29', 'to'],
    ['/api/allocation-runs', '2026-02-30', '2026-03-15', 'from'],
    ['/api/allocation-runs', '0000-01-01', '2026-03-15', 'from'],
    ['/api/allocation-runs', '2026-12-07', '2026-12-32', 'to'],
  ])('POST %s with an impossible date (%s … %s): 400 naming %s', async (path, from, to, field) => {
    const response = await api.call('POST', path, { token: hr, body: { from, to } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field, code: 'NOT_A_DATE', min: '1900-01-01', max: '2999-12-31' }));
  });

  it.each([
    '/api/capacity?from=0000-01-01&to=2026-12-10',
    '/api/snapshots?from=2026-12-01&to=2026-02-30',
    '/api/me/schedule?from=0000-01-01&to=0000-01-05',
    '/api/exports/assignments.csv?from=0000-01-01&to=0000-01-05',
    '/api/audit?from=0000-01-01',
    '/api/requests?to=2026-02-30',
  ])('GET %s: the same date check, 400 naming the date', async (path) => {
    const response = await api.call('GET', path, { token: hr });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ code: 'NOT_A_DATE', min: '1900-01-01', max: '2999-12-31' });
  });

  it('refuses a page beyond any sane value (the offset overflowed bigint) and still serves a far page', async () => {
    for (const page of ['1e20', '99999999999999999999', '1000001']) {
      const response = await api.call('GET', `/api/agents?page=${page}`, { token: hr });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'page', code: 'TOO_LARGE', max: 1_000_000, message: 'must be at most 1,000,000' }]);
    }
    const far = await api.call('GET', '/api/agents?page=1000000&pageSize=500', { token: hr });
    expect(far.status).toBe(200);
    expect(far.body.items).toEqual([]);
  });

  it('a NUL character in a search reaches PostgreSQL (22021) and is a 400, not a 500', async () => {
    const response = await api.call('GET', '/api/agents?q=a%00b', { token: hr });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'query', code: 'VALUE_OUT_OF_RANGE' })]);
  });

  it.each([
    ['deep nesting', `{"firstName":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, 'firstName', 'TOO_DEEP'],
    ['a deep array', '['.repeat(5000) + ']'.repeat(5000), 'body', 'TOO_DEEP'],
    ['a lone surrogate', '{"email":"\\ud800","password":"x"}', 'email', 'BAD_UNICODE'],
    ['a NUL character', '{"email":"a\\u0000@example.fr","password":"x"}', 'email', 'HAS_NUL_CHARACTER'],
    ['__proto__', '{"__proto__":{"polluted":true}}', '__proto__', 'UNKNOWN_FIELD'],
  ])('a body with %s is a 400 naming where (the fuzz found 500s and a pass-as-{})', async (_what, raw, field, code) => {
    const path = field === 'email' ? '/api/auth/login' : field === 'firstName' ? '/api/agents' : '/api/accounts/invitations';
    const before = await api.call('GET', '/api/agents?pageSize=500', { token: hr });
    const response = await api.call('POST', path, { token: hr, raw });
    expect(response.status).toBe(400);
    expect(fields(response)[0]).toMatch(new RegExp(`^${field.replace(/[_$]/g, '\\$&')}`));
    expect(response.body.code).toBe('INVALID_FIELDS');
    expect(response.body.errors[0].code).toBe(code);
    // '{"__proto__": …}' used to pass as {}: "invite every agent without an account"
    expect((await api.call('GET', '/api/agents?pageSize=500', { token: hr })).body).toEqual(before.body);
  });

  it.each([
    ['22008', `SELECT '0000-01-01'::date`, 400, 'VALUE_OUT_OF_RANGE'],
    ['22003', `SELECT 2147483648::int`, 400, 'VALUE_OUT_OF_RANGE'],
    ['22021', `SELECT convert_from('\\x00'::bytea, 'UTF8')`, 400, 'VALUE_OUT_OF_RANGE'],
    ['23502', `INSERT INTO sites (code, name, capacity) VALUES ('S98', NULL, 1)`, 400, 'REQUIRED'],
    ['23505', `INSERT INTO rotation_groups (code, name) SELECT code, name FROM rotation_groups LIMIT 1`, 409, 'ALREADY_USED'],
    // a transaction that lost a race: the caller may try again, nothing was written
    ['40P01', `DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$`, 409, 'CONCURRENT_CHANGE'],
    ['40001', `DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$`, 409, 'CONCURRENT_CHANGE'],
  ])('maps SQLSTATE %s from real PostgreSQL to a coded refusal, never a 500', async (code, sql, status, problem) => {
    let error: unknown;
    try {
      await api.app.get(DataSource).query(sql);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(code);
    const sent: { status?: number; body?: { statusCode: number; code: string; errors?: { field: string; code: string; message: string }[] } } = {};
    const response = { status: (s: number) => ((sent.status = s), response), json: (b: never) => ((sent.body = b), response) };
    const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'POST' }) }) };
    new DatabaseErrorsFilter().catch(error as QueryFailedError, host as unknown as ArgumentsHost);
    expect(sent.status).toBe(status);
    expect(sent.body?.statusCode).toBe(status);
    expect(isKnownMessageCode(sent.body?.code as string)).toBe(true);
    if (problem === 'CONCURRENT_CHANGE') {
      // not about a field: the whole change lost a race
      expect(sent.body).toEqual({ statusCode: 409, code: 'CONCURRENT_CHANGE', message: 'a concurrent change got in the way: nothing was changed, try again' });
    } else {
      expect(sent.body?.code).toBe(status === 400 ? 'INVALID_FIELDS' : problem);
      expect(sent.body?.errors?.[0]).toMatchObject({ field: expect.any(String), code: problem });
    }
    if (code === '23502') expect(sent.body?.errors?.[0].field).toBe('name');
  });
});
