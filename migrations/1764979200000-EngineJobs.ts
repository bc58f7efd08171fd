import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Engine jobs: every piece of engine work (rotation drafts, cell checks, publications, what-if,
 * licence sizing, allocation solves) is one row here, whichever process ran it: its kind, who
 * asked, its progress, time limit, cancellation, its input and result (gzip-compressed JSON,
 * dropped after ENGINE_JOB_PAYLOAD_DAYS (libs/server/engine-jobs) while the row stays as the record), and its refusal or
 * failure as a coded problem.
 */
export class EngineJobs1764979200000 implements MigrationInterface {
  name = 'EngineJobs1764979200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE engine_jobs (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED',
        progress_pct integer NOT NULL DEFAULT 0,
        stage text,
        time_limit_ms integer NOT NULL,
        cancel_requested boolean NOT NULL DEFAULT false,
        runner text NOT NULL,
        input_gz bytea,
        result_gz bytea,
        problem jsonb,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT engine_jobs_status_valid CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'REFUSED', 'FAILED', 'CANCELLED', 'TIMED_OUT')),
        CONSTRAINT engine_jobs_progress_range CHECK (progress_pct BETWEEN 0 AND 100)
      )`);
    await queryRunner.query(`CREATE INDEX engine_jobs_created_idx ON engine_jobs (created_at DESC)`);
    await queryRunner.query(`CREATE INDEX engine_jobs_live_idx ON engine_jobs (status) WHERE status IN ('QUEUED', 'RUNNING')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE engine_jobs`);
  }
}
