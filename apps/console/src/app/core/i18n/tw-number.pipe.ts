import { inject, Pipe, PipeTransform } from '@angular/core';
import { LanguageService } from './language.service';

const formats = new Map<string, Intl.NumberFormat>();

export function formatNumber(
  value: number,
  locale: string,
  options: Intl.NumberFormatOptions = {},
): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format.format(value);
}

/**
 * `{{ n | twNumber }}`: a number the French way (1 540) or the English way (1,540), following
 * the language switch; null or undefined shows an em dash.
 */
@Pipe({ name: 'twNumber', pure: false })
export class TwNumberPipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(
    value: number | null | undefined,
    options?: Intl.NumberFormatOptions,
  ): string {
    if (value === null || value === undefined || Number.isNaN(value)) return '—';
    return formatNumber(value, this.language.locale(), options);
  }
}
