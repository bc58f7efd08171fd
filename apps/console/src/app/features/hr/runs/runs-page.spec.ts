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
import type { AllocationRunDto } from '@telework/contracts';
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
    error: null,
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
        provideTestTranslations(),
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
    expect(text(el.querySelector('.tw-warnings'))).toContain('64 of 60');

    tick(RUN_POLL_MS * 5);
    http.expectNone('/api/allocation-runs/run-1');
    discardPeriodicTasks();
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
    expect(text(el.querySelector('.tw-run-failed'))).toContain('snapshot invalid: agents[3].groupId');
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
