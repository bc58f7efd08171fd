import { inject, Pipe, PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import type { ContinuityEventDto } from '@telework/contracts';
import { displayDate } from '../core/dates/iso-dates';
import { LanguageService } from '../core/i18n/language.service';
import { formatParisDate } from '../core/i18n/tw-date.pipe';

type EventPeriod = Pick<ContinuityEventDto, 'from' | 'fromPeriod' | 'to' | 'toPeriod'>;

/**
 * A continuity event's period in the interface language, its first and last half-days as dates
 * in Paris: "Du jeudi 10 décembre 2026, matin, au vendredi 11 décembre 2026, après-midi".
 * `short` writes the dates "jeu. 10 déc.". Impure, to follow a language switch.
 */
export function eventPeriodText(
  event: EventPeriod,
  translate: TranslateService,
  locale: string,
  short = false,
): string {
  const options: Intl.DateTimeFormatOptions = short
    ? { weekday: 'short', day: 'numeric', month: 'short' }
    : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  const period = (p: string) => (translate.instant(`periods.${p}`) as string).toLocaleLowerCase(locale);
  return translate.instant('continuity.period', {
    from: formatParisDate(displayDate(event.from), locale, options),
    fromPeriod: period(event.fromPeriod),
    to: formatParisDate(displayDate(event.to), locale, options),
    toPeriod: period(event.toPeriod),
  }) as string;
}

@Pipe({ name: 'twEventPeriod', pure: false })
export class EventPeriodPipe implements PipeTransform {
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);

  transform(event: EventPeriod | null | undefined, short = false): string {
    if (!event) return '';
    return eventPeriodText(event, this.translate, this.language.locale(), short);
  }
}
