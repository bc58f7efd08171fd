import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AuthService, SKIP_UNAUTHORIZED_REDIRECT } from './auth.service';

/** Only our own API gets the token; nothing else (translations, icons, third parties). */
function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') || url === '/api';
}

/**
 * Sends `Authorization: Bearer <token>` to the API and, when the API answers 401 on a normal
 * call, ends the session and sends the user back to log-in.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiUrl(req.url)) return next(req);
  const auth = inject(AuthService);
  const token = auth.token();
  const request = token
    ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : req;
  return next(request).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !req.context.get(SKIP_UNAUTHORIZED_REDIRECT)
      ) {
        auth.sessionExpired();
      }
      return throwError(() => error);
    }),
  );
};
