import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts of the assignments per half-day, kept by the database itself, for the capacity view:
 * REMOTE per pool, ON_SITE and NO_WORKPLACE per site. Counting them from the assignments took
 * 2.7 s for 4 weeks of 100,000 agents (three scans of 3.6 million rows).
 *
 * `assignment_counts` holds signed deltas, only ever appended to: statement triggers on
 * `assignments` add, for every INSERT, UPDATE and DELETE whatever its writer (plan writer,
 * approvals, cascades), one row per key the statement changed, with the net change (transition
 * tables: one aggregate per statement, not a trigger call per row). Appending takes no lock on
 * an existing row, so two writers never wait for each other here (no new deadlock between a
 * run and an approval); the count of a key is the sum of its rows, and the plan writer folds
 * the rows of its horizon into one per key (`compactAssignmentCounts`). OFF rows are not counted.
 */
export class AssignmentCounts1765324860000 implements MigrationInterface {
  name = 'AssignmentCounts1765324860000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE assignment_counts (
        date date NOT NULL,
        period text NOT NULL,
        mode text NOT NULL,
        pool_id uuid,
        site_id uuid,
        n integer NOT NULL,
        CONSTRAINT assignment_counts_key_valid CHECK (
          (mode = 'REMOTE' AND site_id IS NULL) OR (mode IN ('ON_SITE', 'NO_WORKPLACE') AND pool_id IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX assignment_counts_date_idx ON assignment_counts (date)`);

    // the key a row counts under: REMOTE per pool, ON_SITE and NO_WORKPLACE per site
    await queryRunner.query(`
      CREATE FUNCTION count_assignments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assignment_counts (date, period, mode, pool_id, site_id, n)
        SELECT date, period, mode, CASE WHEN mode = 'REMOTE' THEN pool_id END, CASE WHEN mode <> 'REMOTE' THEN site_id END, count(*)
        FROM new_rows WHERE mode <> 'OFF'
        GROUP BY 1, 2, 3, 4, 5;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION count_assignments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assignment_counts (date, period, mode, pool_id, site_id, n)
        SELECT date, period, mode, CASE WHEN mode = 'REMOTE' THEN pool_id END, CASE WHEN mode <> 'REMOTE' THEN site_id END, -count(*)
        FROM old_rows WHERE mode <> 'OFF'
        GROUP BY 1, 2, 3, 4, 5;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION count_assignments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assignment_counts (date, period, mode, pool_id, site_id, n)
        SELECT date, period, mode, pool_id, site_id, sum(n)
        FROM (
          SELECT date, period, mode, CASE WHEN mode = 'REMOTE' THEN pool_id END AS pool_id, CASE WHEN mode <> 'REMOTE' THEN site_id END AS site_id, 1 AS n
          FROM new_rows WHERE mode <> 'OFF'
          UNION ALL
          SELECT date, period, mode, CASE WHEN mode = 'REMOTE' THEN pool_id END, CASE WHEN mode <> 'REMOTE' THEN site_id END, -1
          FROM old_rows WHERE mode <> 'OFF'
        ) changes
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(n) <> 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION count_assignments_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM assignment_counts;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER assignments_counted_insert AFTER INSERT ON assignments
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_assignments_inserted()`);
    await queryRunner.query(`
      CREATE TRIGGER assignments_counted_delete AFTER DELETE ON assignments
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_assignments_deleted()`);
    await queryRunner.query(`
      CREATE TRIGGER assignments_counted_update AFTER UPDATE ON assignments
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_assignments_updated()`);
    await queryRunner.query(`
      CREATE TRIGGER assignments_counted_truncate AFTER TRUNCATE ON assignments
      FOR EACH STATEMENT EXECUTE FUNCTION count_assignments_truncated()`);

    // what is already planned
    await queryRunner.query(`
      INSERT INTO assignment_counts (date, period, mode, pool_id, site_id, n)
      SELECT date, period, mode, CASE WHEN mode = 'REMOTE' THEN pool_id END, CASE WHEN mode <> 'REMOTE' THEN site_id END, count(*)
      FROM assignments WHERE mode <> 'OFF'
      GROUP BY 1, 2, 3, 4, 5`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER assignments_counted_truncate ON assignments`);
    await queryRunner.query(`DROP TRIGGER assignments_counted_update ON assignments`);
    await queryRunner.query(`DROP TRIGGER assignments_counted_delete ON assignments`);
    await queryRunner.query(`DROP TRIGGER assignments_counted_insert ON assignments`);
    await queryRunner.query(`DROP FUNCTION count_assignments_truncated()`);
    await queryRunner.query(`DROP FUNCTION count_assignments_updated()`);
    await queryRunner.query(`DROP FUNCTION count_assignments_deleted()`);
    await queryRunner.query(`DROP FUNCTION count_assignments_inserted()`);
    await queryRunner.query(`DROP TABLE assignment_counts`);
  }
}
