import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Role } from '@telework/contracts';
import { AuthService } from '../core/auth/auth.service';
import {
  aJwt,
  aUser,
  initLanguage,
  inOneHour,
  provideTestIcons,
  provideTestTranslations,
} from '../testing/test-helpers';
import { Shell } from './shell';

describe('Shell', () => {
  let fixture: ComponentFixture<Shell>;
  let el: HTMLElement;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function render(role: Role) {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
      ],
    });
    await initLanguage();
    sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    TestBed.inject(AuthService).me().subscribe();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/me')
      .flush(aUser(role, { displayName: 'Camille Durand' }));
    fixture = TestBed.createComponent(Shell);
    el = fixture.nativeElement;
    await settle();
  }

  const navLinks = () =>
    Array.from(el.querySelectorAll('nav a')).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);

  it('shows an agent only their own schedule', async () => {
    await render('AGENT');
    expect(navLinks()).toEqual([['Mon planning', '/agent/planning']]);
  });

  it('shows a manager their schedule, their team and the requests to review', async () => {
    await render('MANAGER');
    expect(navLinks().map(([label]) => label)).toEqual([
      'Mon planning',
      'Mon équipe',
      'Demandes à valider',
    ]);
  });

  it.each<Role>(['HR', 'ADMIN'])(
    'shows %s the planning office pages too',
    async (role) => {
      await render(role);
      expect(navLinks()).toEqual([
        ['Mon planning', '/agent/planning'],
        ['Mon équipe', '/manager/team'],
        ['Demandes à valider', '/manager/requests'],
        ['Agents', '/hr/agents'],
        ['Sites', '/hr/sites'],
        ['Groupes de rotation', '/hr/groups'],
        ['Calendriers de rotation', '/hr/calendars'],
        ['Capacité', '/hr/capacity'],
        ['Affectations', '/hr/runs'],
        ['Plan de continuité', '/hr/continuity'],
        ['Courriels', '/hr/mail'],
      ]);
      const headings = Array.from(el.querySelectorAll('nav h2')).map((h) =>
        h.textContent?.trim(),
      );
      expect(headings).toEqual(['Mon espace', 'Encadrement', 'Planification']);
    },
  );

  it('names the user and their role in the user menu button', async () => {
    await render('MANAGER');
    const button = el.querySelector('.tw-user-button') as HTMLButtonElement;
    expect(button.textContent).toContain('Camille Durand');
    expect(button.textContent).toContain('Encadrant');
    expect(button.getAttribute('aria-label')).toBe(
      'Compte de Camille Durand, Encadrant : préférences, langue et déconnexion',
    );
  });

  it('says the visible name and role in its accessible name, in their order, outside parentheses (WCAG 2.5.3)', async () => {
    await render('MANAGER');
    const button = el.querySelector('.tw-user-button') as HTMLButtonElement;
    // the two lines shown, the name then the role, with a space between them in the text itself
    const visible = (button.querySelector('.tw-user-text')?.textContent ?? '').trim();
    // axe-core's label-content-name-mismatch drops what is in parentheses before comparing words
    const name = (button.getAttribute('aria-label') ?? '').replace(/\([^()]*\)/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ');
    expect(visible).toBe('Camille Durand Encadrant');
    expect(name).toContain(visible);
  });

  it('links the accessibility statement from its footer, with the RGAA conformity status', async () => {
    await render('AGENT');
    const link = el.querySelector('footer a') as HTMLAnchorElement;
    expect(link.textContent?.trim()).toBe('Accessibilité : partiellement conforme');
    expect(link.getAttribute('href')).toBe('/accessibilite');
  });

  it('switches the language from the user menu', async () => {
    await render('HR');
    (el.querySelector('.tw-user-button') as HTMLButtonElement).click();
    await settle();
    const items = Array.from(
      document.querySelectorAll('[role^="menuitem"]'),
    ) as HTMLElement[];
    expect(
      items.map((i) => [i.textContent?.trim(), i.getAttribute('aria-checked')]),
    ).toEqual([
      ['Français', 'true'],
      ['English', 'false'],
      ['Mes préférences', null],
      ['Se déconnecter', null],
    ]);

    items[1].click();
    await new Promise((resolve) => setTimeout(resolve));
    await settle();

    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('tw.lang')).toBe('en');
    expect(navLinks()[0][0]).toBe('My schedule');
    expect(el.querySelector('.tw-skip-link')?.textContent?.trim()).toBe(
      'Skip to content',
    );
  });

  it('logs out from the user menu', async () => {
    await render('AGENT');
    const navigate = jest
      .spyOn(TestBed.inject(Router), 'navigate')
      .mockResolvedValue(true);
    (el.querySelector('.tw-user-button') as HTMLButtonElement).click();
    await settle();
    const logout = Array.from(
      document.querySelectorAll('[role="menuitem"]'),
    ).find((i) => i.textContent?.trim() === 'Se déconnecter') as HTMLElement;
    logout.click();
    await settle();
    expect(sessionStorage.getItem('tw.accessToken')).toBeNull();
    expect(TestBed.inject(AuthService).user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login']);
  });

  it('opens « Mes préférences » from the user menu', async () => {
    await render('AGENT');
    (el.querySelector('.tw-user-button') as HTMLButtonElement).click();
    await settle();
    const link = document.querySelector('a.tw-preferences-link') as HTMLAnchorElement;
    expect(link.getAttribute('role')).toBe('menuitem');
    expect(link.getAttribute('href')).toBe('/preferences');
    expect(link.textContent?.trim()).toBe('Mes préférences');
  });

  it("takes the account's language on a browser without a choice of its own", async () => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
      ],
    });
    await initLanguage();
    sessionStorage.setItem('tw.accessToken', aJwt({ exp: inOneHour() }));
    TestBed.inject(AuthService).me().subscribe();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/me')
      .flush(aUser('AGENT', { language: 'en' }));
    fixture = TestBed.createComponent(Shell);
    el = fixture.nativeElement;
    await settle();
    await new Promise((resolve) => setTimeout(resolve));
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(navLinks()[0][0]).toBe('My schedule');
    // not remembered: the account's later changes still apply
    expect(localStorage.getItem('tw.lang')).toBeNull();
  });

  it('shows today as a date in Paris', async () => {
    await render('AGENT');
    expect(el.querySelector('.tw-today')?.textContent?.trim()).toMatch(
      /^Aujourd’hui : .+ \(heure de Paris\)$/,
    );
  });
});
