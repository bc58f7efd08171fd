import type { HalfDayPeriod, PriorityTier } from './enums';
import type { CodedMessage } from './messages/format';
import type { NoWorkplaceWhy } from './messages/continuity';

/**
 * Continuity mode: an event (strike, site closure, crisis…) that changes, for a period of
 * half-days, the desks of some sites, the seats of some pools, the weekly telework maximum, who
 * may telework and who must stay on site. HR declares it in DRAFT, previews its impact,
 * activates it (the dates are replanned at once, freeze window included), ends it early.
 */
export const CONTINUITY_EVENT_KINDS = ['STRIKE', 'SITE_CLOSURE', 'CRISIS', 'WEATHER', 'OTHER'] as const;
export type ContinuityEventKind = (typeof CONTINUITY_EVENT_KINDS)[number];

/** DRAFT → ACTIVE → ENDED; a DRAFT may be deleted, an ACTIVE one edited (replanned) or ended */
export const CONTINUITY_EVENT_STATUSES = ['DRAFT', 'ACTIVE', 'ENDED'] as const;
export type ContinuityEventStatus = (typeof CONTINUITY_EVENT_STATUSES)[number];

export interface ContinuitySiteCapacity {
  siteId: string;
  /** desks during the event: 0 = closed */
  capacity: number;
}

export interface ContinuityPoolCapacity {
  poolId: string;
  /** seats during the event (replaces the pool's capacity on the event's half-days) */
  capacity: number;
}

/** POST /api/continuity-events (and PATCH, every field optional) */
export interface CreateContinuityEventRequest {
  label: string;
  kind: ContinuityEventKind;
  from: string;
  fromPeriod: HalfDayPeriod;
  to: string;
  toPeriod: HalfDayPeriod;
  sites?: ContinuitySiteCapacity[];
  pools?: ContinuityPoolCapacity[];
  /** weekly telework maximum for the period (1..10; 10 = full time), for eligible agents in its scope */
  weeklyMax?: number | null;
  /** scope of weeklyMax: by tier and/or org unit; both empty = every eligible agent */
  weeklyMaxTiers?: PriorityTier[];
  weeklyMaxOrgUnitIds?: string[];
  /** agents made eligible for the period only (they telework on their own pool, else `extraEligiblePoolId`) */
  extraEligibleAgentIds?: string[];
  extraEligiblePoolId?: string | null;
  /** agents who must stay on site (essential services), by list, tier or org unit */
  onSiteAgentIds?: string[];
  onSiteTiers?: PriorityTier[];
  onSiteOrgUnitIds?: string[];
}

export type UpdateContinuityEventRequest = Partial<CreateContinuityEventRequest>;

export interface ContinuityEventDto extends Required<Omit<CreateContinuityEventRequest, 'weeklyMax' | 'extraEligiblePoolId'>> {
  id: string;
  status: ContinuityEventStatus;
  weeklyMax: number | null;
  extraEligiblePoolId: string | null;
  createdAt: string;
  createdBy: string | null;
  activatedAt: string | null;
  /** when it was ended early (its `to` is then the last half-day it covered) */
  endedAt: string | null;
  /** the allocation run the last activation, edit or end started */
  lastRunId: string | null;
}

/** 202 of activate / end (and of a PATCH of an ACTIVE event) */
export interface ContinuityEventRunDto {
  event: ContinuityEventDto;
  /** the allocation run replanning the affected dates */
  runId: string;
  /** null when the run joined one already queued for the same horizon */
  created: boolean;
}

/** Counts of agent-half-days: on site, remote, without a workplace. */
export interface ContinuityCounts {
  onSite: number;
  remote: number;
  noWorkplace: number;
}

export interface ContinuityImpactHalfDay extends ContinuityCounts {
  date: string;
  period: HalfDayPeriod;
  /** the same half-day in the plan without the event */
  before: ContinuityCounts;
  bySite: (ContinuityCounts & { siteId: string; siteName: string; capacity: number })[];
  byTier: (ContinuityCounts & { tier: PriorityTier })[];
  byOrgUnit: (ContinuityCounts & { orgUnitId: string | null; orgUnitName: string | null })[];
  pools: { poolId: string; code: string; used: number; capacity: number }[];
}

/** GET /api/continuity-events/:id/impact — computed by the engine, written nowhere */
export interface ContinuityImpactDto {
  eventId: string;
  /** the horizon planned (whole ISO weeks around the event) */
  from: string;
  to: string;
  /** 'published': the published rotation; 'built': no published rotation covers it, the engine built one */
  rotation: 'published' | 'built';
  totals: ContinuityCounts & { before: ContinuityCounts };
  /** agents whose half-days change (those who would get a notice) */
  changedAgents: number;
  /** distinct agents left without a workplace at least once */
  agentsWithoutWorkplace: number;
  halfDays: ContinuityImpactHalfDay[];
  /** licence sizing on the event's data: seats each pool needs so that every eligible agent works remote on every event half-day */
  licences: { poolId: string; code: string; capacity: number; needed: number }[];
  /** the first examples of agents without a workplace, with their reason */
  examples: { agentId: string; name: string; date: string; period: HalfDayPeriod; why: NoWorkplaceWhy }[];
  warnings: CodedMessage[];
}
