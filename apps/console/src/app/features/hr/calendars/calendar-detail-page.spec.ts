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
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { ENGINE_JOB_ID_HEADER, type ContinuityEventDto, type RotationCalendarDto } from '@telework/contracts';
import { of } from 'rxjs';
import { ENGINE_JOB_POLL_MS } from '../../../core/jobs/engine-jobs.service';
import {
  aContinuityEvent,
  anEngineJob,
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { CalendarDetailPage } from './calendar-detail-page';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function aCalendar(overrides: Partial<RotationCalendarDto> = {}): RotationCalendarDto {
  return {
    id: 'cal-1',
    from: '2026-12-07',
    to: '2026-12-07',
    version: 2,
    status: 'DRAFT',
    createdAt: '2026-12-01T09:00:00Z',
    publishedAt: null,
    metrics: null,
    warnings: [],
    codedWarnings: [],
    groups: [{ id: 'g1', code: 'G01', name: 'Groupe 1', memberCount: 250 }],
    halfDays: ['2026-12-07AM', '2026-12-07PM'],
    cells: [{ groupId: 'g1', date: '2026-12-07', period: 'AM' }],
    use: [
      { halfDay: '2026-12-07AM', pools: [{ code: 'VDI', remote: 250, capacity: 1700, reserve: 100, reserved: 0 }] },
      { halfDay: '2026-12-07PM', pools: [{ code: 'VDI', remote: 0, capacity: 1700, reserve: 100, reserved: 0 }] },
    ],
    ...overrides,
  };
}

describe('CalendarDetailPage', () => {
  let fixture: ComponentFixture<CalendarDetailPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CalendarDetailPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(),
        provideTestIcons(),
        // "Publier la version 2 ?" answered yes
        { provide: MatDialog, useValue: { open: () => ({ afterClosed: () => of(true) }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
  });

  afterEach(() => http.verify());

  function render(calendar = aCalendar(), events: ContinuityEventDto[] = []) {
    fixture = TestBed.createComponent(CalendarDetailPage);
    fixture.componentRef.setInput('id', 'cal-1');
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/rotations/cal-1').flush(calendar);
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/continuity-events').flush(events);
    fixture.detectChanges();
  }

  const cell = (key: string) => el.querySelector(`[data-cell="g1|${key}"] button`) as HTMLButtonElement;
  const jobOf = (req: TestRequest) => req.request.headers.get(ENGINE_JOB_ID_HEADER) as string;

  const warnings = () => Array.from(el.querySelectorAll('.tw-warnings li')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

  it('marks the half-days of the continuity events meeting the calendar, in words and not by colour only, and links each event', () => {
    render(
      aCalendar({
        from: '2026-12-09',
        to: '2026-12-11',
        halfDays: ['2026-12-09PM', '2026-12-10AM', '2026-12-10PM', '2026-12-11AM'],
        cells: [{ groupId: 'g1', date: '2026-12-10', period: 'AM' }],
        use: [],
      }),
      [
        aContinuityEvent({ status: 'ACTIVE', from: '2026-12-10', fromPeriod: 'PM', to: '2026-12-11', toPeriod: 'AM' }),
        aContinuityEvent({ id: 'ev-2', label: 'Crise de janvier', from: '2027-01-04', to: '2027-01-15' }),
      ],
    );
    const header = (key: string) => el.querySelector(`th[data-half-day="${key}"]`) as HTMLElement;
    expect(header('2026-12-09PM').classList).not.toContain('tw-event-col');
    expect(header('2026-12-10AM').querySelector('.tw-event-mark')).toBeNull();
    for (const key of ['2026-12-10PM', '2026-12-11AM']) {
      expect(header(key).classList).toContain('tw-event-col');
      expect(header(key).textContent?.replace(/\s+/g, ' ')).toContain('Plan de continuité : Grève des transports');
      expect(header(key).querySelector('.tw-event-mark')?.textContent?.trim()).toBe('PC');
    }
    expect(el.querySelector('[data-cell="g1|2026-12-10PM"]')?.classList).toContain('tw-event-cell');
    expect(el.querySelector('[data-cell="g1|2026-12-10AM"]')?.classList).not.toContain('tw-event-cell');
    // only the event meeting the calendar is listed, with its status and a link
    const items = el.querySelectorAll('.tw-continuity li');
    expect(items).toHaveLength(1);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/hr/continuity/ev-1');
    expect(items[0].textContent?.replace(/\s+/g, ' ')).toContain('Actif');
    expect(text('.tw-legend')).toContain('Demi-journée d’un plan de continuité');
  });

  it('leaves the grid unmarked, and says why, when the events cannot be read', () => {
    fixture = TestBed.createComponent(CalendarDetailPage);
    fixture.componentRef.setInput('id', 'cal-1');
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/rotations/cal-1').flush(aCalendar());
    http.expectOne((r) => r.url === '/api/continuity-events').flush({ code: 'FORBIDDEN' }, { status: 403, statusText: 'Forbidden' });
    fixture.detectChanges();
    expect(el.querySelector('.tw-event-col')).toBeNull();
    expect(text('.tw-muted-note')).toBe('Les plans de continuité n’ont pas pu être chargés.');
    expect(el.querySelectorAll('[data-cell^="g1|"]')).toHaveLength(2);
  });

  it('makes the scrolling grid a named region the keyboard reaches (axe scrollable-region-focusable)', () => {
    render(aCalendar({ status: 'PUBLISHED', publishedAt: '2026-12-01T10:00:00Z' }));
    const region = el.querySelector('.tw-grid-wrap') as HTMLElement;
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(region.getAttribute('role')).toBe('region');
    expect(region.getAttribute('aria-label')).toBe('Grille du calendrier (faire défiler avec les flèches du clavier)');
    // a published calendar has no cell button: the region itself is what takes the focus
    expect(region.querySelector('button')).toBeNull();
  });

  it('names each cell button by the half-day in words, the « TT » marker hidden from screen readers (axe label-content-name-mismatch)', () => {
    render();
    const remote = cell('2026-12-07AM');
    expect(remote.getAttribute('aria-label')).toBeNull();
    expect(remote.getAttribute('aria-pressed')).toBe('true');
    expect(remote.querySelector('.tw-visually-hidden')?.textContent?.trim()).toBe('Groupe 1, lundi 7 décembre, Matin : télétravail');
    expect(remote.querySelector('[aria-hidden="true"]')?.textContent?.trim()).toBe('TT');
    const onSite = cell('2026-12-07PM');
    expect(onSite.getAttribute('aria-pressed')).toBe('false');
    expect(onSite.querySelector('[aria-hidden="true"]')).toBeNull();
  });

  it('says in French, from its code, that the calendar was published meanwhile (409), not the API\'s English sentence', () => {
    render();
    cell('2026-12-07PM').click();
    http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/rotations/cal-1/cells').flush(
      { statusCode: 409, code: 'ROTATION_NOT_DRAFT', status: 'PUBLISHED', action: 'edit', message: 'Only a draft calendar can be edited' },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();
    const alert = text('tw-error-alert') ?? '';
    expect(alert).toContain('publié');
    expect(alert).not.toContain('Only a draft');
  });

  it('words the engine\'s coded warnings in French', () => {
    render(aCalendar({
      warnings: ['site HQ over capacity on 2026-12-07 AM: 312 on site for 300 desks', 'the rotation search stopped at its time limit; the rotation is valid but may not be the best'],
      codedWarnings: [
        { code: 'SITE_OVERFLOW', site: 'HQ', date: '2026-12-07', period: 'AM', onSite: 312, desks: 300 },
        { code: 'ROTATION_SEARCH_TIME_LIMIT' },
      ],
    }));
    expect(warnings()).toEqual([
      'site HQ au-delà de sa capacité le lundi 7 décembre 2026 matin : 312 agents sur site pour 300 postes',
      'la recherche de la rotation s’est arrêtée à sa limite de temps : la rotation est valide mais n’est peut-être pas la meilleure',
    ]);
  });

  it('shows a calendar stored before warnings were coded with its English warnings as they came', () => {
    render(aCalendar({ warnings: ['site HQ over capacity on 2026-12-07 AM: 312 on site for 300 desks'], codedWarnings: [] }));
    expect(warnings()).toEqual(['site HQ over capacity on 2026-12-07 AM: 312 on site for 300 desks']);
  });

  it('a quick cell check names its job but shows no progress; its answer replaces the calendar', fakeAsync(() => {
    render();
    cell('2026-12-07PM').click();
    fixture.detectChanges();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/rotations/cal-1/cells');
    expect(jobOf(patch)).toMatch(UUID_V4);
    expect(patch.request.body).toEqual({ changes: [{ groupId: 'g1', date: '2026-12-07', period: 'PM', remote: true }] });
    expect(cell('2026-12-07AM').disabled).toBe(true);
    expect(el.querySelector('tw-engine-job-progress mat-progress-bar')).toBeNull();
    patch.flush(aCalendar({ cells: [...aCalendar().cells, { groupId: 'g1', date: '2026-12-07', period: 'PM' }] }));
    fixture.detectChanges();
    expect(cell('2026-12-07PM').getAttribute('aria-pressed')).toBe('true');
    expect(text('[role=status][aria-live=polite].tw-visually-hidden')).toBe('Groupe passé en télétravail.');
    tick(4 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${jobOf(patch)}`);
  }));

  it('a long cell check shows "Contrôle de la modification" with its stage; cancelling it is said in French', fakeAsync(() => {
    render();
    cell('2026-12-07AM').click();
    fixture.detectChanges();
    const patch = http.expectOne('/api/rotations/cal-1/cells');
    const id = jobOf(patch);
    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, stage: 'check', progressPct: 70 }));
    fixture.detectChanges();
    expect(text('.tw-job-title')).toBe('Contrôle de la modification');
    expect(text('.tw-job-stage')).toBe('Contrôle du planning');
    expect(text('.tw-job-pct')).toBe('70 %');

    (el.querySelector('button.tw-job-cancel') as HTMLButtonElement).click();
    http.expectOne((r) => r.method === 'POST' && r.url === `/api/jobs/${id}/cancel`).flush(anEngineJob({ id, cancelRequested: true }));
    patch.flush({ statusCode: 409, code: 'JOB_CANCELLED', message: 'computation cancelled' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text('tw-error-alert [role=alert]')).toBe('Le calcul s’est arrêté (erreur 409) : calcul annulé.');
    // nothing changed: the cell is as it was, and may be tried again
    expect(cell('2026-12-07AM').getAttribute('aria-pressed')).toBe('true');
    expect(cell('2026-12-07AM').disabled).toBe(false);
    tick(4 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));

  it('publishing follows its job under "Publication…", with the cells locked meanwhile', fakeAsync(() => {
    render();
    (el.querySelector('button.tw-publish') as HTMLButtonElement).click();
    fixture.detectChanges();
    const publish = http.expectOne((r) => r.method === 'POST' && r.url === '/api/rotations/cal-1/publish');
    const id = jobOf(publish);
    expect(id).toMatch(UUID_V4);
    expect(cell('2026-12-07PM').disabled).toBe(true);

    tick(ENGINE_JOB_POLL_MS);
    http.expectOne(`/api/jobs/${id}`).flush(anEngineJob({ id, stage: 'allocation', progressPct: 55 }));
    fixture.detectChanges();
    expect(text('.tw-job-title')).toBe('Publication : écriture des plannings des agents');
    expect(text('.tw-job-stage')).toBe('Attribution des places');
    expect(el.querySelector('tw-engine-job-progress mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('55');

    publish.flush(aCalendar({ status: 'PUBLISHED', publishedAt: '2026-12-01T10:00:00Z' }));
    fixture.detectChanges();
    expect(text('.tw-chip')).toBe('Publié');
    expect(el.querySelector('tw-engine-job-progress mat-progress-bar')).toBeNull();
    tick(4 * ENGINE_JOB_POLL_MS);
    http.expectNone(`/api/jobs/${id}`);
  }));
});
