import type { AbstractControl } from '@angular/forms';
import {
  MatDatepicker,
  MatDatepickerInput,
  MatDatepickerToggle,
  type DateFilterFn,
  type MatCalendarCellClassFunction,
} from '@angular/material/datepicker';
import type { IsoDate } from './iso-dates';
import { isFrenchPublicHoliday, isWeekend, nonWorkingWhy } from './public-holidays';

/**
 * The datepicker's parts, for a component's `imports`, rather than MatDatepickerModule: the
 * module provides its own MatDatepickerIntl to every standalone component importing it, which
 * would hide the translated one of the root injector (labels left in English).
 */
export const DATEPICKER = [MatDatepicker, MatDatepickerInput, MatDatepickerToggle] as const;

/**
 * For a date where a working half-day is expected (a request, a reservation): weekends and
 * public holidays cannot be picked (disabled in the calendar; typed, they fail the
 * `matDatepickerFilter` check with its message).
 */
export const workingDaysOnly: DateFilterFn<IsoDate | null> = (date) =>
  !date || nonWorkingWhy(date) === null;

/** Marks weekends and public holidays in the month view, where any date may be picked. */
export const markNonWorkingDays: MatCalendarCellClassFunction<IsoDate> = (date, view) =>
  view === 'month'
    ? { 'tw-date-weekend': isWeekend(date), 'tw-date-holiday': isFrenchPublicHoliday(date) }
    : '';

/**
 * The translation key of what is wrong with a datepicker's value (typed text that is not a
 * date, a day that cannot be picked, too early or too late); null when nothing is, or only
 * "required", which each form words itself.
 */
export function dateErrorKey(control: AbstractControl | null): string | null {
  if (!control) return null;
  if (control.hasError('matDatepickerParse')) return 'dates.invalid';
  if (control.hasError('matDatepickerFilter')) return 'dates.notWorking';
  if (control.hasError('matDatepickerMin')) return 'dates.tooEarly';
  if (control.hasError('matDatepickerMax')) return 'dates.tooLate';
  return null;
}
