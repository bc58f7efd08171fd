import { HttpClient, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  ComponentFixture,
  discardPeriodicTasks,
  fakeAsync,
  flush,
  TestBed,
  tick,
} from '@angular/core/testing';
import { ENGINE_JOB_ID_HEADER } from '@telework/contracts';
import { Subscription } from 'rxjs';
import {
  ENGINE_JOB_POLL_MS,
  engineJobCall,
  injectEngineJobTracker,
} from '../core/jobs/engine-jobs.service';
import { LanguageService } from '../core/i18n/language.service';
import {
  anEngineJob,
  initLanguage,
  provideTestTranslations,
} from '../testing/test-helpers';
import { EngineJobProgress } from './engine-job-progress';

@Component({
  imports: [EngineJobProgress],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<tw-engine-job-progress [tracker]="job" label="licences.computing" />`,
})
class Host {
  private readonly http = inject(HttpClient);
  readonly job = injectEngineJobTracker();
  run(): Subscription {
    return engineJobCall(this.job, (headers) => this.http.post('/api/work', {}, { headers })).subscribe({ error: () => undefined });
  }
}

describe('EngineJobProgress', () => {
  let fixture: ComponentFixture<Host>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations()],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  let call: TestRequest;
  function start(): string {
    fixture.componentInstance.run();
    call = http.expectOne('/api/work');
    fixture.detectChanges();
    return call.request.headers.get(ENGINE_JOB_ID_HEADER) as string;
  }

  it('keeps its polite live region in place, and shows nothing for a call shorter than one poll', fakeAsync(() => {
    const live = el.querySelector('.tw-job-stage') as HTMLElement;
    expect(live.getAttribute('role')).toBe('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent?.trim()).toBe('');
    start();
    expect(el.querySelector('mat-progress-bar')).toBeNull();
    expect(el.querySelector('.tw-job-stage')).toBe(live);
    call.flush({});
    discardPeriodicTasks();
  }));

  it('shows the label, a labelled determinate bar, the stage in words, the percentage and the time elapsed', fakeAsync(() => {
    const id = start();
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(text('.tw-job-title')).toBe('Calcul du nombre de postes nécessaires');
    expect(text('.tw-job-stage')).toBe('Démarrage du calcul');
    expect(text('.tw-job-pct')).toBe('0 %');

    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, status: 'QUEUED', stage: null }));
    fixture.detectChanges();
    expect(text('.tw-job-stage')).toBe('En attente d’un moteur de calcul');

    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, stage: 'validate', progressPct: 12.4 }));
    fixture.detectChanges();
    const bar = el.querySelector('mat-progress-bar') as HTMLElement;
    expect(bar.getAttribute('mode')).toBe('determinate');
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.getAttribute('aria-label')).toBe('Calcul du nombre de postes nécessaires');
    expect(bar.getAttribute('aria-valuenow')).toBe('12');
    expect(bar.getAttribute('aria-valuetext')?.replace(/\s+/g, ' ')).toBe('12 %, Vérification des données');
    expect(text('.tw-job-stage')).toBe('Vérification des données');
    expect(text('.tw-job-pct')).toBe('12 %');
    expect(text('.tw-job-elapsed')).toBe('Temps écoulé : 1 s');

    for (const [stage, words] of [
      ['rotation', 'Rotation des groupes'],
      ['allocation', 'Attribution des places'],
      ['check', 'Contrôle du planning'],
      ['some new stage', 'Calcul en cours'],
    ]) {
      tick(ENGINE_JOB_POLL_MS);
      http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, stage, progressPct: 50 }));
      fixture.detectChanges();
      expect(text('.tw-job-stage')).toBe(words);
    }
    // 7 polls so far: on to 1 min 04 s
    tick(64_000 - 7 * ENGINE_JOB_POLL_MS);
    http.match(`/api/jobs/${id}`).forEach((r) => r.flush(anEngineJob({ id, stage: 'check', progressPct: 90 })));
    fixture.detectChanges();
    expect(text('.tw-job-elapsed')).toBe('Temps écoulé : 1 min 04 s');

    call.flush({});
    fixture.detectChanges();
    expect(el.querySelector('mat-progress-bar')).toBeNull();
    expect(text('.tw-job-stage')).toBe('');
  }));

  it('"Annuler le calcul": a keyboard-reachable button that posts the cancel and says so', fakeAsync(() => {
    const id = start();
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, stage: 'rotation', progressPct: 30 }));
    fixture.detectChanges();
    const button = el.querySelector('button.tw-job-cancel') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Annuler le calcul');
    expect(button.type).toBe('button');
    expect(button.tabIndex).not.toBe(-1);
    button.focus();
    expect(document.activeElement).toBe(button);

    button.click();
    fixture.detectChanges();
    http.expectOne((r) => r.method === 'POST' && r.url === `/api/jobs/${id}/cancel`).flush(anEngineJob({ id, cancelRequested: true }));
    fixture.detectChanges();
    // still focusable while the cancellation runs (aria-disabled, not disabled)
    expect(button.textContent?.trim()).toBe('Annulation demandée…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(text('.tw-job-stage')).toBe('Annulation du calcul');
    button.click();
    http.expectNone(`/api/jobs/${id}/cancel`);

    call.flush({ statusCode: 409, code: 'JOB_CANCELLED' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(el.querySelector('button.tw-job-cancel')).toBeNull();
    tick(3 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));

  it('says when the cancel itself failed, and speaks English when asked', fakeAsync(() => {
    TestBed.inject(LanguageService).use('en');
    flush();
    const id = start();
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, stage: 'allocation', progressPct: 64 }));
    fixture.detectChanges();
    expect(text('.tw-job-stage')).toBe('Allocating the seats');
    expect(text('.tw-job-pct')).toBe('64%');
    expect(text('.tw-job-elapsed')).toBe('Elapsed: 0 s');
    (el.querySelector('button.tw-job-cancel') as HTMLButtonElement).click();
    http.expectOne(`/api/jobs/${id}/cancel`).flush({ statusCode: 404, code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(el.querySelector('.tw-job-error')?.getAttribute('role')).toBe('alert');
    expect(text('.tw-job-error')).toMatch(/^The computation could not be cancelled\. /);
    expect(text('button.tw-job-cancel')).toBe('Cancel the computation');
    call.flush({});
    TestBed.inject(LanguageService).use('fr');
    flush();
    discardPeriodicTasks();
  }));
});
