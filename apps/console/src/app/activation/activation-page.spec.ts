import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import {
  aJwt,
  aUser,
  initLanguage,
  inOneHour,
  provideTestTranslations,
} from '../testing/test-helpers';
import { ActivationPage } from './activation-page';

describe('ActivationPage', () => {
  let fixture: ComponentFixture<ActivationPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigateByUrl: jest.SpyInstance;

  const text = (e: Element | null | undefined) =>
    e?.textContent?.replace(/\s+/g, ' ').trim();
  const errors = () =>
    Array.from(el.querySelectorAll('mat-error')).map((e) => text(e));
  const inputs = () =>
    Array.from(
      el.querySelectorAll('input[type="password"]'),
    ) as HTMLInputElement[];

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function render(token: string | undefined) {
    fixture = TestBed.createComponent(ActivationPage);
    el = fixture.nativeElement;
    if (token !== undefined) fixture.componentRef.setInput('token', token);
    await settle();
  }

  async function fillAndSubmit(password: string, confirm: string) {
    const [first, second] = inputs();
    first.value = password;
    first.dispatchEvent(new Event('input'));
    second.value = confirm;
    second.dispatchEvent(new Event('input'));
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
  }

  beforeEach(async () => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ActivationPage],
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
  });

  afterEach(() => http.verify());

  it('titles the page and labels both fields, with the 12-character hint', async () => {
    await render('tok-123');
    expect(text(el.querySelector('h1'))).toBe('Activer votre compte');
    expect(
      Array.from(el.querySelectorAll('mat-label')).map((l) => text(l)),
    ).toEqual(['Nouveau mot de passe', 'Confirmation du mot de passe']);
    expect(text(el.querySelector('mat-hint'))).toContain(
      'Au moins 12 caractères.',
    );
    expect(inputs().map((i) => i.getAttribute('autocomplete'))).toEqual([
      'new-password',
      'new-password',
    ]);
  });

  it('does not call the API with an empty form, says what is missing and focuses the first field', async () => {
    await render('tok-123');
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    http.expectNone('/api/auth/activate');
    expect(errors()).toEqual([
      'Choisissez un mot de passe.',
      'Saisissez une seconde fois le mot de passe.',
    ]);
    expect(document.activeElement).toBe(inputs()[0]);
  });

  it('refuses a password shorter than 12 characters, and a confirmation that differs', async () => {
    await render('tok-123');
    await fillAndSubmit('court', 'court');
    http.expectNone('/api/auth/activate');
    expect(errors()).toEqual([
      'Le mot de passe doit contenir au moins 12 caractères (il en contient 5).',
    ]);

    await fillAndSubmit('une phrase assez longue', 'une phrase assez longe');
    http.expectNone('/api/auth/activate');
    expect(errors()).toEqual(['Les deux mots de passe ne sont pas identiques.']);
    expect(document.activeElement).toBe(inputs()[1]);

    await TestBed.inject(LanguageService).use('en');
    await settle();
    expect(errors()).toEqual(['The two passwords are not the same.']);
  });

  it('checks the confirmation again when the password changes', async () => {
    await render('tok-123');
    const [first, second] = inputs();
    for (const input of [first, second]) {
      input.value = 'une phrase assez longue';
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
    }
    await settle();
    expect(errors()).toEqual([]);
    first.value = 'une autre phrase longue';
    first.dispatchEvent(new Event('input'));
    await settle();
    expect(errors()).toEqual(['Les deux mots de passe ne sont pas identiques.']);
    http.expectNone('/api/auth/activate');
  });

  it('activates: posts token and password, keeps the token as log-in does, loads /me and goes home', async () => {
    await render('tok-123');
    await fillAndSubmit('une phrase assez longue', 'une phrase assez longue');
    const activate = http.expectOne('/api/auth/activate');
    expect(activate.request.method).toBe('POST');
    expect(activate.request.body).toEqual({
      token: 'tok-123',
      password: 'une phrase assez longue',
    });
    const token = aJwt({ sub: 'u-agent', exp: inOneHour() });
    activate.flush({ accessToken: token });
    expect(sessionStorage.getItem('tw.accessToken')).toBe(token);
    const me = http.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe(`Bearer ${token}`);
    me.flush(aUser('AGENT', { displayName: 'Claire Martin' }));
    await settle();
    expect(navigateByUrl).toHaveBeenCalledWith('/agent/planning');
  });

  it('says in French that a used or expired link must be asked again, instead of the API’s English', async () => {
    await render('tok-used');
    await fillAndSubmit('une phrase assez longue', 'une phrase assez longue');
    http.expectOne('/api/auth/activate').flush(
      {
        statusCode: 400,
        code: 'INVALID_FIELDS',
        message: 'token: this activation link is unknown, used or expired',
        errors: [
          {
            field: 'token',
            code: 'ACTIVATION_LINK_INVALID',
            message: 'this activation link is unknown, used or expired',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    const alert = text(el.querySelector('[role="alert"]'));
    expect(alert).toContain('Ce lien d’activation n’est plus valide');
    expect(alert).toContain('Demandez-en un nouveau à votre service RH.');
    expect(alert).not.toContain('expired');
    expect(el.querySelector('form')).toBeNull();
    expect(el.querySelector('a[href="/login"]')).not.toBeNull();
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('shows the server’s reason against the password on the password field', async () => {
    await render('tok-123');
    await fillAndSubmit('une phrase assez longue', 'une phrase assez longue');
    http.expectOne('/api/auth/activate').flush(
      {
        statusCode: 400,
        code: 'INVALID_FIELDS',
        message: 'password: must be at most 200 characters long',
        errors: [
          { field: 'password', code: 'TOO_LONG', max: 200, message: 'must be at most 200 characters long' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    // the field's code worded in French
    expect(errors()).toEqual([
      'Mot de passe refusé par le serveur : doit compter au plus 200 caractères',
    ]);
    expect(el.querySelector('form')).not.toBeNull();
    expect(document.activeElement).toBe(inputs()[0]);
  });

  it('shows another 400 with the server’s message, and a 429 with the wait', async () => {
    await render('tok-123');
    await fillAndSubmit('une phrase assez longue', 'une phrase assez longue');
    http
      .expectOne('/api/auth/activate')
      .flush(
        { statusCode: 400, code: 'A_CODE_NOT_KNOWN_HERE', message: 'property extra should not exist' },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(text(el.querySelector('[role="alert"]'))).toBe(
      'L’activation a été refusée (erreur 400) : property extra should not exist',
    );

    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    http.expectOne('/api/auth/activate').flush(
      {},
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { 'Retry-After': '30' },
      },
    );
    await settle();
    expect(text(el.querySelector('[role="alert"]'))).toBe(
      'Trop de tentatives. Réessayez dans 30 secondes.',
    );
  });

  it('explains that a link without its token is incomplete, and offers no form', async () => {
    await render(undefined);
    expect(text(el.querySelector('[role="alert"]'))).toContain(
      'Ce lien d’activation est incomplet',
    );
    expect(el.querySelector('form')).toBeNull();
    expect(text(el.querySelector('a[href="/login"]'))).toBe(
      'Aller à la page de connexion',
    );

    fixture.componentRef.setInput('token', '   ');
    await settle();
    expect(el.querySelector('form')).toBeNull();
  });
});
