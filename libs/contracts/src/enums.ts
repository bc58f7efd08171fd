export const ROLES = ['AGENT', 'MANAGER', 'HR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = ['ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD'] as const;
export type PriorityTier = (typeof TIERS)[number];

export const PERIODS = ['AM', 'PM'] as const;
export type HalfDayPeriod = (typeof PERIODS)[number];

export const POOL_KINDS = ['VDI', 'VPN'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

/** NO_WORKPLACE: during a continuity event, neither a desk nor a seat (the agent's reason says why) */
export const ASSIGNMENT_MODES = ['REMOTE', 'ON_SITE', 'OFF', 'NO_WORKPLACE'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const WEEKDAY_HALF_DAYS = [
  'MON_AM', 'MON_PM', 'TUE_AM', 'TUE_PM', 'WED_AM',
  'WED_PM', 'THU_AM', 'THU_PM', 'FRI_AM', 'FRI_PM',
] as const;
export type WeekdayHalfDayCode = (typeof WEEKDAY_HALF_DAYS)[number];
