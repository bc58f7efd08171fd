import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What running the plan needs: per pool × half-day counters (so concurrent approvals can take
 * a seat with one conditional UPDATE and never exceed a cap), in-app notices, and a guard
 * against two allocation runs of the same horizon at once.
 */
export class PlanningOperations1764547200000 implements MigrationInterface {
  name = 'PlanningOperations1764547200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pool_usage (
        pool_id uuid NOT NULL REFERENCES capacity_pools(id) ON DELETE CASCADE,
        date date NOT NULL,
        period text NOT NULL,
        remote_count integer NOT NULL DEFAULT 0,
        standard_count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (pool_id, date, period),
        CONSTRAINT pool_usage_period_valid CHECK (period IN ('AM', 'PM')),
        CONSTRAINT pool_usage_counts_valid CHECK (standard_count >= 0 AND standard_count <= remote_count)
      )`);
    await queryRunner.query(`CREATE INDEX pool_usage_half_day_idx ON pool_usage (date, period)`);

    await queryRunner.query(`
      CREATE TABLE notices (
        id bigserial PRIMARY KEY,
        agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        kind text NOT NULL,
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        plan_version integer REFERENCES plan_versions(version) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX notices_agent_idx ON notices (agent_id, created_at DESC)`);

    await queryRunner.query(`ALTER TABLE allocation_runs ADD COLUMN changed_agents integer`);
    await queryRunner.query(`ALTER TABLE allocation_runs ADD COLUMN job_id text`);
    // one live run per horizon: a second trigger joins the first instead of running twice
    await queryRunner.query(`
      CREATE UNIQUE INDEX allocation_runs_one_live_per_horizon
        ON allocation_runs (horizon_from, horizon_to) WHERE status IN ('QUEUED', 'RUNNING')`);

    await queryRunner.query(`ALTER TABLE plan_versions ADD COLUMN kind text NOT NULL DEFAULT 'ALLOCATION'`);
    await queryRunner.query(`ALTER TABLE plan_versions ADD CONSTRAINT plan_versions_kind_valid CHECK (kind IN ('ALLOCATION', 'ROTATION_PUBLICATION', 'APPROVAL'))`);
    await queryRunner.query(`ALTER TABLE plan_versions ADD COLUMN metrics jsonb`);
    await queryRunner.query(`CREATE INDEX assignments_plan_version_idx ON assignments (plan_version)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX assignments_plan_version_idx`);
    await queryRunner.query(`ALTER TABLE plan_versions DROP COLUMN metrics`);
    await queryRunner.query(`ALTER TABLE plan_versions DROP CONSTRAINT plan_versions_kind_valid`);
    await queryRunner.query(`ALTER TABLE plan_versions DROP COLUMN kind`);
    await queryRunner.query(`DROP INDEX allocation_runs_one_live_per_horizon`);
    await queryRunner.query(`ALTER TABLE allocation_runs DROP COLUMN job_id`);
    await queryRunner.query(`ALTER TABLE allocation_runs DROP COLUMN changed_agents`);
    await queryRunner.query(`DROP TABLE notices`);
    await queryRunner.query(`DROP TABLE pool_usage`);
  }
}
