import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on by OpenID Connect. An account is linked to its identity at the first sign-in
 * (issuer + subject, unique); later sign-ins match on them. `oidc_sign_ins` holds each sign-in
 * under way (the hash of its `state`, its nonce and PKCE verifier, for a few minutes) and then
 * the single-use ticket the console exchanges for its access token: every API process reads
 * the same rows, so the callback may reach another process than the redirect did.
 */
export class SingleSignOn1765238400000 implements MigrationInterface {
  name = 'SingleSignOn1765238400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN oidc_issuer text, ADD COLUMN oidc_subject text`);
    await queryRunner.query(`ALTER TABLE users ADD CONSTRAINT users_oidc_pair CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_oidc_identity_unique ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE oidc_sign_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state_hash text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        -- set once the callback succeeded: the ticket the console exchanges (its hash), once
        completed_at timestamptz,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        ticket_hash text,
        id_token text,
        ticket_used_at timestamptz,
        CONSTRAINT oidc_sign_ins_state_unique UNIQUE (state_hash)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX oidc_sign_ins_ticket_unique ON oidc_sign_ins (ticket_hash) WHERE ticket_hash IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX oidc_sign_ins_expiry ON oidc_sign_ins (expires_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oidc_sign_ins`);
    await queryRunner.query(`DROP INDEX users_oidc_identity_unique`);
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT users_oidc_pair`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN oidc_issuer, DROP COLUMN oidc_subject`);
  }
}
