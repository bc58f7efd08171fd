import { Route } from '@angular/router';
import { placeholderRoute } from '../../shared/placeholder-page';

/** Manager area: MANAGER, HR, ADMIN (see AREA_ROLES). */
export const MANAGER_ROUTES: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'requests' },
  placeholderRoute('team', 'myTeam'),
  placeholderRoute('requests', 'requests'),
];
