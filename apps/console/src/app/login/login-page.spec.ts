import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { AuthConfigDto } from '@telework/contracts';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { BrowserLocation } from '../core/browser/browser-location';
import { LanguageService } from '../core/i18n/language.service';
import {
  aJwt,
  aUser,
  initLanguage,
  inOneHour,
  provideTestTranslations,
} from '../testing/test-helpers';
import { LoginPage, safeReturnUrl } from './login-page';

const PASSWORD_ONLY: AuthConfigDto = { passwordLogin: true, sso: null, mail: false };

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
    http.expectOne('/api/auth/config').flush(PASSWORD_ONLY);
    await settle();
  });

  afterEach(() => http.verify());

  it('offers no single sign-on when the installation has none', () => {
    expect(el.querySelector('.tw-sso-button')).toBeNull();
    expect(el.textContent).not.toContain('Se connecter avec');
  });

  it('shows a 403 PASSWORD_LOGIN_DISABLED in words', async () => {
    await fillAndSubmit('rh@exemple.fr', 'pw');
    http.expectOne('/api/auth/login').flush(
      { statusCode: 403, code: 'PASSWORD_LOGIN_DISABLED', message: 'password log-in is disabled' },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'La connexion par mot de passe est désactivée : votre organisation utilise l’authentification unique. Utilisez le bouton « Se connecter avec … ».',
    );
  });

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

describe('LoginPage with single sign-on', () => {
  let http: HttpTestingController;
  let assign: jest.Mock;
  let fixture: ComponentFixture<LoginPage>;

  async function render(
    config: AuthConfigDto | 'fails',
    inputs: Record<string, string> = {},
  ): Promise<HTMLElement> {
    fixture = TestBed.createComponent(LoginPage);
    for (const [name, value] of Object.entries(inputs))
      fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    fixture.detectChanges();
    const request = http.expectOne('/api/auth/config');
    expect(request.request.headers.has('Authorization')).toBe(false);
    if (config === 'fails') request.flush(null, { status: 502, statusText: 'Bad Gateway' });
    else request.flush(config);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement;
  }

  beforeEach(async () => {
    sessionStorage.clear();
    localStorage.clear();
    assign = jest.fn();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
        { provide: BrowserLocation, useValue: { assign } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
  });

  afterEach(() => http.verify());

  it("offers the organisation's account first, named, and goes there with the page asked for", async () => {
    const el = await render(
      { passwordLogin: true, sso: { displayName: 'Mon compte Département' }, mail: true },
      { returnUrl: '/manager/requests' },
    );
    const button = el.querySelector('button.tw-sso-button') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Se connecter avec Mon compte Département');
    // the password form stays, after « ou »
    expect(el.querySelector('input[type="password"]')).not.toBeNull();
    expect(el.querySelector('.tw-login-or')?.textContent?.trim()).toBe('ou');
    button.click();
    expect(assign).toHaveBeenCalledWith(
      '/api/auth/oidc/login?returnTo=%2Fmanager%2Frequests',
    );
  });

  it('without a display name, says « votre compte de l’organisation »; an unsafe return page is dropped', async () => {
    const el = await render(
      { passwordLogin: true, sso: { displayName: null }, mail: false },
      { returnUrl: '//evil.example/x' },
    );
    const button = el.querySelector('button.tw-sso-button') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe(
      'Se connecter avec votre compte de l’organisation',
    );
    button.click();
    expect(assign).toHaveBeenCalledWith('/api/auth/oidc/login');
  });

  it('single sign-on only: no password form, a sentence says why', async () => {
    const el = await render({ passwordLogin: false, sso: { displayName: 'ProConnect' }, mail: true });
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('input[type="password"]')).toBeNull();
    expect(el.querySelector('.tw-sso-only')?.textContent?.trim()).toBe(
      'Votre organisation utilise l’authentification unique : connectez-vous avec votre compte habituel, sans mot de passe propre à cette application.',
    );
  });

  it('shows the password form when the settings cannot be read', async () => {
    const el = await render('fails');
    expect(el.querySelector('input[type="password"]')).not.toBeNull();
    expect(el.querySelector('.tw-sso-button')).toBeNull();
  });

  it('says why a sign-on was refused, in an alert that takes the focus, in French then English', async () => {
    const el = await render(
      { passwordLogin: false, sso: { displayName: null }, mail: false },
      { sso: 'SSO_UNKNOWN_USER' },
    );
    const alert = el.querySelector('.tw-sso-error') as HTMLElement;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent?.trim()).toBe(
      'Aucun agent ne correspond à votre compte de l’organisation. Si vous êtes agent de la collectivité, contactez le service RH pour que votre fiche soit créée ou corrigée.',
    );
    expect(document.activeElement).toBe(alert);

    await TestBed.inject(LanguageService).use('en');
    fixture.detectChanges();
    expect(el.querySelector('.tw-sso-error')?.textContent?.trim()).toBe(
      'No agent matches your organisation account. If you work for the organisation, contact the HR department so that your record is created or corrected.',
    );
  });

  it.each([
    ['SSO_ACCOUNT_DISABLED', 'Votre compte est désactivé dans l’application. Contactez le service RH pour le faire réactiver.'],
    ['SSO_STATE_INVALID', 'La connexion a expiré ou a déjà été utilisée. Cliquez de nouveau sur « Se connecter avec … ».'],
    ['SSO_TICKET_INVALID', 'La connexion n’a pas pu être terminée (lien expiré ou déjà utilisé). Cliquez de nouveau sur « Se connecter avec … ».'],
    ['SOMETHING_ELSE', 'La connexion par l’authentification unique a échoué. Réessayez, puis contactez le support si le problème persiste.'],
  ])('words %s', async (code, text) => {
    const el = await render(PASSWORD_ONLY, { sso: code });
    expect(el.querySelector('.tw-sso-error')?.textContent?.trim()).toBe(text);
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
