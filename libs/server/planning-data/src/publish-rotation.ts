import type { DataSource } from 'typeorm';
import { planSnapshot } from '@telework/planning';
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
  options: { maxGroupSize?: number; withRequests?: boolean } = {},
): Promise<string> {
  const read = await readPlanningSnapshot(dataSource.manager, { from, to, maxGroupSize: options.maxGroupSize ?? 300, rotation: { kind: 'none' } });
  const snapshot = options.withRequests ? read : { ...read, requests: [] };
  const plan = planSnapshot(snapshot);
  return dataSource.transaction(async (manager) => {
    const id = await insertPublishedCalendar(manager, from, to);
    await insertRotationCells(manager, id, plan.rotation);
    await setCalendarPlanFigures(manager, id, plan.metrics, plan);
    await writePlan(manager, { snapshot, plan, kind: 'ROTATION_PUBLICATION', rotationCalendarId: id, notify: false });
    return id;
  });
}
