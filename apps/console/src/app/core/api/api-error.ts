import { HttpErrorResponse } from '@angular/common/http';

/** A message to show: a translation key and its parameters. */
export interface ErrorText {
  key: string;
  params?: Record<string, string | number>;
}

export interface FieldError {
  field: string;
  message: string;
}

function body(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const b: unknown = error.error;
  return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
}

/** `errors:[{field,message}]` of a 400 answer (empty for anything else). */
export function fieldErrors(error: unknown): FieldError[] {
  const errors = body(error)?.['errors'];
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError =>
      !!e &&
      typeof e === 'object' &&
      typeof (e as FieldError).field === 'string' &&
      typeof (e as FieldError).message === 'string',
  );
}

/** Field errors keyed by field (several messages for one field joined). */
export function fieldErrorMap(error: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of fieldErrors(error)) {
    map[e.field] = map[e.field] ? `${map[e.field]} ; ${e.message}` : e.message;
  }
  return map;
}

/** The API's own explanation (`message`), which carries the figures on 400 and 409. */
export function serverMessage(error: unknown): string | null {
  const message = body(error)?.['message'];
  if (typeof message === 'string' && message.trim()) return message;
  if (Array.isArray(message)) return message.join(' ; ');
  return null;
}

/**
 * Why a call failed, in words: the server is down, the role may not, the item is gone, the
 * server's own message (it names figures), or the status code as a last resort.
 */
export function describeHttpError(error: unknown): ErrorText {
  if (!(error instanceof HttpErrorResponse))
    return { key: 'errors.generic', params: { status: '?' } };
  if (error.status === 0) return { key: 'errors.unreachable' };
  if (error.status === 403) return { key: 'errors.forbidden' };
  if (error.status === 404) return { key: 'errors.notFound' };
  const message = serverMessage(error);
  const fields = fieldErrors(error);
  if (fields.length)
    return {
      key: 'errors.withMessage',
      params: {
        status: error.status,
        message: fields.map((f) => `${f.field} : ${f.message}`).join(' ; '),
      },
    };
  if (message && error.status < 500)
    return {
      key: 'errors.withMessage',
      params: { status: error.status, message },
    };
  return { key: 'errors.generic', params: { status: error.status } };
}
