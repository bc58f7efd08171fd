import { Route } from '@angular/router';
import {
  authGuard,
  guestGuard,
  redirectToHome,
  roleGuard,
} from './core/auth/auth.guards';

/**
 * Log-in (with the end of a single sign-on), account activation and the accessibility statement are public; everything else sits in the shell, for signed-in
 * users. Each persona's area (agent, manager, hr) is a lazily loaded route file, matched only
 * for the roles that may use it (see AREA_ROLES), so a user never downloads the code of an
 * area not theirs.
 */
export const appRoutes: Route[] = [
  {
    // The end of a single sign-on: public, it opens the session the ticket stands for.
    path: 'login/sso',
    title: 'ssoCallback.title',
    loadComponent: () => import('./login/sso-page').then((m) => m.SsoPage),
  },
  {
    path: 'login',
    title: 'login.title',
    canMatch: [guestGuard],
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    // The link of an invitation: public, whether someone is signed in on this browser or not.
    path: 'activation',
    title: 'activation.title',
    loadComponent: () =>
      import('./activation/activation-page').then((m) => m.ActivationPage),
  },
  {
    // « Déclaration d'accessibilité » (RGAA): public, linked from the shell's footer and the log-in page
    path: 'accessibilite',
    title: 'accessibility.title',
    loadComponent: () =>
      import('./accessibility/accessibility-page').then((m) => m.AccessibilityPage),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: redirectToHome },
      {
        path: 'agent',
        canMatch: [roleGuard('agent')],
        loadChildren: () =>
          import('./features/agent/agent.routes').then((m) => m.AGENT_ROUTES),
      },
      {
        path: 'manager',
        canMatch: [roleGuard('manager')],
        loadChildren: () =>
          import('./features/manager/manager.routes').then(
            (m) => m.MANAGER_ROUTES,
          ),
      },
      {
        path: 'hr',
        canMatch: [roleGuard('hr')],
        loadChildren: () =>
          import('./features/hr/hr.routes').then((m) => m.HR_ROUTES),
      },
      {
        // every signed-in role: language and the kinds of mail received
        path: 'preferences',
        title: 'preferences.title',
        loadComponent: () =>
          import('./preferences/preferences-page').then((m) => m.PreferencesPage),
      },
      {
        path: '**',
        title: 'notFound.title',
        loadComponent: () =>
          import('./shared/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
