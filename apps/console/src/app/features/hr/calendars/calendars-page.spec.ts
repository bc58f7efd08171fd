import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import {
  ComponentFixture,
  fakeAsync,
  TestBed,
  tick,
} from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ENGINE_JOB_ID_HEADER } from '@telework/contracts';
import { ENGINE_JOB_POLL_MS } from '../../../core/jobs/engine-jobs.service';
import { provideConsoleDates } from '../../../core/dates/date-locale';
import {
  anEngineJob,
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { CalendarsPage } from './calendars-page';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('CalendarsPage', () => {
  let fixture: ComponentFixture<CalendarsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigate: jest.SpyInstance;
  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CalendarsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(), provideConsoleDates(),
        provideTestIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await initLanguage();
  });

  afterEach(() => http.verify());

  function render() {
    fixture = TestBed.createComponent(CalendarsPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/rotations').flush([]);
    fixture.detectChanges();
  }

  /** Submits the form: the POST /api/rotations it sends, and its job id. */
  function generate(): { draft: TestRequest; id: string } {
    (el.querySelector('button.tw-generate') as HTMLButtonElement).click();
    fixture.detectChanges();
    const draft = http.expectOne((r) => r.method === 'POST' && r.url === '/api/rotations');
    return { draft, id: draft.request.headers.get(ENGINE_JOB_ID_HEADER) as string };
  }

  it('names the draft’s job, follows it (stage, percent) past the first 404, then opens the draft and stops polling', fakeAsync(() => {
    render();
    const { draft, id } = generate();
    expect(id).toMatch(UUID_V4);
    expect(Object.keys(draft.request.body)).toEqual(['from', 'to']);
    expect((el.querySelector('button.tw-generate') as HTMLButtonElement).disabled).toBe(true);
    // no spinner of its own any more: the shared progress, once the call lasts
    expect(el.querySelector('mat-progress-spinner')).toBeNull();
    expect(el.querySelector('tw-engine-job-progress mat-progress-bar')).toBeNull();

    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush({ statusCode: 404, code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(text('.tw-job-title')).toBe('Génération en cours : cela peut prendre quelques secondes…');
    expect(text('.tw-job-stage')).toBe('Démarrage du calcul');

    tick(ENGINE_JOB_POLL_MS);
    http.expectOne((r) => r.method === 'GET' && r.url === `/api/jobs/${id}`).flush(anEngineJob({ id, stage: 'rotation', progressPct: 45 }));
    fixture.detectChanges();
    expect(text('.tw-job-stage')).toBe('Rotation des groupes');
    expect(text('.tw-job-pct')).toBe('45 %');
    expect(el.querySelector('tw-engine-job-progress mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('45');
    expect(text('.tw-job-elapsed')).toBe('Temps écoulé : 1 s');

    draft.flush({ id: 'cal-9' });
    fixture.detectChanges();
    expect(navigate).toHaveBeenCalledWith(['/hr/calendars', 'cal-9']);
    expect(el.querySelector('tw-engine-job-progress mat-progress-bar')).toBeNull();
    tick(4 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));

  it('"Annuler le calcul" posts the cancel; the call’s JOB_CANCELLED is said in French', fakeAsync(() => {
    render();
    const { draft, id } = generate();
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, stage: 'validate', progressPct: 5 }));
    fixture.detectChanges();

    const cancel = el.querySelector('button.tw-job-cancel') as HTMLButtonElement;
    expect(cancel.textContent?.trim()).toBe('Annuler le calcul');
    cancel.click();
    fixture.detectChanges();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === `/api/jobs/${id}/cancel`);
    post.flush(anEngineJob({ id, stage: 'validate', progressPct: 5, cancelRequested: true }));
    fixture.detectChanges();
    expect(text('button.tw-job-cancel')).toBe('Annulation demandée…');

    draft.flush(
      { statusCode: 409, code: 'JOB_CANCELLED', message: 'computation cancelled' },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();
    expect(navigate).not.toHaveBeenCalled();
    expect(text('tw-error-alert [role=alert]')).toBe('Le calcul s’est arrêté (erreur 409) : calcul annulé.');
    expect(el.querySelector('button.tw-job-cancel')).toBeNull();
    expect((el.querySelector('button.tw-generate') as HTMLButtonElement).disabled).toBe(false);
    tick(4 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));

  it('a job over its time limit (503 JOB_TIMED_OUT) says so in words', fakeAsync(() => {
    render();
    const { draft } = generate();
    draft.flush(
      { statusCode: 503, code: 'JOB_TIMED_OUT', limitMs: 120000, message: 'timed out' },
      { status: 503, statusText: 'Service Unavailable' },
    );
    fixture.detectChanges();
    expect(text('tw-error-alert [role=alert]')).toBe(
      'Le calcul s’est arrêté (erreur 503) : calcul arrêté : il dépassait sa durée maximale (120 s).',
    );
    tick(4 * ENGINE_JOB_POLL_MS);
  }));
});
