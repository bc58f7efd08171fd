import {
  HttpClient,
  HttpContext,
  HttpContextToken,
} from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  ActivateAccountRequest,
  CurrentUserDto,
  LoginRequest,
  LoginResponse,
} from '@telework/contracts';
import { catchError, Observable, of, shareReplay, switchMap, tap } from 'rxjs';
import { IsoDate, todayInParis } from '../dates/iso-dates';
import { TokenStorage } from './token-storage';

export const API_AUTH_LOGIN = '/api/auth/login';
export const API_AUTH_ME = '/api/auth/me';
export const API_AUTH_ACTIVATE = '/api/auth/activate';

/**
 * Set on a request whose 401 the caller handles itself (log-in form, route guards):
 * the interceptor then leaves the navigation alone.
 */
export const SKIP_UNAUTHORIZED_REDIRECT = new HttpContextToken<boolean>(
  () => false,
);

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly tokens = inject(TokenStorage);

  private readonly userState = signal<CurrentUserDto | null>(null);
  private pendingMe: Observable<CurrentUserDto | null> | null = null;

  /** The signed-in user, once `/api/auth/me` has answered. */
  readonly user = this.userState.asReadonly();
  readonly role = computed(() => this.userState()?.role ?? null);
  /**
   * The planning's today, as the server counts it (Europe/Paris, or its PLANNING_TODAY), so
   * "this week" is the same week the API plans; the browser's Paris date before `/me` answers.
   */
  today(): IsoDate {
    return (this.userState()?.today as IsoDate | undefined) ?? todayInParis();
  }

  token(): string | null {
    return this.tokens.read();
  }

  /** Log in, keep the token, then load who the user is. Errors (401, 429…) go to the caller. */
  login(credentials: LoginRequest): Observable<CurrentUserDto> {
    return this.startSession(API_AUTH_LOGIN, credentials);
  }

  /**
   * Activate an invited agent's account with the token of its link and the chosen password:
   * the API answers a token as log-in does, kept the same way, then `/me` is loaded.
   * Errors (400 for a used or expired link, 429…) go to the caller.
   */
  activate(body: ActivateAccountRequest): Observable<CurrentUserDto> {
    return this.startSession(API_AUTH_ACTIVATE, body);
  }

  private startSession(url: string, body: object): Observable<CurrentUserDto> {
    const context = new HttpContext().set(SKIP_UNAUTHORIZED_REDIRECT, true);
    return this.http.post<LoginResponse>(url, body, { context }).pipe(
      tap(({ accessToken }) => this.tokens.write(accessToken)),
      switchMap(() => this.me()),
    );
  }

  /** `GET /api/auth/me`; stores the user. */
  me(): Observable<CurrentUserDto> {
    const context = new HttpContext().set(SKIP_UNAUTHORIZED_REDIRECT, true);
    return this.http
      .get<CurrentUserDto>(API_AUTH_ME, { context })
      .pipe(tap((user) => this.userState.set(user)));
  }

  /**
   * The current user for route guards: the one already loaded, else `/me` when a token is
   * kept, else null. A failing `/me` ends the session. Concurrent guards share one request.
   */
  ensureUser(): Observable<CurrentUserDto | null> {
    const known = this.userState();
    if (known) return of(known);
    if (!this.tokens.read()) return of(null);
    if (!this.pendingMe) {
      this.pendingMe = this.me().pipe(
        catchError(() => {
          this.clearSession();
          return of(null);
        }),
        tap(() => (this.pendingMe = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.pendingMe;
  }

  /** Forget the token and the user, without navigating. */
  clearSession(): void {
    this.tokens.clear();
    this.userState.set(null);
  }

  /** Log out and go back to the log-in page. */
  logout(): void {
    this.clearSession();
    void this.router.navigate(['/login']);
  }

  /** The API said 401 on a normal call: the session is over; back to log-in, then return. */
  sessionExpired(): void {
    const returnUrl = this.router.url;
    this.clearSession();
    if (returnUrl.startsWith('/login')) return;
    void this.router.navigate(['/login'], {
      queryParams: {
        reason: 'expired',
        returnUrl: returnUrl === '/' ? null : returnUrl,
      },
    });
  }
}
