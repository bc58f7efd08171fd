import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  provideRouter,
  Router,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@telework/contracts';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { provideConsoleDates } from './core/dates/date-locale';
import {
  aJwt,
  aUser,
  initLanguage,
  inOneHour,
  provideTestIcons,
  provideTestTranslations,
} from './testing/test-helpers';

/** The real route table, guards and lazy areas, with /api/auth/me answered by the test. */
describe('app routes', () => {
  let http: HttpTestingController;

  async function setUp(role: Role | null) {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideConsoleDates(),
        provideTestIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    if (role)
      sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    const harness = await RouterTestingHarness.create();
    return { harness, role };
  }

  /** Navigate, answering /me (and the sites/agents calls of the agents page) on the way. */
  async function go(
    harness: RouterTestingHarness,
    url: string,
    role: Role | null,
  ) {
    const done = harness.navigateByUrl(url);
    await new Promise((resolve) => setTimeout(resolve));
    if (role) {
      for (const req of http.match('/api/auth/me')) req.flush(aUser(role));
    }
    await done;
    await harness.fixture.whenStable();
    return TestBed.inject(Router).url;
  }

  afterEach(() => {
    // pages may have started loading data; these tests are about where the user lands (a page
    // left drops what it still awaited: those requests are cancelled, not flushed)
    http.match(() => true).filter((req) => !req.cancelled).forEach((req) => req.flush({ items: [], total: 0 }));
  });

  it('sends a signed-out visitor to log-in, keeping the URL asked for', async () => {
    const { harness } = await setUp(null);
    expect(await go(harness, '/hr/agents', null)).toBe(
      '/login?returnUrl=%2Fhr%2Fagents',
    );
    expect(
      harness.routeNativeElement?.querySelector('h1')?.textContent,
    ).toContain('Connexion');
  });

  it.each<[Role, string]>([
    ['AGENT', '/agent/planning'],
    ['MANAGER', '/manager/requests'],
    ['HR', '/hr/agents'],
    ['ADMIN', '/hr/agents'],
  ])('redirects / by role: %s → %s', async (role, home) => {
    const { harness } = await setUp(role);
    expect(await go(harness, '/', role)).toBe(home);
  });

  it('keeps an agent out of the HR area', async () => {
    const { harness } = await setUp('AGENT');
    expect(await go(harness, '/hr/agents', 'AGENT')).toBe('/agent/planning');
  });

  it('keeps a manager out of the HR area but lets them see their team', async () => {
    const { harness } = await setUp('MANAGER');
    expect(await go(harness, '/hr/capacity', 'MANAGER')).toBe(
      '/manager/requests',
    );
    expect(await go(harness, '/manager/team', 'MANAGER')).toBe('/manager/team');
    expect(harness.routeNativeElement?.textContent).toContain('Mon équipe');
  });

  it('opens the activation page to a signed-out visitor, with the token of the link', async () => {
    const { harness } = await setUp(null);
    expect(await go(harness, '/activation?token=abc', null)).toBe(
      '/activation?token=abc',
    );
    http.expectNone('/api/auth/me');
    expect(
      harness.routeNativeElement?.querySelector('h1')?.textContent,
    ).toContain('Activer votre compte');
    expect(harness.routeNativeElement?.querySelector('form')).not.toBeNull();
  });

  it('leaves the activation page reachable when someone is signed in on this browser', async () => {
    const { harness } = await setUp('HR');
    expect(await go(harness, '/activation?token=abc', 'HR')).toBe(
      '/activation?token=abc',
    );
  });

  it('sends a signed-in user away from the log-in page', async () => {
    const { harness } = await setUp('HR');
    expect(await go(harness, '/login', 'HR')).toBe('/hr/agents');
  });

  it('binds the calendar id of the URL to the calendar page, which asks the API for it', async () => {
    const { harness } = await setUp('HR');
    expect(await go(harness, '/hr/calendars/cal-7', 'HR')).toBe(
      '/hr/calendars/cal-7',
    );
    http.expectOne('/api/rotations/cal-7');
  });

  it('opens « Mes préférences » to every role, inside the shell', async () => {
    const { harness } = await setUp('AGENT');
    expect(await go(harness, '/preferences', 'AGENT')).toBe('/preferences');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toContain('Mes préférences');
  });

  it('answers an unknown URL with a not-found page inside the shell', async () => {
    const { harness } = await setUp('AGENT');
    expect(await go(harness, '/nowhere', 'AGENT')).toBe('/nowhere');
    expect(harness.routeNativeElement?.textContent).toContain(
      'Page introuvable',
    );
  });

  const tick = () => new Promise((resolve) => setTimeout(resolve));

  it('ends a single sign-on: the ticket is exchanged, then the page asked for before, without the ticket in the URL', async () => {
    const { harness } = await setUp(null);
    sessionStorage.setItem('tw.ssoReturnTo', '/manager/team');
    const done = harness.navigateByUrl('/login/sso?ticket=t-1');
    await tick();
    const exchange = http.expectOne('/api/auth/oidc/ticket');
    expect(exchange.request.body).toEqual({ ticket: 't-1' });
    exchange.flush({ accessToken: aJwt({ exp: inOneHour() }), endSessionUrl: 'https://idp.example/end' });
    await tick();
    http.expectOne('/api/auth/me').flush(aUser('MANAGER'));
    await done;
    for (let i = 0; i < 5 && TestBed.inject(Router).url.startsWith('/login'); i++) {
      await tick();
      await harness.fixture.whenStable();
    }
    expect(TestBed.inject(Router).url).toBe('/manager/team');
    expect(sessionStorage.getItem('tw.endSessionUrl')).toBe('https://idp.example/end');
    expect(sessionStorage.getItem('tw.ssoReturnTo')).toBeNull();
    expect(location.href).not.toContain('ticket');
  });

  it("goes to the role's home when no page was asked for", async () => {
    const { harness } = await setUp(null);
    const done = harness.navigateByUrl('/login/sso?ticket=t-2');
    await tick();
    http.expectOne('/api/auth/oidc/ticket').flush({ accessToken: aJwt({ exp: inOneHour() }), endSessionUrl: null });
    await tick();
    http.expectOne('/api/auth/me').flush(aUser('AGENT'));
    await done;
    for (let i = 0; i < 5 && TestBed.inject(Router).url.startsWith('/login'); i++) {
      await tick();
      await harness.fixture.whenStable();
    }
    expect(TestBed.inject(Router).url).toBe('/agent/planning');
  });

  it('sends a refused ticket back to log-in, which says why', async () => {
    const { harness } = await setUp(null);
    const done = harness.navigateByUrl('/login/sso?ticket=used');
    await tick();
    http.expectOne('/api/auth/oidc/ticket').flush(
      { statusCode: 400, code: 'INVALID_FIELDS', errors: [{ field: 'ticket', code: 'SSO_TICKET_INVALID' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await done;
    for (let i = 0; i < 5 && TestBed.inject(Router).url.startsWith('/login/sso'); i++) {
      await tick();
      await harness.fixture.whenStable();
    }
    expect(TestBed.inject(Router).url).toBe('/login?sso=SSO_TICKET_INVALID');
    http.expectOne('/api/auth/config').flush({ passwordLogin: true, sso: { displayName: null }, mail: false });
    await harness.fixture.whenStable();
    harness.fixture.detectChanges();
    expect(harness.routeNativeElement?.querySelector('[role="alert"]')?.textContent).toContain(
      'La connexion n’a pas pu être terminée',
    );
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
  });
});
