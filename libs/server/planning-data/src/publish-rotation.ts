import type { DataSource } from 'typeorm';
import { planSnapshot } from '@telework/planning';
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
    /** filled with the milliseconds of each step (read, plan, write and the writer's phases, indexes) */
    timings?: Record<string, number>;
  } = {},
): Promise<string> {
  const timings = options.timings ?? {};
  const lap = phaseTimer(timings);
  const read = await readPlanningSnapshot(dataSource.manager, { from, to, maxGroupSize: options.maxGroupSize ?? 300, rotation: { kind: 'none' } });
  const snapshot = options.withRequests ? read : { ...read, requests: [] };
  lap('read');
  const plan = planSnapshot(snapshot);
  lap('plan');
  return dataSource.transaction(async (manager) => {
    const id = await insertPublishedCalendar(manager, from, to);
    await insertRotationCells(manager, id, plan.rotation);
    await setCalendarPlanFigures(manager, id, plan.metrics, plan);
    const write = async () => {
      const written = await writePlan(manager, { snapshot, plan, kind: 'ROTATION_PUBLICATION', rotationCalendarId: id, notify: false });
      lap('write');
      Object.assign(timings, written.phasesMs);
    };
    // the first plan of a database (the demo's: 100,000 agents × 36 half-days) fills an empty
    // table: its indexes and foreign keys are built once afterwards, not maintained row by row
    const [{ empty }] = await manager.query(`SELECT NOT EXISTS (SELECT 1 FROM assignments) AS empty`);
    await (empty ? withIndexesRebuiltAfter(manager, 'assignments', write) : write());
    if (empty) lap('indexesRebuilt');
    return id;
  });
}
