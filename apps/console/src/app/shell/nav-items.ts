import type { Role } from '@telework/contracts';
import { Area, canEnter } from '../core/auth/roles';

export interface NavItem {
  path: string;
  labelKey: string;
}

export interface NavSection {
  area: Area;
  labelKey: string;
  items: NavItem[];
}

/** The navigation, one section per area; shown only to the roles the area admits. */
export const NAV_SECTIONS: readonly NavSection[] = [
  {
    area: 'agent',
    labelKey: 'nav.sectionAgent',
    items: [{ path: '/agent/planning', labelKey: 'nav.myPlanning' }],
  },
  {
    area: 'manager',
    labelKey: 'nav.sectionManager',
    items: [
      { path: '/manager/team', labelKey: 'nav.myTeam' },
      { path: '/manager/requests', labelKey: 'nav.requests' },
    ],
  },
  {
    area: 'hr',
    labelKey: 'nav.sectionHr',
    items: [
      { path: '/hr/agents', labelKey: 'nav.agents' },
      { path: '/hr/sites', labelKey: 'nav.sites' },
      { path: '/hr/groups', labelKey: 'nav.groups' },
      { path: '/hr/calendars', labelKey: 'nav.calendars' },
      { path: '/hr/capacity', labelKey: 'nav.capacity' },
      { path: '/hr/runs', labelKey: 'nav.runs' },
      { path: '/hr/continuity', labelKey: 'nav.continuity' },
      { path: '/hr/mail', labelKey: 'nav.mail' },
    ],
  },
];

export function navFor(role: Role | null): NavSection[] {
  return NAV_SECTIONS.filter((section) => canEnter(section.area, role));
}
