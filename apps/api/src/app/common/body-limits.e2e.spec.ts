import { request as httpRequest } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(90_000);

interface Answer {
  status: number;
  body: { statusCode?: number; code?: string; errors?: { field: string; code: string; message: string }[] } | null;
  /** bytes of the body the client had sent when the answer came */
  sentWhenAnswered: number;
}

/**
 * Sends `total` bytes of JSON in chunks, slowly, and resolves as soon as the answer's head and
 * body arrive, whether or not the body was sent in full: a route that answers before reading
 * the body answers while the client is still writing it.
 */
function slowPost(baseUrl: string, path: string, headers: Record<string, string>, total: number): Promise<Answer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(total), ...headers } },
      (res) => {
        const sentWhenAnswered = sent;
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          done = true;
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, sentWhenAnswered });
        });
      },
    );
    req.on('error', (error) => {
      if (!done) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const write = () => {
      if (done || req.destroyed) return;
      if (sent >= total) {
        req.end();
        return;
      }
      const size = Math.min(chunk.length, total - sent);
      sent += size;
      req.write(size === chunk.length ? chunk : chunk.subarray(0, size));
      setTimeout(write, 20);
    };
    req.write('{"a":"');
    sent += 6;
    write();
  });
}

/** Item 6 of the hardening issue: no large body is read before its caller is known. */
describe.each(TEST_DATABASE_MODES)('body size limits on %s', (mode) => {
  let api: ApiHarness;
  let tokens: Record<'ADMIN' | 'HR' | 'MANAGER' | 'AGENT', string>;

  beforeAll(async () => {
    api = await startApi(mode);
    tokens = Object.fromEntries(
      await Promise.all(api.startup.demoLogins.map(async (login) => [login.role, await api.login(login.email)])),
    ) as typeof tokens;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 413 at once, naming the 100 kB limit, to a larger JSON body on an ordinary route (with or without a token)', async () => {
    for (const token of [undefined, tokens.HR]) {
      const answer = await slowPost(api.baseUrl, '/api/agents', token ? { authorization: `Bearer ${token}` } : {}, 5 * 1024 * 1024);
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({
        statusCode: 413, code: 'PAYLOAD_TOO_LARGE', limit: '100 kB',
        errors: [{ field: 'body', code: 'PAYLOAD_TOO_LARGE', limit: '100 kB', message: 'request body too large (at most 100 kB)' }],
      });
      expect(answer.sentWhenAnswered).toBeLessThan(1024 * 1024);
    }
    // a body just under the limit is read (and refused by validation)
    const under = await api.call('POST', '/api/agents', { token: tokens.HR, body: { firstName: 'x'.repeat(90_000) } });
    expect(under.status).toBe(400);
  });

  it('checks the token and role of POST /api/what-if before reading its large body', async () => {
    const anonymous = await slowPost(api.baseUrl, '/api/what-if', {}, 10 * 1024 * 1024);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'TOKEN_MISSING' });
    expect(anonymous.sentWhenAnswered).toBeLessThan(1024 * 1024);
    const forged = await slowPost(api.baseUrl, '/api/what-if', { authorization: 'Bearer not.a.token' }, 10 * 1024 * 1024);
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ statusCode: 401, code: 'TOKEN_INVALID' });
    expect(forged.sentWhenAnswered).toBeLessThan(1024 * 1024);
    const agent = await slowPost(api.baseUrl, '/api/what-if', { authorization: `Bearer ${tokens.AGENT}` }, 10 * 1024 * 1024);
    expect(agent.status).toBe(403);
    expect(agent.body).toMatchObject({ statusCode: 403, code: 'ROLE_NEEDED', roles: ['HR', 'ADMIN'] });
    expect(agent.sentWhenAnswered).toBeLessThan(1024 * 1024);
    // a well-signed HR token of a session that has ended (switch-off, password or role change)
    const hr = api.app.get(JwtService).decode<Record<string, unknown>>(tokens.HR);
    const ended = await api.app.get(JwtService).signAsync({ sub: hr['sub'], email: hr['email'], role: 'HR', agentId: hr['agentId'], sv: Number(hr['sv']) + 1 });
    const stale = await slowPost(api.baseUrl, '/api/what-if', { authorization: `Bearer ${ended}` }, 10 * 1024 * 1024);
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ statusCode: 401, code: 'SESSION_ENDED', message: 'This session has ended: log in again' });
    expect(stale.sentWhenAnswered).toBeLessThan(1024 * 1024);
  });

  it('reads a large what-if body for HR, up to 20 MB, and refuses more with 413 naming the limit', async () => {
    const agents = Array.from({ length: 3000 }, (_, i) => ({ id: `A${i}`, site: 'S01', group: null, padding: 'x'.repeat(100) }));
    const large = await api.call('POST', '/api/what-if', {
      token: tokens.HR,
      body: { snapshot: { version: 1, horizon: { from: '2026-12-07', to: '2026-12-11' }, agents } },
    });
    // read and parsed (400: not a valid planning snapshot), not 413
    expect(large.status).toBe(400);
    const tooLarge = await slowPost(api.baseUrl, '/api/what-if', { authorization: `Bearer ${tokens.HR}` }, 21 * 1024 * 1024);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', limit: '20 MB' });
    expect(tooLarge.body?.errors).toEqual([{ field: 'body', code: 'PAYLOAD_TOO_LARGE', limit: '20 MB', message: 'request body too large (at most 20 MB)' }]);
    expect(tooLarge.sentWhenAnswered).toBeLessThan(1024 * 1024);
  });

  it('checks the token of the CSV import before reading the file', async () => {
    const anonymous = await slowPost(api.baseUrl, '/api/imports/agents', { 'content-type': 'text/csv' }, 10 * 1024 * 1024);
    expect(anonymous.status).toBe(401);
    expect(anonymous.sentWhenAnswered).toBeLessThan(1024 * 1024);
    const manager = await slowPost(api.baseUrl, '/api/imports/agents', { 'content-type': 'text/csv', authorization: `Bearer ${tokens.MANAGER}` }, 10 * 1024 * 1024);
    expect(manager.status).toBe(403);
    expect(manager.sentWhenAnswered).toBeLessThan(1024 * 1024);
  });

  it('refuses a non-JSON body on a JSON route (415) instead of reading it as {} ("invite everyone")', async () => {
    const before = await api.call('GET', '/api/agents?pageSize=500', { token: tokens.HR });
    const response = await fetch(`${api.baseUrl}/api/accounts/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.HR}`, 'content-type': 'text/plain' },
      body: 'agentIds=x',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', expected: 'application/json', message: 'body: unsupported content type (expected application/json)',
      errors: [{ field: 'body', code: 'UNSUPPORTED_MEDIA_TYPE', expected: 'application/json', message: 'unsupported content type (expected application/json)' }],
    });
    expect((await api.call('GET', '/api/agents?pageSize=500', { token: tokens.HR })).body).toEqual(before.body);
  });

  it('answers malformed JSON with a 400 naming the body', async () => {
    const response = await api.call('POST', '/api/auth/login', { raw: '{"email": ' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body', code: 'BAD_JSON', message: 'must be a JSON object or array' }]);
  });
});
