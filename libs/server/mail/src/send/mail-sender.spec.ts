import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import type { MailKind, MailPayloads } from '@telework/contracts';
import { createDataSource } from '@telework/persistence';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from '@telework/persistence/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tools/testing is no Nx project: the tests' real SMTP server (shared by lib, API and worker specs)
import { startTestSmtpServer, TestSmtpServer, ReceivedMail } from '../../../../../tools/testing/smtp-server';
import { MailSender } from './mail-sender';

jest.setTimeout(120_000);

const PUBLIC_URL = 'https://teletravail.example.fr';

const PAYLOADS: { [K in MailKind]: MailPayloads[K] } = {
  ACTIVATION: { firstName: 'Zoé', lastName: 'Martin', activationUrl: `${PUBLIC_URL}/activation?token=secret-token`, expiresAt: '2026-12-10T13:30:00.000Z' },
  REQUEST_DECIDED: {
    requestId: 'r-1', firstName: 'Léo', status: 'APPROVED', allocationStatus: 'GRANTED', refusal: null, comment: null,
    halfDays: [{ date: '2026-12-07', period: 'AM' }], decidedBy: 'Paul Durand',
  },
  SCHEDULE_CHANGED: {
    firstName: 'Inès', from: '2026-12-07', to: '2026-12-31', planVersion: 3, eventLabel: null,
    changes: [{ date: '2026-12-09', period: 'PM', before: 'ON_SITE', after: 'REMOTE' }],
  },
  MANAGER_DIGEST: {
    firstName: 'Paul', date: '2026-12-07', total: 1,
    requests: [{ requestId: 'r-2', agentName: 'Léo Petit', halfDays: [{ date: '2026-12-10', period: 'AM' }], createdAt: '2026-12-04T10:00:00.000Z' }],
  },
};

interface OutboxRow {
  id: string;
  kind: MailKind;
  recipient: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  payload: Record<string, unknown>;
  wait_s: number;
  sent_at: Date | null;
}

function uniqueIds(messages: ReceivedMail[]): Set<string> {
  return new Set(messages.map((m) => m.messageId));
}

describe.each(TEST_DATABASE_MODES)('mail sender on %s, real SMTP server', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let smtp: TestSmtpServer;
  const senders: MailSender[] = [];

  function sender(smtpUrl = smtp.url, batchSize?: number): MailSender {
    const created = new MailSender(dataSource, { smtpUrl, from: 'Planificateur <no-reply@teletravail.example.fr>', publicUrl: PUBLIC_URL, batchSize });
    senders.push(created);
    return created;
  }

  async function insert<K extends MailKind>(kind: K, recipient: string, language: 'fr' | 'en' = 'fr', payload: unknown = PAYLOADS[kind]): Promise<string> {
    const [row] = await dataSource.query(
      `INSERT INTO mail_outbox (kind, recipient, language, payload) VALUES ($1, $2, $3, $4::jsonb) RETURNING id::text AS id`,
      [kind, recipient, language, JSON.stringify(payload)],
    );
    return row.id;
  }

  async function insertMany(count: number, prefix: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO mail_outbox (kind, recipient, language, payload)
       SELECT 'SCHEDULE_CHANGED', $2 || n || '@example.fr', CASE WHEN n % 2 = 0 THEN 'en' ELSE 'fr' END, $3::jsonb
         FROM generate_series(1, $1::int) AS n`,
      [count, prefix, JSON.stringify(PAYLOADS.SCHEDULE_CHANGED)],
    );
  }

  async function rows(where = 'TRUE'): Promise<OutboxRow[]> {
    const found: OutboxRow[] = await dataSource.query(
      `SELECT id::text AS id, kind, recipient, status, attempts, last_error, message_id, payload, sent_at,
              EXTRACT(EPOCH FROM next_attempt_at - now())::float8 AS wait_s
         FROM mail_outbox WHERE ${where} ORDER BY id`,
    );
    return found.map((row) => ({ ...row, attempts: Number(row.attempts), wait_s: Number(row.wait_s) }));
  }

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM mail_outbox');
    smtp = await startTestSmtpServer({ rejectRecipients: ['nobody@example.fr'], deferRecipients: ['full@example.fr'] });
  });

  afterEach(async () => {
    for (const created of senders.splice(0)) await created.close();
    await smtp.stop();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (mode === 'embedded') await PGliteInstance.close();
    await database?.drop();
  });

  it('sends each row once, worded in its language, with its own Message-ID; the activation link is not kept', async () => {
    const activation = await insert('ACTIVATION', 'zoe.martin@example.fr', 'fr');
    const decided = await insert('REQUEST_DECIDED', 'leo.petit@example.fr', 'en');
    const digest = await insert('MANAGER_DIGEST', 'paul.durand@example.fr', 'fr');
    const mails = sender();

    expect(await mails.sendDue()).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(3);
    const byTo = Object.fromEntries(smtp.messages.map((m) => [m.to, m]));
    expect(byTo['zoe.martin@example.fr'].subject).toBe('Activez votre compte — Planificateur télétravail');
    expect(byTo['zoe.martin@example.fr'].text).toContain(`Activer mon compte : ${PUBLIC_URL}/activation?token=secret-token`);
    expect(byTo['zoe.martin@example.fr'].html).toContain(`href="${PUBLIC_URL}/activation?token=secret-token"`);
    expect(byTo['zoe.martin@example.fr'].messageId).toBe(`<outbox-${activation}@teletravail.example.fr>`);
    expect(byTo['zoe.martin@example.fr'].from).toBe('no-reply@teletravail.example.fr');
    expect(byTo['leo.petit@example.fr'].subject).toBe('Your request was granted');
    expect(byTo['leo.petit@example.fr'].text).toContain('- Monday 7 December 2026, morning');
    expect(byTo['leo.petit@example.fr'].messageId).toBe(`<outbox-${decided}@teletravail.example.fr>`);
    expect(byTo['paul.durand@example.fr'].subject).toBe('1 demande attend votre décision');
    expect(byTo['paul.durand@example.fr'].html).toContain(`href="${PUBLIC_URL}/manager/requests"`);
    expect(byTo['paul.durand@example.fr'].messageId).toBe(`<outbox-${digest}@teletravail.example.fr>`);

    const stored = await rows();
    expect(stored.map((r) => [r.status, r.attempts, r.last_error])).toEqual([['SENT', 1, null], ['SENT', 1, null], ['SENT', 1, null]]);
    expect(stored.every((r) => r.sent_at !== null)).toBe(true);
    expect(stored.map((r) => r.message_id)).toEqual([activation, decided, digest].map((id) => `<outbox-${id}@teletravail.example.fr>`));
    expect(stored[0].payload).not.toHaveProperty('activationUrl');
    expect(stored[0].payload).toMatchObject({ firstName: 'Zoé', expiresAt: '2026-12-10T13:30:00.000Z' });
    expect(stored[1].payload).toEqual(PAYLOADS.REQUEST_DECIDED);

    // nothing is due any more: a second pass sends nothing
    expect(await mails.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(3);
  });

  it('SMTP down: the rows wait with the error and a growing backoff, none FAILED; back up: each arrives exactly once', async () => {
    const port = smtp.port;
    const mails = sender();
    // the pool holds an open connection from a first mail, then the server goes away
    await insert('REQUEST_DECIDED', 'first@example.fr');
    expect(await mails.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    await smtp.stop();
    await insertMany(12, 'agent');

    const down = await mails.sendDue();
    expect(down.sent).toBe(0);
    expect(down.failed).toBe(0);
    expect(down.retried).toBe(12);
    let waiting = await rows(`status <> 'SENT'`);
    expect(waiting).toHaveLength(12);
    for (const row of waiting) {
      expect(row.status).toBe('PENDING');
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET|connect/i);
      expect(row.wait_s).toBeGreaterThan(25);
      expect(row.wait_s).toBeLessThanOrEqual(30);
    }
    // not due yet: nothing is tried
    expect(await mails.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    // due again, still down: the wait doubles
    await dataSource.query(`UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'PENDING'`);
    expect(await mails.sendDue()).toEqual({ sent: 0, retried: 12, failed: 0 });
    waiting = await rows(`status <> 'SENT'`);
    expect(waiting.every((r) => r.status === 'PENDING' && r.attempts === 2 && r.wait_s > 55 && r.wait_s <= 60)).toBe(true);

    // the server is back on the same port; the rows are due
    const received = smtp.messages;
    smtp = await startTestSmtpServer({ port });
    await dataSource.query(`UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'PENDING'`);
    expect(await mails.sendDue()).toEqual({ sent: 12, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(12);
    expect(uniqueIds(smtp.messages).size).toBe(12);
    expect(uniqueIds([...received, ...smtp.messages]).size).toBe(13);
    expect(smtp.messages.filter((m) => m.subject === 'Your schedule changes: 1 half-day')).toHaveLength(6);
    expect(smtp.messages.filter((m) => m.subject === 'Votre planning change : 1 demi-journée')).toHaveLength(6);
    const sent = await rows();
    expect(sent.every((r) => r.status === 'SENT')).toBe(true);
    expect(sent.filter((r) => r.attempts === 3)).toHaveLength(12);
    expect(await mails.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(12);
  });

  it('a recipient refused with 550 is FAILED with the error; the others of the batch are sent', async () => {
    await insert('REQUEST_DECIDED', 'before@example.fr');
    const refused = await insert('REQUEST_DECIDED', 'nobody@example.fr');
    await insert('REQUEST_DECIDED', 'after@example.fr');
    expect(await sender().sendDue()).toEqual({ sent: 2, retried: 0, failed: 1 });
    const [failed] = await rows(`id = ${refused}`);
    expect(failed.status).toBe('FAILED');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/550/);
    expect(failed.last_error).toMatch(/mailbox unavailable/);
    expect(failed.message_id).toBeNull();
    expect(smtp.messages.map((m) => m.to).sort()).toEqual(['after@example.fr', 'before@example.fr']);
  });

  it('a recipient answered 451 (try later) waits with the error and its backoff, never FAILED', async () => {
    const deferred = await insert('REQUEST_DECIDED', 'full@example.fr');
    expect(await sender().sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [row] = await rows(`id = ${deferred}`);
    expect(row.status).toBe('PENDING');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/451/);
    expect(row.wait_s).toBeGreaterThan(25);
    expect(smtp.messages).toHaveLength(0);
  });

  it('a row that cannot be worded is FAILED with why, and stops nothing else', async () => {
    const broken = await insert('SCHEDULE_CHANGED', 'broken@example.fr', 'fr', { firstName: 'X' });
    await insert('ACTIVATION', 'fine@example.fr', 'en');
    expect(await sender().sendDue()).toEqual({ sent: 1, retried: 0, failed: 1 });
    const [failed] = await rows(`id = ${broken}`);
    expect(failed.status).toBe('FAILED');
    expect(failed.last_error).toMatch(/^cannot be worded/);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Activate your account — Telework planner']);
  });

  it('a row left SENDING by a sender that died is sent again once its claim runs out, with the same Message-ID; a live claim is left alone', async () => {
    const dead = await insert('REQUEST_DECIDED', 'dead@example.fr');
    const live = await insert('REQUEST_DECIDED', 'live@example.fr');
    await dataSource.query(`UPDATE mail_outbox SET status = 'SENDING', claimed_until = now() - interval '1 second' WHERE id = $1`, [dead]);
    await dataSource.query(`UPDATE mail_outbox SET status = 'SENDING', claimed_until = now() + interval '5 minutes' WHERE id = $1`, [live]);
    expect(await sender().sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.messages.map((m) => [m.to, m.messageId])).toEqual([['dead@example.fr', `<outbox-${dead}@teletravail.example.fr>`]]);
    expect((await rows()).map((r) => r.status)).toEqual(['SENT', 'SENDING']);
  });

  if (mode === 'postgres') {
    it('two senders at once never send a row twice (SKIP LOCKED)', async () => {
      await insertMany(300, 'crowd');
      const [first, second] = await Promise.all([sender(smtp.url, 10).sendDue(), sender(smtp.url, 10).sendDue()]);
      expect(first.sent + second.sent).toBe(300);
      expect(first.sent).toBeGreaterThan(0);
      expect(second.sent).toBeGreaterThan(0);
      expect(first.retried + second.retried + first.failed + second.failed).toBe(0);
      expect(smtp.messages).toHaveLength(300);
      expect(uniqueIds(smtp.messages).size).toBe(300);
      expect(new Set(smtp.messages.map((m) => m.to)).size).toBe(300);
      const stored = await rows();
      expect(stored.every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
    });
  }
});
