import { isKnownMessageCode } from '@telework/contracts';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(90_000);

/**
 * Issue 11: every error answer carries a code the catalogue knows, with its figures, whoever
 * answers it: a service, the validation pipe, a guard, Nest's own 404, the body parsers that run
 * before Nest (body-limits.ts), the CSV reader, the database.
 */
describe('coded error answers', () => {
  let api: ApiHarness;
  let tokens: Record<'ADMIN' | 'HR' | 'MANAGER' | 'AGENT', string>;
  let agentId: string;

  beforeAll(async () => {
    api = await startApi('postgres');
    tokens = Object.fromEntries(
      await Promise.all(api.startup.demoLogins.map(async (login) => [login.role, await api.login(login.email)])),
    ) as typeof tokens;
    agentId = (await api.call('GET', '/api/agents?pageSize=1', { token: tokens.HR })).body.items[0].id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const known = (body: { code?: string; errors?: { code?: string }[] }) => {
    expect(isKnownMessageCode(body.code as string)).toBe(true);
    for (const error of body.errors ?? []) expect(isKnownMessageCode(error.code as string)).toBe(true);
  };

  it('a validation 400 on a real DTO names the field, its code and the figure of its decorator', async () => {
    const response = await api.call('PATCH', `/api/agents/${agentId}`, { token: tokens.HR, body: { weeklyMax: 11 } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400, code: 'INVALID_FIELDS', message: 'weeklyMax: must be at most 10',
      errors: [{ field: 'weeklyMax', code: 'TOO_LARGE', max: 10, message: 'must be at most 10' }],
    });
  });

  it('Nest’s own answers get the generic code of their status: unknown route, malformed id', async () => {
    const nowhere = await api.call('GET', '/api/nowhere', { token: tokens.HR });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const badId = await api.call('GET', '/api/agents/not-a-uuid', { token: tokens.HR });
    expect(badId.body).toMatchObject({ statusCode: 400, code: 'INVALID_FIELDS', errors: [{ field: 'id', code: 'NOT_A_UUID' }] });
  });

  it('the guards say why: no token, a forged one, a role that may not', async () => {
    const anonymous = await api.call('GET', '/api/agents');
    expect(anonymous).toEqual({ status: 401, body: { statusCode: 401, code: 'TOKEN_MISSING', message: 'A bearer token is required' } });
    const forged = await api.call('GET', '/api/agents', { token: 'not.a.token' });
    expect(forged.body).toMatchObject({ statusCode: 401, code: 'TOKEN_INVALID' });
    const agent = await api.call('GET', '/api/agents', { token: tokens.AGENT });
    expect(agent.body).toMatchObject({ statusCode: 403, code: 'ROLE_NEEDED', roles: ['MANAGER', 'HR', 'ADMIN'] });
    const wrong = await api.call('POST', '/api/auth/login', { body: { email: 'nobody@example.fr', password: 'wrong password' } });
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'BAD_CREDENTIALS' });
    for (const response of [anonymous, forged, agent, wrong]) known(response.body);
  });

  it('the body parsers, outside Nest, answer coded 400, 413 and 415', async () => {
    const broken = await api.call('POST', '/api/auth/login', { raw: '{"email": ' });
    expect(broken.body).toEqual({
      statusCode: 400, code: 'INVALID_FIELDS', message: 'body: must be a JSON object or array',
      errors: [{ field: 'body', code: 'BAD_JSON', message: 'must be a JSON object or array' }],
    });
    const deep = await api.call('POST', '/api/auth/login', { raw: '['.repeat(40) + ']'.repeat(40) });
    expect(deep.body.errors).toEqual([expect.objectContaining({ code: 'TOO_DEEP', max: 32 })]);
    const large = await api.call('POST', '/api/agents', { token: tokens.HR, body: { firstName: 'x'.repeat(200 * 1024) } });
    expect(large.status).toBe(413);
    expect(large.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', limit: '100 kB', errors: [{ field: 'body', code: 'PAYLOAD_TOO_LARGE', limit: '100 kB' }] });
    const text = await fetch(`${api.baseUrl}/api/agents`, { method: 'POST', headers: { authorization: `Bearer ${tokens.HR}`, 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', expected: 'application/json' });
    const csvAsAgent = await fetch(`${api.baseUrl}/api/imports/agents`, { method: 'POST', headers: { authorization: `Bearer ${tokens.AGENT}`, 'content-type': 'text/csv' }, body: 'x' });
    expect(await csvAsAgent.json()).toMatchObject({ statusCode: 403, code: 'ROLE_NEEDED', roles: ['HR', 'ADMIN'] });
    for (const response of [broken, deep, large]) known(response.body);
  });

  it('the CSV reader answers a file over its limit with a coded 413', async () => {
    const response = await fetch(`${api.baseUrl}/api/imports/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.HR}`, 'content-type': 'text/csv' },
      body: 'employee_number\n' + 'A1\n'.repeat(7_500_000),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', limit: '20 MB' });
  });

  it('the database’s refusals name the field with a code, and figures where it has them', async () => {
    const site = (await api.call('GET', '/api/sites', { token: tokens.HR })).body.items[0];
    const taken = await api.call('POST', '/api/sites', { token: tokens.HR, body: { code: site.code, name: 'Doublon', capacity: 1 } });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ statusCode: 409, code: 'ALREADY_USED', errors: [{ field: 'code', code: 'ALREADY_USED' }] });
    const bounds = await api.call('PATCH', `/api/agents/${agentId}`, { token: tokens.HR, body: { weeklyMin: 9, weeklyMax: 2 } });
    expect(bounds.status).toBe(400);
    expect(bounds.body.errors).toEqual([expect.objectContaining({ field: 'weeklyMin', code: 'WEEKLY_MIN_ABOVE_MAX' })]);
    const unknownSite = await api.call('PATCH', `/api/agents/${agentId}`, { token: tokens.HR, body: { siteId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknownSite.body.errors).toEqual([expect.objectContaining({ field: 'siteId', code: 'UNKNOWN_SITE' })]);
    for (const response of [taken, bounds, unknownSite]) known(response.body);
  });

  it('directory and audit refusals: not found, a range that ends before it starts', async () => {
    const none = await api.call('GET', '/api/sites/00000000-0000-4000-8000-000000000000', { token: tokens.HR });
    expect(none.body).toMatchObject({ statusCode: 404, code: 'SITE_NOT_FOUND' });
    const group = await api.call('GET', '/api/groups/00000000-0000-4000-8000-000000000000', { token: tokens.HR });
    expect(group.body).toMatchObject({ statusCode: 404, code: 'GROUP_NOT_FOUND' });
    const agent = await api.call('GET', '/api/agents/00000000-0000-4000-8000-000000000000', { token: tokens.HR });
    expect(agent.body).toMatchObject({ statusCode: 404, code: 'AGENT_NOT_FOUND' });
    const audit = await api.call('GET', '/api/audit?from=2026-12-10&to=2026-12-01', { token: tokens.HR });
    expect(audit.body.errors).toEqual([expect.objectContaining({ field: 'to', code: 'RANGE_END_BEFORE_START', from: '2026-12-10' })]);
    for (const response of [none, group, agent, audit]) known(response.body);
  });
});
