import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { MailOutboxEntryDto, MailOutboxPageDto } from '@telework/contracts';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { MailPage } from './mail-page';

function aMail(overrides: Partial<MailOutboxEntryDto> = {}): MailOutboxEntryDto {
  return {
    id: '1',
    kind: 'SCHEDULE_CHANGED',
    recipient: 'claire.martin@exemple.fr',
    language: 'fr',
    status: 'SENT',
    attempts: 1,
    lastError: null,
    // 9:30 in Paris in winter
    createdAt: '2026-12-08T08:30:00Z',
    nextAttemptAt: null,
    sentAt: '2026-12-08T08:30:05Z',
    ...overrides,
  };
}

function aPage(items: MailOutboxEntryDto[], overrides: Partial<MailOutboxPageDto> = {}): MailOutboxPageDto {
  return {
    enabled: true,
    counts: { PENDING: 3, SENDING: 0, SENT: 1250, FAILED: 1 },
    items,
    total: items.length,
    ...overrides,
  };
}

describe('MailPage', () => {
  let fixture: ComponentFixture<MailPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim();

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  const outbox = () =>
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/mail/outbox');

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [MailPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideNoopAnimations(),
        provideTestTranslations(),
        provideTestIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(MailPage);
    el = fixture.nativeElement;
    await settle();
  });

  afterEach(() => http.verify());

  it('shows the counts by status and the mails, dates in Paris', async () => {
    const first = outbox();
    expect(first.request.params.get('page')).toBe('1');
    expect(first.request.params.get('pageSize')).toBe('50');
    expect(first.request.params.has('status')).toBe(false);
    first.flush(
      aPage([
        aMail(),
        aMail({
          id: '2',
          kind: 'REQUEST_DECIDED',
          recipient: 'paul@exemple.fr',
          language: 'en',
          status: 'FAILED',
          attempts: 1,
          lastError: '550 5.1.1 mailbox unavailable',
          sentAt: null,
        }),
        aMail({
          id: '3',
          kind: 'MANAGER_DIGEST',
          status: 'PENDING',
          attempts: 2,
          lastError: 'connect ECONNREFUSED 127.0.0.1:25',
          nextAttemptAt: '2026-12-08T08:32:00Z',
          sentAt: null,
        }),
      ]),
    );
    await settle();
    expect(el.querySelector('.tw-mail-off')).toBeNull();
    expect(
      Array.from(el.querySelectorAll('.tw-counts > div')).map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]),
    ).toEqual([
      ['En attente', '3'],
      ['En cours d’envoi', '0'],
      ['Envoyé', '1 250'],
      ['Échec', '1'],
    ]);
    const headers = Array.from(el.querySelectorAll('th')).map(text);
    expect(headers.slice(0, 8)).toEqual([
      'Type', 'Destinataire', 'Langue', 'État', 'Tentatives', 'Dernière erreur', 'Créé le', 'Envoyé le',
    ]);
    const rows = Array.from(el.querySelectorAll('tr[data-id]')).map((r) =>
      Array.from(r.querySelectorAll('td')).map(text),
    );
    expect(rows[0]).toEqual([
      'Changement de planning', 'claire.martin@exemple.fr', 'Français', 'Envoyé', '1', '—',
      '08/12/2026 09:30', '08/12/2026 09:30', '',
    ]);
    expect(rows[1]).toEqual([
      'Décision sur une demande', 'paul@exemple.fr', 'English', 'Échec', '1', '550 5.1.1 mailbox unavailable',
      '08/12/2026 09:30', '—', 'Renvoyer',
    ]);
    expect(rows[2].slice(3, 6)).toEqual([
      'En attente, nouvelle tentative le 08/12/2026 09:32', '2', 'connect ECONNREFUSED 127.0.0.1:25',
    ]);
    // « Renvoyer » only on refused mails, named by its recipient
    const retry = el.querySelectorAll('button.tw-retry');
    expect(retry.length).toBe(1);
    expect(retry[0].getAttribute('aria-label')).toBe('Renvoyer le courriel à paul@exemple.fr');
  });

  it('sends a refused mail again, then reads the outbox again', async () => {
    outbox().flush(aPage([aMail({ id: '42', status: 'FAILED', recipient: 'paul@exemple.fr', sentAt: null })]));
    await settle();
    (el.querySelector('button.tw-retry') as HTMLButtonElement).click();
    await settle();
    const retry = http.expectOne('/api/mail/outbox/42/retry');
    expect(retry.request.method).toBe('POST');
    retry.flush(aMail({ id: '42', status: 'PENDING', sentAt: null }));
    await settle();
    outbox().flush(aPage([aMail({ id: '42', status: 'PENDING', sentAt: null })]));
    await settle();
    expect(el.querySelector('button.tw-retry')).toBeNull();
    expect(document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim()).toBe(
      'Le courriel à paul@exemple.fr sera renvoyé.',
    );
  });

  it('says why a retry was refused (409: no longer FAILED)', async () => {
    outbox().flush(aPage([aMail({ id: '42', status: 'FAILED', sentAt: null })]));
    await settle();
    (el.querySelector('button.tw-retry') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne('/api/mail/outbox/42/retry')
      .flush({ statusCode: 409, message: 'the mail is not FAILED' }, { status: 409, statusText: 'Conflict' });
    await settle();
    outbox().flush(aPage([aMail({ id: '42', status: 'SENT' })]));
    await settle();
    expect(text(el.querySelector('[role="alert"]'))).toContain('the mail is not FAILED');
  });

  it('filters by status, from the first page', async () => {
    outbox().flush(aPage([aMail()]));
    await settle();
    (el.querySelector('mat-select') as HTMLElement).click();
    await settle();
    const failed = Array.from(document.querySelectorAll('mat-option')).find(
      (o) => text(o) === 'Échec',
    ) as HTMLElement;
    failed.click();
    await settle();
    const filtered = outbox();
    expect(filtered.request.params.get('status')).toBe('FAILED');
    expect(filtered.request.params.get('page')).toBe('1');
    filtered.flush(aPage([]));
    await settle();
    expect(text(el.querySelector('[role="status"] .tw-empty'))).toBe('Aucun courriel dans cet état.');
  });

  it('explains that mail is off on this installation', async () => {
    outbox().flush(aPage([], { enabled: false, counts: { PENDING: 0, SENDING: 0, SENT: 0, FAILED: 0 } }));
    await settle();
    expect(text(el.querySelector('.tw-mail-off'))).toBe(
      'L’envoi de courriels n’est pas configuré sur cette installation (variable SMTP_URL absente) : aucun courriel n’est écrit ni envoyé. Les liens d’activation se copient depuis la page Agents.',
    );
    expect(text(el.querySelector('[role="status"] .tw-empty'))).toBe('Aucun courriel.');
  });

  it('offers a retry when the outbox cannot be read', async () => {
    outbox().flush(null, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    const alert = el.querySelector('[role="alert"]');
    expect(alert).not.toBeNull();
    (alert?.querySelector('button') as HTMLButtonElement).click();
    await settle();
    outbox().flush(aPage([aMail()]));
    await settle();
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });
});
