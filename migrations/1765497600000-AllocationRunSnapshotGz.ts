import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An allocation run's input snapshot is kept gzip-compressed (`input_snapshot_gz`, bytea) instead
 * of as jsonb: at 100,000 agents the snapshot is ~30 MB of JSON, whose jsonb parse and storage
 * took 1.5 s inside the run's transaction, against ~6 MB of bytea compressed off the event loop.
 * Runs recorded before keep their jsonb `input_snapshot`; readers take whichever is set.
 */
export class AllocationRunSnapshotGz1765497600000 implements MigrationInterface {
  name = 'AllocationRunSnapshotGz1765497600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE allocation_runs ADD COLUMN input_snapshot_gz bytea`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // the compressed snapshots cannot be decompressed in SQL: going down drops them (the runs stay)
    await queryRunner.query(`ALTER TABLE allocation_runs DROP COLUMN input_snapshot_gz`);
  }
}
