import {
  EnvironmentProviders,
  inject,
  Injectable,
  makeEnvironmentProviders,
  provideAppInitializer,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
} from '@angular/material/core';
import { MatDatepickerIntl } from '@angular/material/datepicker';
import { TranslateService } from '@ngx-translate/core';
import type { Locale } from 'date-fns';
import { enGB, fr } from 'date-fns/locale';
import { isLanguage, Language, LanguageService } from '../i18n/language.service';
import { ISO_DATE_FORMATS, IsoDateAdapter } from './iso-date-adapter';
import type { IsoDate } from './iso-dates';

/** date-fns locales of the console's languages (the same as LanguageService's locales). */
export const DATE_LOCALES: Record<Language, Locale> = { fr, en: enGB };

const INTL_KEYS = [
  'calendarLabel',
  'openCalendarLabel',
  'closeCalendarLabel',
  'prevMonthLabel',
  'nextMonthLabel',
  'prevYearLabel',
  'nextYearLabel',
  'prevMultiYearLabel',
  'nextMultiYearLabel',
  'switchToMonthViewLabel',
  'switchToMultiYearViewLabel',
  'startDateLabel',
  'endDateLabel',
  'comparisonDateLabel',
] as const;

/**
 * Keeps the datepicker in the interface's language: on every switch (and at start-up) the
 * adapter's date-fns locale (month and day names, weeks from Monday) and the datepicker's
 * button and calendar labels.
 */
@Injectable({ providedIn: 'root' })
export class DateLocaleSync {
  private readonly adapter = inject<DateAdapter<IsoDate, Locale>>(DateAdapter);
  private readonly intl = inject(MatDatepickerIntl);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);

  private lang: Language | null = null;

  constructor() {
    // every time the translations are there or change language (at start-up they may still be
    // loading: the stream waits for them)
    this.translate
      .stream('dates.picker')
      .pipe(takeUntilDestroyed())
      .subscribe((texts: Record<string, string> | string) => {
        const current = this.translate.getCurrentLang();
        this.apply(isLanguage(current) ? current : this.language.current(), texts);
      });
  }

  private apply(lang: Language, texts: Record<string, string> | string): void {
    if (lang !== this.lang) this.adapter.setLocale(DATE_LOCALES[lang]);
    this.lang = lang;
    if (typeof texts === 'object') {
      for (const key of INTL_KEYS) if (typeof texts[key] === 'string') this.intl[key] = texts[key];
      const yearRange = texts['yearRange'] ?? '{{start}} – {{end}}';
      this.intl.formatYearRangeLabel = (start, end) =>
        yearRange.replace('{{start}}', start).replace('{{end}}', end);
    }
    this.intl.formatYearRange = (start, end) => `${start} – ${end}`;
    this.intl.changes.next();
  }
}

/**
 * The console's dates: Material's datepicker on `YYYY-MM-DD` strings through date-fns,
 * typed and shown `jj/mm/aaaa`, in the interface's language.
 */
export function provideConsoleDates(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: DateAdapter, useClass: IsoDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: ISO_DATE_FORMATS },
    provideAppInitializer(() => {
      inject(DateLocaleSync);
    }),
  ]);
}
