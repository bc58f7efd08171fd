import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain of DESIGN.md. Rules live in the database too: foreign keys, unique
 * employee numbers and e-mails, check constraints, and a trigger that keeps rotation
 * groups within their maximum size whoever writes the rows.
 */
export class InitialDomain1764460800000 implements MigrationInterface {
  name = 'InitialDomain1764460800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        capacity integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sites_code_unique UNIQUE (code),
        CONSTRAINT sites_capacity_non_negative CHECK (capacity >= 0)
      )`);

    await queryRunner.query(`
      CREATE TABLE capacity_pools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        capacity integer NOT NULL,
        reserve integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT capacity_pools_code_unique UNIQUE (code),
        CONSTRAINT capacity_pools_capacity_non_negative CHECK (capacity >= 0),
        CONSTRAINT capacity_pools_reserve_within_capacity CHECK (reserve >= 0 AND reserve <= capacity)
      )`);

    await queryRunner.query(`
      CREATE TABLE capacity_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pool_id uuid NOT NULL REFERENCES capacity_pools(id) ON DELETE CASCADE,
        effective_from date NOT NULL,
        capacity integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT capacity_changes_capacity_non_negative CHECK (capacity >= 0),
        CONSTRAINT capacity_changes_one_per_date UNIQUE (pool_id, effective_from)
      )`);

    await queryRunner.query(`
      CREATE TABLE rotation_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        max_size integer NOT NULL DEFAULT 300,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rotation_groups_code_unique UNIQUE (code),
        CONSTRAINT rotation_groups_max_size_positive CHECK (max_size > 0)
      )`);

    await queryRunner.query(`
      CREATE TABLE org_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        parent_id uuid REFERENCES org_units(id) ON DELETE RESTRICT,
        manager_agent_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT org_units_code_unique UNIQUE (code),
        CONSTRAINT org_units_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await queryRunner.query(`CREATE INDEX org_units_parent_idx ON org_units (parent_id)`);

    await queryRunner.query(`
      CREATE TABLE agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employee_number text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text NOT NULL,
        site_id uuid NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
        org_unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        manager_id uuid REFERENCES agents(id) ON DELETE SET NULL,
        role text NOT NULL DEFAULT 'AGENT',
        eligible boolean NOT NULL DEFAULT false,
        access_pool_id uuid REFERENCES capacity_pools(id) ON DELETE RESTRICT,
        tier text NOT NULL DEFAULT 'STANDARD',
        weekly_min smallint NOT NULL DEFAULT 4,
        weekly_max smallint NOT NULL DEFAULT 6,
        off_half_days text[] NOT NULL DEFAULT '{}',
        group_id uuid REFERENCES rotation_groups(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agents_employee_number_unique UNIQUE (employee_number),
        CONSTRAINT agents_role_valid CHECK (role IN ('AGENT', 'MANAGER', 'HR', 'ADMIN')),
        CONSTRAINT agents_tier_valid CHECK (tier IN ('ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD')),
        CONSTRAINT agents_weekly_bounds CHECK (weekly_min >= 0 AND weekly_min <= weekly_max AND weekly_max <= 10),
        CONSTRAINT agents_off_half_days_valid CHECK (off_half_days <@ ARRAY['MON_AM','MON_PM','TUE_AM','TUE_PM','WED_AM','WED_PM','THU_AM','THU_PM','FRI_AM','FRI_PM']::text[]),
        CONSTRAINT agents_eligible_needs_pool CHECK (NOT eligible OR access_pool_id IS NOT NULL),
        CONSTRAINT agents_group_only_if_eligible CHECK (eligible OR group_id IS NULL),
        CONSTRAINT agents_not_own_manager CHECK (manager_id IS NULL OR manager_id <> id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX agents_email_unique ON agents (lower(email))`);
    await queryRunner.query(`CREATE INDEX agents_site_idx ON agents (site_id)`);
    await queryRunner.query(`CREATE INDEX agents_org_unit_idx ON agents (org_unit_id)`);
    await queryRunner.query(`CREATE INDEX agents_group_idx ON agents (group_id)`);
    await queryRunner.query(`CREATE INDEX agents_manager_idx ON agents (manager_id)`);
    await queryRunner.query(`CREATE INDEX agents_last_name_idx ON agents (lower(last_name), lower(first_name))`);
    await queryRunner.query(`
      ALTER TABLE org_units ADD CONSTRAINT org_units_manager_fk
        FOREIGN KEY (manager_agent_id) REFERENCES agents(id) ON DELETE SET NULL
        DEFERRABLE INITIALLY DEFERRED`);

    // Rotation groups never exceed their max size, whoever writes agents.group_id.
    await queryRunner.query(`
      CREATE FUNCTION enforce_rotation_group_size() RETURNS trigger AS $$
      DECLARE
        members integer;
        allowed integer;
      BEGIN
        IF NEW.group_id IS NULL THEN
          RETURN NEW;
        END IF;
        SELECT max_size INTO allowed FROM rotation_groups WHERE id = NEW.group_id FOR UPDATE;
        SELECT count(*) INTO members FROM agents WHERE group_id = NEW.group_id;
        IF members > allowed THEN
          RAISE EXCEPTION 'rotation group % would have % members, more than its maximum of %',
            NEW.group_id, members, allowed
            USING ERRCODE = 'check_violation', CONSTRAINT = 'rotation_groups_max_size';
        END IF;
        RETURN NEW;
      END;
      $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER agents_group_size_check
        AFTER INSERT OR UPDATE OF group_id ON agents
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION enforce_rotation_group_size()`);

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agent_id uuid REFERENCES agents(id) ON DELETE CASCADE,
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        calendar_token text,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_role_valid CHECK (role IN ('AGENT', 'MANAGER', 'HR', 'ADMIN')),
        CONSTRAINT users_agent_unique UNIQUE (agent_id),
        CONSTRAINT users_calendar_token_unique UNIQUE (calendar_token)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);

    await queryRunner.query(`
      CREATE TABLE reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pool_id uuid NOT NULL REFERENCES capacity_pools(id) ON DELETE CASCADE,
        date date NOT NULL,
        period text NOT NULL,
        seats integer NOT NULL,
        label text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reservations_period_valid CHECK (period IN ('AM', 'PM')),
        CONSTRAINT reservations_seats_non_negative CHECK (seats >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX reservations_half_day_idx ON reservations (date, period, pool_id)`);

    await queryRunner.query(`
      CREATE TABLE rotation_calendars (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_from date NOT NULL,
        period_to date NOT NULL,
        version integer NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT',
        metrics jsonb,
        warnings jsonb NOT NULL DEFAULT '[]',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES users(id) ON DELETE SET NULL,
        published_at timestamptz,
        CONSTRAINT rotation_calendars_dates CHECK (period_from <= period_to),
        CONSTRAINT rotation_calendars_status_valid CHECK (status IN ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
        CONSTRAINT rotation_calendars_version_unique UNIQUE (version),
        CONSTRAINT rotation_calendars_published_has_date CHECK (status = 'DRAFT' OR published_at IS NOT NULL)
      )`);

    await queryRunner.query(`
      CREATE TABLE rotation_cells (
        calendar_id uuid NOT NULL REFERENCES rotation_calendars(id) ON DELETE CASCADE,
        group_id uuid NOT NULL REFERENCES rotation_groups(id) ON DELETE CASCADE,
        date date NOT NULL,
        period text NOT NULL,
        PRIMARY KEY (calendar_id, group_id, date, period),
        CONSTRAINT rotation_cells_period_valid CHECK (period IN ('AM', 'PM'))
      )`);
    await queryRunner.query(`CREATE INDEX rotation_cells_half_day_idx ON rotation_cells (calendar_id, date, period)`);

    await queryRunner.query(`
      CREATE TABLE telework_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        date date NOT NULL,
        period text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        allocation_status text,
        allocation_reason text,
        comment text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        CONSTRAINT telework_requests_period_valid CHECK (period IN ('AM', 'PM')),
        CONSTRAINT telework_requests_kind_valid CHECK (kind IN ('REMOTE', 'ON_SITE')),
        CONSTRAINT telework_requests_status_valid CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED', 'CANCELLED')),
        CONSTRAINT telework_requests_allocation_valid CHECK (allocation_status IS NULL OR allocation_status IN ('GRANTED', 'WAITLISTED', 'REFUSED'))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX telework_requests_one_live_per_half_day
        ON telework_requests (agent_id, date, period)
        WHERE status IN ('PENDING', 'APPROVED')`);
    await queryRunner.query(`CREATE INDEX telework_requests_agent_date_idx ON telework_requests (agent_id, date)`);
    await queryRunner.query(`CREATE INDEX telework_requests_half_day_idx ON telework_requests (date, period, status)`);

    await queryRunner.query(`
      CREATE TABLE request_status_history (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES telework_requests(id) ON DELETE CASCADE,
        status text NOT NULL,
        allocation_status text,
        comment text,
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX request_status_history_request_idx ON request_status_history (request_id, at)`);

    await queryRunner.query(`
      CREATE TABLE allocation_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trigger text NOT NULL,
        horizon_from date NOT NULL,
        horizon_to date NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED',
        progress smallint NOT NULL DEFAULT 0,
        stage text,
        input_hash text,
        input_snapshot jsonb,
        metrics jsonb,
        warnings jsonb NOT NULL DEFAULT '[]',
        error text,
        plan_version integer,
        attempts integer NOT NULL DEFAULT 0,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT allocation_runs_trigger_valid CHECK (trigger IN ('SCHEDULE', 'MANUAL')),
        CONSTRAINT allocation_runs_status_valid CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
        CONSTRAINT allocation_runs_progress_range CHECK (progress BETWEEN 0 AND 100),
        CONSTRAINT allocation_runs_dates CHECK (horizon_from <= horizon_to)
      )`);
    await queryRunner.query(`CREATE INDEX allocation_runs_created_idx ON allocation_runs (created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE plan_versions (
        version integer PRIMARY KEY,
        allocation_run_id uuid REFERENCES allocation_runs(id) ON DELETE SET NULL,
        rotation_calendar_id uuid REFERENCES rotation_calendars(id) ON DELETE SET NULL,
        horizon_from date NOT NULL,
        horizon_to date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_versions_dates CHECK (horizon_from <= horizon_to)
      )`);

    await queryRunner.query(`
      CREATE TABLE assignments (
        agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        date date NOT NULL,
        period text NOT NULL,
        mode text NOT NULL,
        source text NOT NULL,
        pool_id uuid REFERENCES capacity_pools(id) ON DELETE SET NULL,
        site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        plan_version integer NOT NULL REFERENCES plan_versions(version),
        PRIMARY KEY (agent_id, date, period),
        CONSTRAINT assignments_period_valid CHECK (period IN ('AM', 'PM')),
        CONSTRAINT assignments_mode_valid CHECK (mode IN ('REMOTE', 'ON_SITE', 'OFF')),
        CONSTRAINT assignments_source_valid CHECK (source IN ('ROTATION', 'REQUEST', 'RESERVATION', 'DEFAULT')),
        CONSTRAINT assignments_remote_has_pool CHECK (mode <> 'REMOTE' OR pool_id IS NOT NULL)
      )`);
    // A half-day's counts by pool and by site.
    await queryRunner.query(`CREATE INDEX assignments_pool_half_day_idx ON assignments (date, period, pool_id) WHERE mode = 'REMOTE'`);
    await queryRunner.query(`CREATE INDEX assignments_site_half_day_idx ON assignments (date, period, site_id, mode)`);

    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'assignments',
      'plan_versions',
      'allocation_runs',
      'request_status_history',
      'telework_requests',
      'rotation_cells',
      'rotation_calendars',
      'reservations',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP TRIGGER agents_group_size_check ON agents`);
    await queryRunner.query(`DROP FUNCTION enforce_rotation_group_size()`);
    await queryRunner.query(`ALTER TABLE org_units DROP CONSTRAINT org_units_manager_fk`);
    for (const table of ['agents', 'org_units', 'rotation_groups', 'capacity_changes', 'capacity_pools', 'sites']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
