import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tools/testing is no Nx project: the tests' real SMTP server (shared by lib, API and worker specs)
import { startTestSmtpServer, TestSmtpServer } from '../../../../../tools/testing/smtp-server';
import { ApiHarness, startApi } from '../../testing/api-harness';
import { MailDispatcher } from './mail.dispatcher';

jest.setTimeout(180_000);

type RoleName = 'AGENT' | 'MANAGER' | 'HR' | 'ADMIN';
const PUBLIC_URL = 'https://teletravail.example.fr';

const DECIDED = {
  requestId: 'r-1', firstName: 'Léo', status: 'REFUSED', allocationStatus: null, refusal: null, comment: 'Inventaire <annuel>',
  halfDays: [{ date: '2026-12-07', period: 'AM' }], decidedBy: 'Paul Durand',
};

describe.each(TEST_DATABASE_MODES)('mail outbox through the API (in-process sender, real SMTP server) on %s', (mode) => {
  let smtp: TestSmtpServer;
  let api: ApiHarness;
  let db: DataSource;
  let mail: MailDispatcher;
  let tokens: Record<RoleName, string>;

  async function insert(recipient: string, language: 'fr' | 'en' = 'fr'): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO mail_outbox (kind, recipient, language, payload) VALUES ('REQUEST_DECIDED', $1, $2, $3::jsonb) RETURNING id::text AS id`,
      [recipient, language, JSON.stringify(DECIDED)],
    );
    return row.id;
  }

  async function restartSmtp(rejectRecipients: string[] = []): Promise<void> {
    const { port, messages } = smtp;
    await smtp.stop();
    smtp = await startTestSmtpServer({ port, messages, rejectRecipients });
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer({ rejectRecipients: ['nobody@example.fr'] });
    api = await startApi(mode, { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Télétravail <teletravail@example.fr>' });
    db = api.app.get(DataSource);
    mail = api.app.get(MailDispatcher);
    tokens = Object.fromEntries(await Promise.all(api.startup.demoLogins.map(async (l) => [l.role, await api.login(l.email)]))) as typeof tokens;
  });

  afterAll(async () => {
    await api?.close();
    await smtp?.stop();
  });

  beforeEach(async () => {
    await mail.idle();
    await db.query('DELETE FROM mail_outbox');
  });

  it('the outbox is for HR and ADMIN only', async () => {
    for (const role of ['AGENT', 'MANAGER'] as const) {
      expect((await api.call('GET', '/api/mail/outbox', { token: tokens[role] })).status).toBe(403);
      expect((await api.call('POST', '/api/mail/outbox/1/retry', { token: tokens[role] })).status).toBe(403);
    }
    expect((await api.call('GET', '/api/mail/outbox')).status).toBe(401);
    for (const role of ['HR', 'ADMIN'] as const) {
      const page = await api.call('GET', '/api/mail/outbox', { token: tokens[role] });
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ enabled: true, counts: { PENDING: 0, SENDING: 0, SENT: 0, FAILED: 0 }, items: [], total: 0 });
    }
    expect((await api.call('GET', '/api/mail/outbox?status=LOST', { token: tokens.HR })).status).toBe(400);
  });

  it('a kick sends the rows; HR sees sent and failed ones, with the error; a FAILED one retried is sent once the mailbox exists', async () => {
    const sent = await insert('leo.petit@example.fr', 'fr');
    const refused = await insert('nobody@example.fr', 'en');
    const before = smtp.messages.length;
    mail.kick();
    await mail.idle();
    const arrived = smtp.messages.slice(before);
    expect(arrived.map((m) => [m.to, m.subject, m.messageId])).toEqual([['leo.petit@example.fr', 'Votre demande est refusée', `<outbox-${sent}@teletravail.example.fr>`]]);
    expect(arrived[0].from).toBe('teletravail@example.fr');
    expect(arrived[0].fromHeader).toContain('Télétravail');
    expect(arrived[0].text).toContain('Commentaire de Paul Durand : « Inventaire <annuel> »');
    expect(arrived[0].html).toContain('Inventaire &lt;annuel&gt;');
    expect(arrived[0].text).toContain(`${PUBLIC_URL}/agent/planning`);

    const page = await api.call('GET', '/api/mail/outbox', { token: tokens.HR });
    expect(page.status).toBe(200);
    expect(page.body.counts).toEqual({ PENDING: 0, SENDING: 0, SENT: 1, FAILED: 1 });
    expect(page.body.total).toBe(2);
    const byId = Object.fromEntries(page.body.items.map((item: { id: string }) => [item.id, item]));
    expect(byId[sent]).toMatchObject({ kind: 'REQUEST_DECIDED', recipient: 'leo.petit@example.fr', language: 'fr', status: 'SENT', attempts: 1, lastError: null, nextAttemptAt: null });
    expect(byId[sent].sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(byId[refused]).toMatchObject({ recipient: 'nobody@example.fr', language: 'en', status: 'FAILED', attempts: 1, sentAt: null });
    expect(byId[refused].lastError).toMatch(/550/);
    expect(byId[sent]).not.toHaveProperty('payload');

    const failedOnly = await api.call('GET', '/api/mail/outbox?status=FAILED&pageSize=1', { token: tokens.ADMIN });
    expect(failedOnly.body.items.map((item: { id: string }) => item.id)).toEqual([refused]);
    expect(failedOnly.body.total).toBe(1);

    // only a FAILED mail can be retried; unknown and malformed ids are told apart
    const notFailed = await api.call('POST', `/api/mail/outbox/${sent}/retry`, { token: tokens.HR });
    expect(notFailed.status).toBe(409);
    expect(notFailed.body).toMatchObject({ code: 'CONFLICT', status: 'SENT' });
    expect((await api.call('POST', '/api/mail/outbox/999999999/retry', { token: tokens.HR })).status).toBe(404);
    expect((await api.call('POST', '/api/mail/outbox/abc/retry', { token: tokens.HR })).status).toBe(400);

    // the mailbox now exists: HR retries, the mail goes, once
    await restartSmtp();
    const countBefore = smtp.messages.length;
    const retried = await api.call('POST', `/api/mail/outbox/${refused}/retry`, { token: tokens.HR });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: refused, status: 'PENDING' });
    await mail.idle();
    expect(smtp.messages.slice(countBefore).map((m) => [m.to, m.subject])).toEqual([['nobody@example.fr', 'Your request was refused']]);
    const [row] = await db.query(`SELECT status, attempts FROM mail_outbox WHERE id = $1`, [refused]);
    expect(row).toEqual({ status: 'SENT', attempts: 2 });
    const [audit] = await db.query(`SELECT action, entity_type, entity_id, details FROM audit_log WHERE action = 'mail.retried' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ action: 'mail.retried', entity_type: 'mail_outbox', entity_id: refused });
    expect(typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details).toMatchObject({ recipient: 'nobody@example.fr', kind: 'REQUEST_DECIDED' });
    expect((await api.call('POST', `/api/mail/outbox/${refused}/retry`, { token: tokens.HR })).status).toBe(409);
  });

  it('SMTP down: HR sees the mails waiting with the error and the next attempt; SMTP back: each arrives exactly once', async () => {
    const { port, messages } = smtp;
    await smtp.stop();
    const ids = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => insert(`${name}@example.fr`)));
    mail.kick();
    await mail.idle();
    const waiting = await api.call('GET', '/api/mail/outbox?status=PENDING', { token: tokens.HR });
    expect(waiting.body.total).toBe(5);
    expect(waiting.body.counts).toMatchObject({ PENDING: 5, FAILED: 0 });
    for (const item of waiting.body.items) {
      expect(item.attempts).toBe(1);
      expect(item.lastError).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
      expect(Date.parse(item.nextAttemptAt)).toBeGreaterThan(Date.now() + 20_000);
    }

    smtp = await startTestSmtpServer({ port, messages });
    const before = messages.length;
    // a kick before the backoff ends sends nothing
    mail.kick();
    await mail.idle();
    expect(messages.length).toBe(before);
    await db.query(`UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'PENDING'`);
    mail.kick();
    mail.kick(); // folded into the same pass
    await mail.idle();
    const arrived = messages.slice(before);
    expect(arrived.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<outbox-${id}@teletravail.example.fr>`).sort());
    const page = await api.call('GET', '/api/mail/outbox', { token: tokens.HR });
    expect(page.body.counts).toEqual({ PENDING: 0, SENDING: 0, SENT: 5, FAILED: 0 });
    mail.kick();
    await mail.idle();
    expect(messages.length).toBe(before + 5);
  });

  it('the managers\' digest: written once a working day, sent to the manager with the approvals link; none on a Saturday', async () => {
    const [target] = await db.query(
      `SELECT a.id AS agent_id, a.first_name || ' ' || a.last_name AS agent_name, m.email AS manager_email
         FROM org_units o
         JOIN users m ON m.agent_id = o.manager_agent_id AND m.role = 'MANAGER'
         JOIN agents a ON a.org_unit_id = o.id AND a.id <> o.manager_agent_id
        ORDER BY a.employee_number LIMIT 1`,
    );
    expect(target).toBeTruthy();
    await db.query(`INSERT INTO telework_requests (agent_id, date, period, kind, status) VALUES ($1, '2026-12-09', 'AM', 'REMOTE', 'PENDING')`, [target.agent_id]);
    const before = smtp.messages.length;

    expect(await mail.digest('2026-12-05')).toBe(0); // a Saturday
    const written = await mail.digest('2026-12-01');
    expect(written).toBeGreaterThanOrEqual(1);
    const arrived = smtp.messages.slice(before);
    expect(arrived).toHaveLength(written);
    const mine = arrived.filter((m) => m.to === target.manager_email);
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toMatch(/(demandes? attend|waiting for your decision)/);
    expect(mine[0].text).toContain(target.agent_name);
    expect(mine[0].text).toMatch(/mercredi 9 décembre 2026, matin|Wednesday 9 December 2026, morning/);
    expect(mine[0].html).toContain(`href="${PUBLIC_URL}/manager/requests"`);

    // the same day again (a second process, a retried job): nothing more
    expect(await mail.digest('2026-12-01')).toBe(0);
    expect(smtp.messages.length).toBe(before + written);
  });
});

describe('mail outbox without SMTP_URL', () => {
  it('says mail is off, and a kick does nothing', async () => {
    const api = await startApi('embedded');
    try {
      const hr = api.startup.demoLogins.find((l) => l.role === 'HR');
      const token = await api.login(hr?.email as string);
      const page = await api.call('GET', '/api/mail/outbox', { token });
      expect(page.body).toMatchObject({ enabled: false, total: 0 });
      const dispatcher = api.app.get(MailDispatcher);
      expect(dispatcher.mode).toBe('off');
      dispatcher.kick();
      await dispatcher.idle();
    } finally {
      await api.close();
    }
  });
});
