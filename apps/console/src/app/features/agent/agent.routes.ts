import { Route } from '@angular/router';
import { placeholderRoute } from '../../shared/placeholder-page';

/** Agent area: every signed-in user. */
export const AGENT_ROUTES: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'planning' },
  placeholderRoute('planning', 'myPlanning'),
];
