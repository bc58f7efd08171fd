import { tz } from '@date-fns/tz';
import { addDays, format, getISODay, getISOWeek, getISOWeekYear, isValid, parseISO } from 'date-fns';
import { Period, WEEKDAY_HALF_DAYS, WeekdayHalfDay } from '../model/snapshot';
import { closedDayWhy, isOffHalfDay } from './working-half-day';

export const DEFAULT_TIMEZONE = 'Europe/Paris';

/** One working half-day of a horizon. */
export interface HalfDay {
  /** position in the horizon's list of working half-days */
  index: number;
  /** YYYY-MM-DD */
  date: string;
  period: Period;
  /** "2026-12-07AM", the form used by `Plan.halfDays` */
  key: string;
  /** 1 = Monday … 5 = Friday */
  isoDay: number;
  /** MON_AM … FRI_PM */
  weekdayHalfDay: WeekdayHalfDay;
  /** 0 (MON_AM) … 9 (FRI_PM) */
  slot: number;
  isoWeekYear: number;
  isoWeek: number;
}

/** An ISO week cut to the horizon: only its working half-days inside the horizon. */
export interface IsoWeek {
  index: number;
  isoWeekYear: number;
  isoWeek: number;
  /** e.g. "2026-W50" */
  id: string;
  /** indexes into the horizon's half-days, in time order */
  halfDays: number[];
}

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const d = parseISO(value);
  return isValid(d) && format(d, 'yyyy-MM-dd') === value;
}

export function halfDayKey(date: string, period: Period): string {
  return `${date}${period}`;
}

/** Slot number 0..9 of a weekday half-day. */
export function slotOf(isoDay: number, period: Period): number {
  return (isoDay - 1) * 2 + (period === 'AM' ? 0 : 1);
}

/**
 * The working half-days of a horizon, in time order: Monday to Friday, AM then PM, minus
 * `closedDates`: the dates where `closedDayWhy` (working-half-day.ts) is null. Dates are
 * calendar dates of `timezone` (Europe/Paris by default); the planner adds no public holiday of
 * its own.
 */
export function workingHalfDays(
  horizon: { from: string; to: string },
  closedDates: readonly string[] = [],
  timezone: string = DEFAULT_TIMEZONE,
): HalfDay[] {
  const inZone = { in: tz(timezone) };
  const closed = new Set(closedDates);
  const out: HalfDay[] = [];
  if (!isIsoDate(horizon.from) || !isIsoDate(horizon.to) || horizon.from > horizon.to) return out;
  let day = parseISO(horizon.from, inZone);
  // A horizon is a few weeks; the bound only guards against absurd input.
  for (let guard = 0; guard < 4000; guard++) {
    const date = format(day, 'yyyy-MM-dd', inZone);
    if (date > horizon.to) break;
    const isoDay = getISODay(day, inZone);
    if (closedDayWhy(date, closed, horizon) === null) {
      const isoWeekYear = getISOWeekYear(day, inZone);
      const isoWeek = getISOWeek(day, inZone);
      for (const period of ['AM', 'PM'] as const) {
        const slot = slotOf(isoDay, period);
        out.push({
          index: out.length,
          date,
          period,
          key: halfDayKey(date, period),
          isoDay,
          weekdayHalfDay: WEEKDAY_HALF_DAYS[slot],
          slot,
          isoWeekYear,
          isoWeek,
        });
      }
    }
    day = addDays(day, 1, inZone);
  }
  return out;
}

/** ISO weeks of a list of half-days (as returned by `workingHalfDays`), cut to it. */
export function isoWeeks(halfDays: readonly HalfDay[]): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  let current: IsoWeek | undefined;
  for (const h of halfDays) {
    if (!current || current.isoWeek !== h.isoWeek || current.isoWeekYear !== h.isoWeekYear) {
      current = {
        index: weeks.length,
        isoWeekYear: h.isoWeekYear,
        isoWeek: h.isoWeek,
        id: `${h.isoWeekYear}-W${String(h.isoWeek).padStart(2, '0')}`,
        halfDays: [],
      };
      weeks.push(current);
    }
    current.halfDays.push(h.index);
  }
  return weeks;
}

/**
 * Bit mask (bit = slot 0..9) of the weekday half-days an agent does not work: bit s is set
 * when `isOffHalfDay(WEEKDAY_HALF_DAYS[s])`, the PART_TIME step of `notWorkingWhy`.
 */
export function offMask(offHalfDays: readonly WeekdayHalfDay[] | undefined): number {
  let mask = 0;
  WEEKDAY_HALF_DAYS.forEach((code, slot) => {
    if (isOffHalfDay(code, offHalfDays)) mask |= 1 << slot;
  });
  return mask;
}

/** The half-days of the horizon an agent works: the working half-days minus its off ones. */
export function agentWorkingHalfDays(
  halfDays: readonly HalfDay[],
  offHalfDays: readonly WeekdayHalfDay[] | undefined,
): HalfDay[] {
  const off = offMask(offHalfDays);
  return halfDays.filter((h) => (off & (1 << h.slot)) === 0);
}

/**
 * The weekly minimum of remote half-days in a week where the agent works `workingInWeek`
 * half-days: floor(weeklyMin × W / 10) (DESIGN.md, "Exact semantics").
 */
export function weeklyMinimum(weeklyMin: number, workingInWeek: number): number {
  return Math.floor((weeklyMin * workingInWeek) / 10);
}
