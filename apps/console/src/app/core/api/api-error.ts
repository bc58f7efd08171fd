import { HttpErrorResponse } from '@angular/common/http';
import {
  CodedMessage,
  formatMessage,
  isKnownMessageCode,
  MessageLocale,
} from '@telework/contracts';

export type { MessageLocale } from '@telework/contracts';

/** A message to show: a translation key and its parameters. */
export interface ErrorText {
  key: string;
  params?: Record<string, string | number>;
}

/** One bad field of a 400 answer, its problem in the reader's words. */
export interface FieldError {
  field: string;
  message: string;
  /** the catalogue code of the problem, when the API gave one */
  code?: string;
}

/** How an engine job that did not answer ended (libs/contracts messages/errors/jobs.ts). */
const ENGINE_JOB_ENDINGS = new Set(['JOB_CANCELLED', 'JOB_TIMED_OUT', 'JOB_FAILED']);

/** Keys of an API body that carry the answer itself, not figures of its code. */
const TRANSPORT_KEYS = new Set(['statusCode', 'message', 'errors', 'error', 'field']);

function body(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const b: unknown = error.error;
  return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
}

/**
 * A coded message (`{code, ...figures}`, alone or inside an API body) in the reader's words,
 * through the catalogue of libs/contracts; null when it has no code known here.
 */
export function codedText(
  value: unknown,
  locale: MessageLocale,
): string | null {
  if (!value || typeof value !== 'object') return null;
  const code = (value as CodedMessage).code;
  if (typeof code !== 'string' || !isKnownMessageCode(code)) return null;
  const coded: CodedMessage = { code };
  for (const [name, figure] of Object.entries(value)) {
    if (!TRANSPORT_KEYS.has(name)) coded[name] = figure;
  }
  return formatMessage(coded, locale);
}

/** The code of the API's answer, if it gave one. */
export function problemCode(error: unknown): string | null {
  const code = body(error)?.['code'];
  return typeof code === 'string' ? code : null;
}

/**
 * `errors:[{field, code, message, ...figures}]` of a 400 answer (empty for anything else),
 * each worded in `locale` from its code; the server's own `message` when the code is not
 * known here.
 */
export function fieldErrors(error: unknown, locale: MessageLocale): FieldError[] {
  const errors = body(error)?.['errors'];
  if (!Array.isArray(errors)) return [];
  const out: FieldError[] = [];
  for (const e of errors as unknown[]) {
    if (!e || typeof e !== 'object') continue;
    const { field, message, code } = e as Record<string, unknown>;
    if (typeof field !== 'string') continue;
    const worded =
      codedText(e, locale) ??
      (typeof message === 'string' && message.trim() ? message : null) ??
      (typeof code === 'string' ? code : null);
    if (worded === null) continue;
    out.push(typeof code === 'string' ? { field, message: worded, code } : { field, message: worded });
  }
  return out;
}

/** "; " between items, with the space before it that French typography wants. */
export function listSeparator(locale: MessageLocale): string {
  return locale === 'fr' ? ' ; ' : '; ';
}

/** ": " between a label and its text, with the space before it that French typography wants. */
export function labelSeparator(locale: MessageLocale): string {
  return locale === 'fr' ? ' : ' : ': ';
}

/** Field errors keyed by field (several problems of one field joined), in `locale`. */
export function fieldErrorMap(
  error: unknown,
  locale: MessageLocale,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of fieldErrors(error, locale)) {
    map[e.field] = map[e.field]
      ? `${map[e.field]}${listSeparator(locale)}${e.message}`
      : e.message;
  }
  return map;
}

/**
 * What the API said, in `locale`: its code worded with its figures when the code is known
 * here, else its own (English) `message`.
 */
export function serverMessage(
  error: unknown,
  locale: MessageLocale,
): string | null {
  const b = body(error);
  const worded = codedText(b, locale);
  if (worded) return worded;
  const message = b?.['message'];
  if (typeof message === 'string' && message.trim()) return message;
  if (Array.isArray(message)) return message.join(listSeparator(locale));
  return null;
}

/**
 * Why a call failed, in the reader's language: the server is down, the bad fields each with
 * its problem ("Maximum par semaine : doit valoir au plus 10"), the API's refusal worded from
 * its code and figures, the role may not, the item is gone, the server's own message when its
 * code is not known here, or the status code as a last resort. `fieldLabels` names the fields
 * for the reader (the API's field name otherwise).
 */
export function describeHttpError(
  error: unknown,
  locale: MessageLocale,
  fieldLabels: Record<string, string> = {},
): ErrorText {
  if (!(error instanceof HttpErrorResponse))
    return { key: 'errors.generic', params: { status: '?' } };
  if (error.status === 0) return { key: 'errors.unreachable' };
  const code = problemCode(error);
  const worded = codedText(body(error), locale);
  const fields = fieldErrors(error, locale);
  if (fields.length && error.status < 500) {
    const list = fields
      .map((f) => `${fieldLabels[f.field] ?? f.field}${labelSeparator(locale)}${f.message}`)
      .join(listSeparator(locale));
    // a refusal of its own ("la rotation enfreint 2 règles impératives") leads its list of problems
    const lead = worded && code !== 'INVALID_FIELDS' ? worded : null;
    return {
      key: 'errors.withMessage',
      params: { status: error.status, message: lead ? `${lead} — ${list}` : list },
    };
  }
  // an engine job that did not answer (cancelled, over its time limit, failed) says how it ended,
  // a 503 or 500 included: the catalogue's words say more than the status alone
  if (worded && code && ENGINE_JOB_ENDINGS.has(code))
    return { key: 'errors.jobEnded', params: { status: error.status, message: worded } };
  // a bare "forbidden" or "not found" says more with the console's own sentence
  if (error.status === 403 && (!worded || code === 'FORBIDDEN'))
    return { key: 'errors.forbidden' };
  if (error.status === 404 && (!worded || code === 'NOT_FOUND'))
    return { key: 'errors.notFound' };
  if (error.status >= 500)
    return { key: 'errors.generic', params: { status: error.status } };
  const message = worded ?? serverMessage(error, locale);
  if (message) return { key: 'errors.withMessage', params: { status: error.status, message } };
  return { key: 'errors.generic', params: { status: error.status } };
}
