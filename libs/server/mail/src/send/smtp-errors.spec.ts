import { isPermanentRefusal, mailBackoffSeconds, outboxMessageId } from './index';

describe('what the sender does with an SMTP answer', () => {
  const error = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);

  it('a 5xx on the recipient or the content is for good', () => {
    expect(isPermanentRefusal(error({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }))).toBe(true);
    expect(isPermanentRefusal(error({ code: 'EMESSAGE', responseCode: 554, command: 'DATA' }))).toBe(true);
    expect(isPermanentRefusal(error({ code: 'EENVELOPE', command: 'API' }))).toBe(true); // an address nodemailer cannot use
  });

  it('an outage, a 4xx, or the product\'s own log-in or sender refused is retried', () => {
    expect(isPermanentRefusal(error({ code: 'ECONNECTION', command: 'CONN' }))).toBe(false);
    expect(isPermanentRefusal(error({ code: 'ETIMEDOUT' }))).toBe(false);
    expect(isPermanentRefusal(error({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }))).toBe(false);
    expect(isPermanentRefusal(error({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }))).toBe(false);
    expect(isPermanentRefusal(error({ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }))).toBe(false);
  });

  it('waits 30 s, then twice as long each time, at most an hour', () => {
    expect([0, 1, 2, 3, 6, 7, 30].map(mailBackoffSeconds)).toEqual([30, 60, 120, 240, 1_920, 3_600, 3_600]);
  });

  it('names each row\'s mail after the row and PUBLIC_URL\'s host', () => {
    expect(outboxMessageId('42', 'https://teletravail.cg99.fr/')).toBe('<outbox-42@teletravail.cg99.fr>');
    expect(outboxMessageId('7', 'not a url')).toBe('<outbox-7@localhost>');
  });
});
