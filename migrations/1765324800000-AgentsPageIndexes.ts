import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agents page (search, filter, sort, paginate) at 100,000 agents. Each sort key has an index
 * the page can be read from in order: the name order (covering: a deep page is an index-only
 * scan), the tier order, and the names of sites and org units (a join walked in name order).
 * `search_text` holds, lowercased and computed once per write, every string the search matches
 * (last name, first name, employee number, both name orders): one comparison a row instead of
 * five lowercasings and five, and a trigram index on it where pg_trgm is available.
 */
export class AgentsPageIndexes1765324800000 implements MigrationInterface {
  name = 'AgentsPageIndexes1765324800000';
  // up ends with a VACUUM, which no transaction may hold: the changes before it have their own
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await inTransaction(queryRunner, () => this.changeSchema(queryRunner));
    // adding the column rewrote agents: until a vacuum marks its pages all-visible, a deep page
    // fetches every row it skips from the table instead of reading the covering index alone
    await queryRunner.query(`VACUUM (ANALYZE) agents`);
  }

  private async changeSchema(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX agents_last_name_idx`);
    await queryRunner.query(`
      CREATE INDEX agents_name_order_idx ON agents (lower(last_name), lower(first_name), employee_number)
        INCLUDE (id, last_name, first_name)`);
    await queryRunner.query(`
      CREATE INDEX agents_tier_order_idx ON agents (array_position(ARRAY['ELECTED','DIRECTOR','ESSENTIAL','STANDARD'], tier), employee_number)`);
    await queryRunner.query(`CREATE INDEX sites_name_idx ON sites (name)`);
    await queryRunner.query(`CREATE INDEX org_units_name_idx ON org_units (name)`);
    // the very expressions the search compares, newline-separated (the repository compares them
    // one by one for a search that holds a newline)
    await queryRunner.query(`
      ALTER TABLE agents ADD COLUMN search_text text GENERATED ALWAYS AS (
        lower(last_name) || E'\\n' || lower(first_name) || E'\\n' || lower(employee_number) || E'\\n' ||
        lower(first_name || ' ' || last_name) || E'\\n' || lower(last_name || ' ' || first_name)) STORED`);
    // where the database offers pg_trgm (PostgreSQL; PGlite only if the data source loads it), a
    // trigram index answers the search's LIKE '%…%' (3 characters or more) without reading every agent
    const [trigrams]: { usable: boolean }[] = await queryRunner.query(`
      SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')
        OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')
            AND has_database_privilege(current_database(), 'CREATE')) AS usable`);
    if (trigrams.usable) {
      await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
      await queryRunner.query(`CREATE INDEX agents_search_trgm_idx ON agents USING gin (search_text gin_trgm_ops)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await inTransaction(queryRunner, async () => {
      // the column takes agents_search_trgm_idx with it; pg_trgm stays (it may have been there before)
      await queryRunner.query(`ALTER TABLE agents DROP COLUMN search_text`);
      await queryRunner.query(`DROP INDEX org_units_name_idx`);
      await queryRunner.query(`DROP INDEX sites_name_idx`);
      await queryRunner.query(`DROP INDEX agents_tier_order_idx`);
      await queryRunner.query(`DROP INDEX agents_name_order_idx`);
      await queryRunner.query(`CREATE INDEX agents_last_name_idx ON agents (lower(last_name), lower(first_name))`);
    });
  }
}

async function inTransaction(queryRunner: QueryRunner, work: () => Promise<void>): Promise<void> {
  await queryRunner.startTransaction();
  try {
    await work();
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  }
}
