import type { DataSource, EntityManager } from 'typeorm';
import { lockPlanningData, readPlanningDataVersion } from './data-version.repository';

/** How many times a plan is made before the last attempt holds the lock while it reads and plans. */
export const DEFAULT_PLAN_ATTEMPTS = 3;

/** The planning data version a snapshot was read at. */
export interface DataVersion {
  version: number;
}

/**
 * The data version, read under the exclusive lock in its own short transaction, BEFORE the
 * snapshot is read: every change drawn after it has a higher number, and every writer that
 * drew a number at most this one has committed before the snapshot starts. So any change the
 * snapshot misses makes the version move (a change it saw may too: a harmless re-plan).
 */
export async function readDataVersion(dataSource: DataSource): Promise<DataVersion> {
  return dataSource.transaction(async (manager) => {
    await lockPlanningData(manager);
    return { version: await readPlanningDataVersion(manager) };
  });
}

/** In a transaction holding lockPlanningData: whether planning data changed since `read`. */
export async function changedSince(manager: EntityManager, read: DataVersion): Promise<boolean> {
  return (await readPlanningDataVersion(manager)) !== read.version;
}

export interface FreshPlanSteps<S, P, R, F = undefined> {
  /** reads the planning data (the snapshot); runs in one REPEATABLE READ transaction, or under the lock */
  read(manager: EntityManager): Promise<S>;
  /** plans it (off the event loop: a worker thread); touches no database */
  plan(read: S, attempt: number): Promise<P>;
  /**
   * reads, while the plan is made, what the write will need of the current data (on its own
   * connection, after the snapshot: when the write finds the data version unchanged, it is still
   * current). Not in the last attempt, whose transaction holds the lock and reads in the write.
   */
  prefetch?(dataSource: DataSource, read: S): Promise<F>;
  /** writes the plan in the caller's transaction, which holds the planning-data lock and is up to date */
  write(manager: EntityManager, read: S, planned: P, attempt: number, prefetched?: F): Promise<R>;
  /** attempts in all (the last one holds the lock while it reads and plans); default 3 */
  attempts?: number;
  /** told when a plan is thrown away because the data changed while it was made */
  onStale?(attempt: number): void;
}

/**
 * Reads, plans and writes so that nothing committed between the read and the write is lost:
 * the write locks the planning data (exclusive advisory lock, see the migration) and checks
 * the data version read with the snapshot; when a decision, a cancellation, a publication…
 * came in meanwhile, the plan is made again from fresh data. Bounded: the last attempt takes
 * the lock first, then reads, plans and writes while holding it (writers of planning data wait
 * that long), so it cannot starve.
 */
export async function planOnFreshData<S, P, R, F = undefined>(
  dataSource: DataSource, steps: FreshPlanSteps<S, P, R, F>,
): Promise<{ result: R; attempts: number }> {
  const attempts = Math.max(1, steps.attempts ?? DEFAULT_PLAN_ATTEMPTS);
  for (let attempt = 1; attempt < attempts; attempt++) {
    const version = await readDataVersion(dataSource);
    const read = await dataSource.transaction('REPEATABLE READ', (manager) => steps.read(manager));
    const [planned, prefetched] = await Promise.all([steps.plan(read, attempt), steps.prefetch?.(dataSource, read)]);
    const written = await dataSource.transaction(async (manager) => {
      await lockPlanningData(manager);
      if (await changedSince(manager, version)) return null;
      return { result: await steps.write(manager, read, planned, attempt, prefetched) };
    }).catch((error: unknown) => {
      // a writer that locked rows before its first change met this write: PostgreSQL broke the
      // deadlock by failing one side; when it is this side, plan again
      if (sqlState(error) === '40P01') return null;
      throw error;
    });
    if (written) return { result: written.result, attempts: attempt };
    steps.onStale?.(attempt);
  }
  const result = await dataSource.transaction(async (manager) => {
    await lockPlanningData(manager);
    const read = await steps.read(manager);
    const planned = await steps.plan(read, attempts);
    return steps.write(manager, read, planned, attempts);
  });
  return { result, attempts };
}

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}
