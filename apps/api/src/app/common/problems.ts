import { HttpException } from '@nestjs/common';
import { ApiProblem, CodedMessage, FieldProblem, recordText } from '@telework/contracts';

/**
 * Every refusal the API answers carries a `code` and its figures (libs/contracts messages), so
 * the console words it in the user's language; `message` is the English record for logs and
 * scripts. Throw these instead of Nest's bare exceptions (ProblemsFilter still gives those the
 * generic code of their status).
 */
export function apiProblem(status: number, problem: CodedMessage, message?: string): HttpException {
  return new HttpException({ ...problem, statusCode: status, message: message ?? recordText(problem) }, status);
}

export const badRequestProblem = (problem: CodedMessage, message?: string) => apiProblem(400, problem, message);
export const unauthenticatedProblem = (problem: CodedMessage, message?: string) => apiProblem(401, problem, message);
export const forbiddenProblem = (problem: CodedMessage, message?: string) => apiProblem(403, problem, message);
export const notFoundProblem = (problem: CodedMessage, message?: string) => apiProblem(404, problem, message);
export const conflictProblem = (problem: CodedMessage, message?: string) => apiProblem(409, problem, message);

/** A field's check, as thrown: its code and figures; the English message defaults to the record wording. */
export type FieldCheckInput = CodedMessage & { field: string; message?: string };

function fieldItems(errors: FieldCheckInput[]): FieldProblem[] {
  return errors.map(({ field, message, ...check }) => ({
    ...check, field, message: message ?? recordText(check as CodedMessage),
  }));
}

/** A 400 naming each bad field: `{ code: 'INVALID_FIELDS', errors: [{ field, code, message, ...figures }] }`. */
export function fieldProblems(errors: FieldCheckInput[]): HttpException {
  const items = fieldItems(errors);
  return new HttpException({
    statusCode: 400,
    code: 'INVALID_FIELDS',
    message: items.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors: items,
  }, 400);
}

/**
 * Another status naming its fields (a 403 on a role the caller may not give, a 409 on a value
 * already used): the code of the answer is its fields' code when they share one, else the
 * generic code of the status.
 */
export function fieldRefusal(status: number, errors: FieldCheckInput[], figures: Record<string, unknown> = {}): HttpException {
  const items = fieldItems(errors);
  const codes = new Set(items.map((e) => e.code));
  const code = status === 400 ? 'INVALID_FIELDS' : codes.size === 1 ? items[0].code : genericCode(status);
  return new HttpException({
    ...figures,
    statusCode: status,
    code,
    message: items.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors: items,
  }, status);
}

/** The code of an answer that has no code of its own: the generic code of its status. */
export function genericCode(status: number): string {
  if (status >= 500) return 'INTERNAL_ERROR';
  switch (status) {
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    case 413: return 'PAYLOAD_TOO_LARGE';
    case 415: return 'UNSUPPORTED_MEDIA_TYPE';
    case 429: return 'TOO_MANY_REQUESTS';
    default: return 'BAD_REQUEST';
  }
}

/**
 * The body of a 4xx answer, whatever threw it: a coded body as it is; a bare one (Nest's own
 * exceptions, a guard, a `{ statusCode, message, errors }` of older code) with the generic code
 * of its status, its fields coded INVALID_VALUE when they have no code, its English message kept.
 */
export function problemBody(status: number, response: string | object): ApiProblem {
  const body: Record<string, unknown> = typeof response === 'string' ? { message: response } : { ...(response as Record<string, unknown>) };
  if (typeof body['code'] === 'string') return { ...body, statusCode: status } as ApiProblem;
  const { error, message, errors, ...figures } = body;
  const fields = Array.isArray(errors)
    ? (errors as Record<string, unknown>[]).map((e) => ({ ...e, code: typeof e['code'] === 'string' ? e['code'] : 'INVALID_VALUE' }))
    : undefined;
  const english = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : typeof error === 'string' ? error : '';
  const code = status === 400 && fields?.length ? 'INVALID_FIELDS' : genericCode(status);
  return {
    ...figures,
    statusCode: status,
    code,
    message: english || recordText({ code }),
    ...(fields ? { errors: fields as FieldProblem[] } : {}),
  } as ApiProblem;
}
