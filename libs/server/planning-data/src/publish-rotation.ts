import type { DataSource, EntityManager } from 'typeorm';
import { Plan, planSnapshot, PlanningSnapshot } from '@telework/planning';
import { phaseTimer, withIndexesRebuiltAfter } from '@telework/persistence';
import { readPlanningSnapshot } from './snapshot.repository';
import { insertPublishedCalendar, insertRotationCells, setCalendarPlanFigures } from './rotation-calendars.repository';
import { writePlan } from './plan.writer';

/**
 * Builds a rotation with the engine and publishes it in one step (calendar, cells,
 * assignments): the demo département's first calendar, and the starting point of worker and
 * service tests. HR's own path (draft, edit, publish) is the API's rotations routes.
 */
export async function publishEngineRotation(
  dataSource: DataSource,
  from: string,
  to: string,
  options: {
    maxGroupSize?: number;
    withRequests?: boolean;
    /**
     * The snapshot of these dates, read from the database as `readRotationSnapshot` reads it
     * (with the same maxGroupSize and withRequests), and its engine plan: published as they are,
     * neither read nor planned again (the demo load plans while it seeds, and checks the snapshot
     * it planned is still the database's before handing it over).
     */
    planned?: { snapshot: PlanningSnapshot; plan: Plan };
    /** filled with the milliseconds of each step (read, plan, write and the writer's phases, indexes) */
    timings?: Record<string, number>;
  } = {},
): Promise<string> {
  const timings = options.timings ?? {};
  const lap = phaseTimer(timings);
  let planned = options.planned;
  if (!planned) {
    const snapshot = await readRotationSnapshot(dataSource.manager, from, to, options);
    lap('read');
    planned = { snapshot, plan: planSnapshot(snapshot) };
    lap('plan');
  }
  const { snapshot, plan } = planned;
  return dataSource.transaction(async (manager) => {
    const id = await insertPublishedCalendar(manager, from, to);
    await insertRotationCells(manager, id, plan.rotation);
    await setCalendarPlanFigures(manager, id, plan.metrics, plan);
    // the first plan of a database (the demo's: 100,000 agents × 36 half-days) fills an empty
    // table: its indexes and foreign keys are built once afterwards, not maintained row by row,
    // and its counts written once, not aggregated by the counting trigger
    const [{ empty }] = await manager.query(`SELECT NOT EXISTS (SELECT 1 FROM assignments) AS empty`);
    const write = async () => {
      const written = await writePlan(manager, {
        snapshot, plan, kind: 'ROTATION_PUBLICATION', rotationCalendarId: id, notify: false, tableEmptyAndLocked: empty,
      });
      lap('write');
      Object.assign(timings, written.phasesMs);
    };
    await (empty ? withIndexesRebuiltAfter(manager, 'assignments', write) : write());
    if (empty) lap('indexesRebuilt');
    return id;
  });
}

/** The snapshot publishEngineRotation plans: no rotation (the engine builds one), requests only `withRequests`. */
export async function readRotationSnapshot(
  manager: EntityManager,
  from: string,
  to: string,
  options: { maxGroupSize?: number; withRequests?: boolean } = {},
): Promise<PlanningSnapshot> {
  const read = await readPlanningSnapshot(manager, { from, to, maxGroupSize: options.maxGroupSize ?? 300, rotation: { kind: 'none' } });
  return options.withRequests ? read : { ...read, requests: [] };
}
