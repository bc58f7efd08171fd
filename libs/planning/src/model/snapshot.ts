/**
 * Planning snapshot, versions 1 and 2 — mirror schemas/planning-snapshot.schema.json (v1, the
 * shared format, valid input forever) and schemas/planning-snapshot.v2.schema.json (v2: v1 plus
 * continuity events and agents' org units). A v1 snapshot plans exactly as before.
 * Optional fields take the schema's defaults through `normaliseSnapshot`.
 */
export type Period = 'AM' | 'PM';
export type Tier = 'ELECTED' | 'DIRECTOR' | 'ESSENTIAL' | 'STANDARD';
export type RequestKind = 'REMOTE' | 'ON_SITE';
export type RequestStatus = 'PENDING' | 'APPROVED' | 'REFUSED';
export type WeekdayHalfDay =
  | 'MON_AM' | 'MON_PM' | 'TUE_AM' | 'TUE_PM' | 'WED_AM'
  | 'WED_PM' | 'THU_AM' | 'THU_PM' | 'FRI_AM' | 'FRI_PM';

export const TIERS_BY_PRIORITY: readonly Tier[] = ['ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD'];
export const WEEKDAY_HALF_DAYS: readonly WeekdayHalfDay[] = [
  'MON_AM', 'MON_PM', 'TUE_AM', 'TUE_PM', 'WED_AM',
  'WED_PM', 'THU_AM', 'THU_PM', 'FRI_AM', 'FRI_PM',
];

export interface CapacityChange {
  from: string;
  capacity: number;
}

export interface PoolSnapshot {
  id: string;
  capacity: number;
  reserve?: number;
  capacityChanges?: CapacityChange[];
}

export interface SiteSnapshot {
  id: string;
  name?: string;
  capacity: number;
}

export interface GroupSnapshot {
  id: string;
  name?: string;
}

export interface AgentSnapshot {
  id: string;
  siteId: string;
  groupId?: string | null;
  eligible: boolean;
  pool?: string | null;
  tier?: Tier;
  weeklyMin?: number;
  weeklyMax?: number;
  offHalfDays?: WeekdayHalfDay[];
  /** v2 only: the agent's org unit (scopes of continuity events, impact by org unit); the planner ignores it otherwise */
  orgUnitId?: string | null;
  /** v2 only: the frozen part of the week the horizon cuts (see CarriedHalfDays); absent = nothing carried */
  carried?: CarriedHalfDays;
}

/**
 * Version 2: the half-days of the horizon's first ISO week that come BEFORE `horizon.from` (the
 * frozen part of a week the horizon cuts: already planned, kept as they are). `working`: how many
 * of them the agent works (its mode is not OFF); `remote`: how many of those are REMOTE. The
 * week's rules count them: weekly max on remote + the planned R, weekly minimum
 * floor(weeklyMin × (W + working) / 10) on the same sum (DESIGN.md, "Exact semantics").
 */
export interface CarriedHalfDays {
  remote: number;
  working: number;
}

export interface RotationCell {
  groupId: string;
  date: string;
  period: Period;
}

export interface RequestSnapshot {
  id: string;
  agentId: string;
  date: string;
  period: Period;
  kind: RequestKind;
  status: RequestStatus;
}

export interface ReservationSnapshot {
  id: string;
  pool: string;
  date: string;
  period: Period;
  seats: number;
  label?: string;
}

export type ContinuityEventKind = 'STRIKE' | 'SITE_CLOSURE' | 'CRISIS' | 'WEATHER' | 'OTHER';

/** Who a rule of an event applies to: listed agents, tiers, org units (any of them); all absent = everyone it can apply to. */
export interface EventScope {
  agentIds?: string[];
  tiers?: Tier[];
  orgUnitIds?: string[];
}

/**
 * A continuity event (v2): from `from`/`fromPeriod` to `to`/`toPeriod` (half-days, inclusive),
 * the sites listed have `capacity` desks (0: closed; a hard cap during the event), the pools
 * listed have `capacity` seats, `regime` raises the weekly max of the eligible agents in its
 * scope (and they telework first), `extraEligible` agents may telework on `pool` for the
 * period, `onSite` agents must stay on site. The normal rotation still holds outside it.
 */
export interface ContinuityEventSnapshot {
  id: string;
  label?: string;
  kind?: ContinuityEventKind;
  from: string;
  fromPeriod: Period;
  to: string;
  toPeriod: Period;
  sites?: { siteId: string; capacity: number }[];
  pools?: { poolId: string; capacity: number }[];
  regime?: { weeklyMax: number; scope?: EventScope };
  extraEligible?: { agentId: string; pool: string }[];
  onSite?: EventScope;
}

export interface PlanningSnapshot {
  version: 1 | 2;
  horizon: { from: string; to: string };
  timezone?: string;
  /** dates nobody works (public holidays, closures); see notWorkingWhy for PUBLIC_HOLIDAY vs CLOSED */
  closedDates?: string[];
  maxGroupSize?: number;
  pools: PoolSnapshot[];
  sites: SiteSnapshot[];
  groups: GroupSnapshot[];
  agents: AgentSnapshot[];
  rotation?: RotationCell[];
  requests?: RequestSnapshot[];
  reservations?: ReservationSnapshot[];
  /** v2 only */
  events?: ContinuityEventSnapshot[];
}
