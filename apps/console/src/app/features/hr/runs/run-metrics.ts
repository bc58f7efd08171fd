import type { AllocationRunDto } from '@telework/contracts';
import { splitHalfDay } from '../../../core/dates/iso-dates';

export interface RunMetrics {
  requestsGranted: number | null;
  requestsRefused: number | null;
  weeklyMinShortfalls: number | null;
  siteOverflows: number | null;
  changedAgents: number | null;
  busiestHalfDay: { date: string; period: 'AM' | 'PM'; remote: number } | null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The figures a run reports, read defensively from its free-form `metrics`. */
export function runMetrics(run: AllocationRunDto): RunMetrics {
  const m = run.metrics ?? {};
  const busiest = m['busiestHalfDay'] as
    | { halfDay?: unknown; remote?: unknown }
    | undefined;
  const halfDay =
    busiest && typeof busiest.halfDay === 'string' && busiest.halfDay.length >= 12
      ? busiest.halfDay
      : null;
  return {
    requestsGranted: num(m['requestsGranted']),
    requestsRefused: num(m['requestsRefused']),
    weeklyMinShortfalls: num(m['weeklyMinShortfalls']),
    siteOverflows: num(m['siteOverflows']),
    changedAgents: run.changedAgents ?? num(m['changedAgents']),
    busiestHalfDay:
      halfDay && busiest
        ? { ...splitHalfDay(halfDay), remote: num(busiest.remote) ?? 0 }
        : null,
  };
}

export function isLive(run: AllocationRunDto): boolean {
  return run.status === 'QUEUED' || run.status === 'RUNNING';
}
