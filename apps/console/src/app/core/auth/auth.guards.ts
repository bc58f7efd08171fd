import { inject } from '@angular/core';
import {
  CanMatchFn,
  RedirectFunction,
  Router,
  UrlSegment,
} from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from './auth.service';
import { Area, canEnter, homeUrl } from './roles';

function attemptedUrl(segments: UrlSegment[]): string {
  return '/' + segments.map((s) => s.path).join('/');
}

/** The shell is for signed-in users; others go to log-in and come back afterwards. */
export const authGuard: CanMatchFn = (_route, segments) => {
  const router = inject(Router);
  return inject(AuthService)
    .ensureUser()
    .pipe(
      map((user) => {
        if (user) return true;
        const returnUrl = attemptedUrl(segments);
        return router.createUrlTree(['/login'], {
          queryParams: returnUrl === '/' ? {} : { returnUrl },
        });
      }),
    );
};

/** The log-in page is for signed-out users; a signed-in one goes to their home page. */
export const guestGuard: CanMatchFn = () => {
  const router = inject(Router);
  return inject(AuthService)
    .ensureUser()
    .pipe(map((user) => (user ? router.parseUrl(homeUrl(user.role)) : true)));
};

/**
 * An area (agent, manager, hr) matches only for the roles allowed in it. A user typing the
 * URL of an area not theirs lands on their own home page instead of a broken page.
 */
export function roleGuard(area: Area): CanMatchFn {
  return () => {
    const router = inject(Router);
    return inject(AuthService)
      .ensureUser()
      .pipe(
        map((user) => {
          if (!user) return router.createUrlTree(['/login']);
          return canEnter(area, user.role)
            ? true
            : router.parseUrl(homeUrl(user.role));
        }),
      );
  };
}

/** `/` goes to the home page of the user's role. */
export const redirectToHome: RedirectFunction = () => {
  const router = inject(Router);
  return inject(AuthService)
    .ensureUser()
    .pipe(
      map((user) =>
        user ? router.parseUrl(homeUrl(user.role)) : router.parseUrl('/login'),
      ),
    );
};
