import { formatMessage, NoWorkplaceWhy } from '@telework/contracts';
import { buildTeleworkFeed, FeedHalfDay, parisInstant } from './ical-feed';

describe('iCal feed builder', () => {
  const feed = (halfDays: FeedHalfDay[]) =>
    buildTeleworkFeed({ agentId: 'agent-1', agentName: 'Jeanne Martin', halfDays, now: new Date('2027-03-01T10:00:00Z') });

  it('keeps 08:30 and 13:30 Paris wall-clock times on both sides of the spring summer-time change', () => {
    // summer time starts on Sunday 28 March 2027
    const text = feed([{ date: '2027-03-26', period: 'AM' }, { date: '2027-03-29', period: 'AM' }, { date: '2027-03-29', period: 'PM' }]);
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20270326T083000');
    expect(text).toContain('DTEND;TZID=Europe/Paris:20270326T123000');
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20270329T083000');
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20270329T133000');
    expect(text).toContain('DTEND;TZID=Europe/Paris:20270329T173000');
  });

  it('places the instants right in UTC: 07:30Z in winter, 06:30Z in summer, across the autumn change too', () => {
    expect(new Date(parisInstant('2027-03-26', [8, 30]).getTime()).toISOString()).toBe('2027-03-26T07:30:00.000Z');
    expect(new Date(parisInstant('2027-03-29', [8, 30]).getTime()).toISOString()).toBe('2027-03-29T06:30:00.000Z');
    expect(new Date(parisInstant('2026-10-23', [13, 30]).getTime()).toISOString()).toBe('2026-10-23T11:30:00.000Z');
    expect(new Date(parisInstant('2026-10-26', [13, 30]).getTime()).toISOString()).toBe('2026-10-26T12:30:00.000Z');
  });

  it('describes Europe/Paris once, with UTC stamps, stable UIDs, French summaries and the calendar name', () => {
    const text = feed([{ date: '2026-12-07', period: 'AM' }, { date: '2026-12-08', period: 'PM' }]);
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(text).toContain('X-WR-CALNAME:Télétravail — Jeanne Martin');
    expect(text).toContain('X-WR-TIMEZONE:Europe/Paris');
    expect(text).toContain('UID:agent-1-2026-12-07-AM@telework');
    expect(text).toContain('UID:agent-1-2026-12-08-PM@telework');
    expect(text).toContain('SUMMARY:Télétravail (matin)');
    expect(text).toContain('SUMMARY:Télétravail (après-midi)');
    expect(text.match(/DTSTAMP:20270301T100000Z/g)).toHaveLength(2);
    // lines are folded at 75 octets (RFC 5545 §3.1)
    expect(text.split('\r\n').filter((line) => Buffer.byteLength(line) > 75)).toEqual([]);
  });

  it('gives an empty but valid calendar when nothing is remote', () => {
    const text = feed([]);
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(text.trim().endsWith('END:VCALENDAR')).toBe(true);
    expect(text).not.toContain('BEGIN:VEVENT');
  });

  it('shows a half-day without a workplace with its reason in French, then English, and the event on the days it set', () => {
    const why: NoWorkplaceWhy = {
      code: 'NO_WORKPLACE_POOL_FULL', event: 'Grève des transports', site: 'Hôtel du Département', siteCapacity: 0,
      date: '2026-12-10', period: 'AM', pool: 'VDI', used: 1700, capacity: 1700, reserved: 0,
    };
    const text = feed([
      { date: '2026-12-09', period: 'PM', mode: 'REMOTE' },
      { date: '2026-12-10', period: 'AM', mode: 'NO_WORKPLACE', why, eventLabel: 'Grève des transports', sequence: 42 },
      { date: '2026-12-10', period: 'PM', mode: 'ON_SITE', eventLabel: 'Grève des transports', sequence: 41 },
    ]);
    // unfold the folded lines (RFC 5545 §3.1) and unescape, to read the description
    const unfolded = text.replace(/\r\n /g, '');
    const block = (uid: string) => unfolded.split('BEGIN:VEVENT').find((b) => b.includes(`UID:agent-1-${uid}@telework`)) as string;
    const plain = block('2026-12-09-PM');
    expect(plain).toContain('SUMMARY:Télétravail (après-midi)');
    expect(plain).not.toContain('DESCRIPTION');

    const none = block('2026-12-10-AM');
    expect(none).toContain('SUMMARY:Sans poste de travail (matin)');
    expect(none).toContain('SEQUENCE:42');
    const description = /DESCRIPTION:(.*)\r\n/.exec(none)?.[1].replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');
    expect(description).toBe(
      'Plan de continuité « Grève des transports » : sans poste de travail le jeudi 10 décembre 2026 matin (Grève des transports) : ' +
      'site Hôtel du Département fermé, VDI complet : 1\u202f700 places sur 1\u202f700.\n\n' +
      `Continuity plan “Grève des transports”: ${formatMessage(why, 'en')}.`);
    expect(description).toMatch(/no workplace on Thursday,? 10 December 2026,? morning \(Grève des transports\): site Hôtel du Département closed, VDI pool full: 1,700 of 1,700 seats\.$/);

    const onSite = block('2026-12-10-PM');
    expect(onSite).toContain('SUMMARY:Sur site (après-midi)');
    expect(onSite).toContain('SEQUENCE:41');
    expect(onSite).toContain('Plan de continuité « Grève des transports » : sur site.');
    expect(text.split('\r\n').filter((line) => Buffer.byteLength(line) > 75)).toEqual([]);
  });
});
