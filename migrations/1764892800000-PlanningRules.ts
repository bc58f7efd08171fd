import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One SQL home for the planning rules the database itself must apply under its locks:
 *   - `pool_capacity_on(pool, date)`: the capacity of a pool in force on a date, i.e. its latest
 *     dated change on or before the date, else the pool's own capacity. The engine's twin is
 *     `capacityOn` (libs/planning); a test draws random pools and compares them.
 *   - `pool_reserved_seats(pool, date, period)`: the seats reserved for events on a half-day.
 * And the refusal of an allocated request kept as data (`{ code, ...figures }`, see
 * libs/contracts messages/reasons.ts) beside the English words already stored.
 */
export class PlanningRules1764892800000 implements MigrationInterface {
  name = 'PlanningRules1764892800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION pool_capacity_on(p_pool_id uuid, p_date date) RETURNS integer
      LANGUAGE sql STABLE AS $$
        SELECT coalesce(
          (SELECT c.capacity FROM capacity_changes c
           WHERE c.pool_id = p_pool_id AND c.effective_from <= p_date
           ORDER BY c.effective_from DESC LIMIT 1),
          (SELECT p.capacity FROM capacity_pools p WHERE p.id = p_pool_id))
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION pool_reserved_seats(p_pool_id uuid, p_date date, p_period text) RETURNS integer
      LANGUAGE sql STABLE AS $$
        SELECT coalesce(sum(r.seats), 0)::int FROM reservations r
        WHERE r.pool_id = p_pool_id AND r.date = p_date AND r.period = p_period
      $$`);
    await queryRunner.query(`ALTER TABLE telework_requests ADD COLUMN allocation_refusal jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE telework_requests DROP COLUMN allocation_refusal`);
    await queryRunner.query(`DROP FUNCTION pool_reserved_seats(uuid, date, text)`);
    await queryRunner.query(`DROP FUNCTION pool_capacity_on(uuid, date)`);
  }
}
