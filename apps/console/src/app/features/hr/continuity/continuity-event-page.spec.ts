import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import {
  ComponentFixture,
  discardPeriodicTasks,
  fakeAsync,
  flush,
  TestBed,
  tick,
} from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, Router } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';
import {
  ENGINE_JOB_ID_HEADER,
  formatMessage,
  type AllocationRunDto,
  type ContinuityEventDto,
  type ContinuityImpactDto,
} from '@telework/contracts';
import { of } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import type { ConfirmDialogData } from '../../../shared/confirm-dialog';
import { provideConsoleDates } from '../../../core/dates/date-locale';
import {
  aContinuityEvent,
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { ContinuityEventPage } from './continuity-event-page';
import { CONTINUITY_RUN_POLL_MS } from './continuity-run';

jest.mock('../capacity/chart-loader', () => ({
  Chart: class {
    data = { labels: [], datasets: [] };
    update(): void {
      // nothing drawn
    }
    destroy(): void {
      // nothing to free
    }
  },
}));

function aRun(overrides: Partial<AllocationRunDto> = {}): AllocationRunDto {
  return {
    id: 'run-1', trigger: 'MANUAL', from: '2026-12-10', to: '2026-12-13', status: 'QUEUED', progress: 0, stage: null,
    metrics: null, warnings: [], codedWarnings: [], error: null, errorCode: null, planVersion: null, changedAgents: null,
    createdAt: '2026-12-09T09:00:00Z', startedAt: null, finishedAt: null,
    ...overrides,
  };
}

const anImpact = (): ContinuityImpactDto => ({
  eventId: 'ev-1', from: '2026-12-07', to: '2026-12-13', rotation: 'published',
  totals: { onSite: 3, remote: 1990, noWorkplace: 7, before: { onSite: 900, remote: 1100, noWorkplace: 0 } },
  changedAgents: 1500, agentsWithoutWorkplace: 7, halfDays: [], licences: [], examples: [], warnings: [],
});

describe('ContinuityEventPage', () => {
  let fixture: ComponentFixture<ContinuityEventPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let dialogs: ConfirmDialogData[];
  let answer: boolean;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (selector: string) => el.querySelector(selector) as HTMLButtonElement;

  beforeEach(async () => {
    dialogs = [];
    answer = true;
    TestBed.configureTestingModule({
      imports: [ContinuityEventPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(), provideConsoleDates(),
        provideTestIcons(),
        { provide: AuthService, useValue: { role: signal('HR'), user: signal(null), today: () => '2026-12-09' } },
        {
          provide: MatDialog,
          useValue: {
            open: (_c: unknown, config: { data: ConfirmDialogData }) => {
              dialogs.push(config.data);
              return { afterClosed: () => of(answer) };
            },
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
  });

  afterEach(() => http.verify());

  /** The page of `event`: the event, then the sites, pools and org units for names and the form. */
  function render(event: ContinuityEventDto | null) {
    fixture = TestBed.createComponent(ContinuityEventPage);
    if (event) fixture.componentRef.setInput('id', event.id);
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne('/api/sites?pageSize=500').flush({ items: [{ id: 's-hdd', code: 'HDD', name: 'Hôtel du Département', capacity: 900, agentCount: 1200 }], total: 1 });
    http.expectOne((r) => r.url === '/api/pools').flush({ items: [{ id: 'p-vdi', code: 'VDI', name: 'Bureau virtuel', capacity: 1700, reserve: 100, capacityChanges: [] }], total: 1 });
    http.expectOne((r) => r.url === '/api/org-units').flush({ items: [], total: 0 });
    if (event) http.expectOne(`/api/continuity-events/${event.id}`).flush(event);
    fixture.detectChanges();
  }

  const dialogText = (d: ConfirmDialogData) => TestBed.inject(TranslateService).instant(d.messageKey, d.params) as string;

  it('says what a draft changes, in words, and offers preview, activate, edit and delete but not end', () => {
    render(aContinuityEvent({ pools: [{ poolId: 'p-vdi', capacity: 2000 }], weeklyMax: 10, onSiteTiers: ['ESSENTIAL'] }));
    expect(text(el.querySelector('h1'))).toBe('Grève des transports');
    expect(text(el.querySelector('tw-event-status'))).toBe('Brouillon');
    expect(text(el.querySelector('.tw-lead'))).toBe('Grève — Du jeudi 10 décembre 2026, matin, au jeudi 10 décembre 2026, après-midi');
    const setting = (key: string) => Array.from(el.querySelectorAll(`[data-setting="${key}"] dd`)).map(text);
    expect(setting('sites')).toEqual(['Hôtel du Département : fermé']);
    expect(setting('pools')).toEqual(['VDI : 2 000 places']);
    expect(setting('regime')).toEqual(['Temps plein (10 demi-journées par semaine), pour tous les agents éligibles']);
    expect(setting('extra')).toEqual(['Inchangé']);
    expect(setting('onSite')).toEqual(['Essentiel']);
    expect(button('.tw-preview')).not.toBeNull();
    expect(button('.tw-activate')).not.toBeNull();
    expect(button('.tw-edit')).not.toBeNull();
    expect(button('.tw-delete')).not.toBeNull();
    expect(button('.tw-end')).toBeNull();
  });

  it('previews the impact as an engine job and shows it', async () => {
    render(aContinuityEvent());
    expect(text(el.querySelector('.tw-empty'))).toContain('Lancez la prévisualisation');
    button('.tw-preview').click();
    fixture.detectChanges();
    const req = http.expectOne('/api/continuity-events/ev-1/impact');
    expect(req.request.headers.get(ENGINE_JOB_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    req.flush(anImpact());
    fixture.detectChanges();
    await fixture.whenStable();
    expect(text(el.querySelector('tw-impact-view [data-figure="agentsWithout"]'))).toBe('7 agent(s) au moins une fois sans poste de travail.');
    expect(text(button('.tw-preview'))).toBe('Recalculer l’impact');
  });

  it('activates after a confirmation that says the freeze window is overridden, then follows the run to its result', fakeAsync(() => {
    render(aContinuityEvent());
    button('.tw-activate').click();
    expect(dialogs).toHaveLength(1);
    expect(TestBed.inject(TranslateService).instant(dialogs[0].titleKey, dialogs[0].params)).toBe('Activer « Grève des transports » ?');
    const said = dialogText(dialogs[0]);
    expect(said).toContain('y compris dans la période de gel');
    expect(said).toContain('le journal d’audit l’indique');
    expect(said).toContain('(du jeudi 10 décembre 2026, matin, au jeudi 10 décembre 2026, après-midi)');

    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/continuity-events/ev-1/activate');
    post.flush({ event: aContinuityEvent({ status: 'ACTIVE', lastRunId: 'run-1' }), runId: 'run-1', created: true }, { status: 202, statusText: 'Accepted' });
    fixture.detectChanges();
    expect(text(el.querySelector('tw-event-status'))).toBe('Actif');
    expect(text(el.querySelector('.tw-notice'))).toBe('Événement activé : replanification en cours.');
    expect(button('.tw-activate')).toBeNull();
    expect(button('.tw-end')).not.toBeNull();

    tick(0);
    http.expectOne('/api/allocation-runs/run-1').flush(aRun({ status: 'RUNNING', progress: 40 }));
    fixture.detectChanges();
    expect(text(el.querySelector('tw-continuity-run .tw-run-status'))).toBe('En cours 40 %');
    tick(CONTINUITY_RUN_POLL_MS);
    const freeze = { code: 'RUN_FREEZE_OVERRIDDEN', from: '2026-12-10', until: '2026-12-16' };
    http.expectOne('/api/allocation-runs/run-1').flush(
      aRun({ status: 'SUCCEEDED', progress: 100, changedAgents: 1500, metrics: { noWorkplace: 7, siteOverflows: 0 }, warnings: ['freeze overridden'], codedWarnings: [freeze] }),
    );
    // the run over, the event is read again
    http.expectOne('/api/continuity-events/ev-1').flush(aContinuityEvent({ status: 'ACTIVE', lastRunId: 'run-1' }));
    fixture.detectChanges();
    expect(text(el.querySelector('tw-continuity-run .tw-status-chip'))).toBe('Terminée');
    expect(text(el.querySelector('.tw-metric-changed'))).toBe('1 500');
    expect(text(el.querySelector('.tw-metric-no-workplace'))).toBe('7');
    expect(text(el.querySelector('tw-continuity-run .tw-warnings li'))).toBe(formatMessage(freeze, 'fr').replace(/\s+/g, ' '));
    tick(CONTINUITY_RUN_POLL_MS * 3);
    http.expectNone('/api/allocation-runs/run-1');
    discardPeriodicTasks();
    flush();
  }));

  it('ends an ACTIVE event after its own confirmation; a refusal is worded from its code', fakeAsync(() => {
    render(aContinuityEvent({ status: 'ACTIVE' }));
    button('.tw-end').click();
    expect(dialogs[0].danger).toBe(true);
    expect(dialogText(dialogs[0])).toContain('retrouvent aussitôt le planning normal');
    http.expectOne((r) => r.method === 'POST' && r.url === '/api/continuity-events/ev-1/end').flush(
      { statusCode: 409, code: 'CONTINUITY_EVENT_NOT_ACTIVE', status: 'ENDED', action: 'end', meanwhile: true, message: 'not active' },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();
    expect(text(el.querySelector('tw-error-alert'))).toBe(
      `Le serveur a refusé (erreur 409) : ${formatMessage({ code: 'CONTINUITY_EVENT_NOT_ACTIVE', status: 'ENDED', action: 'end', meanwhile: true }, 'fr')}`,
    );
    expect(el.querySelector('tw-continuity-run')).toBeNull();
    flush();
  }));

  it('does nothing when the confirmation is cancelled', () => {
    render(aContinuityEvent());
    answer = false;
    button('.tw-activate').click();
    http.expectNone('/api/continuity-events/ev-1/activate');
    expect(text(el.querySelector('tw-event-status'))).toBe('Brouillon');
  });

  it('deletes a draft, then goes back to the list', () => {
    render(aContinuityEvent());
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    button('.tw-delete').click();
    http.expectOne((r) => r.method === 'DELETE' && r.url === '/api/continuity-events/ev-1').flush(null, { status: 204, statusText: 'No Content' });
    expect(navigate).toHaveBeenCalledWith(['/hr/continuity']);
  });

  it('shows an ENDED event read-only: no edit, no activate, its last run', fakeAsync(() => {
    render(aContinuityEvent({ status: 'ENDED', lastRunId: 'run-7', endedAt: '2026-12-10T11:00:00Z' }));
    expect(button('.tw-edit')).toBeNull();
    expect(button('.tw-activate')).toBeNull();
    expect(button('.tw-end')).toBeNull();
    expect(text(el)).toContain('Cet événement est terminé : il ne se modifie plus.');
    tick(0);
    http.expectOne('/api/allocation-runs/run-7').flush(aRun({ id: 'run-7', status: 'SUCCEEDED', progress: 100 }));
    http.expectOne('/api/continuity-events/ev-1').flush(aContinuityEvent({ status: 'ENDED', lastRunId: 'run-7' }));
    fixture.detectChanges();
    expect(text(el.querySelector('tw-continuity-run .tw-status-chip'))).toBe('Terminée');
    flush();
  }));

  it('declares a new event on /hr/continuity/new, then opens it', async () => {
    render(null);
    expect(text(el.querySelector('h1'))).toBe('Déclarer un événement');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const form = el.querySelector('tw-continuity-event-form') as HTMLElement;
    const label = form.querySelector('input[formcontrolname="label"]') as HTMLInputElement;
    label.value = 'Fermeture du site HDD';
    label.dispatchEvent(new Event('input'));
    // the kind through the form's own control (the select is covered by the form's spec)
    const component = fixture.debugElement.query((d) => d.name === 'tw-continuity-event-form').componentInstance as { form: { controls: { kind: { setValue(v: string): void } } } };
    component.form.controls.kind.setValue('SITE_CLOSURE');
    fixture.detectChanges();
    (form.querySelector('button.tw-save') as HTMLButtonElement).click();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/continuity-events');
    expect(post.request.body).toMatchObject({ label: 'Fermeture du site HDD', kind: 'SITE_CLOSURE', from: '2026-12-09', to: '2026-12-09' });
    post.flush(aContinuityEvent({ id: 'ev-9', label: 'Fermeture du site HDD' }), { status: 201, statusText: 'Created' });
    expect(navigate).toHaveBeenCalledWith(['/hr/continuity', 'ev-9'], { replaceUrl: true, state: { notice: 'continuity.created' } });
  });
});
