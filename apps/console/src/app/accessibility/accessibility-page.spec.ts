import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { appRoutes } from '../app.routes';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { LanguageService } from '../core/i18n/language.service';
import {
  aJwt,
  aUser,
  initLanguage,
  inOneHour,
  provideTestIcons,
  provideTestTranslations,
} from '../testing/test-helpers';

describe('AccessibilityPage (« Déclaration d’accessibilité »)', () => {
  let http: HttpTestingController;

  async function open(signedIn: boolean) {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    if (signedIn) sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    const harness = await RouterTestingHarness.create();
    const done = harness.navigateByUrl('/accessibilite');
    await new Promise((resolve) => setTimeout(resolve));
    for (const req of http.match('/api/auth/me')) req.flush(aUser('AGENT'));
    await done;
    await harness.fixture.whenStable();
    return harness;
  }

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => http.match(() => true).forEach((req) => req.flush({})));

  it('is public: a visitor who is not signed in reads it, no account asked for', async () => {
    const harness = await open(false);
    expect(TestBed.inject(Router).url).toBe('/accessibilite');
    http.expectNone('/api/auth/me');
    expect(text(harness.routeNativeElement?.querySelector('h1'))).toBe('Déclaration d’accessibilité');
  });

  it('says in French the RGAA status, what was measured with which tools, the known non-conformities, the contact, the recourse and the date', async () => {
    const harness = await open(false);
    const page = harness.routeNativeElement as HTMLElement;
    const headings = Array.from(page.querySelectorAll('h2'), (h) => text(h));
    expect(headings).toEqual([
      'État de conformité',
      'Résultats des tests',
      'Contenus non accessibles',
      'Établissement de cette déclaration',
      'Retour d’information et contact',
      'Voies de recours',
    ]);
    expect(text(page.querySelector('.tw-status'))).toContain('partiellement conforme');
    expect(text(page.querySelector('.tw-status'))).toContain('RGAA), version 4.1');
    expect(text(page)).toContain('axe-core 4.14.1');
    expect(text(page)).toContain('Chromium');
    expect(text(page)).toContain('aucune non-conformité de gravité « sérieuse » ou « critique »');
    expect(text(page)).toContain('Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07');
    expect(page.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-07');
    expect(text(page.querySelector('time'))).toBe('7 décembre 2026');
    expect(page.querySelectorAll('h3 + ul li').length).toBeGreaterThan(0);
  });

  it('reads in English once the language is switched', async () => {
    const harness = await open(false);
    await TestBed.inject(LanguageService).use('en');
    harness.fixture.detectChanges();
    await harness.fixture.whenStable();
    const page = harness.routeNativeElement as HTMLElement;
    expect(text(page.querySelector('h1'))).toBe('Accessibility statement');
    expect(text(page.querySelector('.tw-status'))).toContain('partially compliant');
    expect(text(page.querySelector('.tw-back a'))).toBe('Back to the console');
    await TestBed.inject(LanguageService).use('fr');
  });

  it('is reachable signed in too, outside the shell', async () => {
    const harness = await open(true);
    expect(TestBed.inject(Router).url).toBe('/accessibilite');
    expect(harness.routeNativeElement?.querySelector('tw-shell')).toBeNull();
  });
});
