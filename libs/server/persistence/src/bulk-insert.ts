import type { EntityManager } from 'typeorm';

/** PostgreSQL takes at most 65,535 bind parameters per statement. */
const MAX_PARAMETERS = 60_000;

/**
 * Multi-row `INSERT … VALUES` in chunks that stay under the parameter limit: one round trip
 * per chunk instead of one per row (see PITFALLS.md: save() loops take minutes).
 */
export async function bulkInsert(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  suffix = '',
): Promise<void> {
  const rowsPerChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += rowsPerChunk) {
    const chunk = rows.slice(start, start + rowsPerChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params);
  }
}

/** `UPDATE table SET column = v.value FROM (VALUES …)` in chunks, keyed by uuid id. */
export async function bulkUpdateById(
  manager: EntityManager,
  table: string,
  column: string,
  valueType: string,
  pairs: [string, unknown][],
): Promise<void> {
  const rowsPerChunk = Math.floor(MAX_PARAMETERS / 2);
  for (let start = 0; start < pairs.length; start += rowsPerChunk) {
    const chunk = pairs.slice(start, start + rowsPerChunk);
    const params: unknown[] = [];
    const tuples = chunk.map(([id, value]) => {
      params.push(id, value);
      return `($${params.length - 1}::uuid, $${params.length}::${valueType})`;
    });
    await manager.query(
      `UPDATE ${table} SET ${column} = v.value FROM (VALUES ${tuples.join(', ')}) AS v(id, value) WHERE ${table}.id = v.id`,
      params,
    );
  }
}

/**
 * Rows of an `UPDATE … RETURNING` or `DELETE … RETURNING`: TypeORM answers those with
 * `[rows, rowCount]` where a SELECT or INSERT answers the rows alone.
 */
export async function queryReturning<T>(manager: Pick<EntityManager, 'query'>, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
