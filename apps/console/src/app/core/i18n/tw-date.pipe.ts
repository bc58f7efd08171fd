import { inject, Pipe, PipeTransform } from '@angular/core';
import { LanguageService } from './language.service';

/** Every date the console shows is a date in Paris, whatever the browser's time zone. */
export const PLANNING_TIME_ZONE = 'Europe/Paris';

const formats = new Map<string, Intl.DateTimeFormat>();

export function formatParisDate(
  value: Date | string | number,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'full' },
): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...options,
      timeZone: PLANNING_TIME_ZONE,
    });
    formats.set(key, format);
  }
  return format.format(new Date(value));
}

/**
 * `{{ when | twDate }}`: a date in Europe/Paris, in the interface language. Impure so that it
 * follows a language switch; formatters are cached, so it stays cheap.
 */
@Pipe({ name: 'twDate', pure: false })
export class TwDatePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(
    value: Date | string | number | null | undefined,
    options?: Intl.DateTimeFormatOptions,
  ): string {
    if (value === null || value === undefined || value === '') return '';
    return formatParisDate(value, this.language.locale(), options);
  }
}
