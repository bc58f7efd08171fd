import type { AllocationRunDto, CodedMessage, MessageLocale } from '@telework/contracts';
import { codedText } from '../../../core/api/api-error';
import { splitHalfDay } from '../../../core/dates/iso-dates';

/**
 * A run's or a calendar's warnings in the reader's language: each coded warning
 * (`{code, ...figures}`) worded in `locale`; a row stored before warnings were kept as data
 * (`codedWarnings` empty) or a code unknown here shows its English text as it came.
 */
export function warningTexts(
  holder: { warnings: string[]; codedWarnings?: CodedMessage[] | null },
  locale: MessageLocale,
): string[] {
  const coded = holder.codedWarnings ?? [];
  if (coded.length === 0) return holder.warnings;
  return coded.map((warning, i) => codedText(warning, locale) ?? holder.warnings[i] ?? warning.code);
}

/** Why a FAILED run failed, in the reader's language; its English `error` for a run stored before errors were coded. */
export function runErrorText(run: AllocationRunDto, locale: MessageLocale): string | null {
  return codedText(run.errorCode, locale) ?? run.error;
}

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
