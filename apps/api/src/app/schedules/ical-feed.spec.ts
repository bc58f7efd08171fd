import { buildTeleworkFeed, parisInstant } from './ical-feed';

describe('iCal feed builder', () => {
  const feed = (halfDays: { date: string; period: 'AM' | 'PM' }[]) =>
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
});
