/**
 * Reasons and errors travel as data, `{ code, ...figures }`, from the engine and the API to the
 * edges (console, iCal, e-mail, CSV, the plan file), and only there become words. This file
 * turns one such message into French or English with the figures formatted for the reader.
 */

export type MessageLocale = 'fr' | 'en';

/**
 * `person`: what a person reads in the console, an e-mail or a calendar ("mardi 8 décembre,
 * après-midi", "1 700"). `record`: the plain English of DESIGN.md kept in plan files, logs and
 * the audit ("2026-12-08 PM", "1,700").
 */
export type MessageStyle = 'person' | 'record';

/** A coded message: its code and the figures it names. */
export interface CodedMessage {
  code: string;
  [figure: string]: unknown;
}

/** The figures of a message, formatted for the reader; `halfDay` joins `date` and `period`. */
export type FormattedFigures<M> = { readonly [K in keyof M]-?: string } & { readonly halfDay: string };

export interface MessageTexts<M> {
  fr: (f: FormattedFigures<M>, m: M, style: MessageStyle) => string;
  en: (f: FormattedFigures<M>, m: M, style: MessageStyle) => string;
}

/** One text per code of the union `M`, each typed by its own figures. */
export type MessageCatalogue<M extends CodedMessage> = {
  [C in M['code']]: MessageTexts<Extract<M, { code: C }>>;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const PERIOD_WORDS: Record<MessageLocale, Record<string, string>> = {
  fr: { AM: 'matin', PM: 'après-midi' },
  en: { AM: 'morning', PM: 'afternoon' },
};

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: MessageLocale, style: MessageStyle): Intl.NumberFormat {
  const key = style === 'record' ? 'record' : locale;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(style === 'record' ? 'en-US' : locale === 'fr' ? 'fr-FR' : 'en-GB');
    numberFormats.set(key, format);
  }
  return format;
}

/** A number as the reader reads it ("1 700" in French, "1,700" in records), for figures inside list figures. */
export function formatMessageNumber(value: number, locale: MessageLocale, style: MessageStyle = 'person'): string {
  return numberFormat(locale, style).format(value);
}

/** "mardi 8 décembre 2026" / "Tuesday 8 December 2026"; the date is a calendar date, no zone shift. */
export function formatMessageDate(date: string, locale: MessageLocale, style: MessageStyle = 'person'): string {
  if (style === 'record' || !ISO_DATE.test(date)) return date;
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${date}T12:00:00Z`));
}

export function formatMessagePeriod(period: string, locale: MessageLocale, style: MessageStyle = 'person'): string {
  return style === 'record' ? period : PERIOD_WORDS[locale][period] ?? period;
}

function formatFigure(name: string, value: unknown, locale: MessageLocale, style: MessageStyle): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return numberFormat(locale, style).format(value);
  if (typeof value === 'string') {
    if (name === 'period') return formatMessagePeriod(value, locale, style);
    if (ISO_DATE.test(value)) return formatMessageDate(value, locale, style);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatFigure(name, v, locale, style)).join(', ');
  if (typeof value === 'object' && typeof (value as CodedMessage).code === 'string') {
    return formatCoded(value as CodedMessage, locale, style) ?? String((value as CodedMessage).code);
  }
  return String(value);
}

type AnyTexts = MessageTexts<CodedMessage>;
const catalogue = new Map<string, AnyTexts>();

/** Adds a catalogue's texts; a code may be registered once only, so no two wordings exist. */
export function registerMessages<M extends CodedMessage>(texts: MessageCatalogue<M>): void {
  for (const [code, entry] of Object.entries(texts) as [string, AnyTexts][]) {
    if (catalogue.has(code) && catalogue.get(code) !== entry) throw new Error(`message code ${code} is defined twice`);
    catalogue.set(code, entry);
  }
}

export function isKnownMessageCode(code: string): boolean {
  return catalogue.has(code);
}

export function knownMessageCodes(): string[] {
  return [...catalogue.keys()];
}

function formatCoded(message: CodedMessage, locale: MessageLocale, style: MessageStyle): string | null {
  const texts = catalogue.get(message.code);
  if (!texts) return null;
  const formatted: Record<string, string> = {};
  for (const [name, value] of Object.entries(message)) {
    if (name !== 'code') formatted[name] = formatFigure(name, value, locale, style);
  }
  const date = typeof message['date'] === 'string' ? formatFigure('date', message['date'], locale, style) : '';
  const period = typeof message['period'] === 'string' ? formatMessagePeriod(message['period'] as string, locale, style) : '';
  formatted['halfDay'] = style === 'record' ? [date, period].filter(Boolean).join(' ')
    : period ? (locale === 'fr' ? `${date} ${period}` : `${date}, ${period}`) : date;
  // figures left out of the message read as empty, never as "undefined"
  const figures = new Proxy(formatted, { get: (target, name) => (typeof name === 'string' ? target[name] ?? '' : '') });
  return texts[locale](figures as unknown as FormattedFigures<CodedMessage>, message, style);
}

/** The message in words; null when its code is unknown here (the caller shows its own fallback). */
export function formatMessage(message: CodedMessage, locale: MessageLocale, style: MessageStyle = 'person'): string | null {
  return formatCoded(message, locale, style);
}

/** The plain English kept in records (plans, logs): DESIGN.md's wording with ISO dates. */
export function recordText(message: CodedMessage): string {
  return formatCoded(message, 'en', 'record') ?? message.code;
}
