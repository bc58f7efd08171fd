import type { DataSource } from 'typeorm';
import { CronExpressionParser } from 'cron-parser';
import type { AppConfig } from '@telework/server-config';
import type { AllocationJob } from '@telework/server-infrastructure';
import { AllocationRunOptions, AllocationSettings, runAllocation } from './allocation-runner';
import { createAllocationRun } from './allocation-runs.repository';
import { addCalendarDays } from './working-days';

export interface NightlySettings extends AllocationSettings {
  weeks: number;
}

/** The settings of allocation jobs, from the validated configuration (API and worker alike). */
export function allocationSettings(config: AppConfig): NightlySettings {
  return {
    maxGroupSize: config.maxGroupSize,
    freezeWorkingDays: config.allocation.freezeWorkingDays,
    timeLimitMs: config.allocation.timeLimitMs,
    weeks: config.allocation.weeks,
    mail: config.mail.smtpUrl !== null,
  };
}

/** The horizon a nightly run plans: from today (Paris) for `weeks` weeks. */
export function nightlyHorizon(today: string, weeks: number): { from: string; to: string } {
  return { from: today, to: addCalendarDays(today, weeks * 7 - 1) };
}

/**
 * The one handler per job name, shared by the BullMQ worker and the API's in-process mode, so
 * both run exactly the same code. Both pass `options.planner`, which solves in a worker thread.
 */
export async function processAllocationJob(
  dataSource: DataSource,
  job: AllocationJob,
  settings: NightlySettings,
  options: AllocationRunOptions,
): Promise<unknown> {
  switch (job.name) {
    case 'allocation.run':
      return runAllocation(dataSource, job.data.runId, settings, options);
    case 'allocation.nightly': {
      const { from, to } = nightlyHorizon(options.today, settings.weeks);
      const run = await createAllocationRun(dataSource, 'SCHEDULE', from, to, null);
      if (!run.created) return { status: 'JOINED', runId: run.id };
      return runAllocation(dataSource, run.id, settings, options);
    }
  }
}

/** The next time a cron pattern fires in Europe/Paris (for the in-process scheduler). */
export function nextCronDate(pattern: string, after: Date): Date {
  return CronExpressionParser.parse(pattern, { currentDate: after, tz: 'Europe/Paris' }).next().toDate();
}
