import { TZDate } from '@date-fns/tz';
import ical, { ICalEventTransparency } from 'ical-generator';
import { CodedMessage, formatMessage, formatMessagePeriod } from '@telework/contracts';

export const PARIS = 'Europe/Paris';

/** Wall-clock hours of a half-day in Paris (the agent's working day). */
export const HALF_DAY_HOURS = {
  AM: { start: [8, 30], end: [12, 30] },
  PM: { start: [13, 30], end: [17, 30] },
} as const;

/**
 * Europe/Paris as an iCalendar VTIMEZONE (EU rules since 1996: summer time from the last Sunday
 * of March 02:00 to the last Sunday of October 03:00), so that clients that do not know the
 * Olson name (Outlook) place the wall-clock times right on both sides of a change.
 */
const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface FeedHalfDay {
  date: string;
  period: 'AM' | 'PM';
  /** absent: REMOTE. ON_SITE is shown only inside a continuity event (`eventLabel`) */
  mode?: 'REMOTE' | 'NO_WORKPLACE' | 'ON_SITE';
  /** NO_WORKPLACE: why, as data (NoWorkplaceWhy) */
  why?: CodedMessage | null;
  /** the label of the continuity event that set the half-day */
  eventLabel?: string | null;
  /** the plan version that last set the half-day: the event's SEQUENCE, so a client updates a changed half-day */
  sequence?: number | null;
}

export interface FeedInput {
  agentId: string;
  agentName: string;
  /** REMOTE and NO_WORKPLACE half-days, and ON_SITE ones inside a continuity event, to show */
  halfDays: FeedHalfDay[];
  /** DTSTAMP of every event (the time the feed is built) */
  now: Date;
}

/** The instant a half-day starts or ends: `hour:minute` wall clock in Paris on `date`. */
export function parisInstant(date: string, [hour, minute]: readonly [number, number]): TZDate {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y, m - 1, d, hour, minute, PARIS);
}

/**
 * The agent's telework half-days as an iCalendar feed: one event per REMOTE half-day, start and
 * end as Paris wall-clock times with TZID=Europe/Paris (so 08:30 stays 08:30 across a summer-time
 * change), stable UIDs so that a client refreshing the feed updates events instead of doubling them.
 * During a continuity event the feed shows where the agent works on each half-day: a
 * NO_WORKPLACE half-day is "Sans poste de travail" with its reason (French, then English), an
 * ON_SITE one "Sur site"; the half-day's plan version is its SEQUENCE, so a half-day the event
 * changed (same UID) shows its new state.
 */
export function buildTeleworkFeed(input: FeedInput): string {
  const calendar = ical({
    name: `Télétravail — ${input.agentName}`,
    prodId: { company: 'telework', product: 'rotation-planner', language: 'FR' },
    // An empty name with a generator: ical-generator then writes the VTIMEZONE of the events'
    // zone, and DTSTAMP in UTC (with a calendar-level name it would write DTSTAMP as a floating
    // local time, which RFC 5545 forbids).
    timezone: { name: '', generator: (zone: string) => (zone === PARIS ? PARIS_VTIMEZONE : null) },
    ttl: 60 * 60,
  });
  calendar.x('X-WR-TIMEZONE', PARIS);
  for (const halfDay of input.halfDays) {
    const hours = HALF_DAY_HOURS[halfDay.period];
    calendar.createEvent({
      id: `${input.agentId}-${halfDay.date}-${halfDay.period}@telework`,
      start: parisInstant(halfDay.date, hours.start),
      end: parisInstant(halfDay.date, hours.end),
      timezone: PARIS,
      stamp: input.now,
      ...(halfDay.sequence ? { sequence: halfDay.sequence } : {}),
      summary: `${SUMMARY_FR[halfDay.mode ?? 'REMOTE']} (${formatMessagePeriod(halfDay.period, 'fr')})`,
      description: describe(halfDay),
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

const SUMMARY_FR: Record<NonNullable<FeedHalfDay['mode']>, string> = {
  REMOTE: 'Télétravail',
  NO_WORKPLACE: 'Sans poste de travail',
  ON_SITE: 'Sur site',
};

const SUMMARY_EN: Record<NonNullable<FeedHalfDay['mode']>, string> = {
  REMOTE: 'Telework',
  NO_WORKPLACE: 'No workplace',
  ON_SITE: 'On site',
};

/**
 * French first, then English: the continuity event and, for a NO_WORKPLACE half-day, why (as a
 * person reads it); null outside events (a plain telework half-day says nothing more).
 */
function describe(halfDay: FeedHalfDay): string | null {
  const mode = halfDay.mode ?? 'REMOTE';
  if (!halfDay.eventLabel && mode !== 'NO_WORKPLACE') return null;
  const say = (locale: 'fr' | 'en') => {
    const why = mode === 'NO_WORKPLACE' && halfDay.why ? formatMessage(halfDay.why, locale) : null;
    const lead = halfDay.eventLabel
      ? (locale === 'fr' ? `Plan de continuité « ${halfDay.eventLabel} » : ` : `Continuity plan “${halfDay.eventLabel}”: `) : '';
    const what = why ?? (locale === 'fr' ? SUMMARY_FR : SUMMARY_EN)[mode].toLowerCase();
    return lead ? `${lead}${what}.` : `${what.charAt(0).toUpperCase()}${what.slice(1)}.`;
  };
  const fr = say('fr');
  const en = say('en');
  return `${fr}\n\n${en}`;
}
