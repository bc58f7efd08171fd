import type { AssignmentMode, HalfDayPeriod, PoolKind } from './enums';
import type {
  ContinuityEventKind, ContinuityEventStatus, ContinuityPoolCapacity, ContinuitySiteCapacity,
} from './continuity';
import type { ApiProblem } from './messages/api-errors';
import type { CodedMessage } from './messages/format';
import type { PlanChange } from './messages/errors/requests';
import type { Refusal } from './messages/reasons';

// ---------- capacity ----------

export interface CapacityChangeDto {
  /** from this date on (inclusive) the capacity is this number */
  from: string;
  capacity: number;
}

export interface PoolDto {
  id: string;
  code: PoolKind | string;
  name: string;
  capacity: number;
  /** seats only ELECTED, DIRECTOR and ESSENTIAL agents may take */
  reserve: number;
  capacityChanges: CapacityChangeDto[];
}

export interface UpdatePoolRequest {
  name?: string;
  capacity?: number;
  reserve?: number;
  /** replaces the pool's list of dated capacity changes */
  capacityChanges?: CapacityChangeDto[];
}

export interface ReservationDto {
  id: string;
  poolId: string;
  poolCode: string;
  date: string;
  period: HalfDayPeriod;
  seats: number;
  label: string;
  createdAt: string;
}

export interface CreateReservationRequest {
  poolId: string;
  date: string;
  period: HalfDayPeriod;
  seats: number;
  label: string;
}

export interface PoolHalfDayUseDto {
  poolId: string;
  code: string;
  capacity: number;
  reserve: number;
  /** agents REMOTE on this pool */
  remote: number;
  /** seats reserved for events */
  reserved: number;
  /** (eventCapacity ?? capacity) − remote − reserved */
  free: number;
  /** the seats an ACTIVE continuity event gives the pool on this half-day (the smallest when several do); absent otherwise */
  eventCapacity?: number;
}

export interface CapacityHalfDayDto {
  date: string;
  period: HalfDayPeriod;
  pools: PoolHalfDayUseDto[];
  /** agents NO_WORKPLACE on this half-day (neither desk nor seat during a continuity event) */
  noWorkplace?: number;
  /** the continuity events of CapacityDto.continuityEvents covering this half-day */
  continuityEventIds?: string[];
}

export interface SiteCapacityDto {
  siteId: string;
  code: string;
  name: string;
  capacity: number;
  /** agents ON_SITE, one number per entry of CapacityDto.halfDays */
  onSite: number[];
  /** agents of this site NO_WORKPLACE, one number per entry of CapacityDto.halfDays */
  noWorkplace?: number[];
  /** the desks an ACTIVE continuity event leaves on the site (0: closed), one per entry of halfDays; null: no event sets it */
  eventCapacity?: (number | null)[];
}

/**
 * A continuity event as the capacity view and the site-day view list it: an ACTIVE or DRAFT event
 * meeting the period asked (the full event is GET /api/continuity-events/:id).
 */
export interface ContinuityEventSummaryDto {
  id: string;
  label: string;
  kind: ContinuityEventKind;
  status: ContinuityEventStatus;
  from: string;
  fromPeriod: HalfDayPeriod;
  to: string;
  toPeriod: HalfDayPeriod;
  sites: ContinuitySiteCapacity[];
  pools: ContinuityPoolCapacity[];
}

export interface VideoMonthDto {
  /** YYYY-MM */
  month: string;
  remoteHalfDays: number;
  minutes: number;
  licenceMinutes: number;
}

export interface CapacityDto {
  from: string;
  to: string;
  halfDays: CapacityHalfDayDto[];
  sites: SiteCapacityDto[];
  video: { minutesPerRemoteHalfDay: number; monthlyLicenceMinutes: number; months: VideoMonthDto[] };
  /** ACTIVE and DRAFT continuity events meeting [from, to], by start */
  continuityEvents?: ContinuityEventSummaryDto[];
}

export interface LicenceSizingDto {
  pool: string;
  weeklyMin: number;
  from: string;
  to: string;
  currentCapacity: number;
  /** smallest capacity at which every eligible agent reaches the weekly minimum */
  capacityNeeded: number;
  lowerBound: number | null;
}

export interface WhatIfOverrides {
  pools?: { id: string; capacity?: number; reserve?: number }[];
  weeklyMin?: number;
  weeklyMax?: number;
}

export interface WhatIfRequest {
  /** a planning snapshot (schema v1); when absent, the current data of [from, to] */
  snapshot?: unknown;
  from?: string;
  to?: string;
  overrides?: WhatIfOverrides;
}

export interface WhatIfResponse {
  metrics: Record<string, unknown>;
  warnings: string[];
}

// ---------- requests ----------

export type TeleworkRequestKind = 'REMOTE' | 'ON_SITE';
export type TeleworkRequestStatus = 'PENDING' | 'APPROVED' | 'REFUSED' | 'CANCELLED';
export type AllocationOutcome = 'GRANTED' | 'WAITLISTED' | 'REFUSED';

export interface TeleworkRequestDto {
  id: string;
  agentId: string;
  agentName: string;
  employeeNumber: string;
  date: string;
  period: HalfDayPeriod;
  kind: TeleworkRequestKind;
  status: TeleworkRequestStatus;
  /** what the allocation made of an approved request */
  allocationStatus: AllocationOutcome | null;
  /** why not granted (or a note on a grant), as data: word it with formatMessage(); null on rows decided before codes */
  allocationRefusal: Refusal | null;
  /** the same in plain English (recordText), and the only reason of rows decided before codes */
  allocationReason: string | null;
  comment: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** on the answer of a cancellation only: what it did to the published plan (null: nothing) */
  planChange?: PlanChange | null;
}

/** One half-day (`date` + `period`), or a date range with the periods wanted on each working day. */
export interface CreateRequestsRequest {
  kind: TeleworkRequestKind;
  date?: string;
  period?: HalfDayPeriod;
  from?: string;
  to?: string;
  periods?: HalfDayPeriod[];
}

export interface DecisionRequest {
  comment?: string;
}

export interface BulkDecisionRequest {
  ids: string[];
  comment?: string;
}

export interface BulkDecisionResult {
  /** `error` is the English message of `problem`, the coded answer the id would have had on its own */
  results: { id: string; ok: boolean; request?: TeleworkRequestDto; error?: string; statusCode?: number; problem?: ApiProblem }[];
}

// ---------- schedules ----------

/** CONTINUITY: set by an active continuity event */
export type AssignmentSourceKind = 'ROTATION' | 'REQUEST' | 'RESERVATION' | 'DEFAULT' | 'CONTINUITY';

export interface ScheduleHalfDayDto {
  date: string;
  period: HalfDayPeriod;
  mode: AssignmentMode;
  source: AssignmentSourceKind;
  /** the continuity event that set this half-day (source CONTINUITY) */
  continuityEventId?: string | null;
  /** NO_WORKPLACE only: why, as data (NoWorkplaceWhy: `{ code, ...figures }`) */
  why?: CodedMessage | null;
  /** NO_WORKPLACE only: the English record wording of `why` */
  reason?: string | null;
}

export interface ScheduleDto {
  agentId: string;
  from: string;
  to: string;
  halfDays: ScheduleHalfDayDto[];
}

/** An agent of the site left without a workplace on the half-day, and why. */
export interface SiteDayNoWorkplaceAgentDto {
  id: string;
  firstName: string;
  lastName: string;
  employeeNumber: string;
  continuityEventId: string | null;
  /** NoWorkplaceWhy as data */
  why: CodedMessage;
  /** its English record wording */
  reason: string;
}

export interface SiteDayPeriodDto {
  onSite: number;
  agents: { id: string; firstName: string; lastName: string; employeeNumber: string }[];
  /** agents of this site NO_WORKPLACE on the half-day (everyone, like onSite) */
  noWorkplace?: number;
  /** those of them the reader may see, with their reason */
  noWorkplaceAgents?: SiteDayNoWorkplaceAgentDto[];
  /** the desks an ACTIVE continuity event leaves on the site this half-day (0: closed); null: no event sets it */
  eventCapacity?: number | null;
}

export interface SiteDayDto {
  siteId: string;
  siteName: string;
  date: string;
  capacity: number;
  AM: SiteDayPeriodDto;
  PM: SiteDayPeriodDto;
  /** ACTIVE and DRAFT continuity events meeting the date */
  continuityEvents?: ContinuityEventSummaryDto[];
}

export interface CalendarLinkDto {
  url: string;
}

export interface NoticeDto {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
  readAt: string | null;
  /** a SCHEDULE_CHANGED notice whose changes fall in a continuity event: the event */
  continuityEventId?: string | null;
}

// ---------- rotation calendars ----------

export type RotationCalendarStatus = 'DRAFT' | 'PUBLISHED' | 'SUPERSEDED';

export interface RotationCellDto {
  groupId: string;
  date: string;
  period: HalfDayPeriod;
}

export interface RotationHalfDayUseDto {
  /** e.g. 2026-12-07AM */
  halfDay: string;
  /** reserve: seats only priority tiers may take (STANDARD agents fit in capacity − reserve) */
  pools: { code: string; remote: number; capacity: number; reserve: number; reserved: number }[];
}

export interface RotationCalendarDto {
  id: string;
  from: string;
  to: string;
  version: number;
  status: RotationCalendarStatus;
  createdAt: string;
  publishedAt: string | null;
  metrics: Record<string, unknown> | null;
  /** the English record wording of each warning (what rows written before codedWarnings have) */
  warnings: string[];
  /** the engine's warnings as coded messages (PlanWarning), same order as `warnings`; empty for calendars stored before them */
  codedWarnings: CodedMessage[];
  groups: { id: string; code: string; name: string; memberCount: number }[];
  halfDays: string[];
  cells: RotationCellDto[];
  use: RotationHalfDayUseDto[];
}

export interface RotationCalendarSummaryDto {
  id: string;
  from: string;
  to: string;
  version: number;
  status: RotationCalendarStatus;
  createdAt: string;
  publishedAt: string | null;
}

export interface CreateRotationRequest {
  from: string;
  to: string;
}

export interface PatchRotationCellsRequest {
  changes: { groupId: string; date: string; period: HalfDayPeriod; remote: boolean }[];
}

// ---------- allocation runs ----------

export type AllocationRunStatusKind = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface AllocationRunDto {
  id: string;
  /** CONTINUITY: started by a continuity event's activation, edit or end (it replans from today, freeze window included) */
  trigger: 'SCHEDULE' | 'MANUAL' | 'CONTINUITY';
  /** the continuity event whose activation, edit or end started (or joined) the run */
  continuityEventId?: string | null;
  /** the run replans from today, inside the freeze window (a continuity event's) */
  ignoreFreeze?: boolean;
  from: string;
  to: string;
  status: AllocationRunStatusKind;
  /** 0–100 */
  progress: number;
  stage: string | null;
  metrics: Record<string, unknown> | null;
  /** the English record wording of each warning (what rows written before codedWarnings have) */
  warnings: string[];
  /** the run's warnings (RunWarning) then the plan's (PlanWarning) as coded messages, same order as `warnings`; empty for runs stored before them */
  codedWarnings: CodedMessage[];
  /** why a FAILED run failed, in English (for logs) */
  error: string | null;
  /** why a FAILED run failed, coded (RunProblem, or JobProblem when its solve was an engine job that did not answer); null otherwise and for runs stored before it */
  errorCode: CodedMessage | null;
  planVersion: number | null;
  changedAgents: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface CreateAllocationRunRequest {
  from: string;
  to: string;
}

// ---------- audit, imports ----------

export interface AuditEntryDto {
  id: string;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export interface ImportReportDto {
  created: number;
  updated: number;
  /** one entry per refused cell: its line, column, field-check code and figures, and the English record */
  errors: { line: number; column: string; code: string; message: string; [figure: string]: unknown }[];
}

// ---------- requests: creation report (added with the requests routes) ----------

/** A half-day of a creation that made no new request, and why. */
export interface RequestHalfDayReport {
  date: string;
  period: HalfDayPeriod;
  /** NOT_WORKING (skipped) or REQUEST_EXISTS (duplicates), with its figures */
  refusal: Refusal;
  /** the same in plain English (recordText) */
  reason: string;
  /** for a duplicate: the live request already on that half-day */
  requestId?: string;
}

/** Answer of POST /api/requests: what was created, and what was not. */
export interface CreateRequestsResponse {
  items: TeleworkRequestDto[];
  duplicates: RequestHalfDayReport[];
  skipped: RequestHalfDayReport[];
}

// ---------- groups, limits ----------

/** Body of POST /api/groups/auto-form. */
export interface AutoFormGroupsRequest {
  /** also regroup eligible agents who already have a group (their old groups are emptied) */
  regroupAll?: boolean;
  /** answer what would change, change nothing */
  dryRun?: boolean;
  /** required with regroupAll when the published plan would change (else 409 with the figures) */
  confirm?: boolean;
}

/** What regrouping everyone does to the published plan (from `from` on). */
export interface PublishedPlanImpact {
  from: string;
  /** published calendars still running whose cells name groups that would be emptied */
  calendars: { id: string; version: number; from: string; to: string }[];
  /** those groups, and their eligible members who move to new groups no published calendar names */
  groups: number;
  agents: number;
  /** REMOTE half-days the published rotation gives them from `from` on: on site from the next allocation run */
  remoteHalfDays: number;
}

/** Answer of POST /api/groups/auto-form (with dryRun: what would be done). */
export interface AutoFormGroupsResult {
  groupsCreated: number;
  agentsGrouped: number;
  groups: import('./directory').RotationGroupDto[];
  dryRun: boolean;
  /** null when the published plan does not change */
  publishedPlan: PublishedPlanImpact | null;
}

/** Bulk decisions take at most this many ids; comments at most this many characters. */
export const MAX_BULK_IDS = 500;
export const MAX_COMMENT_LENGTH = 500;
