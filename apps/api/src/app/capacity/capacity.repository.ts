import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ContinuityEventSummaryDto } from '@telework/contracts';
import { findContinuityEventsMeeting } from '../schedules/continuity-events.read';

/** A pool as the capacity view lists it. */
export interface CapacityPoolRow {
  id: string;
  code: string;
  reserve: number;
}

/** A site as the capacity view lists it. */
export interface CapacitySiteRow {
  id: string;
  code: string;
  name: string;
  capacity: number;
}

/** How many assignments a pool (or a site) has on a half-day: `day` is the date followed by the period. */
export interface HalfDayCountRow {
  id: string;
  day: string;
  n: number;
}

/**
 * The capacity view's reads: pools, sites, and the assignments counted per pool (REMOTE) or
 * per site (ON_SITE, NO_WORKPLACE) and half-day, from the counts the database keeps. Each method takes the transaction's EntityManager when it
 * runs inside one (the default: the data source's). A pool's capacity on a date and its
 * reserved seats are the database's functions (readPoolHalfDayCapacities, @telework/planning-data).
 */
@Injectable()
export class CapacityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every pool, by code. */
  findPools(manager: EntityManager = this.dataSource.manager): Promise<CapacityPoolRow[]> {
    return manager.query(`SELECT id, code, reserve FROM capacity_pools ORDER BY code`);
  }

  /** Every site, by code. */
  findSites(manager: EntityManager = this.dataSource.manager): Promise<CapacitySiteRow[]> {
    return manager.query(`SELECT id, code, name, capacity FROM sites ORDER BY code`);
  }

  /** REMOTE assignments of [from, to] per pool and half-day. */
  countRemoteByPool(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<HalfDayCountRow[]> {
    return countAssignments(manager, 'REMOTE', 'pool_id', from, to);
  }

  /** NO_WORKPLACE assignments of [from, to] per site (the agent's) and half-day: a continuity event left them without a workplace. */
  countNoWorkplaceBySite(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<HalfDayCountRow[]> {
    return countAssignments(manager, 'NO_WORKPLACE', 'site_id', from, to);
  }

  /** ACTIVE and DRAFT continuity events meeting [from, to]. */
  findContinuityEvents(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<ContinuityEventSummaryDto[]> {
    return findContinuityEventsMeeting(manager, from, to);
  }

  /** ON_SITE assignments of [from, to] per site and half-day. */
  countOnSiteBySite(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<HalfDayCountRow[]> {
    return countAssignments(manager, 'ON_SITE', 'site_id', from, to);
  }
}

/**
 * Assignments of a mode per pool or site and half-day, summed from `assignment_counts` (the
 * deltas the database's triggers append for every write of `assignments`, migration
 * 1765324860000): the same figures as counting the rows, without reading them.
 */
function countAssignments(
  manager: EntityManager, mode: 'REMOTE' | 'ON_SITE' | 'NO_WORKPLACE', key: 'pool_id' | 'site_id', from: string, to: string,
): Promise<HalfDayCountRow[]> {
  return manager.query(
    `SELECT ${key} AS id, to_char(date, 'YYYY-MM-DD') || period AS day, sum(n)::int AS n
     FROM assignment_counts WHERE mode = $1 AND date BETWEEN $2 AND $3
     GROUP BY ${key}, date, period HAVING sum(n) <> 0`,
    [mode, from, to],
  );
}
