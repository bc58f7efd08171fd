import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `assignments (plan_version)` had no reader left: no query of the API, the worker or the
 * planning data filters assignments by the version that last set them (they are read by agent,
 * by half-day, by pool or by site), and no plan version is ever deleted, so the foreign key to
 * `plan_versions` never looks rows up by it. Yet every plan write maintained it, and a first
 * publication built it: 1.4 s of the 100,000-agent demo load (3.6 million rows, one value).
 */
export class DropAssignmentsPlanVersionIndex1765584000000 implements MigrationInterface {
  name = 'DropAssignmentsPlanVersionIndex1765584000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX assignments_plan_version_idx`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX assignments_plan_version_idx ON assignments (plan_version)`);
  }
}
