import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthConfigDto, CurrentUserDto } from '@telework/contracts';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { AuthService } from '../core/auth/auth.service';
import {
  aJwt,
  aUser,
  initLanguage,
  inOneHour,
  provideTestIcons,
  provideTestTranslations,
} from '../testing/test-helpers';
import { mailKindsFor, PreferencesPage } from './preferences-page';

describe('PreferencesPage', () => {
  let fixture: ComponentFixture<PreferencesPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function render(
    user: CurrentUserDto,
    config: AuthConfigDto = { passwordLogin: true, sso: null, mail: true },
    mailOptOuts: string[] = [],
  ) {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [PreferencesPage],
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    TestBed.inject(AuthService).me().subscribe();
    http.expectOne('/api/auth/me').flush(user);
    fixture = TestBed.createComponent(PreferencesPage);
    el = fixture.nativeElement;
    await settle();
    http.expectOne('/api/auth/me/preferences').flush({ language: 'fr', mailOptOuts });
    http.expectOne('/api/auth/config').flush(config);
    await settle();
  }

  const toggles = () =>
    Array.from(el.querySelectorAll('mat-slide-toggle')).map((t) => {
      const button = t.querySelector('button[role="switch"]') as HTMLButtonElement;
      const described = button.getAttribute('aria-describedby') ?? '';
      return {
        label: t.textContent?.trim(),
        checked: button.getAttribute('aria-checked'),
        description: described
          .split(' ')
          .map((id) => el.querySelector(`#${id}`)?.textContent?.trim())
          .filter(Boolean)
          .join(' '),
        button,
      };
    });

  afterEach(() => http.verify());

  it('lists, for an agent, the mails it can switch off, each with what it is, and the activation link as always sent', async () => {
    await render(aUser('AGENT'), undefined, ['SCHEDULE_CHANGED']);
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Mes préférences');
    expect(toggles().map(({ label, checked, description }) => [label, checked, description])).toEqual([
      [
        'Décision sur mes demandes',
        'true',
        'Un courriel quand votre encadrant accepte ou refuse une de vos demandes, ou quand elle est mise en attente, avec la raison.',
      ],
      [
        'Changements de mon planning',
        'false',
        'Un courriel quand vos demi-journées changent (nouvelle affectation, publication, plan de continuité), ne listant que ce qui change.',
      ],
      [
        'Lien d’activation',
        'true',
        'Toujours envoyé : lorsque le service RH vous invite, le lien qui permet d’activer votre compte.',
      ],
    ]);
    // the activation link cannot be switched off, but stays reachable by keyboard and screen reader
    const activation = toggles()[2].button;
    expect(activation.getAttribute('aria-disabled')).toBe('true');
    expect(activation.disabled).toBe(false);
    expect(el.querySelector('.tw-mail-off')).toBeNull();
  });

  it('offers a manager the morning digest too', async () => {
    await render(aUser('MANAGER'));
    expect(toggles().map((t) => t.label)).toEqual([
      'Décision sur mes demandes',
      'Changements de mon planning',
      'Récapitulatif des demandes à valider',
      'Lien d’activation',
    ]);
  });

  it('switches a kind of mail off, then on, saving the whole list each time', async () => {
    await render(aUser('MANAGER'), undefined, ['MANAGER_DIGEST']);
    toggles()[0].button.click();
    await settle();
    let patch = http.expectOne('/api/auth/me/preferences');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ mailOptOuts: ['REQUEST_DECIDED', 'MANAGER_DIGEST'] });
    patch.flush({ language: 'fr', mailOptOuts: ['REQUEST_DECIDED', 'MANAGER_DIGEST'] });
    await settle();
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe('Préférences enregistrées.');
    expect(toggles()[0].checked).toBe('false');

    toggles()[2].button.click();
    await settle();
    patch = http.expectOne('/api/auth/me/preferences');
    expect(patch.request.body).toEqual({ mailOptOuts: ['REQUEST_DECIDED'] });
    patch.flush({ language: 'fr', mailOptOuts: ['REQUEST_DECIDED'] });
    await settle();
    expect(toggles()[2].checked).toBe('true');
  });

  it('puts a toggle back and says why when the change is refused', async () => {
    await render(aUser('AGENT'));
    toggles()[1].button.click();
    await settle();
    http
      .expectOne('/api/auth/me/preferences')
      .flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await settle();
    expect(toggles()[1].checked).toBe('true');
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('500');
  });

  it('changes the language of the console and of the account', async () => {
    await render(aUser('HR'));
    const radios = Array.from(el.querySelectorAll('mat-radio-button input')) as HTMLInputElement[];
    expect(
      el.querySelector('mat-radio-group')?.getAttribute('aria-label'),
    ).toBe('Langue de l’application et des courriels');
    expect(radios.map((r) => r.checked)).toEqual([true, false]);
    radios[1].click();
    await settle();
    const patch = http.expectOne('/api/auth/me/preferences');
    expect(patch.request.body).toEqual({ language: 'en' });
    patch.flush({ language: 'en', mailOptOuts: [] });
    await new Promise((resolve) => setTimeout(resolve));
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('tw.lang')).toBe('en');
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('My preferences');
    expect(el.querySelector('[role="status"]')?.textContent?.trim()).toBe('Preferences saved.');
  });

  it('says when e-mail is not configured on this installation', async () => {
    await render(aUser('AGENT'), { passwordLogin: true, sso: null, mail: false });
    expect(el.querySelector('.tw-mail-off')?.textContent?.trim()).toBe(
      'L’envoi de courriels n’est pas configuré sur cette installation : aucun courriel n’est envoyé pour l’instant. Vos choix s’appliqueront dès qu’il le sera.',
    );
  });
});

describe('mailKindsFor', () => {
  it('a decision and a schedule change for an agent record, the digest for a manager', () => {
    expect(mailKindsFor(aUser('AGENT'))).toEqual(['REQUEST_DECIDED', 'SCHEDULE_CHANGED']);
    expect(mailKindsFor(aUser('MANAGER'))).toEqual(['REQUEST_DECIDED', 'SCHEDULE_CHANGED', 'MANAGER_DIGEST']);
    expect(mailKindsFor(aUser('ADMIN'))).toEqual([]);
    expect(mailKindsFor(null)).toEqual([]);
  });
});
