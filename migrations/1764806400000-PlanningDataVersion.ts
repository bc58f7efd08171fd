import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables a plan is made from, and what a plan writes (assignments and the pool × half-day
 * counters: the seat-taking paths lock a counter row before their first other change, and a
 * plan's write recounts those rows, so the counter's trigger must take the lock first).
 */
export const PLANNING_DATA_TABLES = [
  'capacity_pools', 'capacity_changes', 'sites', 'rotation_groups', 'agents', 'telework_requests', 'reservations',
  'rotation_calendars', 'rotation_cells', 'assignments', 'pool_usage',
];

/** Key of the advisory lock: writers of planning data hold it shared, a plan's write holds it exclusive. */
export const PLANNING_DATA_LOCK_KEY = 7_466_120_011;

/**
 * The planning data version. Every statement that changes what a plan is made from (requests
 * and their decisions, instant grants, publications, reservations, pools and capacity, agents
 * and groups) fires a BEFORE STATEMENT trigger that
 *   1. takes the advisory lock PLANNING_DATA_LOCK_KEY in SHARED mode until its transaction ends
 *      (shared locks never wait for each other: approvals stay parallel, no hot row), then
 *   2. draws the next value of the sequence planning_data_version (non-transactional, never
 *      blocks).
 * A plan that is written (allocation run, publication) takes the same lock EXCLUSIVE: it waits
 * for the writers in flight to commit, holds new ones back until it commits, and compares the
 * sequence with the version it read with its snapshot (see libs/server/planning-data
 * data-version.ts). Triggers, so that no writer can forget it; BEFORE STATEMENT, so the lock
 * comes before any row lock of the statement.
 */
export class PlanningDataVersion1764806400000 implements MigrationInterface {
  name = 'PlanningDataVersion1764806400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE planning_data_version`);
    await queryRunner.query(`
      CREATE FUNCTION note_planning_data_change() RETURNS trigger AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${PLANNING_DATA_LOCK_KEY});
        PERFORM nextval('planning_data_version');
        RETURN NULL;
      END
      $$ LANGUAGE plpgsql`);
    for (const table of PLANNING_DATA_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_planning_data_change BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION note_planning_data_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of PLANNING_DATA_TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_planning_data_change ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION note_planning_data_change()`);
    await queryRunner.query(`DROP SEQUENCE planning_data_version`);
  }
}
