import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';
import * as hasher from './password-hasher';

jest.setTimeout(90_000);

type RoleName = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';
const PASSWORD = 'un mot de passe assez long';

describe.each(TEST_DATABASE_MODES)('account security on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: Record<RoleName, string>;
  let agentBody: (n: number, extra?: Record<string, unknown>) => Record<string, unknown>;

  beforeAll(async () => {
    api = await startApi(mode);
    db = api.app.get(DataSource);
    const logins = api.startup.demoLogins;
    tokens = Object.fromEntries(await Promise.all(logins.map(async (l) => [l.role, await api.login(l.email)]))) as typeof tokens;
    const [site] = await db.query(`SELECT id FROM sites ORDER BY code LIMIT 1`);
    const [unit] = await db.query(`SELECT id FROM org_units ORDER BY code LIMIT 1`);
    agentBody = (n, extra = {}) => ({
      employeeNumber: `SEC${String(n).padStart(4, '0')}`, firstName: 'Sam', lastName: `Sécurité${n}`, email: `sam.securite${n}@example.fr`,
      siteId: site.id, orgUnitId: unit.id, eligible: false, ...extra,
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  const createAgent = async (n: number, extra?: Record<string, unknown>, token = tokens.HR) => {
    const response = await api.call('POST', '/api/agents', { token, body: agentBody(n, extra) });
    expect(response.status).toBe(201);
    return response.body as { id: string; email: string; account: string; role: string };
  };
  const invite = (body: unknown, token = tokens.HR) => api.call('POST', '/api/accounts/invitations', { token, body });
  const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;
  const activate = (token: string, password = PASSWORD) => api.call('POST', '/api/auth/activate', { body: { token, password } });
  const roleOf = async (agentId: string) =>
    (await db.query(`SELECT a.role, u.role AS account_role FROM agents a LEFT JOIN users u ON u.agent_id = a.id WHERE a.id = $1`, [agentId]))[0];
  const adminOnly = { field: 'role', code: 'ADMIN_ONLY_ROLE', message: 'only an ADMIN can give or take the HR and ADMIN roles' };

  describe('HR and ADMIN roles are given and taken by an ADMIN only', () => {
    it('refuses HR making itself (or anyone) ADMIN or HR through PATCH /api/agents/:id, naming the field', async () => {
      const me = (await api.call('GET', '/api/auth/me', { token: tokens.HR })).body;
      const self = await api.call('PATCH', `/api/agents/${me.agentId}`, { token: tokens.HR, body: { role: 'ADMIN' } });
      expect(self.status).toBe(403);
      expect(self.body).toEqual({ statusCode: 403, code: 'ADMIN_ONLY_ROLE', message: `role: ${adminOnly.message}`, errors: [adminOnly] });
      expect(await roleOf(me.agentId)).toEqual({ role: 'HR', account_role: 'HR' });
      expect((await api.call('GET', '/api/auth/me', { token: tokens.HR })).body.role).toBe('HR');

      const agent = await createAgent(1);
      expect((await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.HR, body: { role: 'HR' } })).body.errors).toEqual([adminOnly]);
      // taking the role away is the same power: an HR cannot demote another HR (or itself)
      const hr = await createAgent(2, { role: 'HR' }, tokens.ADMIN);
      const demote = await api.call('PATCH', `/api/agents/${hr.id}`, { token: tokens.HR, body: { role: 'AGENT', firstName: 'Changé' } });
      expect(demote.status).toBe(403);
      expect(demote.body.errors).toEqual([adminOnly]);
      expect((await api.call('GET', `/api/agents/${hr.id}`, { token: tokens.HR })).body).toMatchObject({ role: 'HR', firstName: 'Sam' });

      // what HR may still do: AGENT ↔ MANAGER, and everything else on an HR agent but its role
      expect((await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.HR, body: { role: 'MANAGER' } })).status).toBe(200);
      expect((await api.call('PATCH', `/api/agents/${hr.id}`, { token: tokens.HR, body: { role: 'HR', firstName: 'Sasha' } })).status).toBe(200);
      // and an ADMIN may do all of it
      expect((await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.ADMIN, body: { role: 'ADMIN' } })).status).toBe(200);
      expect((await api.call('PATCH', `/api/agents/${hr.id}`, { token: tokens.ADMIN, body: { role: 'AGENT' } })).status).toBe(200);
      expect(await roleOf(agent.id)).toMatchObject({ role: 'ADMIN' });
    });

    it('refuses HR creating an HR or ADMIN agent through POST /api/agents', async () => {
      for (const role of ['HR', 'ADMIN']) {
        const response = await api.call('POST', '/api/agents', { token: tokens.HR, body: agentBody(10, { role }) });
        expect(response.status).toBe(403);
        expect(response.body.errors).toEqual([adminOnly]);
      }
      expect(await db.query(`SELECT 1 FROM agents WHERE employee_number = 'SEC0010'`)).toEqual([]);
      expect((await createAgent(11, { role: 'MANAGER' })).role).toBe('MANAGER');
    });

    it('refuses an HR import that gives or takes the HR or ADMIN role, naming line and column, and writes nothing', async () => {
      const agent = await createAgent(20);
      const hr = await createAgent(21, { role: 'HR' }, tokens.ADMIN);
      const post = async (csv: string, token = tokens.HR) => {
        const response = await fetch(`${api.baseUrl}/api/imports/agents`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv,
        });
        return { status: response.status, body: await response.json() };
      };
      const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM audit_log`);
      const refused = await post(`employee_number;role\nSEC0020;ADMIN\nSEC0021;\n`);
      expect(refused.status).toBe(403);
      expect(refused.body.errors).toEqual([
        { line: 2, column: 'role', ...adminOnly },
        { line: 3, column: 'role', ...adminOnly },
      ]);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'IMPORT_NEEDS_ADMIN', lines: 2, created: 0, updated: 0 });
      expect(refused.body.message).toMatch(/nothing was imported/);
      expect(await roleOf(agent.id)).toEqual({ role: 'AGENT', account_role: null });
      expect(await roleOf(hr.id)).toEqual({ role: 'HR', account_role: null });
      const [{ n: after }] = await db.query(`SELECT count(*)::int AS n FROM audit_log`);
      expect(after).toBe(before);

      // HR may re-import an HR agent unchanged, and move others between AGENT and MANAGER
      expect((await post(`employee_number;role;first_name\nSEC0021;HR;Sasha\nSEC0020;MANAGER;Sam\n`)).status).toBe(200);
      // an ADMIN's file may do it all
      expect((await post(`employee_number;role\nSEC0020;ADMIN\nSEC0021;AGENT\n`, tokens.ADMIN)).status).toBe(200);
      expect(await roleOf(agent.id)).toMatchObject({ role: 'ADMIN' });
    });

    it("refuses HR moving an HR or ADMIN account's e-mail (its log-in), by PATCH or CSV import; an ADMIN may", async () => {
      const emailOnly = { field: 'email', code: 'ADMIN_ONLY_EMAIL', message: 'only an ADMIN can change the e-mail (the log-in) of an HR or ADMIN account' };
      const hr = await createAgent(25, { role: 'HR' }, tokens.ADMIN);
      const patched = await api.call('PATCH', `/api/agents/${hr.id}`, { token: tokens.HR, body: { email: 'pirate@example.fr' } });
      expect(patched.status).toBe(403);
      expect(patched.body.errors).toEqual([emailOnly]);
      const csv = await fetch(`${api.baseUrl}/api/imports/agents`, {
        method: 'POST', headers: { authorization: `Bearer ${tokens.HR}`, 'content-type': 'text/csv' },
        body: `employee_number;email\nSEC0025;pirate@example.fr\n`,
      });
      expect(csv.status).toBe(403);
      expect((await csv.json()).errors).toEqual([{ line: 2, column: 'email', ...emailOnly }]);
      expect((await db.query(`SELECT email FROM agents WHERE id = $1`, [hr.id]))[0].email).toBe('sam.securite25@example.fr');
      // an ordinary agent's e-mail stays HR's to change, and an ADMIN may change anyone's
      const agent = await createAgent(26);
      expect((await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.HR, body: { email: 'sam.26@example.fr' } })).status).toBe(200);
      expect((await api.call('PATCH', `/api/agents/${hr.id}`, { token: tokens.ADMIN, body: { email: 'sam.25@example.fr' } })).status).toBe(200);
    });

    it('lets only an ADMIN invite or re-enable an HR or ADMIN account: HR gets a 403 naming the agent, and no link', async () => {
      const hr = await createAgent(30, { role: 'HR' }, tokens.ADMIN);
      const refused = await invite({ agentIds: [hr.id] });
      expect(refused.status).toBe(403);
      expect(refused.body.errors).toEqual([
        { field: 'agentIds[0]', code: 'NEEDS_ADMIN', employeeNumber: 'SEC0030', message: 'only an ADMIN can invite or re-enable an HR or ADMIN account (agent SEC0030)' },
      ]);
      expect(refused.body.code).toBe('NEEDS_ADMIN');
      expect(JSON.stringify(refused.body)).not.toMatch(/activation\?token/);
      expect((await roleOf(hr.id)).account_role).toBeNull();

      // "invite everyone" by HR leaves it out with its code (the same as the 403's) and reason
      const all = await invite({});
      expect(all.status).toBe(201);
      expect(all.body.skipped).toContainEqual({
        agentId: hr.id, employeeNumber: 'SEC0030', code: 'NEEDS_ADMIN', reason: 'only an ADMIN can invite or re-enable an HR or ADMIN account',
      });
      expect(all.body.invitations.map((i: { agentId: string }) => i.agentId)).not.toContain(hr.id);

      // an ADMIN invites it; once switched off, HR cannot bring it back (and take its link), an ADMIN can
      const link = (await invite({ agentIds: [hr.id] }, tokens.ADMIN)).body.invitations[0].activationUrl;
      expect((await activate(tokenOf(link))).status).toBe(200);
      expect((await api.call('POST', `/api/accounts/${hr.id}/disable`, { token: tokens.ADMIN })).status).toBe(200);
      const again = await invite({ agentIds: [hr.id] });
      expect(again.status).toBe(403);
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'agentIds[0]', code: 'NEEDS_ADMIN' })]);
      const [row] = await db.query(`SELECT active, activation_token_hash FROM users WHERE agent_id = $1`, [hr.id]);
      expect(row).toEqual({ active: false, activation_token_hash: null });
      expect((await invite({ agentIds: [hr.id] }, tokens.ADMIN)).body.invitations).toHaveLength(1);
    });
  });

  describe('tokens issued before a switch-off, a password or a role change stay dead', () => {
    const me = (token: string) => api.call('GET', '/api/auth/me', { token });
    const ended = { statusCode: 401, code: 'SESSION_ENDED', message: 'This session has ended: log in again' };
    const activeAgent = async (n: number, extra?: Record<string, unknown>) => {
      const agent = await createAgent(n, extra);
      const link = (await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl;
      const session = (await activate(tokenOf(link))).body.accessToken as string;
      return { agent, session };
    };

    it('keeps the tokens and the iCal link of a switched-off account dead after it is invited and activated again', async () => {
      const { agent, session } = await activeAgent(40);
      const second = await api.login(agent.email, PASSWORD);
      const feed = (await api.call('GET', '/api/me/calendar-link', { token: session })).body.url as string;
      const feedPath = new URL(feed).pathname;
      expect((await api.call('GET', feedPath)).status).toBe(200);

      expect((await api.call('POST', `/api/accounts/${agent.id}/disable`, { token: tokens.HR })).status).toBe(200);
      const back = tokenOf((await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl);
      const fresh = await activate(back, 'un tout nouveau mot de passe');
      expect(fresh.status).toBe(200);

      expect((await me(fresh.body.accessToken)).status).toBe(200);
      for (const old of [session, second]) {
        const response = await me(old);
        expect(response.status).toBe(401);
        expect(response.body).toEqual(ended);
      }
      // the old feed address is gone for good; the agent gets a new one
      expect((await api.call('GET', feedPath)).status).toBe(404);
      const renewed = (await api.call('GET', '/api/me/calendar-link', { token: fresh.body.accessToken })).body.url;
      expect(renewed).not.toBe(feed);
      expect((await api.call('GET', new URL(renewed).pathname)).status).toBe(200);
    });

    it('ends the tokens signed before a role change, by PATCH or by CSV import; a new log-in carries the new role', async () => {
      const { agent, session } = await activeAgent(41);
      expect((await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.HR, body: { role: 'MANAGER' } })).status).toBe(200);
      expect((await me(session)).body).toEqual(ended);
      const manager = await api.login(agent.email, PASSWORD);
      expect((await me(manager)).body.role).toBe('MANAGER');
      // an edit that leaves the role alone ends nothing
      expect((await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.HR, body: { firstName: 'Samia', role: 'MANAGER' } })).status).toBe(200);
      expect((await me(manager)).status).toBe(200);

      const csv = await fetch(`${api.baseUrl}/api/imports/agents`, {
        method: 'POST', headers: { authorization: `Bearer ${tokens.HR}`, 'content-type': 'text/csv' }, body: `employee_number;role\nSEC0041;AGENT\n`,
      });
      expect(csv.status).toBe(200);
      expect((await me(manager)).body).toEqual(ended);
      expect((await me(await api.login(agent.email, PASSWORD))).body.role).toBe('AGENT');
    });

    it('refuses a token that carries no session version (signed before this check existed)', async () => {
      const { agent, session } = await activeAgent(42);
      const claims = JSON.parse(Buffer.from(session.split('.')[1], 'base64url').toString());
      expect(claims.sv).toEqual(expect.any(Number));
      const legacy = await api.app.get(JwtService).signAsync({ sub: claims.sub, email: agent.email, role: 'AGENT', agentId: agent.id });
      expect((await me(legacy)).body).toEqual(ended);
      expect((await me(session)).status).toBe(200);
    });
  });

  describe('every failed log-in costs the same', () => {
    it('spends an Argon2 verification on an unknown e-mail, a pending invitation, a switched-off account and a wrong password alike', async () => {
      const pending = await createAgent(50);
      expect((await invite({ agentIds: [pending.id] })).status).toBe(201);
      const off = await createAgent(51);
      const link = (await invite({ agentIds: [off.id] })).body.invitations[0].activationUrl;
      expect((await activate(tokenOf(link))).status).toBe(200);
      expect((await api.call('POST', `/api/accounts/${off.id}/disable`, { token: tokens.HR })).status).toBe(200);
      const hr = api.startup.demoLogins.find((l) => l.role === 'HR')?.email as string;

      const cases: Record<string, string> = {
        wrongPassword: hr, unknown: 'personne@example.fr', pending: pending.email, switchedOff: off.email,
      };
      const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
      for (let round = 0; round < 7; round++) {
        // interleaved, so that a busy moment of the machine weighs on every case alike
        for (const [name, email] of Object.entries(cases)) {
          const started = performance.now();
          const response = await api.call('POST', '/api/auth/login', { body: { email, password: 'pas le bon mot de passe' } });
          times[name].push(performance.now() - started);
          expect(response).toEqual({ status: 401, body: { statusCode: 401, code: 'BAD_CREDENTIALS', message: 'Unknown e-mail or wrong password' } });
        }
      }
      // the fastest of 7 is each case's own cost, whatever else the machine was doing. A pending
      // invitation used to fail without any Argon2 work (its stored hash is none): 3 to 5 times faster
      const fastest = (name: string) => Math.min(...times[name]);
      for (const name of ['unknown', 'pending', 'switchedOff']) {
        const ms = { [name]: Math.round(fastest(name)), wrongPassword: Math.round(fastest('wrongPassword')) };
        expect({ ms, asSlow: fastest(name) > 0.6 * fastest('wrongPassword') }).toEqual({ ms, asSlow: true });
      }
      // and, exactly: each of those failures verified the password against an Argon2 hash
      const verify = jest.spyOn(hasher, 'verifyPassword');
      try {
        for (const email of Object.values(cases)) {
          await api.call('POST', '/api/auth/login', { body: { email, password: 'pas le bon mot de passe' } });
        }
        expect(verify.mock.calls.map(([hash]) => hash.startsWith('$argon2id$'))).toEqual([true, true, true, true]);
      } finally {
        verify.mockRestore();
      }
    });
  });
});

describe.each(TEST_DATABASE_MODES)('log-in and activation rate limits behind a proxy on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let hrEmail: string;
  let agentEmail: string;

  beforeAll(async () => {
    // behind the shipped nginx (here: on the loopback), 3 failures per minute
    api = await startApi(mode, { LOGIN_RATE_LIMIT: '3', TRUST_PROXY: 'loopback' });
    db = api.app.get(DataSource);
    hrEmail = api.startup.demoLogins.find((l) => l.role === 'HR')?.email as string;
    agentEmail = api.startup.demoLogins.find((l) => l.role === 'AGENT')?.email as string;
  });

  afterAll(async () => {
    await api?.close();
  });

  const from = async (client: string, path: string, body: unknown) => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify(body),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  };
  const login = (client: string, email: string, password = 'pas le bon mot de passe') => from(client, '/api/auth/login', { email, password });

  it('locks out the attacking client for that e-mail only: the user logs in from elsewhere, the attacker may try other e-mails', async () => {
    const attacker = '203.0.113.7';
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(attacker, hrEmail)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await login(attacker, hrEmail, api.config.demo.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      statusCode: 429, code: 'TOO_MANY_REQUESTS', message: `Too many failed log-ins from this address: try again in ${refused.retryAfter} s`,
      retryAfterSeconds: Number(refused.retryAfter),
    });
    // the same e-mail from another client, and even the attacker's upper-case variant from another
    expect((await login('198.51.100.20', hrEmail, api.config.demo.password)).status).toBe(200);
    expect((await login('198.51.100.21', hrEmail.toUpperCase())).status).toBe(401);
    expect((await login(attacker, hrEmail.toUpperCase())).status).toBe(429);
    expect((await login(attacker, agentEmail)).status).toBe(401);
  });

  it('does not count successful log-ins', async () => {
    const office = '198.51.100.30';
    for (let i = 0; i < 6; i++) expect((await login(office, agentEmail, api.config.demo.password)).status).toBe(200);
    expect([(await login(office, agentEmail)).status, (await login(office, agentEmail)).status]).toEqual([401, 401]);
    expect((await login(office, agentEmail, api.config.demo.password)).status).toBe(200);
    expect((await login(office, agentEmail)).status).toBe(401);
    expect((await login(office, agentEmail)).status).toBe(429);
  });

  it('caps one client trying a password on many e-mails at 10 times the limit', async () => {
    const sprayer = '203.0.113.8';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(sprayer, `personne${i}@example.fr`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses[30]).toBe(429);
    expect((await login('203.0.113.9', 'personne0@example.fr')).status).toBe(401);
  });

  it('limits failed activations per client, without hashing a password for a dead link', async () => {
    const guesser = '203.0.113.10';
    const dead = 'A'.repeat(43);
    const statuses = [];
    const hashing = jest.spyOn(hasher, 'hashPassword');
    try {
      for (let i = 0; i < 4; i++) statuses.push((await from(guesser, '/api/auth/activate', { token: dead, password: 'un mot de passe assez long' })).status);
      expect(hashing).not.toHaveBeenCalled();
    } finally {
      hashing.mockRestore();
    }
    expect(statuses).toEqual([400, 400, 400, 429]);

    // another client activates its link
    const [site] = await db.query(`SELECT id FROM sites ORDER BY code LIMIT 1`);
    const [unit] = await db.query(`SELECT id FROM org_units ORDER BY code LIMIT 1`);
    const hr = await api.login(hrEmail);
    const agent = await api.call('POST', '/api/agents', {
      token: hr, body: { employeeNumber: 'RL0001', firstName: 'Rita', lastName: 'Limite', email: 'rita.limite@example.fr', siteId: site.id, orgUnitId: unit.id },
    });
    const url = (await api.call('POST', '/api/accounts/invitations', { token: hr, body: { agentIds: [agent.body.id] } })).body.invitations[0].activationUrl;
    const token = new URL(url).searchParams.get('token');
    expect((await from('198.51.100.40', '/api/auth/activate', { token, password: 'un mot de passe assez long' })).status).toBe(200);
  });
});

describe.each(TEST_DATABASE_MODES)('log-in rate limit without TRUST_PROXY on %s', (mode) => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(mode, { LOGIN_RATE_LIMIT: '2', DEMO_DATA: 'off' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('ignores X-Forwarded-For from an untrusted client: a forged address does not buy more attempts', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${api.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ email: 'x@example.fr', password: 'bad' }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });
});
