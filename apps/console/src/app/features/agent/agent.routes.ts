import { MatPaginatorIntl } from '@angular/material/paginator';
import { Route } from '@angular/router';
import { TranslatedPaginatorIntl } from '../../core/i18n/paginator-intl';

/** Agent area: every signed-in user. */
export const AGENT_ROUTES: Route[] = [
  {
    path: '',
    providers: [
      { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    ],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'planning' },
      {
        path: 'planning',
        title: 'planning.title',
        loadComponent: () =>
          import('./planning/planning-page').then((m) => m.PlanningPage),
      },
    ],
  },
];
