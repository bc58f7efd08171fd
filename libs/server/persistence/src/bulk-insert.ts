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

/**
 * `INSERT … SELECT FROM unnest(…)`: each column travels as one array parameter, so a table of
 * 100,000 rows is one statement and one round trip, on PostgreSQL and PGlite alike (bulkInsert
 * needs a statement per few thousand rows and a bind parameter per value). `columns` maps each
 * column to its SQL type; an array-typed column (`text[]`) travels as its array literal, since
 * unnest would flatten an array of arrays. Each column's array literal is written here
 * (columnLiteral), not by pg's conversion of a JS array.
 */
export async function insertColumns(
  manager: Pick<EntityManager, 'query'>,
  table: string,
  columns: Record<string, string>,
  rows: unknown[][],
  suffix = '',
): Promise<void> {
  if (rows.length === 0) return;
  const entries = Object.entries(columns);
  const params = entries.map(([, type], c) =>
    columnLiteral(rows.map((row) => (type.endsWith('[]') && Array.isArray(row[c]) ? arrayLiteral(row[c] as unknown[]) : row[c]))));
  const names = entries.map(([name]) => name);
  const arrays = entries.map(([, type], c) => `$${c + 1}::${type.endsWith('[]') ? 'text' : type}[]`);
  const values = entries.map(([name, type]) => (type.endsWith('[]') ? `u.${name}::${type}` : `u.${name}`));
  await manager.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${values.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')}) ${suffix}`,
    params,
  );
}

/**
 * The array literal of a column's values, written by JSON.stringify (native): a JSON array with
 * no backslash escape in it (no quote, backslash or control character in any value) is a valid
 * literal once its brackets are braces (strings quoted, `null` is NULL, numbers and booleans
 * bare). Any other column is quoted element by element. The 16 columns of 100,000 agents take
 * 0.2 s this way; pg's conversion of the JS arrays, which escapes every element, took 1.5 s.
 */
export function columnLiteral(values: unknown[]): string {
  const json = JSON.stringify(values);
  return json.includes('\\') ? arrayLiteral(values) : `{${json.slice(1, -1)}}`;
}

/**
 * `{a,"b c",NULL}`: a one-dimensional array literal of its elements' text, NULL for null; an
 * element is quoted (quotes and backslashes escaped) unless it is a plain word.
 */
function arrayLiteral(values: unknown[]): string {
  const elements = values.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    const text = value instanceof Date ? value.toISOString() : String(value);
    return PLAIN_ELEMENT.test(text) && text.toUpperCase() !== 'NULL' ? text : `"${text.replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${elements.join(',')}}`;
}

const PLAIN_ELEMENT = /^[A-Za-z0-9_.@:+-]+$/;

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

/**
 * Runs `write` with the table's foreign keys and indexes dropped, then puts them back as they
 * were (definitions read from the catalog), all in the caller's transaction: filling a table with
 * millions of rows, then building each index from sorted rows and checking each foreign key with
 * one join, is many times faster than maintaining them row by row ("Populating a Database" in
 * PostgreSQL's manual). A key or unique constraint that another table's foreign key relies on
 * stays, as do CHECK constraints and triggers. The table stays locked (ACCESS EXCLUSIVE) until
 * the transaction ends; the caller's transaction must have no trigger event pending on it.
 */
export async function withIndexesRebuiltAfter<T>(
  manager: Pick<EntityManager, 'query'>,
  table: string,
  write: () => Promise<T>,
): Promise<T> {
  const constraints: { name: string; definition: string }[] = await manager.query(
    `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.conrelid = $1::regclass
       AND (c.contype = 'f' OR (c.contype IN ('p', 'u')
         AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.conindid = c.conindid AND r.conrelid <> c.conrelid)))
     ORDER BY c.contype = 'f', c.conname`,
    [table],
  );
  const indexes: { name: string; definition: string }[] = await manager.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
     ORDER BY 1`,
    [table],
  );
  if (constraints.length > 0) {
    // foreign keys first (ORDER BY above puts them last): a table's own foreign key may use its key
    await manager.query(`ALTER TABLE ${table} ${[...constraints].reverse().map((c) => `DROP CONSTRAINT ${quoteIdentifier(c.name)}`).join(', ')}`);
  }
  for (const index of indexes) await manager.query(`DROP INDEX ${index.name}`);
  const result = await write();
  // sorts of millions of keys in memory rather than in temporary files; the caller's value is restored
  const [{ memory }] = await manager.query(`SELECT current_setting('maintenance_work_mem') AS memory`);
  await manager.query(`SELECT set_config('maintenance_work_mem', '256MB', true)`);
  for (const index of indexes) await manager.query(index.definition);
  for (const constraint of constraints) {
    await manager.query(`ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdentifier(constraint.name)} ${constraint.definition}`);
  }
  await manager.query(`SELECT set_config('maintenance_work_mem', $1, true)`, [memory]);
  return result;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
