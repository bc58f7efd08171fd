import { Injectable } from '@angular/core';
import { DateAdapter, MatDateFormats } from '@angular/material/core';
import {
  addDays as addDaysFns,
  addMonths,
  addYears,
  format,
  getDaysInMonth,
  isValid as isValidDate,
  parse,
  type Locale,
} from 'date-fns';
import { fr } from 'date-fns/locale';
import { IsoDate, isIsoDate, todayInParis } from './iso-dates';

/** What `invalid()` answers: a "date" the adapter knows but that is not valid. */
const INVALID = 'invalid';
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Typed dates are day first in both languages (`jj/mm/aaaa`, `dd/mm/yyyy` as en-GB writes it);
 * two-digit years are read as the closest century (`07/12/26` is 2026). A pasted
 * `YYYY-MM-DD` is accepted as is.
 */
export const TYPED_DATE_FORMATS = ['dd/MM/yyyy', 'dd/MM/yy'];

/** Formats given to MAT_DATE_FORMATS, date-fns patterns read in the adapter's locale. */
export const ISO_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: TYPED_DATE_FORMATS, timeInput: 'HH:mm' },
  display: {
    dateInput: 'dd/MM/yyyy',
    timeInput: 'HH:mm',
    monthYearLabel: 'LLLL yyyy',
    // what a screen reader says for a day of the calendar: « lundi 7 décembre 2026 »
    dateA11yLabel: 'PPPP',
    monthYearA11yLabel: 'LLLL yyyy',
    timeOptionLabel: 'HH:mm',
  },
};

function toLocal(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  const local = new Date(2000, 0, 1);
  local.setFullYear(y, m - 1, d);
  return local;
}

function fromLocal(date: Date): IsoDate {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Material's DateAdapter whose dates ARE the API's calendar dates, `YYYY-MM-DD` strings:
 * form controls hold what the API reads and writes (no time zone, no conversion before a
 * request), while the datepicker shows and parses them with date-fns in the console's
 * language (`07/12/2026`, « décembre 2026 », weeks from Monday). The locale is a date-fns
 * `Locale`, kept in step with the interface's language by `DateLocaleSync`.
 */
@Injectable()
export class IsoDateAdapter extends DateAdapter<IsoDate, Locale> {
  constructor() {
    super();
    this.setLocale(fr);
  }

  /** The date-fns locale in use (Material keeps `locale` protected). */
  get dateLocale(): Locale {
    return this.locale;
  }

  getYear(date: IsoDate): number {
    return Number(date.slice(0, 4));
  }

  getMonth(date: IsoDate): number {
    return Number(date.slice(5, 7)) - 1;
  }

  getDate(date: IsoDate): number {
    return Number(date.slice(8, 10));
  }

  getDayOfWeek(date: IsoDate): number {
    return toLocal(date).getDay();
  }

  getMonthNames(style: 'long' | 'short' | 'narrow'): string[] {
    const pattern = { long: 'LLLL', short: 'LLL', narrow: 'LLLLL' }[style];
    return Array.from({ length: 12 }, (_, i) =>
      format(new Date(2017, i, 1), pattern, { locale: this.locale }),
    );
  }

  getDateNames(): string[] {
    return Array.from({ length: 31 }, (_, i) => String(i + 1));
  }

  getDayOfWeekNames(style: 'long' | 'short' | 'narrow'): string[] {
    const pattern = { long: 'EEEE', short: 'EEE', narrow: 'EEEEE' }[style];
    // 1 January 2017 was a Sunday: index 0 is Sunday, as Material expects
    return Array.from({ length: 7 }, (_, i) =>
      format(new Date(2017, 0, i + 1), pattern, { locale: this.locale }),
    );
  }

  getYearName(date: IsoDate): string {
    return String(this.getYear(date));
  }

  getFirstDayOfWeek(): number {
    return this.locale?.options?.weekStartsOn ?? 1;
  }

  getNumDaysInMonth(date: IsoDate): number {
    return getDaysInMonth(toLocal(date));
  }

  clone(date: IsoDate): IsoDate {
    return date;
  }

  createDate(year: number, month: number, date: number): IsoDate {
    if (month < 0 || month > 11) throw Error(`Invalid month index "${month}".`);
    if (date < 1) throw Error(`Invalid date "${date}".`);
    const local = new Date(2000, 0, 1);
    local.setFullYear(year, month, date);
    if (local.getMonth() !== month) throw Error(`Invalid date "${date}" for month with index "${month}".`);
    return fromLocal(local);
  }

  /** Today in Paris, where the planning's days are counted. */
  today(): IsoDate {
    return todayInParis();
  }

  parse(value: unknown, parseFormat: string | string[]): IsoDate | null {
    if (value instanceof Date) return isValidDate(value) ? fromLocal(value) : this.invalid();
    if (typeof value !== 'string') return null;
    const text = value.trim();
    if (!text) return null;
    if (ISO_SHAPE.test(text)) return isIsoDate(text) ? text : this.invalid();
    const formats = Array.isArray(parseFormat) ? parseFormat : [parseFormat];
    for (const f of formats) {
      const parsed = parse(text, f, new Date(2000, 0, 1), { locale: this.locale });
      // "07/12/26" read as dd/MM/yyyy is year 26: leave it to dd/MM/yy
      if (isValidDate(parsed) && parsed.getFullYear() >= 1000) return fromLocal(parsed);
    }
    return this.invalid();
  }

  format(date: IsoDate, displayFormat: string): string {
    if (!this.isValid(date)) throw Error('IsoDateAdapter: cannot format an invalid date.');
    return format(toLocal(date), displayFormat, { locale: this.locale });
  }

  addCalendarYears(date: IsoDate, years: number): IsoDate {
    return fromLocal(addYears(toLocal(date), years));
  }

  addCalendarMonths(date: IsoDate, months: number): IsoDate {
    return fromLocal(addMonths(toLocal(date), months));
  }

  addCalendarDays(date: IsoDate, days: number): IsoDate {
    return fromLocal(addDaysFns(toLocal(date), days));
  }

  toIso8601(date: IsoDate): string {
    return date;
  }

  override deserialize(value: unknown): IsoDate | null {
    if (value === '' || value === null || value === undefined) return null;
    if (typeof value === 'string' && isIsoDate(value)) return value;
    if (value instanceof Date && isValidDate(value)) return fromLocal(value);
    return this.invalid();
  }

  isDateInstance(obj: unknown): boolean {
    return typeof obj === 'string' && (obj === INVALID || ISO_SHAPE.test(obj));
  }

  isValid(date: IsoDate): boolean {
    return isIsoDate(date);
  }

  invalid(): IsoDate {
    return INVALID;
  }

  override compareDate(first: IsoDate, second: IsoDate): number {
    return first < second ? -1 : first > second ? 1 : 0;
  }
}
