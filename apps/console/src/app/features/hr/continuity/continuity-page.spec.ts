import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { formatMessage } from '@telework/contracts';
import { of } from 'rxjs';
import {
  aContinuityEvent,
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { ContinuityPage } from './continuity-page';

describe('ContinuityPage', () => {
  let fixture: ComponentFixture<ContinuityPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ContinuityPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(),
        provideTestIcons(),
        { provide: MatDialog, useValue: { open: () => ({ afterClosed: () => of(true) }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(ContinuityPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const list = () => http.expectOne((r) => r.method === 'GET' && r.url === '/api/continuity-events');

  it('lists the events with their status in words, kind and Paris-dated period, each linked; a page answer is read too', () => {
    list().flush({
      items: [
        aContinuityEvent({ id: 'ev-2', status: 'ACTIVE', label: 'Crise sanitaire', kind: 'CRISIS', from: '2026-12-14', to: '2026-12-24', toPeriod: 'AM' }),
        aContinuityEvent(),
        aContinuityEvent({ id: 'ev-0', status: 'ENDED', label: 'Neige', kind: 'WEATHER' }),
      ],
      total: 3,
    });
    fixture.detectChanges();
    const items = Array.from(el.querySelectorAll('li.tw-event'));
    expect(items.map((li) => text(li.querySelector('tw-event-status')))).toEqual(['Actif', 'Brouillon', 'Terminé']);
    expect(text(items[0].querySelector('.tw-event-kind'))).toBe('Crise');
    expect(text(items[0].querySelector('.tw-event-period'))).toBe('Du lundi 14 décembre 2026, matin, au jeudi 24 décembre 2026, matin');
    expect(items[0].querySelector('h3 a')?.getAttribute('href')).toBe('/hr/continuity/ev-2');
    // only a draft can be deleted
    expect(items.map((li) => !!li.querySelector('button.tw-delete'))).toEqual([false, true, false]);
    expect(items[1].querySelector('button.tw-delete')?.getAttribute('aria-label')).toBe('Supprimer le brouillon « Grève des transports »');
  });

  it('filters by status through the API', () => {
    list().flush([aContinuityEvent()]);
    fixture.detectChanges();
    const active = Array.from(el.querySelectorAll('mat-button-toggle button')).find((b) => text(b) === 'Actif') as HTMLButtonElement;
    active.click();
    fixture.detectChanges();
    const filtered = list();
    expect(filtered.request.params.get('status')).toBe('ACTIVE');
    filtered.flush([]);
    fixture.detectChanges();
    expect(text(el.querySelector('.tw-empty'))).toBe('Aucun événement dans cet état.');
  });

  it('deletes a draft after confirmation, and says why when the API refuses', () => {
    list().flush([aContinuityEvent(), aContinuityEvent({ id: 'ev-3', label: 'Tempête' })]);
    fixture.detectChanges();
    (el.querySelector('li[data-id="ev-1"] button.tw-delete') as HTMLButtonElement).click();
    http.expectOne((r) => r.method === 'DELETE' && r.url === '/api/continuity-events/ev-1').flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(el.querySelectorAll('li.tw-event')).toHaveLength(1);
    expect(text(el.querySelector('[role="status"]'))).toBe('Brouillon « Grève des transports » supprimé.');

    (el.querySelector('li[data-id="ev-3"] button.tw-delete') as HTMLButtonElement).click();
    const refusal = { code: 'CONTINUITY_EVENT_NOT_DRAFT', status: 'ACTIVE', action: 'delete', meanwhile: true } as const;
    http.expectOne((r) => r.method === 'DELETE').flush({ statusCode: 409, message: 'not a draft', ...refusal }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text(el.querySelector('tw-error-alert'))).toBe(`Le serveur a refusé (erreur 409) : ${formatMessage(refusal, 'fr')}`);
    expect(el.querySelectorAll('li.tw-event')).toHaveLength(1);
  });
});
