import type { DataSource } from 'typeorm';
import { planSnapshot } from '@telework/planning';
import { readPlanningSnapshot } from '../snapshot.repository';
import { writePlan } from '../plan.writer';

/**
 * Test fixture: builds a rotation with the engine and publishes it as the API would (calendar,
 * cells, assignments), so worker and service tests start from a published plan.
 */
export async function publishEngineRotation(dataSource: DataSource, from: string, to: string, maxGroupSize = 300): Promise<string> {
  const snapshot = await readPlanningSnapshot(dataSource.manager, { from, to, maxGroupSize, rotation: { kind: 'none' } });
  const plan = planSnapshot({ ...snapshot, requests: [] });
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
    await writePlan(manager, { snapshot: { ...snapshot, requests: [] }, plan, kind: 'ROTATION_PUBLICATION', rotationCalendarId: id, notify: false });
    return id as string;
  });
}
