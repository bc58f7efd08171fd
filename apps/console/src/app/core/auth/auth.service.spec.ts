import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { CurrentUserDto } from '@telework/contracts';
import { todayInParis } from '../dates/iso-dates';
import { aJwt, aUser, inOneHour } from '../../testing/test-helpers';
import { BrowserLocation } from '../browser/browser-location';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;
  let router: Router;
  let assign: jest.Mock;

  beforeEach(() => {
    sessionStorage.clear();
    assign = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: BrowserLocation, useValue: { assign } },
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => http.verify());

  it('logs in: posts the credentials, stores the token, then loads /me with it', () => {
    const token = aJwt({ sub: 'u-hr', exp: inOneHour() });
    const user = aUser('HR');
    let result: CurrentUserDto | undefined;

    auth
      .login({ email: 'rh@exemple.fr', password: 's3cret' })
      .subscribe((u) => (result = u));

    const login = http.expectOne('/api/auth/login');
    expect(login.request.method).toBe('POST');
    expect(login.request.body).toEqual({
      email: 'rh@exemple.fr',
      password: 's3cret',
    });
    expect(login.request.headers.has('Authorization')).toBe(false);
    login.flush({ accessToken: token });

    expect(sessionStorage.getItem('tw.accessToken')).toBe(token);
    const me = http.expectOne('/api/auth/me');
    expect(me.request.method).toBe('GET');
    expect(me.request.headers.get('Authorization')).toBe(`Bearer ${token}`);
    me.flush(user);

    expect(result).toEqual(user);
    expect(auth.user()).toEqual(user);
    expect(auth.role()).toBe('HR');
  });

  it("takes the planning's today from the server once /me answers, the browser's before", () => {
    expect(auth.today()).toBe(todayInParis());
    auth.login({ email: 'rh@exemple.fr', password: 's3cret' }).subscribe();
    http.expectOne('/api/auth/login').flush({ accessToken: aJwt({ sub: 'u-hr', exp: inOneHour() }) });
    http.expectOne('/api/auth/me').flush(aUser('HR', { today: '2027-03-15' }));
    expect(auth.today()).toBe('2027-03-15');
  });

  it('activates an account like a log-in: posts token and password, stores the token, loads /me', () => {
    const token = aJwt({ sub: 'u-agent', exp: inOneHour() });
    let result: CurrentUserDto | undefined;
    auth
      .activate({ token: 'link-token', password: 'une phrase assez longue' })
      .subscribe((u) => (result = u));
    const activate = http.expectOne('/api/auth/activate');
    expect(activate.request.method).toBe('POST');
    expect(activate.request.body).toEqual({
      token: 'link-token',
      password: 'une phrase assez longue',
    });
    activate.flush({ accessToken: token });
    expect(sessionStorage.getItem('tw.accessToken')).toBe(token);
    const me = http.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe(`Bearer ${token}`);
    me.flush(aUser('AGENT'));
    expect(result?.role).toBe('AGENT');
    expect(auth.user()?.role).toBe('AGENT');
  });

  it('does not store anything when the log-in is refused', () => {
    let status = 0;
    auth.login({ email: 'rh@exemple.fr', password: 'wrong' }).subscribe({
      error: (e) => (status = e.status),
    });
    http
      .expectOne('/api/auth/login')
      .flush(
        { message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );
    expect(status).toBe(401);
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    expect(auth.user()).toBeNull();
  });

  it('ensureUser answers null without a token, and asks /me once when there is one', () => {
    let first: CurrentUserDto | null | undefined;
    auth.ensureUser().subscribe((u) => (first = u));
    expect(first).toBeNull();
    http.expectNone('/api/auth/me');

    sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    const seen: (CurrentUserDto | null)[] = [];
    auth.ensureUser().subscribe((u) => seen.push(u));
    auth.ensureUser().subscribe((u) => seen.push(u));
    http.expectOne('/api/auth/me').flush(aUser('AGENT'));
    expect(seen.map((u) => u?.role)).toEqual(['AGENT', 'AGENT']);

    auth.ensureUser().subscribe((u) => seen.push(u));
    http.expectNone('/api/auth/me');
    expect(seen).toHaveLength(3);
  });

  it('ensureUser ends the session when /me fails', () => {
    sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    let user: CurrentUserDto | null | undefined;
    const navigate = jest.spyOn(router, 'navigate');
    auth.ensureUser().subscribe((u) => (user = u));
    http
      .expectOne('/api/auth/me')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(user).toBeNull();
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    // the guard that asked decides where to go, not the interceptor
    expect(navigate).not.toHaveBeenCalled();
  });

  it('logs out: forgets token and user, back to /login', () => {
    sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    auth.me().subscribe();
    http.expectOne('/api/auth/me').flush(aUser('MANAGER'));
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);

    auth.logout();

    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    expect(auth.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });

  it('after a single sign-on, logs out at the identity provider too', () => {
    const token = aJwt({ sub: 'u-agent', exp: inOneHour() });
    let result: CurrentUserDto | undefined;
    auth.completeSso('t-123').subscribe((u) => (result = u));
    const exchange = http.expectOne('/api/auth/oidc/ticket');
    expect(exchange.request.method).toBe('POST');
    expect(exchange.request.body).toEqual({ ticket: 't-123' });
    expect(exchange.request.headers.has('Authorization')).toBe(false);
    exchange.flush({
      accessToken: token,
      endSessionUrl: 'https://idp.example/session/end?id_token_hint=abc',
    });
    const me = http.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe(`Bearer ${token}`);
    me.flush(aUser('AGENT'));
    expect(result?.role).toBe('AGENT');
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);

    auth.logout();

    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    expect(sessionStorage.getItem('tw.endSessionUrl')).toBeNull();
    expect(auth.user()).toBeNull();
    expect(assign).toHaveBeenCalledWith(
      'https://idp.example/session/end?id_token_hint=abc',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('a single sign-on without end-session address logs out like a password session', () => {
    auth.completeSso('t-1').subscribe();
    http
      .expectOne('/api/auth/oidc/ticket')
      .flush({ accessToken: aJwt({ exp: inOneHour() }), endSessionUrl: null });
    http.expectOne('/api/auth/me').flush(aUser('AGENT'));
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    auth.logout();
    expect(assign).not.toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });

  it('a refused ticket stores nothing and does not leave the page', () => {
    const navigate = jest.spyOn(router, 'navigate');
    let status = 0;
    auth.completeSso('used').subscribe({ error: (e) => (status = e.status) });
    http.expectOne('/api/auth/oidc/ticket').flush(
      { statusCode: 400, code: 'INVALID_FIELDS', errors: [{ field: 'ticket', code: 'SSO_TICKET_INVALID' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(status).toBe(400);
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('asks /auth/config once, again after a failure', () => {
    const seen: boolean[] = [];
    auth.config().subscribe({ error: () => seen.push(false) });
    http.expectOne('/api/auth/config').flush(null, { status: 503, statusText: 'x' });
    auth.config().subscribe((c) => seen.push(c.passwordLogin));
    http
      .expectOne('/api/auth/config')
      .flush({ passwordLogin: true, sso: null, mail: false });
    auth.config().subscribe((c) => seen.push(c.passwordLogin));
    http.expectNone('/api/auth/config');
    expect(seen).toEqual([false, true, true]);
  });

  it('the sign-on address carries the page to come back to, also remembered in the tab', () => {
    expect(auth.ssoLoginUrl('/hr/agents?page=2')).toBe(
      '/api/auth/oidc/login?returnTo=%2Fhr%2Fagents%3Fpage%3D2',
    );
    expect(auth.takeSsoReturnTo()).toBe('/hr/agents?page=2');
    expect(auth.takeSsoReturnTo()).toBeNull();
    expect(auth.ssoLoginUrl(null)).toBe('/api/auth/oidc/login');
    expect(auth.takeSsoReturnTo()).toBeNull();
  });
});
