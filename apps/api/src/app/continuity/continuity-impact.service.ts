import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ContinuityImpactDto } from '@telework/contracts';
import { frenchPublicHolidays, PlanningSnapshot, workingHalfDays } from '@telework/planning';
import { publishedCoverage, readPlanningSnapshot } from '@telework/planning-data';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { notFoundProblem } from '../common/problems';
import { PlanningRunner } from '../capacity/planning-runner';
import { ContinuityRepository } from './continuity.repository';
import { mondayOf, sundayOf } from './continuity.service';

/**
 * The impact preview of an event: the snapshot of its whole ISO weeks with the event as if it
 * were active (a DRAFT too), planned by the engine with and without it in an engine job (a
 * thread, or the worker with Redis); the figures are named (sites, org units, agents, pools) and
 * written nowhere.
 */
@Injectable()
export class ContinuityImpactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ContinuityRepository,
    private readonly runner: PlanningRunner,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async impact(id: string): Promise<ContinuityImpactDto> {
    const event = await this.events.findById(id);
    if (!event) throw notFoundProblem({ code: 'CONTINUITY_EVENT_NOT_FOUND', id });
    const from = mondayOf(event.from);
    const to = sundayOf(event.to);
    const { snapshot, rotation } = await this.readSnapshot(id, from, to);
    throw new Error(`impact of ${snapshot.events?.length} event(s) on ${from} → ${to} (${rotation}): the engine's continuityImpact is not there yet`);
  }

  /**
   * One consistent read of the weeks with the event as if active. The published rotation when
   * the published calendars cover every working day of the weeks, else none: the engine builds one.
   */
  private readSnapshot(eventId: string, from: string, to: string): Promise<{ snapshot: PlanningSnapshot; rotation: 'published' | 'built' }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const snapshot = await readPlanningSnapshot(manager, {
        from, to, maxGroupSize: this.config.maxGroupSize, rotation: { kind: 'published' }, previewEventId: eventId,
      });
      const working = workingHalfDays({ from, to }, frenchPublicHolidays(from, to));
      const coverage = await publishedCoverage(manager, from, to);
      const covered = !!coverage && working.length > 0 && coverage.from <= working[0].date && coverage.to >= working[working.length - 1].date;
      if (!covered) delete snapshot.rotation;
      return { snapshot, rotation: covered ? 'published' : 'built' };
    });
  }
}
