import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session version per account, carried by every access token (claim `sv`) and compared by the
 * guard on each request: switching an account off, setting its password (activation, a new
 * invitation) or changing its role adds one, so every token issued before stays dead, even once
 * the account is back on. Tokens signed before this migration carry no version and are refused.
 */
export class AccountSessions1764720000000 implements MigrationInterface {
  name = 'AccountSessions1764720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN session_version`);
  }
}
