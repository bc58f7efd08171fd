import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ComponentFixture,
  discardPeriodicTasks,
  fakeAsync,
  flush,
  TestBed,
  tick,
} from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AllocationRunDto } from '@telework/contracts';
import { provideConsoleDates } from '../../../core/dates/date-locale';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { RUN_POLL_MS, RunsPage } from './runs-page';

function aRun(overrides: Partial<AllocationRunDto> = {}): AllocationRunDto {
  return {
    id: 'run-1',
    trigger: 'MANUAL',
    from: '2026-12-07',
    to: '2027-01-03',
    status: 'QUEUED',
    progress: 0,
    stage: null,
    metrics: null,
    warnings: [],
    codedWarnings: [],
    error: null,
    errorCode: null,
    planVersion: null,
    changedAgents: null,
    createdAt: '2026-12-01T09:00:00Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

describe('RunsPage', () => {
  let fixture: ComponentFixture<RunsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [RunsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(), provideConsoleDates(),
        provideTestIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
  });

  afterEach(() => http.verify());

  function render() {
    fixture = TestBed.createComponent(RunsPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    http
      .expectOne((r) => r.method === 'GET' && r.url === '/api/allocation-runs')
      .flush({ items: [], total: 0 });
    fixture.detectChanges();
  }

  it('links a continuity run to its event, in the history and when shown, and says it replans inside the freeze window', () => {
    fixture = TestBed.createComponent(RunsPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    const continuity = aRun({ id: 'run-c', trigger: 'CONTINUITY', continuityEventId: 'ev-1', ignoreFreeze: true, status: 'SUCCEEDED', progress: 100 });
    http
      .expectOne((r) => r.method === 'GET' && r.url === '/api/allocation-runs')
      .flush({ items: [continuity, aRun({ id: 'run-m', status: 'SUCCEEDED', progress: 100 })], total: 2 });
    fixture.detectChanges();
    const triggers = Array.from(el.querySelectorAll('td.mat-column-trigger'));
    expect(triggers.map(text)).toEqual(['Plan de continuité', 'Manuelle']);
    expect(triggers[0].querySelector('a')?.getAttribute('href')).toBe('/hr/continuity/ev-1');
    expect(triggers[1].querySelector('a')).toBeNull();
    (el.querySelector('tr.mat-mdc-row button') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(text(el.querySelector('.tw-run-event'))).toBe('Lancée par un plan de continuité : voir l’événement — replanifie dès aujourd’hui, période de gel comprise');
    expect(el.querySelector('.tw-run-event a')?.getAttribute('href')).toBe('/hr/continuity/ev-1');
  });

  it('starts a run, polls it every second with a determinate bar, and stops at SUCCEEDED', fakeAsync(() => {
    render();
    (el.querySelector('button.tw-start') as HTMLButtonElement).click();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/allocation-runs');
    expect(Object.keys(post.request.body)).toEqual(['from', 'to']);
    post.flush(aRun(), { status: 202, statusText: 'Accepted' });
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/allocation-runs').flush({ items: [aRun()], total: 1 });
    fixture.detectChanges();
    expect(text(el.querySelector('.tw-run-status'))).toContain('En file d’attente');

    tick(RUN_POLL_MS - 1);
    http.expectNone('/api/allocation-runs/run-1');
    tick(1);
    http.expectOne('/api/allocation-runs/run-1').flush(aRun({ status: 'RUNNING', progress: 40, stage: 'allocating requests' }));
    fixture.detectChanges();
    const bar = el.querySelector('mat-progress-bar.tw-run-progress') as HTMLElement;
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('mode')).toBe('determinate');
    expect(text(el.querySelector('.tw-run-status'))).toContain('40 % — allocating requests');

    tick(RUN_POLL_MS);
    http.expectOne('/api/allocation-runs/run-1').flush(
      aRun({
        status: 'SUCCEEDED',
        progress: 100,
        stage: 'done',
        changedAgents: 1234,
        planVersion: 8,
        metrics: {
          requestsGranted: 312,
          requestsRefused: 4,
          weeklyMinShortfalls: 0,
          siteOverflows: 2,
          busiestHalfDay: { halfDay: '2026-12-08AM', remote: 1650 },
        },
        warnings: ['Maison des solidarités over capacity on 2026-12-10 AM: 64 of 60'],
      }),
    );
    // the history is read again once the run is over
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/allocation-runs').flush({ items: [], total: 0 });
    fixture.detectChanges();

    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(text(el.querySelector('.tw-run-status'))).toBe('Terminée');
    expect(text(el.querySelector('.tw-metric-granted'))).toBe('312');
    const metrics = text(el.querySelector('.tw-metrics'));
    // text() folds the narrow no-break spaces of French numbers into plain spaces
    expect(metrics).toContain('mar. 8 déc., matin — 1 650 agents en télétravail');
    expect(text(el.querySelector('.tw-metrics div:nth-child(6) dd'))).toBe('1 234');
    // a run stored before warnings were coded: its English warnings as they came
    expect(text(el.querySelector('.tw-warnings li'))).toBe('Maison des solidarités over capacity on 2026-12-10 AM: 64 of 60');

    tick(RUN_POLL_MS * 5);
    http.expectNone('/api/allocation-runs/run-1');
    discardPeriodicTasks();
    flush();
  }));

  /** Starts a run whose answer is already `run` (finished: no polling) and shows it. */
  function startFinished(run: AllocationRunDto) {
    render();
    (el.querySelector('button.tw-start') as HTMLButtonElement).click();
    http.expectOne((r) => r.method === 'POST').flush(run, { status: 202, statusText: 'Accepted' });
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/allocation-runs').flush({ items: [run], total: 1 });
    fixture.detectChanges();
  }

  it('words coded warnings in French, and keeps the English of a code it does not know', fakeAsync(() => {
    startFinished(aRun({
      status: 'SUCCEEDED', progress: 100, stage: 'done', planVersion: 8, changedAgents: 0, metrics: {},
      warnings: [
        'half-days before 2026-12-09 are frozen and keep their published assignments',
        'site HQ over capacity on 2026-12-10 AM: 64 on site for 60 desks',
        'a warning of a newer API',
      ],
      codedWarnings: [
        { code: 'RUN_FROZEN_HALF_DAYS', from: '2026-12-09' },
        { code: 'SITE_OVERFLOW', site: 'HQ', date: '2026-12-10', period: 'AM', onSite: 64, desks: 60 },
        { code: 'NO_SUCH_WARNING', figure: 1 },
      ],
    }));
    const items = Array.from(el.querySelectorAll('.tw-warnings li')).map(text);
    expect(items).toEqual([
      'les demi-journées avant le mercredi 9 décembre 2026 sont figées : elles gardent leurs affectations publiées',
      'site HQ au-delà de sa capacité le jeudi 10 décembre 2026 matin : 64 agents sur site pour 60 postes',
      'a warning of a newer API',
    ]);
    expect(text(el.querySelector('.tw-warnings h3'))).toContain('3');
    flush();
  }));

  it('says why a run failed from its coded error, in French', fakeAsync(() => {
    startFinished(aRun({
      status: 'FAILED', progress: 10, stage: 'failed',
      error: 'no published rotation calendar covers 2026-12-07 → 2027-01-03: publish one first',
      errorCode: { code: 'RUN_NO_PUBLISHED_ROTATION', from: '2026-12-07', to: '2027-01-03' },
    }));
    expect(text(el.querySelector('.tw-run-failed .tw-run-error'))).toBe(
      'aucun calendrier de rotation publié ne couvre la période du lundi 7 décembre 2026 au dimanche 3 janvier 2027 : publiez-en un d’abord',
    );
    flush();
  }));

  it('stops polling and says so when the run fails', fakeAsync(() => {
    render();
    (el.querySelector('button.tw-start') as HTMLButtonElement).click();
    http.expectOne((r) => r.method === 'POST').flush(aRun({ status: 'RUNNING', progress: 10 }));
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/allocation-runs').flush({ items: [], total: 0 });
    tick(RUN_POLL_MS);
    http.expectOne('/api/allocation-runs/run-1').flush(aRun({ status: 'FAILED', progress: 60, error: 'snapshot invalid: agents[3].groupId' }));
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/allocation-runs').flush({ items: [], total: 0 });
    fixture.detectChanges();
    // a run stored before errors were coded: its English error as it came
    expect(text(el.querySelector('.tw-run-failed .tw-run-error'))).toBe('snapshot invalid: agents[3].groupId');
    tick(RUN_POLL_MS * 3);
    http.expectNone('/api/allocation-runs/run-1');
    flush();
  }));

  it('shows the API’s 400 field errors under the date fields', fakeAsync(() => {
    render();
    (el.querySelector('button.tw-start') as HTMLButtonElement).click();
    http.expectOne((r) => r.method === 'POST').flush(
      {
        statusCode: 400,
        code: 'INVALID_FIELDS',
        message: 'to: must be a real date YYYY-MM-DD',
        errors: [{ field: 'to', code: 'NOT_A_DATE', message: 'must be a real date YYYY-MM-DD' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    const errors = Array.from(el.querySelectorAll('mat-error')).map(text);
    // the field's code in French, not the API's English
    expect(errors).toEqual(['doit être une date réelle AAAA-MM-JJ']);
    flush();
  }));
});
