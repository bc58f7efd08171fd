/**
 * Planning snapshot, version 1 — mirrors schemas/planning-snapshot.schema.json.
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

export interface PlanningSnapshot {
  version: 1;
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
}
