import type { DataSource } from 'typeorm';
import { planSnapshot } from '@telework/planning';
import { readPlanningSnapshot } from './snapshot.repository';
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
    const [{ id }] = await manager.query(
      `INSERT INTO rotation_calendars (period_from, period_to, version, status, published_at)
       SELECT $1, $2, coalesce(max(version), 0) + 1, 'PUBLISHED', now() FROM rotation_calendars RETURNING id`,
      [from, to],
    );
    await manager.query(
      `INSERT INTO rotation_cells (calendar_id, group_id, date, period)
       SELECT $1, g, d::date, p FROM unnest($2::uuid[], $3::text[], $4::text[]) AS c(g, d, p)`,
      [id, plan.rotation.map((c) => c.groupId), plan.rotation.map((c) => c.date), plan.rotation.map((c) => c.period)],
    );
    await manager.query(`UPDATE rotation_calendars SET metrics = $2, warnings = $3 WHERE id = $1`, [
      id, JSON.stringify(plan.metrics), JSON.stringify(plan.warnings ?? []),
    ]);
    await writePlan(manager, { snapshot, plan, kind: 'ROTATION_PUBLICATION', rotationCalendarId: id, notify: false });
    return id as string;
  });
}
