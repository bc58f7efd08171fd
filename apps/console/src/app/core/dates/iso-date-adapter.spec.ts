import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { FormControl } from '@angular/forms';
import type { Locale } from 'date-fns';
import { LanguageService } from '../i18n/language.service';
import { initLanguage, provideTestTranslations } from '../../testing/test-helpers';
import { dateErrorKey, markNonWorkingDays, workingDaysOnly } from './date-fields';
import { DATE_LOCALES, DateLocaleSync, provideConsoleDates } from './date-locale';
import { ISO_DATE_FORMATS, IsoDateAdapter, TYPED_DATE_FORMATS } from './iso-date-adapter';
import { planningMonday } from './iso-dates';

describe('IsoDateAdapter', () => {
  const adapter = new IsoDateAdapter();

  it('reads the text typed day first, French style, into the API’s YYYY-MM-DD', () => {
    expect(adapter.parse('07/12/2026', TYPED_DATE_FORMATS)).toBe('2026-12-07');
    expect(adapter.parse('7/1/2027', TYPED_DATE_FORMATS)).toBe('2027-01-07');
    expect(adapter.parse('07/12/26', TYPED_DATE_FORMATS)).toBe('2026-12-07');
    expect(adapter.parse(' 2026-12-07 ', TYPED_DATE_FORMATS)).toBe('2026-12-07');
    expect(adapter.parse('', TYPED_DATE_FORMATS)).toBeNull();
    for (const bad of ['31/02/2026', '12/31/2026', 'demain', '2026-02-30']) {
      const parsed = adapter.parse(bad, TYPED_DATE_FORMATS);
      expect(parsed && adapter.isValid(parsed)).toBe(false);
      expect(adapter.getValidDateOrNull(parsed)).toBeNull();
    }
  });

  it('shows dates jj/mm/aaaa and names months and days in the locale, weeks from Monday', () => {
    expect(adapter.format('2026-12-07', ISO_DATE_FORMATS.display.dateInput)).toBe('07/12/2026');
    expect(adapter.format('2026-12-07', ISO_DATE_FORMATS.display.dateA11yLabel)).toBe(
      'lundi 7 décembre 2026',
    );
    expect(adapter.getMonthNames('long')[11]).toBe('décembre');
    expect(adapter.getDayOfWeekNames('long')[1]).toBe('lundi');
    expect(adapter.getFirstDayOfWeek()).toBe(1);
    adapter.setLocale(DATE_LOCALES.en);
    expect(adapter.getMonthNames('long')[11]).toBe('December');
    expect(adapter.format('2026-12-07', ISO_DATE_FORMATS.display.dateInput)).toBe('07/12/2026');
    expect(adapter.getFirstDayOfWeek()).toBe(1);
    adapter.setLocale(DATE_LOCALES.fr);
  });

  it('does calendar arithmetic on the strings, across months, years and leap days', () => {
    expect(adapter.createDate(2026, 11, 7)).toBe('2026-12-07');
    expect(() => adapter.createDate(2026, 1, 30)).toThrow();
    expect(adapter.addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(adapter.addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(adapter.addCalendarYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(adapter.getDayOfWeek('2026-12-06')).toBe(0);
    expect(adapter.getNumDaysInMonth('2028-02-10')).toBe(29);
    expect(adapter.compareDate('2026-12-07', '2026-12-08')).toBeLessThan(0);
    expect(adapter.deserialize('2026-12-07')).toBe('2026-12-07');
    expect(adapter.deserialize('')).toBeNull();
    expect(adapter.isValid(adapter.deserialize('nonsense') as string)).toBe(false);
  });
});

describe('datepicker helpers', () => {
  it('keeps weekends and public holidays from being picked where a working day is expected', () => {
    expect(workingDaysOnly('2026-12-07')).toBe(true);
    expect(workingDaysOnly('2026-12-05')).toBe(false);
    expect(workingDaysOnly('2026-12-25')).toBe(false);
    expect(markNonWorkingDays('2026-12-25', 'month')).toEqual({
      'tw-date-weekend': false,
      'tw-date-holiday': true,
    });
    expect(markNonWorkingDays('2026-12-06', 'month')).toEqual({
      'tw-date-weekend': true,
      'tw-date-holiday': false,
    });
  });

  it('words each datepicker error with its own message', () => {
    const c = new FormControl<string | null>(null);
    c.setErrors({ matDatepickerParse: { text: 'x' }, required: true });
    expect(dateErrorKey(c)).toBe('dates.invalid');
    c.setErrors({ matDatepickerFilter: true });
    expect(dateErrorKey(c)).toBe('dates.notWorking');
    c.setErrors({ matDatepickerMin: {} });
    expect(dateErrorKey(c)).toBe('dates.tooEarly');
    c.setErrors({ required: true });
    expect(dateErrorKey(c)).toBeNull();
  });
});

describe('the weekend rule', () => {
  it('opens on this week from Monday to Friday, on the coming week on Saturday and Sunday', () => {
    expect(planningMonday('2026-12-07')).toBe('2026-12-07'); // Monday
    expect(planningMonday('2026-12-11')).toBe('2026-12-07'); // Friday
    expect(planningMonday('2026-12-12')).toBe('2026-12-14'); // Saturday
    expect(planningMonday('2026-12-13')).toBe('2026-12-14'); // Sunday
    expect(planningMonday('2027-01-03')).toBe('2027-01-04'); // Sunday, across the year
  });
});

describe('DateLocaleSync', () => {
  it('follows the interface’s language: locale, month names and the datepicker’s labels', async () => {
    TestBed.configureTestingModule({
      providers: [provideTestTranslations(), provideConsoleDates()],
    });
    await initLanguage();
    TestBed.inject(DateLocaleSync);
    const adapter = TestBed.inject<DateAdapter<string, Locale>>(DateAdapter) as IsoDateAdapter;
    const intl = TestBed.inject(MatDatepickerIntl);
    expect(adapter).toBeInstanceOf(IsoDateAdapter);
    expect(adapter.dateLocale).toBe(DATE_LOCALES.fr);
    expect(intl.openCalendarLabel).toBe('Ouvrir le calendrier');
    expect(adapter.getMonthNames('long')[0]).toBe('janvier');

    const changed = jest.fn();
    adapter.localeChanges.subscribe(changed);
    await TestBed.inject(LanguageService).use('en');
    expect(adapter.dateLocale).toBe(DATE_LOCALES.en);
    expect(changed).toHaveBeenCalled();
    expect(adapter.getMonthNames('long')[0]).toBe('January');
    expect(intl.openCalendarLabel).toBe('Open the calendar');
    expect(intl.formatYearRangeLabel('2016', '2039')).toBe('2016 to 2039');

    await TestBed.inject(LanguageService).use('fr');
    expect(adapter.dateLocale).toBe(DATE_LOCALES.fr);
    expect(intl.openCalendarLabel).toBe('Ouvrir le calendrier');
    localStorage.clear();
  });
});
