import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AllocationRunDto, Page } from '@telework/contracts';
import { createAllocationRun, CreatedRun, readAllocationRunSnapshot } from '@telework/planning-data';

const RUN_SELECT = `
  SELECT id, trigger, to_char(horizon_from, 'YYYY-MM-DD') AS "from", to_char(horizon_to, 'YYYY-MM-DD') AS "to",
         status, progress, stage, metrics, warnings, coded_warnings AS "codedWarnings", error, error_code AS "errorCode",
         plan_version AS "planVersion",
         changed_agents AS "changedAgents", continuity_event_id AS "continuityEventId", ignore_freeze AS "ignoreFreeze",
         created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"
  FROM allocation_runs`;

/**
 * The allocation runs as the API reads and triggers them. The runner's own writes (start,
 * progress, outcome) are @telework/planning-data's (allocation-runs.repository.ts there).
 */
@Injectable()
export class AllocationRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a run of [from, to], or returns the live one of that horizon (see createAllocationRun). */
  createOrJoinLive(trigger: 'SCHEDULE' | 'MANUAL', from: string, to: string, requestedBy: string | null): Promise<CreatedRun> {
    return createAllocationRun(this.dataSource, trigger, from, to, requestedBy);
  }

  /** A run, or undefined. */
  async findById(id: string): Promise<AllocationRunDto | undefined> {
    const [run] = await this.dataSource.query(`${RUN_SELECT} WHERE id = $1`, [id]);
    return run;
  }

  /** One page of the runs, newest first, and how many there are. */
  async findPage(window: { limit: number; offset: number }): Promise<Page<AllocationRunDto>> {
    const items = await this.dataSource.query(`${RUN_SELECT} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [window.limit, window.offset]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM allocation_runs`);
    return { items, total };
  }

  /** The snapshot a run planned: undefined when there is no such run, null when it stored none (yet). */
  async findInputSnapshot(id: string): Promise<unknown> {
    return readAllocationRunSnapshot(this.dataSource, id);
  }
}
