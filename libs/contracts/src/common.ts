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

/** 400 answers: one entry per bad field. */
export interface ValidationErrorBody {
  statusCode: 400;
  message: string;
  errors: { field: string; message: string }[];
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down'; mode: 'postgres' | 'embedded' };
  queue: { status: 'up' | 'down' | 'embedded'; mode: 'redis' | 'in-process' };
  version: string;
}
