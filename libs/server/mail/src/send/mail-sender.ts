import { connect as netConnect, Socket } from 'node:net';
import { createTransport, Transporter } from 'nodemailer';
import SMTPPool = require('nodemailer/lib/smtp-pool');
import type { DataSource } from 'typeorm';
import type { MailKind, MailPayloads } from '@telework/contracts';
import { renderMail } from '../render/render-mail';
import { ClaimedMail, MailOutboxStore } from './mail-outbox.store';

export interface MailSenderSettings {
  /** SMTP_URL: smtp://user:pass@host:587 or smtps://…:465 */
  smtpUrl: string;
  /** MAIL_FROM */
  from: string;
  /** PUBLIC_URL: the console links, and the Message-ID's domain */
  publicUrl: string;
  /** rows claimed at once (sent in parallel over the pool's connections) */
  batchSize?: number;
  /** rows sent at most per call, so that a job ends; the rest waits for the next kick or sweep */
  maxPerRun?: number;
}

/** What one call did: rows sent, put back for a later attempt, refused for good. */
export interface MailSendCounts {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * The pooled SMTP transport: a few connections kept open, and timeouts so an unreachable server
 * fails in seconds. On smtp:// (plain, or STARTTLS) each connection's socket has Nagle's
 * algorithm off: SMTP is a dialogue of small lines, and Nagle with delayed ACKs made each mail
 * wait ~40 ms per connection (bench:api: 64 mails/s instead of 180 to a local server).
 */
export function createMailTransport(smtpUrl: string): Transporter {
  const plain = new URL(smtpUrl).protocol === 'smtp:';
  return createTransport(
    new SMTPPool({
      url: smtpUrl,
      pool: true,
      maxConnections: 5,
      maxMessages: 500,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      dnsTimeout: 10_000,
      ...(plain ? { getSocket: connectWithoutDelay } : {}),
    }),
  );
}

/**
 * Opens a pooled connection's TCP socket with Nagle's algorithm off and hands it to nodemailer
 * connected (the pool takes a ready `connection`, then speaks SMTP and STARTTLS on it as usual).
 * When the server cannot be reached, nodemailer is left to connect by itself: it fails the same
 * way, through the pool's own error path (which drops the dead connection and fails its mail).
 */
function connectWithoutDelay(
  options: { host?: string; port?: number | string },
  callback: (error: Error | null, socketOptions?: { connection: Socket } | false) => void,
): void {
  const socket = netConnect({ host: options.host ?? 'localhost', port: Number(options.port) || 587, noDelay: true });
  let settled = false;
  const settle = (connected: boolean) => {
    if (settled) return;
    settled = true;
    socket.setTimeout(0);
    socket.off('error', failed);
    if (connected) {
      callback(null, { connection: socket });
    } else {
      socket.destroy();
      callback(null, false);
    }
  };
  const failed = () => settle(false);
  socket.once('connect', () => settle(true));
  socket.once('error', failed);
  socket.setTimeout(5_000, failed);
}

/** `<outbox-<id>@<PUBLIC_URL host>>`: the same mail sent again after a crash carries the same Message-ID. */
export function outboxMessageId(id: string, publicUrl: string): string {
  let host = 'localhost';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `<outbox-${id}@${host}>`;
}

type SmtpError = Error & { code?: string; responseCode?: number; command?: string };

/**
 * Whether the server refused this mail for good: a 5xx answer to its recipient or to its
 * content, or an address nodemailer itself cannot use. An unreachable server, a 4xx ("try
 * later"), or a 5xx to the log-in or to MAIL FROM (the product's settings, fixed later) are not:
 * an outage or a misconfiguration delays mail, never loses it.
 */
export function isPermanentRefusal(error: SmtpError): boolean {
  if (typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600) {
    return error.command === 'RCPT TO' || error.command === 'DATA';
  }
  return error.code === 'EENVELOPE' && error.command === 'API';
}

/** Whether the server could not be reached at all: the rest of the batch would fail the same way. */
function isConnectionError(error: SmtpError): boolean {
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET'].includes(error.code ?? '') && !error.responseCode;
}

function describe(error: SmtpError): string {
  const code = [error.code, error.responseCode].filter(Boolean).join(' ');
  return code ? `${code}: ${error.message}` : error.message;
}

/**
 * Sends the outbox: claims due rows in small batches (SKIP LOCKED, so senders in several
 * processes share the work without sending a row twice), words each in its language, sends it
 * through the pooled transport with the row's own Message-ID, then settles the row: SENT (an
 * activation link is then dropped from the row), PENDING again after a backoff (30 s × 2^attempts,
 * at most 1 h) when the server is unreachable or answers 4xx, FAILED when it refuses the recipient
 * (5xx) or the row cannot be worded. A crash between the SMTP answer and the update leaves the
 * row SENDING: it is sent again once its claim runs out (5 min), with the same Message-ID.
 */
export class MailSender {
  private readonly store: MailOutboxStore;
  private readonly transport: Transporter;

  constructor(dataSource: DataSource, private readonly settings: MailSenderSettings, transport?: Transporter) {
    this.store = new MailOutboxStore(dataSource);
    this.transport = transport ?? createMailTransport(settings.smtpUrl);
  }

  /** Sends every row due now (at most maxPerRun); stops early when the server cannot be reached. */
  async sendDue(): Promise<MailSendCounts> {
    const counts: MailSendCounts = { sent: 0, retried: 0, failed: 0 };
    const batchSize = this.settings.batchSize ?? 50;
    const maxPerRun = this.settings.maxPerRun ?? 5_000;
    let handled = 0;
    while (handled < maxPerRun) {
      const batch = await this.store.claim(Math.min(batchSize, maxPerRun - handled));
      if (batch.length === 0) break;
      handled += batch.length;
      const outcomes = await Promise.all(batch.map((row) => this.sendOne(row)));
      for (const outcome of outcomes) counts[outcome.result]++;
      // the server is down: leave the other due rows for the next sweep rather than fail each in turn
      if (outcomes.some((outcome) => outcome.unreachable)) break;
    }
    return counts;
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  private async sendOne(row: ClaimedMail): Promise<{ result: keyof MailSendCounts; unreachable?: boolean }> {
    let mail;
    try {
      mail = renderMail(row.kind, row.payload as MailPayloads[MailKind], row.language, this.settings.publicUrl);
    } catch (error) {
      await this.store.markFailed(row.id, `cannot be worded: ${(error as Error).message}`);
      return { result: 'failed' };
    }
    const messageId = outboxMessageId(row.id, this.settings.publicUrl);
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: row.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': row.language },
      });
    } catch (error) {
      const smtpError = error as SmtpError;
      if (isPermanentRefusal(smtpError)) {
        await this.store.markFailed(row.id, describe(smtpError));
        return { result: 'failed' };
      }
      await this.store.markRetry(row.id, describe(smtpError));
      return { result: 'retried', unreachable: isConnectionError(smtpError) };
    }
    await this.store.markSent(row.id, messageId);
    return { result: 'sent' };
  }
}
