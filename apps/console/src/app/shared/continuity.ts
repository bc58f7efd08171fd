import type {
  ContinuityEventDto,
  HalfDayPeriod,
  MessageLocale,
  ScheduleHalfDayDto,
} from '@telework/contracts';
import { refusalText } from './refusal-text';

/**
 * Continuity events on the console's pages: which half-days an event covers (its first and last
 * half-day inclusive), which events meet a period, and why a half-day has no workplace, in the
 * reader's language.
 */

/** A half-day as a sortable key: `2026-12-07:0` (morning) before `2026-12-07:1` (afternoon). */
export function halfDayKey(date: string, period: HalfDayPeriod): string {
  return `${date}:${period === 'AM' ? 0 : 1}`;
}

type EventPeriod = Pick<ContinuityEventDto, 'from' | 'fromPeriod' | 'to' | 'toPeriod'>;

/** Whether the event covers that half-day (from its first to its last half-day, inclusive). */
export function eventCovers(event: EventPeriod, date: string, period: HalfDayPeriod): boolean {
  const key = halfDayKey(date, period);
  return key >= halfDayKey(event.from, event.fromPeriod) && key <= halfDayKey(event.to, event.toPeriod);
}

/** Whether the event has a half-day between the dates `from` and `to` (inclusive). */
export function eventMeets(event: EventPeriod, from: string, to: string): boolean {
  return event.from <= to && event.to >= from;
}

/** The events that are not ended (DRAFT or ACTIVE) meeting `[from, to]`, active first. */
export function liveEventsMeeting(events: readonly ContinuityEventDto[], from: string, to: string): ContinuityEventDto[] {
  return events
    .filter((e) => e.status !== 'ENDED' && eventMeets(e, from, to))
    .sort((a, b) => (a.status === b.status ? a.from.localeCompare(b.from) : a.status === 'ACTIVE' ? -1 : 1));
}

/**
 * Why a NO_WORKPLACE half-day has no workplace, in `locale`: its coded `why` worded through the
 * catalogue of libs/contracts, else the English record as it came; null when neither is there.
 */
export function noWorkplaceText(
  halfDay: Pick<ScheduleHalfDayDto, 'why' | 'reason'>,
  locale: MessageLocale,
): string | null {
  return refusalText(halfDay.why ?? null, halfDay.reason ?? null, locale);
}

/** The label of the event a coded reason names (`why.event`), if any. */
export function eventLabelOf(why: unknown): string | null {
  const label = (why as { event?: unknown } | null | undefined)?.event;
  return typeof label === 'string' && label.trim() ? label : null;
}
