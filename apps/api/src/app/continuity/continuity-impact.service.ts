import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ContinuityImpactDto } from '@telework/contracts';
import { ContinuityImpactResult, frenchPublicHolidays, PlanningSnapshot, workingHalfDays } from '@telework/planning';
import { publishedCoverage, readPlanningSnapshot } from '@telework/planning-data';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { notFoundProblem } from '../common/problems';
import { PlanningRunner } from '../capacity/planning-runner';
import { planningProblem } from '../capacity/snapshots.service';
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
    const result = await this.runner.run({ kind: 'continuityImpact', snapshot, eventId: id, timeLimitMs: this.config.allocation.timeLimitMs });
    if (!result.ok) throw planningProblem(result.status, result.problem, result.errors);
    if (result.kind !== 'continuityImpact') throw new Error(`planning job continuityImpact answered ${result.kind}`);
    return this.named(result.impact, snapshot, rotation);
  }

  /** The engine's figures with names: sites (from the snapshot), org units and agents (from the data), pools by id and code. */
  private async named(impact: ContinuityImpactResult, snapshot: PlanningSnapshot, rotation: 'published' | 'built'): Promise<ContinuityImpactDto> {
    const siteNames = new Map(snapshot.sites.map((site) => [site.id, site.name ?? site.id]));
    const unitNames = await this.events.findOrgUnitNames(
      [...new Set(impact.halfDays.flatMap((h) => h.byOrgUnit.map((u) => u.orgUnitId)).filter((u): u is string => u !== null))]);
    const agentNames = await this.events.findAgentNames(impact.examples.map((example) => example.agentId));
    const poolIds = await this.events.findPoolIdsByCode();
    const pool = (code: string) => ({ poolId: poolIds.get(code) ?? code, code });
    return {
      eventId: impact.eventId,
      from: impact.from,
      to: impact.to,
      rotation,
      totals: impact.totals,
      changedAgents: impact.changedAgentIds.length,
      agentsWithoutWorkplace: impact.agentsWithoutWorkplace,
      halfDays: impact.halfDays.map((h) => ({
        date: h.date, period: h.period, onSite: h.onSite, remote: h.remote, noWorkplace: h.noWorkplace, before: h.before,
        bySite: h.bySite.map((site) => ({ ...site, siteName: siteNames.get(site.siteId) ?? site.siteId })),
        byTier: h.byTier,
        byOrgUnit: h.byOrgUnit.map((unit) => ({ ...unit, orgUnitName: unit.orgUnitId === null ? null : unitNames.get(unit.orgUnitId) ?? null })),
        pools: h.pools.map((p) => ({ ...pool(p.poolId), used: p.used, capacity: p.capacity })),
      })),
      licences: impact.licences.map((l) => ({ ...pool(l.poolId), capacity: l.capacity, needed: l.needed })),
      examples: impact.examples.map((example) => ({ ...example, name: agentNames.get(example.agentId) ?? example.agentId })),
      warnings: impact.warnings,
    };
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
