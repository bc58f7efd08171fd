import type { Role } from '@telework/contracts';

/** The three areas of the console, one per persona, each lazily loaded. */
export type Area = 'agent' | 'manager' | 'hr';

/**
 * Who may enter which area. Roles are cumulative: a manager is also an agent; HR and ADMIN
 * see everything (an HR officer who leads a team approves its requests like any manager,
 * since a user has a single role). Change it here only: guards and navigation both read it.
 */
export const AREA_ROLES: Readonly<Record<Area, readonly Role[]>> = {
  agent: ['AGENT', 'MANAGER', 'HR', 'ADMIN'],
  manager: ['MANAGER', 'HR', 'ADMIN'],
  hr: ['HR', 'ADMIN'],
};

export function canEnter(area: Area, role: Role | null | undefined): boolean {
  return !!role && AREA_ROLES[area].includes(role);
}

/** Where a user lands after log-in or on `/`: the page they most likely came for. */
export function homeUrl(role: Role): string {
  switch (role) {
    case 'HR':
    case 'ADMIN':
      return '/hr/agents';
    case 'MANAGER':
      return '/manager/requests';
    case 'AGENT':
      return '/agent/planning';
  }
}
