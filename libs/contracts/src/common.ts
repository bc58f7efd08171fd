import type { ApiProblem, FieldProblem } from './messages/api-errors';

/** Every list endpoint answers one page of items and the total count. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  page?: number; // 1-based, default 1
  pageSize?: number; // default 50, max 500
}

export const MAX_PAGE_SIZE = 500;

/**
 * 400 answers on fields: code INVALID_FIELDS and one entry per bad field, each with its own code
 * and figures (`{ field: 'weeklyMax', code: 'TOO_LARGE', max: 10, message }`). Every other 4xx is
 * an ApiProblem too: a code, its figures, an English message.
 */
export interface ValidationErrorBody extends ApiProblem {
  statusCode: 400;
  errors: FieldProblem[];
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down'; mode: 'postgres' | 'embedded' };
  queue: { status: 'up' | 'down' | 'embedded'; mode: 'redis' | 'in-process' };
  version: string;
}
