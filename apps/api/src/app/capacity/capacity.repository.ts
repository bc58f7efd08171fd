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
 * per site (ON_SITE) and half-day. Each method takes the transaction's EntityManager when it
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

  /** REMOTE assignments of [from, to] per pool and half-day (the assignments are the truth). */
  countRemoteByPool(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<HalfDayCountRow[]> {
    return manager.query(
      `SELECT pool_id AS id, to_char(date, 'YYYY-MM-DD') || period AS day, count(*)::int AS n
       FROM assignments WHERE mode = 'REMOTE' AND date BETWEEN $1 AND $2 GROUP BY pool_id, date, period`,
      [from, to],
    );
  }

  /** NO_WORKPLACE assignments of [from, to] per site (the agent's) and half-day: a continuity event left them without a workplace. */
  countNoWorkplaceBySite(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<HalfDayCountRow[]> {
    return manager.query(
      `SELECT site_id AS id, to_char(date, 'YYYY-MM-DD') || period AS day, count(*)::int AS n
       FROM assignments WHERE mode = 'NO_WORKPLACE' AND date BETWEEN $1 AND $2 GROUP BY site_id, date, period`,
      [from, to],
    );
  }

  /** ACTIVE and DRAFT continuity events meeting [from, to]. */
  findContinuityEvents(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<ContinuityEventSummaryDto[]> {
    return findContinuityEventsMeeting(manager, from, to);
  }

  /** ON_SITE assignments of [from, to] per site and half-day. */
  countOnSiteBySite(from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<HalfDayCountRow[]> {
    return manager.query(
      `SELECT site_id AS id, to_char(date, 'YYYY-MM-DD') || period AS day, count(*)::int AS n
       FROM assignments WHERE mode = 'ON_SITE' AND date BETWEEN $1 AND $2 GROUP BY site_id, date, period`,
      [from, to],
    );
  }
}
