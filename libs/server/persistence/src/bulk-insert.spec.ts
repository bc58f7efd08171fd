import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { insertColumns, withIndexesRebuiltAfter } from './bulk-insert';
import { createDataSource } from './data-source';
import { createTestDatabase, TEST_DATABASE_MODES, TestDatabase } from './testing/test-database';
import { tableSchema } from './testing/table-schema';

// PGlite boots a WebAssembly Postgres per file: seconds on a loaded 2-core machine
jest.setTimeout(60_000);

const PARENT = '00000000-0000-4000-8000-000000000001';
const CHILD = '00000000-0000-4000-8000-000000000002';

describe.each(TEST_DATABASE_MODES)('bulk writes on %s', (mode) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE probe_kinds (code text PRIMARY KEY)`);
    await dataSource.query(`INSERT INTO probe_kinds VALUES ('A'), ('B')`);
    await dataSource.query(`
      CREATE TABLE probes (
        id uuid PRIMARY KEY, label text NOT NULL, flag boolean NOT NULL, size smallint, tags text[] NOT NULL,
        parent_id uuid REFERENCES probes(id), kind text REFERENCES probe_kinds(code) ON DELETE CASCADE,
        CONSTRAINT probes_label_unique UNIQUE (label), CONSTRAINT probes_size_positive CHECK (size > 0))`);
    await dataSource.query(`CREATE INDEX probes_flagged_idx ON probes (kind, lower(label)) WHERE flag`);
    // another table's foreign key relies on probes' key, which must therefore stay
    await dataSource.query(`CREATE TABLE probe_notes (probe_id uuid REFERENCES probes(id))`);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await PGliteInstance.close();
    await database.drop();
  });

  beforeEach(() => dataSource.query(`DELETE FROM probes`));

  it('insertColumns writes every row in one statement: nulls, booleans, array columns and quotes as given', async () => {
    // the child comes first: its parent is written by the same statement
    await insertColumns(dataSource.manager, 'probes',
      { id: 'uuid', label: 'text', flag: 'boolean', size: 'smallint', tags: 'text[]', parent_id: 'uuid' },
      [
        [CHILD, 'say "hi" \\ back', false, null, ['a,b', 'with "quote"', 'back\\slash', null, 'NULL'], PARENT],
        [PARENT, 'parent', true, 7, [], null],
      ]);
    const rows = await dataSource.query(`SELECT id, label, flag, size, tags, parent_id FROM probes ORDER BY label`);
    expect(rows).toEqual([
      { id: PARENT, label: 'parent', flag: true, size: 7, tags: [], parent_id: null },
      { id: CHILD, label: 'say "hi" \\ back', flag: false, size: null, tags: ['a,b', 'with "quote"', 'back\\slash', null, 'NULL'], parent_id: PARENT },
    ]);
  });

  it('insertColumns writes any text as given, in plain columns and in array columns (property)', async () => {
    // any Unicode text PostgreSQL stores (no NUL): quotes, backslashes, braces, commas, control
    // characters, "NULL", empty strings; the fast literal (JSON) and the quoted one alike
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).map((value) => value.split(String.fromCharCode(0)).join(''));
    const special = fc.constantFrom('', 'NULL', 'null', '"', '\\', '{a,b}', ' spaced ', 'tab\there', 'line\nbreak', 'é');
    const value = fc.oneof(text, special);
    await fc.assert(fc.asyncProperty(
      fc.uniqueArray(value, { minLength: 1, maxLength: 8 }), fc.array(fc.option(value, { nil: null }), { maxLength: 5 }),
      async (labels, tags) => {
        await dataSource.query(`DELETE FROM probes`);
        const rows = labels.map((label, i) => [`00000000-0000-4000-8000-${String(i + 10).padStart(12, '0')}`, label, i % 2 === 0, tags]);
        await insertColumns(dataSource.manager, 'probes', { id: 'uuid', label: 'text', flag: 'boolean', tags: 'text[]' }, rows);
        const stored: { label: string; flag: boolean; tags: (string | null)[] }[] = await dataSource.query(`SELECT label, flag, tags FROM probes ORDER BY id`);
        expect(stored).toEqual(labels.map((label, i) => ({ label, flag: i % 2 === 0, tags })));
      }), { numRuns: mode === 'embedded' ? 40 : 150 });
  });

  it('insertColumns keeps the suffix (ON CONFLICT DO NOTHING skips a duplicate of the same statement)', async () => {
    await insertColumns(dataSource.manager, 'probes', { id: 'uuid', label: 'text', flag: 'boolean', tags: 'text[]' },
      [[PARENT, 'first', true, []], [PARENT, 'second', true, []]], 'ON CONFLICT DO NOTHING');
    expect(await dataSource.query(`SELECT label FROM probes`)).toEqual([{ label: 'first' }]);
  });

  it('withIndexesRebuiltAfter puts back every index and constraint as it was, with the rows written meanwhile', async () => {
    const before = await tableSchema(dataSource, 'probes');
    const written = await dataSource.transaction((manager) =>
      withIndexesRebuiltAfter(manager, 'probes', async () => {
        const inside: string[] = (await manager.query(
          `SELECT conname FROM pg_constraint WHERE conrelid = 'probes'::regclass AND contype = 'f'
           UNION ALL SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'probes'::regclass ORDER BY 1`,
        )).map((row: { conname: string }) => row.conname);
        await insertColumns(manager, 'probes', { id: 'uuid', label: 'text', flag: 'boolean', tags: 'text[]', kind: 'text' },
          [[PARENT, 'one', true, [], 'A']]);
        return inside;
      }));
    // only the key another table relies on stayed during the write
    expect(written).toEqual(['probes_pkey']);
    expect(await tableSchema(dataSource, 'probes')).toEqual(before);
    expect(await dataSource.query(`SELECT label FROM probes`)).toEqual([{ label: 'one' }]);
  });

  it('withIndexesRebuiltAfter fails the transaction when a row written meanwhile breaks a foreign key or a unique index', async () => {
    const before = await tableSchema(dataSource, 'probes');
    await expect(dataSource.transaction((manager) =>
      withIndexesRebuiltAfter(manager, 'probes', () =>
        insertColumns(manager, 'probes', { id: 'uuid', label: 'text', flag: 'boolean', tags: 'text[]', kind: 'text' },
          [[PARENT, 'one', true, [], 'NO SUCH KIND']])))).rejects.toThrow(/probes_kind_fkey/);
    await expect(dataSource.transaction((manager) =>
      withIndexesRebuiltAfter(manager, 'probes', () =>
        insertColumns(manager, 'probes', { id: 'uuid', label: 'text', flag: 'boolean', tags: 'text[]' },
          [[PARENT, 'same', true, []], [CHILD, 'same', true, []]])))).rejects.toThrow(/probes_label_unique/);
    expect(await tableSchema(dataSource, 'probes')).toEqual(before);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM probes`)).toEqual([{ n: 0 }]);
  });
});
