import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { generateScenario } from '@telework/planning';
import { createDataSource, seedDemoDepartement } from '@telework/persistence';
import { createTestDatabase, TestDatabase } from '@telework/persistence/testing';
import { createAllocationRun, publishEngineRotation } from '@telework/planning-data';
import { loadConfig } from '@telework/server-config';
import { ALLOCATION_JOB_OPTIONS, ALLOCATION_QUEUE, bullConnection } from '@telework/server-infrastructure';
import { MAIL_DIGEST_SCHEDULER_ID, MAIL_QUEUE, MAIL_SWEEP_SCHEDULER_ID } from '@telework/server-mail';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tools/testing is no Nx project: the tests' real SMTP server (shared by lib, API and worker specs)
import { startTestSmtpServer, TestSmtpServer } from '../../../../tools/testing/smtp-server';
import { createWorker } from './bootstrap';

jest.setTimeout(240_000);

const FROM = '2026-12-07';
const TO = '2026-12-20';
const REDIS_URL = 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The worker (the same Nest module as the worker process) on the real PostgreSQL, Redis and an
 * SMTP server: an allocation run writes a mail per agent whose half-days changed, while the SMTP
 * server is down; the mails wait; the server comes back and the sweep alone (no kick) sends each
 * mail exactly once.
 */
describe('mail jobs in the worker, real PostgreSQL, Redis and SMTP', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let smtp: TestSmtpServer;
  let worker: INestApplicationContext | undefined;
  const prefix = `mailtest${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedDemoDepartement(dataSource, generateScenario('tiny', 5), 'unused-hash');
    await publishEngineRotation(dataSource, FROM, TO);
    smtp = await startTestSmtpServer();
  });

  afterAll(async () => {
    await worker?.close();
    await smtp?.stop();
    const queue = new Queue(MAIL_QUEUE, { connection: bullConnection(REDIS_URL), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('SMTP down during a run: the mails wait; SMTP back: the sweep sends each exactly once', async () => {
    const { port, messages } = smtp;
    await smtp.stop();
    const config = loadConfig({
      DATABASE_URL: (database.config as { url: string }).url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'error',
      ALLOCATION_CATCH_UP: 'false', PLANNING_TODAY: '2026-11-30', SMTP_URL: `smtp://127.0.0.1:${port}`,
      PUBLIC_URL: 'https://teletravail.example.fr', MANAGER_DIGEST_CRON: '30 7 * * 1-5',
    });
    worker = await createWorker(config);
    await worker.init();

    const mailQueue = new Queue(MAIL_QUEUE, { connection: bullConnection(REDIS_URL), prefix });
    const allocationQueue = new Queue(ALLOCATION_QUEUE, { connection: bullConnection(REDIS_URL), prefix });
    try {
      const schedulers = await mailQueue.getJobSchedulers();
      const byId = Object.fromEntries(schedulers.map((s) => [s.key ?? s.id, s]));
      expect(Object.keys(byId).sort()).toEqual([MAIL_DIGEST_SCHEDULER_ID, MAIL_SWEEP_SCHEDULER_ID].sort());
      expect(byId[MAIL_DIGEST_SCHEDULER_ID]).toMatchObject({ pattern: '30 7 * * 1-5', tz: 'Europe/Paris' });
      expect(Number(byId[MAIL_SWEEP_SCHEDULER_ID].every)).toBe(30_000);

      const run = await createAllocationRun(dataSource, 'MANUAL', FROM, TO, null);
      await allocationQueue.add('allocation.run', { runId: run.id }, { ...ALLOCATION_JOB_OPTIONS, jobId: run.id });
      const done = await waitUntil('the run', async () => {
        const [row] = await dataSource.query(`SELECT status, error FROM allocation_runs WHERE id = $1`, [run.id]);
        return ['SUCCEEDED', 'FAILED'].includes(row.status) ? row : null;
      });
      expect(done).toMatchObject({ status: 'SUCCEEDED', error: null });

      // the run's kick tried them at once: all wait, with the error, none lost nor failed
      const rows: { id: string; recipient: string }[] = await dataSource.query(`SELECT id::text AS id, recipient FROM mail_outbox WHERE kind = 'SCHEDULE_CHANGED' ORDER BY id`);
      expect(rows.length).toBeGreaterThan(0);
      await waitUntil('the first attempt', async () => {
        const [{ tried }] = await dataSource.query(`SELECT count(*)::int AS tried FROM mail_outbox WHERE attempts >= 1`);
        return tried === rows.length;
      }, 30_000);
      const states = await dataSource.query(`SELECT status, count(*)::int AS n, bool_and(last_error IS NOT NULL) AS errors, min(next_attempt_at) > now() AS later FROM mail_outbox GROUP BY status`);
      expect(states).toEqual([{ status: 'PENDING', n: rows.length, errors: true, later: true }]);
      expect(messages).toHaveLength(0);

      // the server is back; the backoff ends; no kick: the 30 s sweep sends them
      smtp = await startTestSmtpServer({ port, messages });
      await dataSource.query(`UPDATE mail_outbox SET next_attempt_at = now()`);
      await smtp.waitFor(rows.length, 60_000);
      await sleep(2_000);
      expect(messages).toHaveLength(rows.length);
      expect(new Set(messages.map((m) => m.messageId))).toEqual(new Set(rows.map((row) => `<outbox-${row.id}@teletravail.example.fr>`)));
      expect(messages.map((m) => m.to).sort()).toEqual(rows.map((row) => row.recipient).sort());
      expect(messages.every((m) => /^(Votre planning change|Your schedule changes)/.test(m.subject))).toBe(true);
      expect(messages[0].text).toMatch(/https:\/\/teletravail\.example\.fr\/agent\/planning\?week=\d{4}-\d{2}-\d{2}/);
      const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM mail_outbox WHERE status = 'SENT' AND attempts = 2`);
      expect(sent).toBe(rows.length);
    } finally {
      await mailQueue.close();
      await allocationQueue.close();
    }
  });
});
