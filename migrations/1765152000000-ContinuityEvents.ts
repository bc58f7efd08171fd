import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Continuity mode: events (strike, site closure, crisis…) that change, for a period of
 * half-days, site desks, pool seats, the weekly telework maximum, who may telework and who must
 * stay on site. An ACTIVE event is part of every planning snapshot that meets it; activating,
 * editing or ending one starts an allocation run that may replan inside the freeze window.
 * Assignments gain the NO_WORKPLACE mode (neither desk nor seat) with its coded reason.
 */
export class ContinuityEvents1765152000000 implements MigrationInterface {
  name = 'ContinuityEvents1765152000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE continuity_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        label text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT',
        from_date date NOT NULL,
        from_period text NOT NULL,
        to_date date NOT NULL,
        to_period text NOT NULL,
        -- [{ "siteId": uuid, "capacity": int }], [{ "poolId": uuid, "capacity": int }]
        sites jsonb NOT NULL DEFAULT '[]',
        pools jsonb NOT NULL DEFAULT '[]',
        weekly_max smallint,
        weekly_max_tiers text[] NOT NULL DEFAULT '{}',
        weekly_max_org_unit_ids uuid[] NOT NULL DEFAULT '{}',
        extra_eligible_agent_ids uuid[] NOT NULL DEFAULT '{}',
        extra_eligible_pool_id uuid REFERENCES capacity_pools(id) ON DELETE SET NULL,
        on_site_agent_ids uuid[] NOT NULL DEFAULT '{}',
        on_site_tiers text[] NOT NULL DEFAULT '{}',
        on_site_org_unit_ids uuid[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        ended_at timestamptz,
        last_run_id uuid REFERENCES allocation_runs(id) ON DELETE SET NULL,
        CONSTRAINT continuity_events_kind_valid CHECK (kind IN ('STRIKE', 'SITE_CLOSURE', 'CRISIS', 'WEATHER', 'OTHER')),
        CONSTRAINT continuity_events_status_valid CHECK (status IN ('DRAFT', 'ACTIVE', 'ENDED')),
        CONSTRAINT continuity_events_periods_valid CHECK (from_period IN ('AM', 'PM') AND to_period IN ('AM', 'PM')),
        CONSTRAINT continuity_events_order CHECK (
          from_date < to_date OR (from_date = to_date AND (from_period = to_period OR from_period = 'AM'))),
        CONSTRAINT continuity_events_weekly_max_range CHECK (weekly_max IS NULL OR weekly_max BETWEEN 1 AND 10),
        CONSTRAINT continuity_events_label_length CHECK (char_length(label) BETWEEN 1 AND 200)
      )`);
    await queryRunner.query(`CREATE INDEX continuity_events_active_idx ON continuity_events (from_date, to_date) WHERE status = 'ACTIVE'`);

    await queryRunner.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_mode_valid`);
    await queryRunner.query(`ALTER TABLE assignments ADD CONSTRAINT assignments_mode_valid CHECK (mode IN ('REMOTE', 'ON_SITE', 'OFF', 'NO_WORKPLACE'))`);
    await queryRunner.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_source_valid`);
    await queryRunner.query(`ALTER TABLE assignments ADD CONSTRAINT assignments_source_valid CHECK (source IN ('ROTATION', 'REQUEST', 'RESERVATION', 'DEFAULT', 'CONTINUITY'))`);
    // the event that set the half-day, and for NO_WORKPLACE why (coded NoWorkplaceWhy + its English record wording)
    await queryRunner.query(`ALTER TABLE assignments ADD COLUMN continuity_event_id uuid REFERENCES continuity_events(id) ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE assignments ADD COLUMN reason jsonb`);
    await queryRunner.query(`ALTER TABLE assignments ADD COLUMN reason_text text`);
    await queryRunner.query(`ALTER TABLE assignments ADD CONSTRAINT assignments_no_workplace_has_reason CHECK (mode <> 'NO_WORKPLACE' OR reason IS NOT NULL)`);

    await queryRunner.query(`ALTER TABLE allocation_runs DROP CONSTRAINT allocation_runs_trigger_valid`);
    await queryRunner.query(`ALTER TABLE allocation_runs ADD CONSTRAINT allocation_runs_trigger_valid CHECK (trigger IN ('SCHEDULE', 'MANUAL', 'CONTINUITY'))`);
    // a CONTINUITY run replans from today, inside the freeze window (the audit says so)
    await queryRunner.query(`ALTER TABLE allocation_runs ADD COLUMN continuity_event_id uuid REFERENCES continuity_events(id) ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE allocation_runs ADD COLUMN ignore_freeze boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE allocation_runs DROP COLUMN ignore_freeze`);
    await queryRunner.query(`ALTER TABLE allocation_runs DROP COLUMN continuity_event_id`);
    await queryRunner.query(`DELETE FROM allocation_runs WHERE trigger = 'CONTINUITY'`);
    await queryRunner.query(`ALTER TABLE allocation_runs DROP CONSTRAINT allocation_runs_trigger_valid`);
    await queryRunner.query(`ALTER TABLE allocation_runs ADD CONSTRAINT allocation_runs_trigger_valid CHECK (trigger IN ('SCHEDULE', 'MANUAL'))`);
    await queryRunner.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_no_workplace_has_reason`);
    await queryRunner.query(`ALTER TABLE assignments DROP COLUMN reason_text`);
    await queryRunner.query(`ALTER TABLE assignments DROP COLUMN reason`);
    await queryRunner.query(`ALTER TABLE assignments DROP COLUMN continuity_event_id`);
    await queryRunner.query(`UPDATE assignments SET mode = 'ON_SITE' WHERE mode = 'NO_WORKPLACE'`);
    await queryRunner.query(`UPDATE assignments SET source = 'DEFAULT' WHERE source = 'CONTINUITY'`);
    await queryRunner.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_source_valid`);
    await queryRunner.query(`ALTER TABLE assignments ADD CONSTRAINT assignments_source_valid CHECK (source IN ('ROTATION', 'REQUEST', 'RESERVATION', 'DEFAULT'))`);
    await queryRunner.query(`ALTER TABLE assignments DROP CONSTRAINT assignments_mode_valid`);
    await queryRunner.query(`ALTER TABLE assignments ADD CONSTRAINT assignments_mode_valid CHECK (mode IN ('REMOTE', 'ON_SITE', 'OFF'))`);
    await queryRunner.query(`DROP TABLE continuity_events`);
  }
}
