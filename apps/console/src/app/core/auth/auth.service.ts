import {
  HttpClient,
  HttpContext,
  HttpContextToken,
} from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  ActivateAccountRequest,
  AuthConfigDto,
  CurrentUserDto,
  LoginRequest,
  LoginResponse,
  SsoTicketRequest,
  SsoTicketResponse,
} from '@telework/contracts';
import { catchError, Observable, of, shareReplay, switchMap, tap } from 'rxjs';
import { BrowserLocation } from '../browser/browser-location';
import { IsoDate, todayInParis } from '../dates/iso-dates';
import { TokenStorage } from './token-storage';

export const API_AUTH_LOGIN = '/api/auth/login';
export const API_AUTH_ME = '/api/auth/me';
export const API_AUTH_ACTIVATE = '/api/auth/activate';
export const API_AUTH_CONFIG = '/api/auth/config';
export const API_AUTH_OIDC_LOGIN = '/api/auth/oidc/login';
export const API_AUTH_OIDC_TICKET = '/api/auth/oidc/ticket';
/** The page asked for before leaving for the identity provider (this tab only). */
const SSO_RETURN_KEY = 'tw.ssoReturnTo';

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
  private readonly browser = inject(BrowserLocation);
  private configCache: Observable<AuthConfigDto> | null = null;

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

  /**
   * `GET /api/auth/config` (public): whether the password form and single sign-on are offered
   * and whether e-mail is sent. Asked once per page load; a failure is asked again next time.
   */
  config(): Observable<AuthConfigDto> {
    if (!this.configCache) {
      const context = new HttpContext().set(SKIP_UNAUTHORIZED_REDIRECT, true);
      this.configCache = this.http
        .get<AuthConfigDto>(API_AUTH_CONFIG, { context })
        .pipe(
          catchError((error: unknown) => {
            this.configCache = null;
            throw error;
          }),
          shareReplay({ bufferSize: 1, refCount: false }),
        );
    }
    return this.configCache;
  }

  /**
   * Where the browser goes to sign on with the identity provider: the API's
   * `/api/auth/oidc/login`, with the console page to come back to when there is one. The page
   * is also remembered in this tab, for a callback that does not bring it back.
   */
  ssoLoginUrl(returnTo: string | null): string {
    try {
      if (returnTo) sessionStorage.setItem(SSO_RETURN_KEY, returnTo);
      else sessionStorage.removeItem(SSO_RETURN_KEY);
    } catch {
      // storage refused: the API's returnTo is enough
    }
    return returnTo
      ? `${API_AUTH_OIDC_LOGIN}?returnTo=${encodeURIComponent(returnTo)}`
      : API_AUTH_OIDC_LOGIN;
  }

  /** The page remembered by `ssoLoginUrl`, forgotten as it is read. */
  takeSsoReturnTo(): string | null {
    try {
      const value = sessionStorage.getItem(SSO_RETURN_KEY);
      sessionStorage.removeItem(SSO_RETURN_KEY);
      return value;
    } catch {
      return null;
    }
  }

  /**
   * The end of a single sign-on: the one-use ticket the API put in the console's URL is
   * exchanged for the same access token as a password log-in (kept the same way) and the
   * provider's end-of-session address (used at log-out); then `/me` is loaded. Errors (400 for
   * a used, unknown or expired ticket…) go to the caller.
   */
  completeSso(ticket: string): Observable<CurrentUserDto> {
    const context = new HttpContext().set(SKIP_UNAUTHORIZED_REDIRECT, true);
    const body: SsoTicketRequest = { ticket };
    return this.http
      .post<SsoTicketResponse>(API_AUTH_OIDC_TICKET, body, { context })
      .pipe(
        tap(({ accessToken, endSessionUrl }) =>
          this.tokens.write(accessToken, endSessionUrl),
        ),
        switchMap(() => this.me()),
      );
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

  /**
   * Log out and go back to the log-in page. A session opened by single sign-on also ends at the
   * identity provider: the browser goes to its end-of-session page, which sends it back to the
   * console's log-in page.
   */
  logout(): void {
    const endSessionUrl = this.tokens.endSessionUrl();
    this.clearSession();
    if (endSessionUrl) this.browser.assign(endSessionUrl);
    else void this.router.navigate(['/login']);
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
