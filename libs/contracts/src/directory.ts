import type { AccountStatus } from './auth';
import type { PageQuery } from './common';
import type { PoolKind, PriorityTier, Role, WeekdayHalfDayCode } from './enums';

export interface SiteDto {
  id: string;
  code: string;
  name: string;
  /** agents that may be on site per half-day */
  capacity: number;
  agentCount: number;
}

export interface CreateSiteRequest {
  code: string;
  name: string;
  capacity: number;
}
export type UpdateSiteRequest = Partial<CreateSiteRequest>;

export interface OrgUnitDto {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  managerAgentId: string | null;
  agentCount: number;
}

export interface AgentDto {
  id: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  siteId: string;
  siteName: string;
  orgUnitId: string;
  orgUnitName: string;
  managerId: string | null;
  role: Role;
  eligible: boolean;
  accessPool: PoolKind | null;
  tier: PriorityTier;
  weeklyMin: number;
  weeklyMax: number;
  offHalfDays: WeekdayHalfDayCode[];
  groupId: string | null;
  groupName: string | null;
  /** whether the agent can log in (see POST /api/accounts/invitations) */
  account: AccountStatus;
}

export interface AgentQuery extends PageQuery {
  siteId?: string;
  orgUnitId?: string;
  groupId?: string;
  eligible?: boolean;
  /** matches first name, last name or employee number */
  q?: string;
  sort?: 'lastName' | 'employeeNumber' | 'site' | 'orgUnit' | 'tier';
  order?: 'asc' | 'desc';
}

export interface CreateAgentRequest {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  siteId: string;
  orgUnitId: string;
  managerId?: string | null;
  role?: Role;
  eligible?: boolean;
  accessPool?: PoolKind | null;
  tier?: PriorityTier;
  weeklyMin?: number;
  weeklyMax?: number;
  offHalfDays?: WeekdayHalfDayCode[];
  groupId?: string | null;
}
export type UpdateAgentRequest = Partial<CreateAgentRequest>;

export interface RotationGroupDto {
  id: string;
  code: string;
  name: string;
  memberCount: number;
  maxSize: number;
}

export interface CreateGroupRequest {
  code: string;
  name: string;
}
export type UpdateGroupRequest = Partial<CreateGroupRequest>;
