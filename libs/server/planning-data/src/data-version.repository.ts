import type { EntityManager } from 'typeorm';

/**
 * The key of the planning-data advisory lock (migrations/1764806400000-PlanningDataVersion.ts):
 * every writer of planning data holds it SHARED until it commits (a BEFORE STATEMENT trigger
 * takes it), a plan's write holds it EXCLUSIVE.
 */
export const PLANNING_DATA_LOCK_KEY = 7_466_120_011;

/** Waits for the writers of planning data in flight, and holds new ones back until this transaction ends. */
export async function lockPlanningData(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${PLANNING_DATA_LOCK_KEY})`);
}

/**
 * For a writer of planning data that locks rows or tables (FOR UPDATE, LOCK TABLE) before its
 * first change: take the shared planning-data lock first, as the triggers would, so that the
 * order is always "planning-data lock, then rows" and a plan's write cannot deadlock with it.
 */
export async function sharePlanningDataLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(${PLANNING_DATA_LOCK_KEY})`);
}

/** The planning data version: the last number the writers of planning data drew (0 before the first). */
export async function readPlanningDataVersion(manager: Pick<EntityManager, 'query'>): Promise<number> {
  const [row] = await manager.query(
    `SELECT (CASE WHEN is_called THEN last_value ELSE 0 END)::text AS version FROM planning_data_version`,
  );
  return Number(row.version);
}
