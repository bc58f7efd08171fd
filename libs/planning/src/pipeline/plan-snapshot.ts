import { recordText, type PlanWarning, type RotationConflict } from '@telework/contracts';
import { allocateRequests, AllocationResult } from '../allocation/allocate';
import { checkPlan } from '../checker/check-plan';
import { Violation } from '../checker/rule';
import { buildPlanningContext, PlanningContext } from '../model/context';
import { Plan } from '../model/plan';
import { PlanningSnapshot, RotationCell } from '../model/snapshot';
import { buildRotation, groupRemoteOf, RotationWeekReport } from '../rotation/build-rotation';
import { NormalisedSnapshot } from '../validation/normalised-snapshot';
import { SnapshotValidationError, validateSnapshot } from '../validation/validate-snapshot';
import { engineMetrics, modeStrings } from './metrics';
import { EventDays, resolveEventDays } from '../continuity/event-days';
import { overlayEvents } from '../continuity/overlay';

export interface PlanOptions {
  /** time limit of the rotation search (needs `now`; default 8 s, shared by the weeks) */
  timeLimitMs?: number;
  /** clock in ms: fills metrics.solveMs and honours timeLimitMs; absent → solveMs 0, byte-identical plans */
  now?: () => number;
  onProgress?: (pct: number, stage: string) => void;
  /** deterministic bound on local-search rounds per week (default 100) */
  maxRounds?: number;
  /** extra annealing runs per week of the rotation search (default 0) */
  kicks?: number;
  /** annealing moves per run and week (deterministic work budget; default 10,000 per group within 150,000..1,200,000) */
  annealSteps?: number;
  /**
   * What to do when the snapshot's own rotation breaks a hard rule by itself (a cap cut or a
   * weekly max lowered after it was made): `refuse` (default) throws RotationConflictError with
   * the figures, for rotations still being edited; `keep-on-site` plans the rest, keeps the
   * fewest agents on site (lowest priority tier first; `plan.keptOnSite`) and reports each
   * conflict in the warnings, for a published rotation that must keep planning.
   */
  rotationConflicts?: 'refuse' | 'keep-on-site';
}

/** A kept rotation that breaks a hard rule by itself: the figures, never a silent fix. */
export class RotationConflictError extends Error {
  /** the record wording of each conflict, `recordText(conflicts[i])` */
  readonly issues: string[];

  /** each conflict as data (`{ code, ...figures }` of libs/contracts) */
  constructor(readonly conflicts: RotationConflict[]) {
    const issues = conflicts.map(recordText);
    super(
      `the given rotation breaks ${issues.length} hard rule${issues.length === 1 ? '' : 's'}:\n` +
        issues.slice(0, 20).map((i) => `  ${i}`).join('\n') +
        (issues.length > 20 ? `\n  … and ${issues.length - 20} more` : ''),
    );
    this.name = 'RotationConflictError';
    this.issues = issues;
  }
}

/** The planner broke a hard rule: a bug, never a plan to publish. */
export class PlanCheckError extends Error {
  constructor(readonly violations: Violation[]) {
    super(`the plan breaks hard rules (a planner bug):\n${violations.slice(0, 20).map((v) => `  [${v.rule}] ${v.message}`).join('\n')}`);
    this.name = 'PlanCheckError';
  }
}

export interface PlanReport {
  /** per ISO week: busiest expected half-day, its lower bound, shortfalls (absent for a kept rotation) */
  rotationWeeks: RotationWeekReport[];
  rotationKept: boolean;
  timedOut: boolean;
  /** REMOTE requests granted on a seat (the max-flow value) */
  seatGrants: number;
}

/** Plans a snapshot: validate, build (or keep) the rotation, allocate requests, assemble, check. */
export function planSnapshot(snapshot: PlanningSnapshot, options: PlanOptions = {}): Plan {
  return planWithReport(snapshot, options).plan;
}

export function planWithReport(snapshot: PlanningSnapshot, options: PlanOptions = {}): { plan: Plan; report: PlanReport } {
  const start = options.now ? options.now() : 0;
  const progress = options.onProgress ?? (() => undefined);
  progress(0, 'validate');
  const valid = validateSnapshot(snapshot);
  if (!valid.ok) throw new SnapshotValidationError(valid.errors);
  return planNormalised(valid.snapshot, options, start);
}

/** Same as planWithReport on an already validated snapshot. */
export function planNormalised(
  snapshot: NormalisedSnapshot,
  options: PlanOptions = {},
  start = options.now ? options.now() : 0,
): { plan: Plan; report: PlanReport } {
  return finishPlan(snapshot, planBaseline(snapshot, options), options, start);
}

/** The plan without continuity events: the rotation built (or kept) and the requests allocated. */
export interface Baseline {
  ctx: PlanningContext;
  cells: RotationCell[];
  rotationWeeks: RotationWeekReport[];
  timedOut: boolean;
  engineWarnings: PlanWarning[];
  alloc: AllocationResult;
}

/** Builds (or keeps) the rotation and allocates the requests, ignoring continuity events. */
export function planBaseline(snapshot: NormalisedSnapshot, options: PlanOptions = {}): Baseline {
  const progress = options.onProgress ?? (() => undefined);
  const ctx = buildPlanningContext(snapshot);
  progress(10, 'rotation');
  let cells: RotationCell[];
  let groupRemote: Uint8Array;
  let rotationWeeks: RotationWeekReport[] = [];
  let timedOut = false;
  const engineWarnings: PlanWarning[] = [];
  if (snapshot.rotation) {
    cells = snapshot.rotation;
    groupRemote = groupRemoteOf(ctx, cells);
  } else {
    const built = buildRotation(ctx, {
      timeLimitMs: options.timeLimitMs,
      now: options.now,
      maxRounds: options.maxRounds,
      kicks: options.kicks,
      annealSteps: options.annealSteps,
    });
    cells = built.cells;
    groupRemote = built.groupRemote;
    rotationWeeks = built.weeks;
    timedOut = built.timedOut;
    if (timedOut) engineWarnings.push({ code: 'ROTATION_SEARCH_TIME_LIMIT' });
  }
  progress(60, 'allocation');
  const alloc = allocateRequests(ctx, groupRemote, { keepOnSite: !!snapshot.rotation && options.rotationConflicts === 'keep-on-site' });
  if (alloc.rotationConflicts.length > 0) throw new RotationConflictError(alloc.rotationConflicts);
  engineWarnings.push(...alloc.conflictWarnings);
  return { ctx, cells, rotationWeeks, timedOut, engineWarnings, alloc };
}

/**
 * The plan of `snapshot` from its baseline (left unchanged, so one baseline serves several
 * variants of the events): the continuity events' half-days replanned, assembled and checked.
 */
export function finishPlan(
  snapshot: NormalisedSnapshot,
  baseline: Baseline,
  options: PlanOptions = {},
  start = options.now ? options.now() : 0,
): { plan: Plan; report: PlanReport } {
  const progress = options.onProgress ?? (() => undefined);
  const { cells, rotationWeeks, timedOut, alloc } = baseline;
  const ctx: PlanningContext = baseline.ctx.snapshot === snapshot ? baseline.ctx : { ...baseline.ctx, snapshot };
  const engineWarnings = [...baseline.engineWarnings];
  // continuity events (v2): the baseline stays as planned but on the event half-days, replanned
  let days: EventDays | undefined;
  let overlay: ReturnType<typeof overlayEvents> | undefined;
  let modes = alloc.modes;
  if (snapshot.version === 2 && (snapshot.events ?? []).length > 0) {
    const resolved = resolveEventDays(snapshot, ctx.halfDays, ctx.weeks, ctx.cap);
    if (resolved.active.length > 0) {
      progress(75, 'continuity');
      days = resolved;
      modes = alloc.modes.slice();
      overlay = overlayEvents(ctx, days, modes, alloc.requests);
    }
  }
  const requests = overlay ? overlay.requests : alloc.requests;
  const kept = days ? alloc.kept.filter((k) => !(days as EventDays).isEvent[k.h]) : alloc.kept;
  progress(85, 'check');
  const solveMs = options.now ? Math.max(0, Math.round(options.now() - start)) : 0;
  const plan: Plan = {
    version: snapshot.version === 2 ? 2 : 1,
    halfDays: ctx.halfDays.map((h) => h.key),
    rotation: cells,
    agents: modeStrings(ctx, modes).map((m, a) => ({ id: snapshot.agents[a].id, modes: m })),
    requests,
    metrics: engineMetrics(ctx, modes, requests, solveMs, days),
  };
  if (kept.length > 0) {
    plan.keptOnSite = kept.map(({ agent, h, rule }) => ({
      agentId: snapshot.agents[agent].id, date: ctx.halfDays[h].date, period: ctx.halfDays[h].period, rule,
    }));
  }
  if (overlay) {
    plan.noWorkplace = overlay.noWorkplace;
    plan.events = overlay.events;
  }
  const check = checkPlan(snapshot, plan);
  if (check.violations.length > 0) throw new PlanCheckError(check.violations);
  // the gap of each week's busiest half-day to its LP bound is in the report, not a warning:
  // the LP splits groups, so a gap there is often the bound's and nothing HR can act on
  const warnings = [...engineWarnings, ...check.codedWarnings];
  plan.warnings = warnings.map(recordText);
  plan.codedWarnings = warnings;
  progress(100, 'done');
  return { plan, report: { rotationWeeks, rotationKept: !!snapshot.rotation, timedOut, seatGrants: alloc.seatGrants } };
}
