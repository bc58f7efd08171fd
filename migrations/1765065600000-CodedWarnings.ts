import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reasons are data: a calendar's and a run's warnings are kept as coded messages
 * (`{ code, ...figures }`, libs/contracts messages) beside their English record wording, and a
 * failed run's error as one coded problem beside its English text (kept for logs). Rows written
 * before keep `[]` / NULL: readers fall back to the English text.
 */
export class CodedWarnings1765065600000 implements MigrationInterface {
  name = 'CodedWarnings1765065600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rotation_calendars ADD COLUMN coded_warnings jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE allocation_runs ADD COLUMN coded_warnings jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE allocation_runs ADD COLUMN error_code jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE allocation_runs DROP COLUMN error_code`);
    await queryRunner.query(`ALTER TABLE allocation_runs DROP COLUMN coded_warnings`);
    await queryRunner.query(`ALTER TABLE rotation_calendars DROP COLUMN coded_warnings`);
  }
}
