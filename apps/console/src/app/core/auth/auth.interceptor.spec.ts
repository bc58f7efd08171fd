import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { aJwt, aUser, inOneHour } from '../../testing/test-helpers';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

@Component({ selector: 'tw-blank', template: '' })
class Blank {}

describe('authInterceptor', () => {
  let client: HttpClient;
  let http: HttpTestingController;
  let router: Router;
  const token = aJwt({ sub: 'u1', exp: inOneHour() });

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: Blank },
          { path: 'hr/agents', component: Blank },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    client = TestBed.inject(HttpClient);
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => http.verify());

  it('adds the bearer token to API calls', () => {
    sessionStorage.setItem('tw.accessToken', token);
    client.get('/api/agents').subscribe();
    const req = http.expectOne('/api/agents');
    expect(req.request.headers.get('Authorization')).toBe(`Bearer ${token}`);
    req.flush({ items: [], total: 0 });
  });

  it('sends no header when signed out, and never to other origins', () => {
    client.get('/api/sites').subscribe();
    expect(
      http.expectOne('/api/sites').request.headers.has('Authorization'),
    ).toBe(false);

    sessionStorage.setItem('tw.accessToken', token);
    client.get('https://example.org/api/agents').subscribe();
    client.get('/i18n/fr.json').subscribe();
    expect(
      http
        .expectOne('https://example.org/api/agents')
        .request.headers.has('Authorization'),
    ).toBe(false);
    expect(
      http.expectOne('/i18n/fr.json').request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('on a 401 ends the session and goes to log-in, remembering where the user was', async () => {
    sessionStorage.setItem('tw.accessToken', token);
    await router.navigateByUrl('/hr/agents');
    let status = 0;

    client.get('/api/agents').subscribe({ error: (e) => (status = e.status) });
    http
      .expectOne('/api/agents')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    await TestBed.inject(Router).navigated;
    await new Promise((resolve) => setTimeout(resolve));

    expect(status).toBe(401);
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    expect(TestBed.inject(AuthService).user()).toBeNull();
    expect(router.url).toBe('/login?reason=expired&returnUrl=%2Fhr%2Fagents');
  });

  it('leaves a refused log-in to the log-in form', async () => {
    const navigate = jest.spyOn(router, 'navigate');
    TestBed.inject(AuthService)
      .login({ email: 'a@exemple.fr', password: 'x' })
      .subscribe({ error: () => undefined });
    http
      .expectOne('/api/auth/login')
      .flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('does not redirect on other errors (403, 429, 500)', () => {
    sessionStorage.setItem('tw.accessToken', token);
    const navigate = jest.spyOn(router, 'navigate');
    for (const status of [403, 429, 500]) {
      client.get('/api/agents').subscribe({ error: () => undefined });
      http.expectOne('/api/agents').flush(null, { status, statusText: 'x' });
    }
    expect(navigate).not.toHaveBeenCalled();
    expect(sessionStorage.getItem('tw.accessToken')).toBe(token);
  });

  it('keeps the user loaded by /me when the token works', () => {
    sessionStorage.setItem('tw.accessToken', token);
    TestBed.inject(AuthService).me().subscribe();
    http.expectOne('/api/auth/me').flush(aUser('AGENT'));
    expect(TestBed.inject(AuthService).user()?.role).toBe('AGENT');
  });
});
