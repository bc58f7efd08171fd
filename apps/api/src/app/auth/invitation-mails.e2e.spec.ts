import { DataSource } from 'typeorm';
import type { ActivationMailPayload } from '@telework/contracts';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../../testing/api-harness';

jest.setTimeout(90_000);

const PASSWORD = 'un mot de passe assez long';
/** nothing listens there: the rows are written (what this spec checks); sending them is the sender's business */
const SMTP_URL = 'smtp://127.0.0.1:9';

describe.each(TEST_DATABASE_MODES)('invitations by e-mail (SMTP_URL set) on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let hr: string;
  let site: string;
  let unit: string;

  beforeAll(async () => {
    api = await startApi(mode, { SMTP_URL });
    db = api.app.get(DataSource);
    const logins = api.startup.demoLogins;
    hr = await api.login(logins.find((l) => l.role === 'HR')?.email as string);
    [{ id: site }] = await db.query(`SELECT id FROM sites ORDER BY code LIMIT 1`);
    [{ id: unit }] = await db.query(`SELECT id FROM org_units ORDER BY code LIMIT 1`);
  });

  afterAll(async () => api?.close());

  const createAgent = async (n: number) => {
    const response = await api.call('POST', '/api/agents', {
      token: hr,
      body: {
        employeeNumber: `MAIL${String(n).padStart(4, '0')}`, firstName: 'Maël', lastName: `Courriel${n}`, email: `mael.courriel${n}@example.fr`,
        siteId: site, orgUnitId: unit, eligible: false,
      },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; email: string };
  };
  const activationRows = async (agentId: string): Promise<{ user_id: string; recipient: string; language: string; status: string; payload: ActivationMailPayload }[]> =>
    (await db.query(
      `SELECT o.user_id, o.recipient, o.language, o.status, o.payload FROM mail_outbox o JOIN users u ON u.id = o.user_id
       WHERE o.kind = 'ACTIVATION' AND u.agent_id = $1 ORDER BY o.id`, [agentId],
    )).map((row: { payload: unknown }) => ({ ...row, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload }));

  it('mails each invited agent its link and answers HR without any link', async () => {
    const agents = [await createAgent(1), await createAgent(2)];
    const response = await api.call('POST', '/api/accounts/invitations', { token: hr, body: { agentIds: agents.map((a) => a.id) } });
    expect(response.status).toBe(201);
    expect(response.body.invitations).toHaveLength(2);
    for (const invitation of response.body.invitations) {
      expect(invitation).toMatchObject({ mailed: true, activationUrl: null, expiresAt: expect.any(String) });
    }
    expect(JSON.stringify(response.body)).not.toContain('token=');

    for (const [i, agent] of agents.entries()) {
      const rows = await activationRows(agent.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ recipient: agent.email, language: 'fr' });
      expect(rows[0].payload).toEqual({
        firstName: 'Maël', lastName: `Courriel${i + 1}`,
        activationUrl: expect.stringMatching(new RegExp(`^${api.config.publicUrl}/activation\\?token=[A-Za-z0-9_-]{43}$`)),
        expiresAt: response.body.invitations.find((inv: { agentId: string }) => inv.agentId === agent.id).expiresAt,
      });
    }

    // the mailed link is the live one: it activates the account
    const link = (await activationRows(agents[0].id))[0].payload.activationUrl;
    const activated = await api.call('POST', '/api/auth/activate', { body: { token: new URL(link).searchParams.get('token'), password: PASSWORD } });
    expect(activated.status).toBe(200);
    expect(await api.login(agents[0].email, PASSWORD)).toEqual(expect.any(String));
    const [{ mailed }] = await db.query(`SELECT details->>'mailed' AS mailed FROM audit_log WHERE action = 'account.invited' ORDER BY id DESC LIMIT 1`);
    expect(mailed).toBe('true');
  });

  it('invites again: a new mail with the new link, the dead one that was still waiting gone; an active account gets none', async () => {
    const agent = await createAgent(3);
    await api.call('POST', '/api/accounts/invitations', { token: hr, body: { agentIds: [agent.id] } });
    const first = (await activationRows(agent.id))[0].payload.activationUrl;
    // the kick's attempt (nothing listens) puts it back to PENDING at once; wait for that rather than race it
    for (let i = 0; i < 50 && (await activationRows(agent.id))[0].status === 'SENDING'; i++) await new Promise((r) => setTimeout(r, 100));
    // still waiting (nothing listens on the SMTP port): the second invitation replaces it
    const again = await api.call('POST', '/api/accounts/invitations', { token: hr, body: { agentIds: [agent.id] } });
    expect(again.body.invitations[0]).toMatchObject({ mailed: true, activationUrl: null });
    const rows = await activationRows(agent.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload.activationUrl).not.toBe(first);
    const tokenOf = (url: string) => new URL(url).searchParams.get('token');
    expect((await api.call('POST', '/api/auth/activate', { body: { token: tokenOf(first), password: PASSWORD } })).status).toBe(400);
    expect((await api.call('POST', '/api/auth/activate', { body: { token: tokenOf(rows[0].payload.activationUrl), password: PASSWORD } })).status).toBe(200);

    const active = await api.call('POST', '/api/accounts/invitations', { token: hr, body: { agentIds: [agent.id] } });
    expect(active.body).toMatchObject({ invitations: [], skipped: [expect.objectContaining({ code: 'ACTIVE_ACCOUNT' })] });
    expect(await activationRows(agent.id)).toHaveLength(1);
  });
});
