import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CapacityDto, CapacityHalfDayDto, LicenceSizingDto, VideoMonthDto } from '@telework/contracts';
import { frenchPublicHolidays, workingHalfDays } from '@telework/planning';
import { readPoolHalfDayCapacities } from '@telework/planning-data';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig, PlanningClock } from '@telework/server-infrastructure';
import { fieldProblems } from '../common/problems';
import { DateRangeQueryDto, LicenceQueryDto, MAX_RANGE_DAYS } from './capacity.dto';
import { CapacityRepository, HalfDayCountRow } from './capacity.repository';
import { addDaysIso, checkRange } from './dates';
import { eventCapacityOf, eventCovers } from '../schedules/continuity-events.read';
import { PlanningRunner } from './planning-runner';
import { jobAnswer, SnapshotReader } from './snapshots.service';

@Injectable()
export class CapacityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly capacity: CapacityRepository,
    private readonly snapshots: SnapshotReader,
    private readonly runner: PlanningRunner,
    private readonly clock: PlanningClock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Per working half-day: each pool's capacity on that date, reserve, REMOTE agents (counted from
   * the assignments, the truth), reserved seats and what is free; per site the ON_SITE count;
   * the video-minutes forecast per month. A few set-based queries in one consistent read; a
   * pool's capacity on a date and its reserved seats come from the database's functions
   * (readPoolHalfDayCapacities), the twins of the engine's rules. Continuity mode: the ACTIVE
   * and DRAFT events meeting the range, which cover each half-day, the seats and desks an
   * ACTIVE event gives (free counts against them), and the agents left NO_WORKPLACE, in all and
   * per site.
   */
  async view(query: DateRangeQueryDto): Promise<CapacityDto> {
    const { from, to } = query;
    checkRange(from, to, MAX_RANGE_DAYS);
    const halfDays = workingHalfDays({ from, to }, frenchPublicHolidays(from, to));

    const data = await this.dataSource.transaction('REPEATABLE READ', async (manager: EntityManager) => {
      const pools = await this.capacity.findPools(manager);
      const seats = await readPoolHalfDayCapacities(manager, halfDays.map((h) => h.date));
      const remote = await this.capacity.countRemoteByPool(from, to, manager);
      const sites = await this.capacity.findSites(manager);
      const onSite = await this.capacity.countOnSiteBySite(from, to, manager);
      const noWorkplace = await this.capacity.countNoWorkplaceBySite(from, to, manager);
      const events = await this.capacity.findContinuityEvents(from, to, manager);
      return { pools, seats, remote, sites, onSite, noWorkplace, events };
    });

    const remote = countMap(data.remote);
    const onSite = countMap(data.onSite);
    const noWorkplace = countMap(data.noWorkplace);
    const events = data.events;
    // capacity in force and reserved seats: the database's rules (pool_capacity_on, pool_reserved_seats)
    const seats = new Map(data.seats.map((row) => [`${row.poolId}|${row.date}${row.period}`, row]));

    const rows: CapacityHalfDayDto[] = halfDays.map((h) => ({
      date: h.date,
      period: h.period,
      pools: data.pools.map((pool) => {
        const { capacity, reserved } = seats.get(`${pool.id}|${h.key}`) ?? { capacity: 0, reserved: 0 };
        const r = remote.get(`${pool.id}|${h.key}`) ?? 0;
        const eventCapacity = eventCapacityOf(events, h.key, { poolId: pool.id });
        return {
          poolId: pool.id, code: pool.code, capacity, reserve: Number(pool.reserve), remote: r, reserved,
          free: (eventCapacity ?? capacity) - r - reserved,
          ...(eventCapacity === null ? {} : { eventCapacity }),
        };
      }),
      noWorkplace: data.sites.reduce((sum, site) => sum + (noWorkplace.get(`${site.id}|${h.key}`) ?? 0), 0),
      continuityEventIds: events.filter((event) => eventCovers(event, h.key)).map((event) => event.id),
    }));

    const { minutesPerRemoteHalfDay, monthlyLicenceMinutes } = this.config.video;
    const perMonth = new Map<string, number>(monthsOf(from, to).map((month) => [month, 0]));
    for (const row of rows) {
      const month = row.date.slice(0, 7);
      perMonth.set(month, (perMonth.get(month) ?? 0) + row.pools.reduce((sum, pool) => sum + pool.remote, 0));
    }
    const months: VideoMonthDto[] = [...perMonth].map(([month, remoteHalfDays]) => ({
      month, remoteHalfDays, minutes: remoteHalfDays * minutesPerRemoteHalfDay, licenceMinutes: monthlyLicenceMinutes,
    }));

    return {
      from,
      to,
      halfDays: rows,
      sites: data.sites.map((site) => ({
        siteId: site.id, code: site.code, name: site.name, capacity: Number(site.capacity),
        onSite: halfDays.map((h) => onSite.get(`${site.id}|${h.key}`) ?? 0),
        noWorkplace: halfDays.map((h) => noWorkplace.get(`${site.id}|${h.key}`) ?? 0),
        eventCapacity: halfDays.map((h) => eventCapacityOf(events, h.key, { siteId: site.id })),
      })),
      video: { minutesPerRemoteHalfDay, monthlyLicenceMinutes, months },
      continuityEvents: events,
    };
  }

  /**
   * Licence sizing: the smallest constant capacity of a pool at which every eligible agent
   * reaches its weekly minimum (the engine builds the rotation; the published one is ignored).
   */
  async licences(query: LicenceQueryDto): Promise<LicenceSizingDto> {
    const from = query.from ?? this.clock.nextMonday();
    const to = query.to ?? addDaysIso(from, 27);
    checkRange(from, to, MAX_RANGE_DAYS);
    const snapshot = await this.snapshots.read(from, to, { kind: 'none' });
    const pool = snapshot.pools.find((p) => p.id === query.pool);
    if (!pool) {
      throw fieldProblems([{ field: 'pool', code: 'NOT_ALLOWED', value: query.pool, allowed: snapshot.pools.map((p) => p.id) }]);
    }
    const members = snapshot.agents.filter((agent) => agent.eligible && agent.pool === query.pool);
    if (query.weeklyMin !== undefined) {
      const weeklyMin = query.weeklyMin;
      snapshot.agents = snapshot.agents.map((agent) =>
        // asking for a minimum above an agent's maximum raises the maximum to it
        agent.eligible ? { ...agent, weeklyMin, weeklyMax: Math.max(weeklyMin, agent.weeklyMax ?? 6) } : agent,
      );
    }
    const answer = jobAnswer(await this.runner.run({ kind: 'licences', snapshot, pool: query.pool }), 'licences');
    return {
      pool: query.pool,
      weeklyMin: query.weeklyMin ?? mostCommon(members.map((agent) => agent.weeklyMin ?? 4)),
      from,
      to,
      currentCapacity: pool.capacity,
      capacityNeeded: answer.capacity,
      lowerBound: answer.lowerBound,
    };
  }
}

function countMap(rows: HalfDayCountRow[]): Map<string, number> {
  return new Map(rows.map((row) => [`${row.id}|${row.day}`, Number(row.n)]));
}

/** "2026-12", "2027-01", … for every calendar month [from, to] touches. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 4;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
