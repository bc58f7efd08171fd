import { SMTPServer } from 'smtp-server';

/** One mail the test server received: the envelope, and the headers and bodies decoded. */
export interface ReceivedMail {
  /** the envelope's MAIL FROM */
  from: string;
  /** the envelope's RCPT TO, joined by ", " */
  to: string;
  /** the From header, decoded */
  fromHeader: string;
  subject: string;
  text: string;
  html: string;
  /** the Message-ID header, with its angle brackets */
  messageId: string;
  headers: Record<string, string>;
}

export interface TestSmtpServerOptions {
  /** 0 (default): a free port; a fixed port to start a server again where the previous one was */
  port?: number;
  /** recipients answered "550 mailbox unavailable" (a permanent refusal) */
  rejectRecipients?: string[];
  /** recipients answered "451 try again later" (a temporary refusal) */
  deferRecipients?: string[];
  /** every mail is kept here (pass the array of a previous server to count across restarts) */
  messages?: ReceivedMail[];
}

export interface TestSmtpServer {
  port: number;
  /** smtp://127.0.0.1:<port> */
  url: string;
  messages: ReceivedMail[];
  /** closes the port and drops open connections at once (an SMTP outage) */
  stop(): Promise<void>;
  /** resolves when `count` mails have arrived; rejects after `ms` */
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
}

/**
 * A real SMTP server (smtp-server, the package nodemailer's authors maintain) on 127.0.0.1, no
 * TLS, any or no authentication, that keeps each mail decoded: enough MIME for what nodemailer
 * writes (multipart/alternative, quoted-printable or base64 bodies, RFC 2047 headers, UTF-8).
 */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages = options.messages ?? [];
  const rejected = new Set((options.rejectRecipients ?? []).map((address) => address.toLowerCase()));
  const deferred = new Set((options.deferRecipients ?? []).map((address) => address.toLowerCase()));
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 50,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    onRcptTo: (address, _session, callback) => {
      if (rejected.has(address.address.toLowerCase())) {
        const error = new Error(`mailbox unavailable: ${address.address}`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      if (deferred.has(address.address.toLowerCase())) {
        const error = new Error(`try again later: ${address.address}`) as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
        return;
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        try {
          const parsed = parseMail(Buffer.concat(chunks).toString('utf8'));
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address).join(', '),
            ...parsed,
          });
          for (const wake of [...waiters]) wake();
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.server.address() as { port: number }).port);
    });
  });
  server.on('error', () => undefined); // a client dropping its socket is not the test's concern

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    waitFor: (count, ms = 10_000) =>
      new Promise<ReceivedMail[]>((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${messages.length} mails arrived within ${ms} ms, ${count} expected`));
        }, ms);
        waiters.add(check);
        check();
      }),
  };
}

type Parsed = Omit<ReceivedMail, 'from' | 'to'>;

function parseMail(raw: string): Parsed {
  const part = parsePart(raw);
  const bodies = { text: '', html: '' };
  collectBodies(part, bodies);
  return {
    fromHeader: part.headers['from'] ?? '',
    subject: part.headers['subject'] ?? '',
    text: bodies.text,
    html: bodies.html,
    messageId: part.headers['message-id'] ?? '',
    headers: part.headers,
  };
}

interface MimePart {
  headers: Record<string, string>;
  body: string;
}

function parsePart(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function collectBodies(part: MimePart, into: { text: string; html: string }): void {
  const type = part.headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = part.body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      collectBodies(parsePart(section.replace(/^\r?\n/, '').replace(/\r?\n$/, '')), into); // the line break before a boundary is the boundary's
    }
    return;
  }
  const decoded = decodeBody(part.body, part.headers['content-transfer-encoding'] ?? '7bit');
  if (/^text\/html/i.test(type)) into.html += decoded;
  else if (/^text\/plain/i.test(type)) into.text += decoded;
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(quotedPrintableBytes(body.replace(/=\r?\n/g, ''))).toString('utf8').replace(/\r\n/g, '\n');
    default:
      return body.replace(/\r\n/g, '\n');
  }
}

function quotedPrintableBytes(value: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '=' && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i], 'utf8'));
    }
  }
  return bytes;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), adjacent ones joined. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QB]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_all, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(quotedPrintableBytes(text.replace(/_/g, ' '))).toString('utf8'),
    );
}
