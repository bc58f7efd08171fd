import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations: an agent created by HR (API or CSV import) gets a pending account with a
 * single-use activation link. Only the SHA-256 of the link's token is stored (a leaked
 * database does not leak usable links); the unique index is the lookup key of activation.
 */
export class AccountActivation1764633600000 implements MigrationInterface {
  name = 'AccountActivation1764633600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN activation_token_hash text, ADD COLUMN activation_expires_at timestamptz`);
    await queryRunner.query(
      `ALTER TABLE users ADD CONSTRAINT users_activation_pair CHECK ((activation_token_hash IS NULL) = (activation_expires_at IS NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX users_activation_token_unique ON users (activation_token_hash) WHERE activation_token_hash IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX users_activation_token_unique`);
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT users_activation_pair`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN activation_token_hash, DROP COLUMN activation_expires_at`);
  }
}
