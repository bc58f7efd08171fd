import type { EntityManager } from 'typeorm';
import type { ContinuityEventSummaryDto, HalfDayPeriod } from '@telework/contracts';

/**
 * The few reads of continuity_events the plan's views need (the events' own routes live in
 * ../continuity): the events to show beside a period, and the ACTIVE event covering a half-day.
 * Each takes the caller's EntityManager, so it reads inside the caller's transaction.
 */

interface EventRow {
  id: string;
  label: string;
  kind: ContinuityEventSummaryDto['kind'];
  status: ContinuityEventSummaryDto['status'];
  from: string;
  fromPeriod: HalfDayPeriod;
  to: string;
  toPeriod: HalfDayPeriod;
  /** jsonb as JSON text (the same on both drivers) */
  sites: string;
  pools: string;
}

/** ACTIVE and DRAFT events meeting the dates [from, to], by start (then creation). */
export async function findContinuityEventsMeeting(manager: EntityManager, from: string, to: string): Promise<ContinuityEventSummaryDto[]> {
  const rows: EventRow[] = await manager.query(
    `SELECT id, label, kind, status,
            to_char(from_date, 'YYYY-MM-DD') AS "from", from_period AS "fromPeriod",
            to_char(to_date, 'YYYY-MM-DD') AS "to", to_period AS "toPeriod",
            sites::text AS sites, pools::text AS pools
     FROM continuity_events
     WHERE status IN ('ACTIVE', 'DRAFT') AND from_date <= $2 AND to_date >= $1
     ORDER BY from_date, from_period, created_at, id`,
    [from, to],
  );
  return rows.map((row) => ({ ...row, sites: JSON.parse(row.sites), pools: JSON.parse(row.pools) }));
}

/**
 * The ACTIVE event covering the half-day (the one starting first when several do), or null.
 * Half-days compare as (date, period) pairs, AM before PM.
 */
export async function findActiveEventCovering(
  manager: EntityManager,
  date: string,
  period: HalfDayPeriod,
): Promise<{ id: string; label: string } | null> {
  const [row]: { id: string; label: string }[] = await manager.query(
    `SELECT id, label FROM continuity_events
     WHERE status = 'ACTIVE' AND (from_date, from_period) <= ($1::date, $2::text) AND (to_date, to_period) >= ($1::date, $2::text)
     ORDER BY from_date, from_period, created_at, id
     LIMIT 1`,
    [date, period],
  );
  return row ?? null;
}

/** Whether the half-day key ("2026-12-07AM") lies inside the event. */
export function eventCovers(event: Pick<ContinuityEventSummaryDto, 'from' | 'fromPeriod' | 'to' | 'toPeriod'>, key: string): boolean {
  return key >= `${event.from}${event.fromPeriod}` && key <= `${event.to}${event.toPeriod}`;
}

/**
 * What the ACTIVE events covering a half-day leave of a site's desks or a pool's seats: the
 * smallest capacity among those listing it (the engine's rule), or null when none does.
 */
export function eventCapacityOf(
  events: ContinuityEventSummaryDto[],
  key: string,
  of: { siteId: string } | { poolId: string },
): number | null {
  let capacity: number | null = null;
  for (const event of events) {
    if (event.status !== 'ACTIVE' || !eventCovers(event, key)) continue;
    const listed = 'siteId' in of
      ? event.sites.find((site) => site.siteId === of.siteId)
      : event.pools.find((pool) => pool.poolId === of.poolId);
    if (listed && (capacity === null || listed.capacity < capacity)) capacity = listed.capacity;
  }
  return capacity;
}
