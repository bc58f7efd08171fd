// The "mails sent per second" figure of bench:api: N outbox rows on the real PostgreSQL, sent
// by the product's MailSender (pooled nodemailer transport, default batch) to a real SMTP server
// (smtp-server) in this process, each checked received once. Bundled by mail-bench.mjs (esbuild).
import type { MailPayloads } from '@telework/contracts';
import { createDataSource } from '@telework/persistence';
import { MailSender } from '@telework/server-mail';
import { startTestSmtpServer } from '../testing/smtp-server';

export interface MailBenchResult {
  rows: number;
  ms: number;
  mailsPerSecond: number;
  received: number;
  distinctMessageIds: number;
  passes: number;
  /** CPU time of this process (sender and the SMTP server in it) while sending */
  cpuMs: number;
}

const PAYLOAD: MailPayloads['SCHEDULE_CHANGED'] = {
  firstName: 'Camille', from: '2026-12-07', to: '2027-01-03', planVersion: 2, eventLabel: null,
  changes: [
    { date: '2026-12-08', period: 'AM', before: 'ON_SITE', after: 'REMOTE' },
    { date: '2026-12-10', period: 'PM', before: 'REMOTE', after: 'ON_SITE' },
    { date: '2026-12-15', period: 'AM', before: 'ON_SITE', after: 'REMOTE' },
  ],
};

export async function benchMailSending(options: { databaseUrl: string; rows: number; migrate?: boolean }): Promise<MailBenchResult> {
  const dataSource = createDataSource({ mode: 'postgres', url: options.databaseUrl });
  await dataSource.initialize();
  const smtp = await startTestSmtpServer();
  const sender = new MailSender(dataSource, { smtpUrl: smtp.url, from: 'Bench <bench@example.fr>', publicUrl: 'https://teletravail.example.fr' });
  try {
    if (options.migrate) await dataSource.runMigrations();
    await dataSource.query(`DELETE FROM mail_outbox`);
    await dataSource.query(
      `INSERT INTO mail_outbox (kind, recipient, language, payload)
       SELECT 'SCHEDULE_CHANGED', 'agent' || n || '@example.fr', CASE WHEN n % 5 = 0 THEN 'en' ELSE 'fr' END, $2::jsonb
         FROM generate_series(1, $1::int) AS n`,
      [options.rows, JSON.stringify(PAYLOAD)],
    );
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let passes = 0;
    for (;;) {
      passes++;
      const counts = await sender.sendDue();
      if (counts.retried || counts.failed) throw new Error(`mail bench: ${counts.retried} to retry, ${counts.failed} failed`);
      if (counts.sent === 0) break;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM mail_outbox WHERE status = 'SENT'`);
    if (Number(sent) !== options.rows) throw new Error(`mail bench: ${sent} of ${options.rows} rows SENT`);
    await dataSource.query(`DELETE FROM mail_outbox`);
    return {
      rows: options.rows,
      ms: Math.round(ms),
      mailsPerSecond: Math.round((options.rows / ms) * 1000),
      received: smtp.messages.length,
      distinctMessageIds: new Set(smtp.messages.map((m) => m.messageId)).size,
      passes: passes - 1,
      cpuMs: Math.round((used.user + used.system) / 1000),
    };
  } finally {
    await sender.close();
    await smtp.stop();
    await dataSource.destroy();
  }
}
