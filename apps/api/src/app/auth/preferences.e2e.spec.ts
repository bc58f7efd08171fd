import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(90_000);

type RoleName = 'ADMIN' | 'HR' | 'MANAGER' | 'AGENT';

/** GET/PATCH /api/auth/me/preferences, and what an API without SMTP_URL writes: no mail at all. */
describe.each(TEST_DATABASE_MODES)('account preferences, and no mail without SMTP, on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let tokens: Record<RoleName, string>;
  let emails: Record<RoleName, string>;

  beforeAll(async () => {
    api = await startApi(mode);
    db = api.app.get(DataSource);
    const logins = api.startup.demoLogins;
    emails = Object.fromEntries(logins.map((l) => [l.role, l.email])) as typeof emails;
    tokens = Object.fromEntries(await Promise.all(logins.map(async (l) => [l.role, await api.login(l.email)]))) as typeof tokens;
  });

  afterAll(async () => api?.close());

  const preferences = (role: RoleName) => api.call('GET', '/api/auth/me/preferences', { token: tokens[role] });
  const change = (role: RoleName, body: unknown) => api.call('PATCH', '/api/auth/me/preferences', { token: tokens[role], body });
  const stored = async (role: RoleName) =>
    (await db.query(`SELECT language, mail_opt_outs FROM users WHERE lower(email) = lower($1)`, [emails[role]]))[0];

  it('answers French and every mail on by default, for every role', async () => {
    for (const role of ['ADMIN', 'HR', 'MANAGER', 'AGENT'] as const) {
      const response = await preferences(role);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ language: 'fr', mailOptOuts: [] });
    }
    expect((await api.call('GET', '/api/auth/me/preferences')).status).toBe(401);
  });

  it('changes only the account that asks, each field on its own, and audits it', async () => {
    const english = await change('AGENT', { language: 'en' });
    expect(english.status).toBe(200);
    expect(english.body).toEqual({ language: 'en', mailOptOuts: [] });
    const off = await change('AGENT', { mailOptOuts: ['SCHEDULE_CHANGED', 'REQUEST_DECIDED'] });
    expect(off.body).toEqual({ language: 'en', mailOptOuts: ['SCHEDULE_CHANGED', 'REQUEST_DECIDED'] });
    expect((await preferences('AGENT')).body).toEqual(off.body);
    expect(await stored('AGENT')).toEqual({ language: 'en', mail_opt_outs: ['SCHEDULE_CHANGED', 'REQUEST_DECIDED'] });
    // the others are untouched: an account only changes its own (there is no id to name another)
    for (const role of ['ADMIN', 'HR', 'MANAGER'] as const) expect(await stored(role)).toEqual({ language: 'fr', mail_opt_outs: [] });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'account.preferences'`);
    expect(count).toBe(2);
    const back = await change('AGENT', { language: 'fr', mailOptOuts: [] });
    expect(back.body).toEqual({ language: 'fr', mailOptOuts: [] });
  });

  it('refuses a bad language or kind with 400 naming the field, and changes nothing', async () => {
    const before = await stored('MANAGER');
    const language = await change('MANAGER', { language: 'de' });
    expect(language.status).toBe(400);
    expect(language.body.errors).toEqual([expect.objectContaining({ field: 'language' })]);
    const kind = await change('MANAGER', { mailOptOuts: ['ACTIVATION'] });
    expect(kind.status).toBe(400);
    expect(kind.body.errors).toEqual([expect.objectContaining({ field: 'mailOptOuts' })]);
    const unknown = await change('MANAGER', { mailOptOuts: ['NEWSLETTER'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['mailOptOuts']);
    const twice = await change('MANAGER', { mailOptOuts: ['MANAGER_DIGEST', 'MANAGER_DIGEST'] });
    expect(twice.status).toBe(400);
    const notAList = await change('MANAGER', { mailOptOuts: 'MANAGER_DIGEST' });
    expect(notAList.status).toBe(400);
    expect(notAList.body.errors.map((e: { field: string }) => e.field)).toContain('mailOptOuts');
    expect(await stored('MANAGER')).toEqual(before);
  });

  it('writes no mail without SMTP_URL: a decision, an invitation (its link is answered to HR)', async () => {
    const [manager] = await db.query(`SELECT agent_id FROM users WHERE lower(email) = lower($1)`, [emails.MANAGER]);
    const [member] = await db.query(
      `SELECT a.id, a.email FROM agents a JOIN org_units o ON o.id = a.org_unit_id
       WHERE o.manager_agent_id = $1 AND a.id <> $1 AND a.role = 'AGENT' ORDER BY a.employee_number LIMIT 1`, [manager.agent_id]);
    const asked = await api.call('POST', '/api/requests', {
      token: await api.login(member.email), body: { kind: 'REMOTE', date: '2026-12-16', period: 'AM' },
    });
    expect(asked.status).toBe(201);
    const refused = await api.call('POST', `/api/requests/${asked.body.items[0].id}/refuse`, { token: tokens.MANAGER, body: { comment: 'non' } });
    expect(refused.status).toBe(200);
    await db.query(`UPDATE users SET active = false WHERE agent_id = $1`, [member.id]);
    const invited = await api.call('POST', '/api/accounts/invitations', { token: tokens.HR, body: { agentIds: [member.id] } });
    expect(invited.status).toBe(201);
    expect(invited.body.invitations[0]).toMatchObject({ mailed: false, activationUrl: expect.stringContaining('/activation?token=') });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM mail_outbox`);
    expect(count).toBe(0);
  });
});
