import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { formatMessage } from '@telework/contracts';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(90_000);

type RoleName = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';
const PASSWORD = 'un mot de passe assez long';

describe.each(TEST_DATABASE_MODES)('account invitations and activation on %s', (mode) => {
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
      employeeNumber: `INV${String(n).padStart(4, '0')}`, firstName: 'Inès', lastName: `Invitée${n}`, email: `ines.invitee${n}@example.fr`,
      siteId: site.id, orgUnitId: unit.id, eligible: false, ...extra,
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  const createAgent = async (n: number, extra?: Record<string, unknown>) => {
    const response = await api.call('POST', '/api/agents', { token: tokens.HR, body: agentBody(n, extra) });
    expect(response.status).toBe(201);
    return response.body as { id: string; email: string; account: string };
  };
  const invite = (body: unknown, token = tokens.HR) => api.call('POST', '/api/accounts/invitations', { token, body });
  const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;
  const activate = (token: string, password = PASSWORD) => api.call('POST', '/api/auth/activate', { body: { token, password } });
  const status = async (id: string) => (await api.call('GET', `/api/agents/${id}`, { token: tokens.HR })).body.account;

  it('invites an agent created by HR, who chooses a password from the link and is logged in', async () => {
    const agent = await createAgent(1);
    expect(agent.account).toBe('NONE');

    const response = await invite({ agentIds: [agent.id] });
    expect(response.status).toBe(201);
    expect(response.body.skipped).toEqual([]);
    const [invitation] = response.body.invitations;
    expect(invitation).toMatchObject({ agentId: agent.id, employeeNumber: 'INV0001', email: agent.email, lastName: 'Invitée1', mailed: false });
    expect(invitation.activationUrl).toMatch(new RegExp(`^${api.config.publicUrl}/activation\\?token=[A-Za-z0-9_-]{43}$`));
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(await status(agent.id)).toBe('PENDING');

    // only the token's hash is stored; a pending account cannot log in whatever the password
    const token = tokenOf(invitation.activationUrl);
    const [row] = await db.query(`SELECT activation_token_hash, active, password_hash FROM users WHERE agent_id = $1`, [agent.id]);
    expect(row.activation_token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.active).toBe(false);
    expect((await api.call('POST', '/api/auth/login', { body: { email: agent.email, password: row.password_hash } })).status).toBe(401);

    const activated = await activate(token);
    expect(activated.status).toBe(200);
    const me = await api.call('GET', '/api/auth/me', { token: activated.body.accessToken });
    expect(me.body).toMatchObject({ agentId: agent.id, role: 'AGENT', email: agent.email });
    // the planning's today, which the console uses for "this week" (the harness sets PLANNING_TODAY)
    expect(me.body.today).toBe('2026-11-30');
    expect(await status(agent.id)).toBe('ACTIVE');
    expect(await api.login(agent.email, PASSWORD)).toEqual(expect.any(String));

    // the link is single use
    const again = await activate(token, 'un autre mot de passe long');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'INVALID_FIELDS', errors: [{ field: 'token', code: 'ACTIVATION_LINK_INVALID' }] });
    expect(again.body.errors[0].message).toMatch(/unknown, already used or expired/);
    expect(await api.login(agent.email, PASSWORD)).toEqual(expect.any(String));

    const audit = await db.query(`SELECT action FROM audit_log WHERE action LIKE 'account.%' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['account.invited', 'account.activated']));
  });

  it('refuses a short password, a malformed or unknown token, and an expired link, naming the field', async () => {
    const agent = await createAgent(2);
    const { body } = await invite({ agentIds: [agent.id] });
    const token = tokenOf(body.invitations[0].activationUrl);

    const short = await activate(token, 'court');
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ field: 'password', code: 'TOO_SHORT', min: 12, message: 'must be at least 12 characters long' }]);
    expect((await activate('not-a-token')).body.errors).toEqual([expect.objectContaining({ field: 'token', code: 'ACTIVATION_LINK_INVALID' })]);
    expect((await activate('A'.repeat(43))).body.errors).toEqual([expect.objectContaining({ field: 'token', code: 'ACTIVATION_LINK_INVALID' })]);
    expect((await activate('')).body.errors).toEqual([expect.objectContaining({ field: 'token', code: 'ACTIVATION_LINK_INVALID' })]);
    expect((await api.call('POST', '/api/auth/activate', { body: { token } })).body.errors).toEqual([
      { field: 'password', code: 'REQUIRED', message: 'is required' },
    ]);

    await db.query(`UPDATE users SET activation_expires_at = now() - interval '1 minute' WHERE agent_id = $1`, [agent.id]);
    const expired = await activate(token);
    expect(expired.status).toBe(400);
    expect(expired.body.errors).toEqual([expect.objectContaining({ field: 'token', code: 'ACTIVATION_LINK_INVALID' })]);
    expect(await status(agent.id)).toBe('PENDING');
  });

  it('gives a pending agent a new link that replaces the old one, and skips an active account', async () => {
    const agent = await createAgent(3);
    const first = tokenOf((await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl);
    const second = tokenOf((await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl);
    expect(second).not.toBe(first);
    expect((await activate(first)).status).toBe(400);
    expect((await activate(second)).status).toBe(200);

    const skipped = await invite({ agentIds: [agent.id] });
    expect(skipped.status).toBe(201);
    expect(skipped.body.invitations).toEqual([]);
    expect(skipped.body.skipped).toEqual([
      { agentId: agent.id, employeeNumber: 'INV0003', code: 'ACTIVE_ACCOUNT', reason: 'already has an active account' },
    ]);
    expect(formatMessage(skipped.body.skipped[0], 'fr')).toBe('a déjà un compte actif');
  });

  it('invites every agent without an account at once, skipping an e-mail another account holds', async () => {
    const a = await createAgent(4);
    const b = await createAgent(5);
    // an account with no agent (like ADMIN_EMAIL's) already holds this agent's e-mail
    const c = await createAgent(6);
    await db.query(`INSERT INTO users (email, password_hash, role, active) VALUES ($1, 'x', 'HR', true)`, [c.email.toUpperCase()]);
    const without: { id: string }[] = await db.query(
      `SELECT a.id FROM agents a LEFT JOIN users u ON u.agent_id = a.id WHERE u.id IS NULL ORDER BY a.employee_number`,
    );
    expect(without.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));

    const response = await invite({});
    expect(response.status).toBe(201);
    const invited = response.body.invitations.map((i: { agentId: string }) => i.agentId);
    expect(invited).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(invited).toHaveLength(without.length - 1);
    expect(response.body.skipped).toEqual([
      { agentId: c.id, employeeNumber: 'INV0006', code: 'EMAIL_TAKEN', email: c.email, reason: `another account uses the e-mail ${c.email}` },
    ]);
    expect(formatMessage(response.body.skipped[0], 'fr')).toBe(`un autre compte utilise l’adresse ${c.email}`);
    expect(new Set(response.body.invitations.map((i: { activationUrl: string }) => i.activationUrl)).size).toBe(invited.length);
    expect(await status(a.id)).toBe('PENDING');
    expect(await status(c.id)).toBe('NONE');

    // nobody is left without an account but the one whose e-mail is taken
    const again = await invite({});
    expect(again.body.invitations).toEqual([]);
    expect(again.body.skipped.map((s: { agentId: string }) => s.agentId)).toEqual([c.id]);
  });

  it('moves the log-in to the new e-mail when HR changes it, and refuses one another account holds', async () => {
    const agent = await createAgent(9);
    const token = tokenOf((await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl);
    expect((await activate(token)).status).toBe(200);
    const moved = await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.HR, body: { email: 'ines.nouvelle@example.fr' } });
    expect(moved.status).toBe(200);
    expect(await api.login('ines.nouvelle@example.fr', PASSWORD)).toEqual(expect.any(String));
    expect((await api.call('POST', '/api/auth/login', { body: { email: agent.email, password: PASSWORD } })).status).toBe(401);

    await db.query(`INSERT INTO users (email, password_hash, role, active) VALUES ('compte.technique@example.fr', 'x', 'ADMIN', true)`);
    const taken = await api.call('PATCH', `/api/agents/${agent.id}`, { token: tokens.HR, body: { email: 'compte.technique@example.fr' } });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ statusCode: 409, code: 'LOGIN_EMAIL_TAKEN' });
    expect(taken.body.errors).toEqual([{ field: 'email', code: 'LOGIN_EMAIL_TAKEN', message: 'is already the log-in of another account' }]);
    expect((await api.call('GET', `/api/agents/${agent.id}`, { token: tokens.HR })).body.email).toBe('ines.nouvelle@example.fr');
  });

  it('switches an account off at once (its live token too), and an invitation brings it back', async () => {
    const agent = await createAgent(10);
    const link = tokenOf((await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl);
    const session = (await activate(link)).body.accessToken;
    expect((await api.call('GET', '/api/auth/me', { token: session })).status).toBe(200);

    const off = await api.call('POST', `/api/accounts/${agent.id}/disable`, { token: tokens.HR });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ agentId: agent.id, account: 'DISABLED' });
    expect(await status(agent.id)).toBe('DISABLED');
    const refused = await api.call('GET', '/api/auth/me', { token: session });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ statusCode: 401, code: 'ACCOUNT_DISABLED', message: 'This account is switched off' });
    expect((await api.call('POST', '/api/auth/login', { body: { email: agent.email, password: PASSWORD } })).status).toBe(401);
    const [audit] = await db.query(`SELECT actor_user_id FROM audit_log WHERE action = 'account.disabled' AND entity_id = $1`, [agent.id]);
    expect(audit).toBeDefined();

    const back = tokenOf((await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl);
    expect(await status(agent.id)).toBe('PENDING');
    const again = await activate(back, 'un nouveau mot de passe long');
    expect(again.status).toBe(200);
    expect((await api.call('GET', '/api/auth/me', { token: again.body.accessToken })).status).toBe(200);
  });

  it('lets only ADMIN switch off HR and ADMIN accounts, nobody their own, and names what is missing', async () => {
    const [hr] = await db.query(`SELECT u.id, u.agent_id FROM users u WHERE u.role = 'HR' AND u.agent_id IS NOT NULL LIMIT 1`);
    const [admin] = await db.query(`SELECT u.agent_id FROM users u WHERE u.role = 'ADMIN' AND u.agent_id IS NOT NULL LIMIT 1`);
    const me = await api.call('GET', '/api/auth/me', { token: tokens.HR });
    const own = await api.call('POST', `/api/accounts/${me.body.agentId}/disable`, { token: tokens.HR });
    expect(own.body).toMatchObject({ statusCode: 409, code: 'OWN_ACCOUNT_DISABLE' });
    if (admin) {
      const adminAccount = await api.call('POST', `/api/accounts/${admin.agent_id}/disable`, { token: tokens.HR });
      expect(adminAccount.body).toMatchObject({ statusCode: 403, code: 'ADMIN_ONLY_DISABLE', role: 'ADMIN' });
    }
    const other = hr.agent_id === me.body.agentId
      ? (await db.query(`SELECT agent_id FROM users WHERE role = 'MANAGER' AND agent_id IS NOT NULL LIMIT 1`))[0].agent_id
      : hr.agent_id;
    expect((await api.call('POST', `/api/accounts/${other}/disable`, { token: tokens.AGENT })).body).toMatchObject({ statusCode: 403, code: 'ROLE_NEEDED', roles: ['HR', 'ADMIN'] });
    expect((await api.call('POST', `/api/accounts/${other}/disable`, { token: tokens.MANAGER })).status).toBe(403);

    const agent = await createAgent(11);
    const none = await api.call('POST', `/api/accounts/${agent.id}/disable`, { token: tokens.ADMIN });
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ statusCode: 404, code: 'AGENT_HAS_NO_ACCOUNT' });
    expect((await api.call('POST', '/api/accounts/00000000-0000-4000-8000-000000000000/disable', { token: tokens.ADMIN })).body)
      .toMatchObject({ statusCode: 404, code: 'AGENT_NOT_FOUND' });
    expect((await api.call('POST', '/api/accounts/nope/disable', { token: tokens.ADMIN })).body)
      .toMatchObject({ statusCode: 400, code: 'INVALID_FIELDS', errors: [{ field: 'id', code: 'NOT_A_UUID' }] });
    // every demo account still works: nothing above switched one off
    for (const role of ['ADMIN', 'HR', 'MANAGER', 'AGENT'] as const) {
      expect((await api.call('GET', '/api/auth/me', { token: tokens[role] })).status).toBe(200);
    }
  });

  it('lets one of two simultaneous uses of a link win', async () => {
    const agent = await createAgent(7);
    const token = tokenOf((await invite({ agentIds: [agent.id] })).body.invitations[0].activationUrl);
    const results = await Promise.all([activate(token), activate(token, 'un second mot de passe long'), activate(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
  });

  it('lets only HR and ADMIN invite, and names an unknown agent', async () => {
    const agent = await createAgent(8);
    expect((await invite({ agentIds: [agent.id] }, tokens.AGENT)).status).toBe(403);
    expect((await invite({ agentIds: [agent.id] }, tokens.MANAGER)).status).toBe(403);
    expect((await api.call('POST', '/api/accounts/invitations', { body: {} })).status).toBe(401);
    expect(await status(agent.id)).toBe('NONE');

    const unknown = await invite({ agentIds: [agent.id, '00000000-0000-4000-8000-000000000000'] }, tokens.ADMIN);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{
      field: 'agentIds[1]', code: 'UNKNOWN_AGENT', value: '00000000-0000-4000-8000-000000000000',
      message: 'unknown agent "00000000-0000-4000-8000-000000000000"',
    }]);
    expect(await status(agent.id)).toBe('NONE');
    const invalid = await invite({ agentIds: ['nope'] }, tokens.ADMIN);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'agentIds', code: 'NOT_A_UUID' })]);
  });
});
