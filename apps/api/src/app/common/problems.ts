import { HttpException } from '@nestjs/common';
import { CodedMessage, FieldProblem, recordText } from '@telework/contracts';

/**
 * Every refusal the API answers carries a `code` and its figures (libs/contracts messages), so
 * the console words it in the user's language; `message` is the English record for logs and
 * scripts. Throw these instead of Nest's bare exceptions.
 */
export function apiProblem(status: number, problem: CodedMessage, message?: string): HttpException {
  return new HttpException({ ...problem, statusCode: status, message: message ?? recordText(problem) }, status);
}

export const badRequestProblem = (problem: CodedMessage, message?: string) => apiProblem(400, problem, message);
export const forbiddenProblem = (problem: CodedMessage, message?: string) => apiProblem(403, problem, message);
export const notFoundProblem = (problem: CodedMessage, message?: string) => apiProblem(404, problem, message);
export const conflictProblem = (problem: CodedMessage, message?: string) => apiProblem(409, problem, message);

/** A field's check, as thrown: its code and figures; the English message defaults to the record wording. */
export type FieldCheckInput = CodedMessage & { field: string; message?: string };

/** A 400 naming each bad field: `{ code: 'INVALID_FIELDS', errors: [{ field, code, message, ...figures }] }`. */
export function fieldProblems(errors: FieldCheckInput[]): HttpException {
  const items: FieldProblem[] = errors.map(({ field, message, ...check }) => ({
    ...check, field, message: message ?? recordText(check as CodedMessage),
  }));
  return new HttpException({
    statusCode: 400,
    code: 'INVALID_FIELDS',
    message: items.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors: items,
  }, 400);
}
