import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ComponentFixture,
  fakeAsync,
  TestBed,
  tick,
} from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ENGINE_JOB_ID_HEADER, type PoolDto } from '@telework/contracts';
import { ENGINE_JOB_POLL_MS } from '../../../core/jobs/engine-jobs.service';
import {
  anEngineJob,
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { LicenceSizing } from './licence-sizing';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const VDI: PoolDto = { id: 'p1', code: 'VDI', name: 'Bureau virtuel', capacity: 1700, reserve: 100, capacityChanges: [] };

describe('LicenceSizing', () => {
  let fixture: ComponentFixture<LicenceSizing>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [LicenceSizing],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(LicenceSizing);
    fixture.componentRef.setInput('pools', [VDI]);
    el = fixture.nativeElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  function compute() {
    (el.querySelector('button.tw-compute') as HTMLButtonElement).click();
    fixture.detectChanges();
    const req = http.expectOne((r) => r.method === 'GET' && r.url === '/api/capacity/licences');
    expect(req.request.params.toString()).toBe('pool=VDI&weeklyMin=4');
    const id = req.request.headers.get(ENGINE_JOB_ID_HEADER) as string;
    expect(id).toMatch(UUID_V4);
    return { req, id };
  }

  it('follows the sizing job (stage, percent), then answers; no more polls after', fakeAsync(() => {
    const { req, id } = compute();
    expect(el.querySelector('.tw-progress mat-progress-bar[mode=indeterminate]')).toBeNull();
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, kind: 'licences', stage: 'allocation', progressPct: 33 }));
    fixture.detectChanges();
    expect(text('.tw-job-title')).toBe('Calcul du nombre de postes nécessaires');
    expect(text('.tw-job-stage')).toBe('Attribution des places');
    expect(text('.tw-job-pct')).toBe('33 %');

    req.flush({ pool: 'VDI', weeklyMin: 4, from: '2026-12-07', to: '2027-01-03', currentCapacity: 1700, capacityNeeded: 1850, lowerBound: 1800 });
    fixture.detectChanges();
    expect(text('.tw-answer')).toMatch(/^Il faut 1 850 postes VDI pour 2 jours par semaine/);
    expect(el.querySelector('tw-engine-job-progress mat-progress-bar')).toBeNull();
    tick(4 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));

  it('a cancelled sizing is said in French, with no result', fakeAsync(() => {
    const { req, id } = compute();
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, kind: 'licences', stage: 'validate', progressPct: 3 }));
    fixture.detectChanges();
    (el.querySelector('button.tw-job-cancel') as HTMLButtonElement).click();
    http.expectOne((r) => r.method === 'POST' && r.url === `/api/jobs/${id}/cancel`).flush(anEngineJob({ id, cancelRequested: true }));
    req.flush({ statusCode: 409, code: 'JOB_CANCELLED', message: 'computation cancelled' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text('tw-error-alert [role=alert]')).toBe('Le calcul s’est arrêté (erreur 409) : calcul annulé.');
    expect(el.querySelector('.tw-answer')).toBeNull();
    tick(4 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));
});
