import type { DataSource } from 'typeorm';

/**
 * Every constraint, index and trigger (with its enabled state) of a table, as PostgreSQL would
 * write it again: equal lists, equal schemas. For tests of code that drops and rebuilds them.
 */
export async function tableSchema(dataSource: Pick<DataSource, 'query'>, table: string): Promise<string[]> {
  const rows: { definition: string }[] = await dataSource.query(
    `SELECT conname || ' ' || pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass
     UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = $1::regclass
     UNION ALL SELECT tgname || ' ' || tgenabled::text FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal
     ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.definition);
}
