import type { EntityManager } from 'typeorm';

/** What a writer needs of a transaction: plain SQL. */
export type SqlRunner = Pick<EntityManager, 'query'>;

/** An ISO instant in UTC with milliseconds, as the API answers them. */
export const ISO_TIMESTAMP_SQL = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * The accounts a kind of mail may go to: active, and not switched off for this kind
 * (`$kind` is the SQL text of the kind, a literal or a parameter).
 */
export const mailableAccount = (alias: string, kind: string): string =>
  `${alias}.active AND NOT (${kind} = ANY(${alias}.mail_opt_outs))`;

/** The number of rows an INSERT … RETURNING answered (the drivers answer rows, or [rows, count]). */
export function returnedCount(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0].length;
  return Array.isArray(result) ? result.length : 0;
}
