import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { TeleworkRequestDto } from '@telework/contracts';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { RequestsPage } from './requests-page';

function aRequest(n: number, overrides: Partial<TeleworkRequestDto> = {}): TeleworkRequestDto {
  return {
    id: `r${n}`,
    agentId: `a${n}`,
    agentName: `Claire Martin${n}`,
    employeeNumber: `M${n}`,
    date: '2026-12-08',
    period: 'PM',
    kind: 'REMOTE',
    status: 'PENDING',
    allocationStatus: null,
    allocationRefusal: null,
    allocationReason: null,
    comment: null,
    createdAt: '2026-12-01T09:00:00Z',
    decidedAt: null,
    ...overrides,
  };
}

describe('RequestsPage (manager)', () => {
  let fixture: ComponentFixture<RequestsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }
  const pendingRequest = (): TestRequest =>
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/requests');
  const text = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [RequestsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
        // dialogs close at once, without waiting for an exit animation
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(RequestsPage);
    el = fixture.nativeElement;
    await settle();
  });

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
    http.verify();
  });

  it('lists the PENDING requests of the team, page 1 of 50', async () => {
    const req = pendingRequest();
    expect(req.request.params.toString()).toBe('status=PENDING&page=1&pageSize=50');
    req.flush({ items: [aRequest(1), aRequest(2)], total: 2 });
    await settle();
    expect(el.querySelectorAll('tr.mat-mdc-row:not(.tw-empty-row)')).toHaveLength(2);
  });

  it('approves one and shows what the allocation made of it (waitlisted, with the figures)', async () => {
    pendingRequest().flush({ items: [aRequest(1)], total: 1 });
    await settle();
    (el.querySelector('button.tw-approve') as HTMLButtonElement).click();
    await settle();
    const approve = http.expectOne('/api/requests/r1/approve');
    expect(approve.request.method).toBe('POST');
    approve.flush(
      aRequest(1, {
        status: 'APPROVED',
        allocationStatus: 'WAITLISTED',
        allocationRefusal: { code: 'POOL_FULL', pool: 'VDI', date: '2026-12-08', period: 'PM', used: 1700, capacity: 1700, reserved: 0 },
        allocationReason: 'VDI full on 2026-12-08 PM: 1,700 of 1,700 seats',
      }),
    );
    await settle();
    pendingRequest().flush({ items: [], total: 0 });
    await settle();
    const decision = el.querySelector('.tw-decision[data-id="r1"]');
    expect(text(decision)).toContain('Acceptée');
    expect(text(decision)).toContain('En liste d’attente');
    // the refusal's code and figures, worded in French (not the English record)
    expect(decision?.querySelector('.tw-reason')?.textContent?.trim()).toBe(
      'VDI complet le mardi 8 décembre 2026 après-midi : 1\u202f700 places prises sur 1\u202f700',
    );
    expect(text(el.querySelector('[role="status"] .tw-empty'))).toBe('Aucune demande en attente : tout est traité.');
  });

  it('shows a reason stored before refusals were data as it came', async () => {
    pendingRequest().flush({ items: [aRequest(1)], total: 1 });
    await settle();
    (el.querySelector('button.tw-approve') as HTMLButtonElement).click();
    await settle();
    http.expectOne('/api/requests/r1/approve').flush(
      aRequest(1, {
        status: 'APPROVED',
        allocationStatus: 'REFUSED',
        allocationRefusal: null,
        allocationReason: 'weekly max of 6 half-days reached in week 50',
      }),
    );
    await settle();
    pendingRequest().flush({ items: [], total: 0 });
    await settle();
    const decision = el.querySelector('.tw-decision[data-id="r1"]');
    expect(text(decision)).toContain('Non accordée');
    expect(text(decision?.querySelector('.tw-reason') ?? null)).toBe('weekly max of 6 half-days reached in week 50');
  });

  it('approves the selection in one call and lists each failure by request', async () => {
    pendingRequest().flush({ items: [aRequest(1), aRequest(2), aRequest(3)], total: 3 });
    await settle();
    const boxes = el.querySelectorAll<HTMLInputElement>('td mat-checkbox input');
    boxes[0].click();
    boxes[2].click();
    await settle();
    expect(text(el.querySelector('.tw-selected'))).toBe('2 sélectionnée(s)');
    (el.querySelector('button.tw-approve-selected') as HTMLButtonElement).click();
    await settle();
    const bulk = http.expectOne('/api/requests/approve');
    expect(bulk.request.body).toEqual({ ids: ['r1', 'r3'] });
    bulk.flush({
      results: [
        { id: 'r1', ok: true, request: aRequest(1, { status: 'APPROVED', allocationStatus: 'GRANTED' }) },
        {
          id: 'r3',
          ok: false,
          statusCode: 409,
          error: 'the request is CANCELLED: only a PENDING request can be decided',
          problem: {
            statusCode: 409,
            code: 'REQUEST_NOT_PENDING',
            status: 'CANCELLED',
            message: 'the request is CANCELLED: only a PENDING request can be decided',
          },
        },
      ],
    });
    await settle();
    pendingRequest().flush({ items: [aRequest(2)], total: 1 });
    await settle();

    const failures = el.querySelector('.tw-failures');
    expect(failures?.getAttribute('role')).toBe('alert');
    expect(text(failures?.querySelector('.tw-failures-title') ?? null)).toBe(
      '1 décision(s) n’ont pas pu être enregistrées :',
    );
    const items = Array.from(el.querySelectorAll('.tw-failure')).map(text);
    expect(items).toHaveLength(1);
    expect(items[0]).toContain('Claire Martin3 (M3)');
    expect(items[0]).toContain('la demande est annulée : seule une demande en attente peut être décidée');
    expect(items[0]).toContain('code 409');
    expect(text(el.querySelector('.tw-decision[data-id="r1"]'))).toContain('Accordée');
  });

  it('refuses the selection only with a comment', async () => {
    pendingRequest().flush({ items: [aRequest(1)], total: 1 });
    await settle();
    (el.querySelector('thead mat-checkbox input') as HTMLInputElement).click();
    await settle();
    (el.querySelector('button.tw-refuse-selected') as HTMLButtonElement).click();
    await settle();
    const dialog = document.querySelector('tw-refuse-dialog') as HTMLElement;
    expect(dialog).not.toBeNull();
    (dialog.querySelector('button.tw-refuse-confirm') as HTMLButtonElement).click();
    await settle();
    expect(text(dialog.querySelector('mat-error'))).toBe('Indiquez le motif du refus.');
    http.expectNone('/api/requests/refuse');

    const area = dialog.querySelector('textarea') as HTMLTextAreaElement;
    area.value = 'Réunion de service ce jour-là';
    area.dispatchEvent(new Event('input'));
    (dialog.querySelector('button.tw-refuse-confirm') as HTMLButtonElement).click();
    await settle();
    await new Promise((r) => setTimeout(r, 0));
    await settle();
    const refuse = http.expectOne('/api/requests/refuse');
    expect(refuse.request.body).toEqual({ ids: ['r1'], comment: 'Réunion de service ce jour-là' });
    refuse.flush({ results: [{ id: 'r1', ok: true, request: aRequest(1, { status: 'REFUSED' }) }] });
    await settle();
    pendingRequest().flush({ items: [], total: 0 });
  });
});
