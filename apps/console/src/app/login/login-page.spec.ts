import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from '../core/auth/auth.interceptor';
import {
  aJwt,
  aUser,
  initLanguage,
  inOneHour,
  provideTestTranslations,
} from '../testing/test-helpers';
import { LoginPage, safeReturnUrl } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigateByUrl: jest.SpyInstance;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function fillAndSubmit(email: string, password: string) {
    const emailInput = el.querySelector(
      'input[type="email"]',
    ) as HTMLInputElement;
    const passwordInput = el.querySelector(
      'input[type="password"]',
    ) as HTMLInputElement;
    emailInput.value = email;
    emailInput.dispatchEvent(new Event('input'));
    passwordInput.value = password;
    passwordInput.dispatchEvent(new Event('input'));
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
  }

  beforeEach(async () => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigateByUrl = jest
      .spyOn(TestBed.inject(Router), 'navigateByUrl')
      .mockResolvedValue(true);
    await initLanguage();
    fixture = TestBed.createComponent(LoginPage);
    el = fixture.nativeElement;
    await settle();
  });

  afterEach(() => http.verify());

  it('labels both fields', () => {
    const labels = Array.from(el.querySelectorAll('mat-label')).map((l) =>
      l.textContent?.trim(),
    );
    expect(labels).toEqual(['Adresse électronique', 'Mot de passe']);
    expect(
      el.querySelector('input[type="email"]')?.getAttribute('autocomplete'),
    ).toBe('username');
  });

  it('does not call the API with an empty form, and says what is missing', async () => {
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    http.expectNone('/api/auth/login');
    const errors = Array.from(el.querySelectorAll('mat-error')).map((e) =>
      e.textContent?.trim(),
    );
    expect(errors).toEqual([
      'Saisissez votre adresse électronique.',
      'Saisissez votre mot de passe.',
    ]);
    expect(document.activeElement).toBe(
      el.querySelector('input[type="email"]'),
    );
  });

  it('logs in and goes to the home page of the role', async () => {
    await fillAndSubmit('rh@exemple.fr', 'correct horse');
    const login = http.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({
      email: 'rh@exemple.fr',
      password: 'correct horse',
    });
    login.flush({ accessToken: aJwt({ exp: inOneHour() }) });
    http.expectOne('/api/auth/me').flush(aUser('HR'));
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/hr/agents');
  });

  it('goes back to the page asked for before log-in', async () => {
    fixture.componentRef.setInput('returnUrl', '/manager/team');
    await fillAndSubmit('chef@exemple.fr', 'pw');
    http
      .expectOne('/api/auth/login')
      .flush({ accessToken: aJwt({ exp: inOneHour() }) });
    http.expectOne('/api/auth/me').flush(aUser('MANAGER'));
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/manager/team');
  });

  it('shows a 401 as wrong credentials, in an alert, and clears the password', async () => {
    await fillAndSubmit('rh@exemple.fr', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { message: 'Unauthorized' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Adresse électronique ou mot de passe incorrect.',
    );
    expect(
      (el.querySelector('input[type="password"]') as HTMLInputElement).value,
    ).toBe('');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('shows a 429 as too many attempts, with the wait, in French then English', async () => {
    await fillAndSubmit('rh@exemple.fr', 'again');
    http.expectOne('/api/auth/login').flush(
      { message: 'Too Many Requests' },
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { 'Retry-After': '60' },
      },
    );
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Trop de tentatives de connexion. Réessayez dans 60 secondes.',
    );

    const english = Array.from(
      el.querySelectorAll('mat-button-toggle button'),
    ).find((b) => b.textContent?.trim() === 'English') as HTMLButtonElement;
    english.click();
    await new Promise((resolve) => setTimeout(resolve));
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Too many log-in attempts. Try again in 60 seconds.',
    );
    expect(document.documentElement.lang).toBe('en');
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Log in');
  });

  it('explains why the user is back on the log-in page after a 401', async () => {
    fixture.componentRef.setInput('reason', 'expired');
    await settle();
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Votre session a expiré. Reconnectez-vous pour continuer.',
    );
  });
});

describe('safeReturnUrl', () => {
  it('follows only same-site paths, never back to /login', () => {
    expect(safeReturnUrl('/hr/agents?page=2')).toBe('/hr/agents?page=2');
    expect(safeReturnUrl('//evil.example/x')).toBeNull();
    expect(safeReturnUrl('/\\evil.example')).toBeNull();
    expect(safeReturnUrl('https://evil.example')).toBeNull();
    expect(safeReturnUrl('/login?reason=expired')).toBeNull();
    expect(safeReturnUrl(undefined)).toBeNull();
  });
});
