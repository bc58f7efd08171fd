import { MatPaginatorIntl } from '@angular/material/paginator';
import { Route } from '@angular/router';
import { TranslatedPaginatorIntl } from '../../core/i18n/paginator-intl';
import { placeholderRoute } from '../../shared/placeholder-page';

/** HR / planning office area: HR and ADMIN. */
export const HR_ROUTES: Route[] = [
  {
    path: '',
    // Provided here, not at the root, so Material's paginator stays out of the first bundle.
    providers: [
      { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    ],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'agents' },
      {
        path: 'agents',
        title: 'agents.title',
        loadComponent: () =>
          import('./agents/agents-page').then((m) => m.AgentsPage),
      },
      placeholderRoute('sites', 'sites'),
      placeholderRoute('groups', 'groups'),
      placeholderRoute('calendars', 'calendars'),
      placeholderRoute('capacity', 'capacity'),
    ],
  },
];
