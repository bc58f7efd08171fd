import { HttpClient, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Page } from '@telework/contracts';
import { LanguageService } from '../core/i18n/language.service';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../testing/test-helpers';
import { LoadState } from './load-state';
import { isEmptyList, loadable } from './loadable';

interface Site {
  id: string;
  name: string;
}

@Component({
  imports: [LoadState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <tw-load-state [of]="sites" emptyKey="sites.empty">
      <ul class="tw-sites">
        @for (s of sites.value().items; track s.id) { <li>{{ s.name }}</li> }
      </ul>
    </tw-load-state>
  `,
})
class Host {
  private readonly http = inject(HttpClient);
  readonly page = signal(1);
  readonly sites = loadable({
    params: () => ({ page: this.page() }),
    stream: ({ page }) => this.http.get<Page<Site>>('/api/sites', { params: { page } }),
    initial: { items: [], total: 0 } as Page<Site>,
  });
}

describe('loadable() and <tw-load-state>: one way of loading what a page shows', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (selector: string) =>
    el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const names = () => Array.from(el.querySelectorAll('.tw-sites li')).map((li) => li.textContent?.trim());
  const busy = () => el.querySelector('.tw-load-content')?.getAttribute('aria-busy');
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const sitesRequest = (page = 1) =>
    http.expectOne((r) => r.url === '/api/sites' && r.params.get('page') === String(page));

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations(), provideTestIcons()],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    el = fixture.nativeElement;
    fixture.detectChanges();
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('says it is loading (busy content, progress bar, status region), then shows the data', async () => {
    const request = sitesRequest();
    expect(host.sites.loading()).toBe(true);
    expect(busy()).toBe('true');
    expect(el.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Chargement…');
    expect(text('[role="status"]')).toBe('Chargement…');
    expect(el.querySelector('[role="alert"]')).toBeNull();

    request.flush({ items: [{ id: 's1', name: 'Lyon' }, { id: 's2', name: 'Paris' }], total: 2 });
    await settle();

    expect(host.sites.loading()).toBe(false);
    expect(host.sites.empty()).toBe(false);
    expect(host.sites.error()).toBeNull();
    expect(names()).toEqual(['Lyon', 'Paris']);
    expect(busy()).toBe('false');
    expect(el.querySelector('mat-progress-bar')).toBeNull();
    expect(text('[role="status"]')).toBe('');
  });

  it('keeps the shown data while its next page loads, then replaces it', async () => {
    sitesRequest().flush({ items: [{ id: 's1', name: 'Lyon' }], total: 2 });
    await settle();

    host.page.set(2);
    await settle();
    const next = sitesRequest(2);
    expect(host.sites.loading()).toBe(true);
    expect(names()).toEqual(['Lyon']);
    expect(busy()).toBe('true');

    next.flush({ items: [{ id: 's2', name: 'Paris' }], total: 2 });
    await settle();
    expect(names()).toEqual(['Paris']);
    expect(busy()).toBe('false');
  });

  it('says a failure in words with « Réessayer », which loads again and shows the data', async () => {
    sitesRequest().flush(null, { status: 503, statusText: 'Unavailable' });
    await settle();

    expect(host.sites.loading()).toBe(false);
    expect(host.sites.empty()).toBe(false);
    expect(host.sites.error()).toEqual({ key: 'errors.generic', params: { status: 503 } });
    expect((host.sites.failure() as { status: number }).status).toBe(503);
    expect(text('[role="alert"] p')).toBe(
      'L’opération a échoué (erreur 503). Réessayez, puis contactez le support si le problème persiste.',
    );
    // a failure is not "nothing to show"
    expect(el.querySelector('.tw-empty')).toBeNull();
    const retry = el.querySelector('[role="alert"] button') as HTMLButtonElement;
    expect(retry.textContent?.trim()).toBe('Réessayer');

    retry.click();
    await settle();
    const again = sitesRequest();
    expect(host.sites.loading()).toBe(true);
    expect(el.querySelector('[role="alert"]')).toBeNull();
    again.flush({ items: [{ id: 's1', name: 'Lyon' }], total: 1 });
    await settle();

    expect(host.sites.error()).toBeNull();
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(names()).toEqual(['Lyon']);
  });

  it('says the failure and its retry in English once the console is in English', async () => {
    sitesRequest().flush(null, { status: 0, statusText: 'Unknown Error' });
    await settle();
    expect(text('[role="alert"] p')).toBe('Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');

    await TestBed.inject(LanguageService).use('en');
    await settle();
    expect(text('[role="alert"] p')).toBe('The server is not answering. Check your connection and try again.');
    expect(text('[role="alert"] button')).toBe('Retry');
  });

  it('says when the answer has nothing to show, in the status region', async () => {
    sitesRequest().flush({ items: [], total: 0 });
    await settle();

    expect(host.sites.empty()).toBe(true);
    expect(host.sites.error()).toBeNull();
    expect(text('[role="status"] .tw-empty')).toBe('Aucun site n’est enregistré.');
    expect(names()).toEqual([]);
  });

  it('reloads on demand even while a load is under way, dropping the older answer', async () => {
    const first = sitesRequest();
    host.sites.reload();
    await settle();
    expect(first.cancelled).toBe(true);
    sitesRequest().flush({ items: [{ id: 's3', name: 'Rennes' }], total: 1 });
    await settle();
    expect(names()).toEqual(['Rennes']);
  });

  it('shows a local change (a saved or deleted row) without asking the API again', async () => {
    sitesRequest().flush({ items: [{ id: 's1', name: 'Lyon' }, { id: 's2', name: 'Paris' }], total: 2 });
    await settle();

    host.sites.update((page) => ({ items: page.items.filter((s) => s.id !== 's1'), total: 1 }));
    await settle();
    expect(names()).toEqual(['Paris']);

    host.sites.set({ items: [], total: 0 });
    await settle();
    expect(host.sites.empty()).toBe(true);
    expect(text('.tw-empty')).toBe('Aucun site n’est enregistré.');
  });
});

describe('isEmptyList', () => {
  it('reads arrays and API pages', () => {
    expect(isEmptyList([])).toBe(true);
    expect(isEmptyList([1])).toBe(false);
    expect(isEmptyList({ items: [], total: 0 })).toBe(true);
    expect(isEmptyList({ items: [{}], total: 1 })).toBe(false);
    expect(isEmptyList(null)).toBe(true);
    expect(isEmptyList({ enabled: true })).toBe(false);
  });
});
