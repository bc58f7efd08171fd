import { formatMessageDate, formatMessagePeriod } from '@telework/contracts';
import type { AssignmentMode, Language, MailHalfDay } from '@telework/contracts';

/** HTML text and attribute values: names, comments and labels are what people typed. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** « lundi 7 décembre 2026 » / "Monday 7 December 2026": a calendar date, no zone shift. */
export function dateWords(date: string, language: Language): string {
  const words = formatMessageDate(date, language);
  return language === 'en' ? words.replace(/^(\w+),? /, '$1 ') : words;
}

/** « lundi 7 décembre 2026, matin » / "Monday 7 December 2026, morning". */
export function halfDayWords(halfDay: MailHalfDay, language: Language): string {
  return `${dateWords(halfDay.date, language)}, ${formatMessagePeriod(halfDay.period, language)}`;
}

const instantFormats = new Map<Language, Intl.DateTimeFormat>();

/** An instant as read in Europe/Paris: « lundi 7 décembre 2026 à 14:30 » / "Monday 7 December 2026 at 14:30". */
export function instantWords(iso: string, language: Language): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  let format = instantFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
      timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    instantFormats.set(language, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const date = dateWords(`${parts['year']}-${parts['month']}-${parts['day']}`, language);
  return `${date} ${language === 'fr' ? 'à' : 'at'} ${parts['hour']}:${parts['minute']}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in Europe/Paris. */
export function parisDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** The Monday of a date's week (YYYY-MM-DD), for the planning link. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  const shift = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - shift);
  return day.toISOString().slice(0, 10);
}

/** The console's words for a half-day's mode (apps/console i18n `modes`); null: not planned. */
const MODE_WORDS: Record<Language, Record<AssignmentMode | 'NONE', string>> = {
  fr: { REMOTE: 'Télétravail', ON_SITE: 'Sur site', OFF: 'Non travaillé', NO_WORKPLACE: 'Sans poste de travail', NONE: 'non planifié' },
  en: { REMOTE: 'Remote', ON_SITE: 'On site', OFF: 'Not working', NO_WORKPLACE: 'No workplace', NONE: 'not planned' },
};

export function modeWords(mode: AssignmentMode | null, language: Language): string {
  return MODE_WORDS[language][mode ?? 'NONE'];
}

/** "1 demande" / "3 demandes". */
export function plural(count: number, one: string, many: string, language: Language): string {
  return `${new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB').format(count)} ${count === 1 ? one : many}`;
}
