import { MatPaginatorIntl } from '@angular/material/paginator';
import { Route } from '@angular/router';
import { TranslatedPaginatorIntl } from '../../core/i18n/paginator-intl';

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
      {
        path: 'sites',
        title: 'sites.title',
        loadComponent: () =>
          import('./sites/sites-page').then((m) => m.SitesPage),
      },
      {
        path: 'groups',
        title: 'groups.title',
        loadComponent: () =>
          import('./groups/groups-page').then((m) => m.GroupsPage),
      },
      {
        path: 'calendars',
        title: 'calendars.title',
        loadComponent: () =>
          import('./calendars/calendars-page').then((m) => m.CalendarsPage),
      },
      {
        path: 'calendars/:id',
        title: 'calendars.title',
        loadComponent: () =>
          import('./calendars/calendar-detail-page').then(
            (m) => m.CalendarDetailPage,
          ),
      },
      {
        path: 'capacity',
        title: 'capacity.title',
        loadComponent: () =>
          import('./capacity/capacity-page').then((m) => m.CapacityPage),
      },
      {
        path: 'runs',
        title: 'runs.title',
        loadComponent: () =>
          import('./runs/runs-page').then((m) => m.RunsPage),
      },
      {
        path: 'continuity',
        title: 'continuity.title',
        loadComponent: () =>
          import('./continuity/continuity-page').then((m) => m.ContinuityPage),
      },
      {
        path: 'mail',
        title: 'mailOutbox.title',
        loadComponent: () =>
          import('./mail/mail-page').then((m) => m.MailPage),
      },
      {
        path: 'continuity/new',
        title: 'continuity.newTitle',
        loadComponent: () =>
          import('./continuity/continuity-event-page').then((m) => m.ContinuityEventPage),
      },
      {
        path: 'continuity/:id',
        title: 'continuity.title',
        loadComponent: () =>
          import('./continuity/continuity-event-page').then((m) => m.ContinuityEventPage),
      },
    ],
  },
];
