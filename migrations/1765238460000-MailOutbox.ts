import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail notifications. A mail is a row of `mail_outbox`, written in the same transaction as the
 * change that causes it (a decision, a plan, an invitation, the managers' digest), and sent
 * later by a job: an SMTP outage delays mail, never drops it. The row keeps what the mail says
 * as data (`payload`), worded at sending time in the row's language. `dedupe_key` makes a
 * digest (or any mail) written twice by two processes one row. Accounts gain a language and
 * the kinds of mail they switched off (the activation link cannot be switched off).
 */
export class MailOutbox1765238460000 implements MigrationInterface {
  name = 'MailOutbox1765238460000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN language text NOT NULL DEFAULT 'fr',
        ADD COLUMN mail_opt_outs text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT users_language_valid CHECK (language IN ('fr', 'en')),
        ADD CONSTRAINT users_mail_opt_outs_valid CHECK (mail_opt_outs <@ ARRAY['REQUEST_DECIDED', 'SCHEDULE_CHANGED', 'MANAGER_DIGEST']::text[])`);
    await queryRunner.query(`
      CREATE TABLE mail_outbox (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        recipient text NOT NULL,
        language text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text,
        status text NOT NULL DEFAULT 'PENDING',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT mail_outbox_kind_valid CHECK (kind IN ('ACTIVATION', 'REQUEST_DECIDED', 'SCHEDULE_CHANGED', 'MANAGER_DIGEST')),
        CONSTRAINT mail_outbox_language_valid CHECK (language IN ('fr', 'en')),
        CONSTRAINT mail_outbox_status_valid CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
        CONSTRAINT mail_outbox_dedupe_unique UNIQUE (dedupe_key)
      )`);
    await queryRunner.query(`CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status IN ('PENDING', 'SENDING')`);
    await queryRunner.query(`CREATE INDEX mail_outbox_by_status ON mail_outbox (status, created_at DESC)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mail_outbox`);
    await queryRunner.query(`
      ALTER TABLE users DROP CONSTRAINT users_mail_opt_outs_valid, DROP CONSTRAINT users_language_valid,
        DROP COLUMN mail_opt_outs, DROP COLUMN language`);
  }
}
