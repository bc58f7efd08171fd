import { addDays, isoWeekday } from './dates';
import { HalfDay, IsoWeek, weeklyMinimum } from './half-days';

/*
 * The frozen part of a week the horizon cuts (snapshot v2, `agents[].carried`): the half-days of
 * horizon.from's ISO week that come before horizon.from, already planned and kept. A nightly run
 * starts after the freeze window, often mid-week; that week's rules are the ISO week's, so its
 * minimum and maximum count the carried half-days with the planned ones (DESIGN.md, "Exact
 * semantics"). One small rule, shared by the engine and the checker.
 */

/** The Monday of a date's ISO week. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The weekday half-days of horizon.from's ISO week before horizon.from: what `carried.working` can be at most. */
export function carriedHalfDaysBefore(from: string): number {
  return 2 * Math.min(isoWeekday(from) - 1, 5);
}

/**
 * The index of the horizon's week that carried half-days belong to: its first week when that is
 * horizon.from's ISO week, else −1 (horizon.from's week has no working half-day in the horizon:
 * nothing planned there, nothing to count them with).
 */
export function carriedWeekIndex(from: string, halfDays: readonly HalfDay[], weeks: readonly IsoWeek[]): number {
  if (weeks.length === 0) return -1;
  return mondayOf(halfDays[weeks[0].halfDays[0]].date) === mondayOf(from) ? 0 : -1;
}

/**
 * R the planned part of a cut week needs so that the ISO week reaches its minimum:
 * floor(weeklyMin × (W + carriedWorking) / 10) − carriedRemote, never below 0. With nothing
 * carried, `weeklyMinimum(weeklyMin, W)` as before.
 */
export function cutWeekMinimum(weeklyMin: number, working: number, carriedWorking: number, carriedRemote: number): number {
  const m = weeklyMinimum(weeklyMin, working + carriedWorking) - carriedRemote;
  return m > 0 ? m : 0;
}

/**
 * R the planned part of a cut week may hold: weeklyMax − carriedRemote, never below 0 (a frozen
 * part already at or above the max leaves nothing to plan; it is not this plan's to undo).
 */
export function cutWeekMax(weeklyMax: number, carriedRemote: number): number {
  const m = weeklyMax - carriedRemote;
  return m > 0 ? m : 0;
}
