import { MatPaginatorIntl } from '@angular/material/paginator';
import { Route } from '@angular/router';
import { TranslatedPaginatorIntl } from '../../core/i18n/paginator-intl';

/** Manager area: MANAGER, HR, ADMIN (see AREA_ROLES). */
export const MANAGER_ROUTES: Route[] = [
  {
    path: '',
    providers: [
      { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    ],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'requests' },
      {
        path: 'team',
        title: 'team.title',
        loadComponent: () =>
          import('./team/team-page').then((m) => m.TeamPage),
      },
      {
        path: 'requests',
        title: 'managerRequests.title',
        loadComponent: () =>
          import('./requests/requests-page').then((m) => m.RequestsPage),
      },
    ],
  },
];
