import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { formatMessage, type ScheduleDto, type TeleworkRequestDto } from '@telework/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { provideConsoleDates } from '../../../core/dates/date-locale';
import { addDays } from '../../../core/dates/iso-dates';
import { LanguageService } from '../../../core/i18n/language.service';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { PlanningPage } from './planning-page';

/** The planning's today, as the API would give it: a Monday, so "this week" starts today. */
const TODAY = '2026-12-07';

/** The page's providers with the planning's today pinned, as `/api/auth/me` gives it. */
function pageProviders(today: string) {
  return [
    provideHttpClient(),
    provideHttpClientTesting(),
    provideTestTranslations(),
    provideTestIcons(),
    provideConsoleDates(),
    { provide: AuthService, useValue: { today: () => today } },
  ];
}

describe('PlanningPage', () => {
  let fixture: ComponentFixture<PlanningPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const monday = TODAY;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  const scheduleRequest = (): TestRequest =>
    http.expectOne((r) => r.url === '/api/me/schedule');

  function cell(date: string, period: string): HTMLElement {
    return el.querySelector(
      `td[data-date="${date}"][data-period="${period}"]`,
    ) as HTMLElement;
  }
  const text = (e: Element | null) =>
    e?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PlanningPage],
      providers: pageProviders(TODAY),
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(PlanningPage);
    el = fixture.nativeElement;
    await settle();
    http
      .expectOne('/api/me/calendar-link')
      .flush({ url: 'https://exemple.fr/api/calendar/abc.ics' });
    http
      .expectOne((r) => r.url === '/api/requests')
      .flush({ items: [], total: 0 });
  });

  afterEach(() => http.verify());

  it('asks for this week (Monday to Sunday) and shows each half-day with colour, icon, words and source', async () => {
    const req = scheduleRequest();
    expect(req.request.params.get('from')).toBe(monday);
    expect(req.request.params.get('to')).toBe(addDays(monday, 6));
    const schedule: ScheduleDto = {
      agentId: 'a1',
      from: monday,
      to: addDays(monday, 6),
      halfDays: [
        { date: monday, period: 'AM', mode: 'REMOTE', source: 'ROTATION' },
        { date: monday, period: 'PM', mode: 'ON_SITE', source: 'REQUEST' },
        { date: addDays(monday, 2), period: 'PM', mode: 'OFF', source: 'DEFAULT' },
      ],
    };
    req.flush(schedule);
    await settle();

    const am = cell(monday, 'AM');
    const parts = (c: HTMLElement) => [
      text(c.querySelector('tw-mode-badge')),
      text(c.querySelector('.tw-source')),
    ];
    expect(parts(am)).toEqual(['Télétravail', 'Rotation du groupe']);
    expect(am.querySelector('tw-mode-badge')?.classList).toContain(
      'tw-mode-remote',
    );
    expect(
      am.querySelector('mat-icon')?.getAttribute('data-mat-icon-name'),
    ).toBe('tw-remote');
    expect(parts(cell(monday, 'PM'))).toEqual(['Sur site', 'Demande']);
    expect(parts(cell(addDays(monday, 2), 'PM'))).toEqual([
      'Non travaillé',
      'Par défaut',
    ]);
    expect(text(cell(addDays(monday, 4), 'AM'))).toBe('Non planifié');
    // 5 days × 2 half-days, with row and column headers
    expect(el.querySelectorAll('tw-week-grid td.tw-cell')).toHaveLength(10);
    expect(
      Array.from(el.querySelectorAll('tw-week-grid tbody th')).map(text),
    ).toEqual(['Matin', 'Après-midi']);
  });

  it('shows a NO_WORKPLACE half-day with its own icon and words, its reason from `why` in the interface language and the event, French then English', async () => {
    const why = {
      code: 'NO_WORKPLACE_POOL_FULL',
      event: 'Grève des transports',
      site: 'Hôtel du Département',
      siteCapacity: 0,
      date: addDays(monday, 3),
      period: 'AM',
      pool: 'VDI',
      used: 1700,
      capacity: 1700,
      reserved: 0,
    } as const;
    const record = 'no workplace (English record, not shown when the code is known)';
    scheduleRequest().flush({
      agentId: 'a1',
      from: monday,
      to: addDays(monday, 6),
      halfDays: [
        { date: addDays(monday, 3), period: 'AM', mode: 'NO_WORKPLACE', source: 'CONTINUITY', continuityEventId: 'ev-1', why, reason: record },
        { date: addDays(monday, 3), period: 'PM', mode: 'REMOTE', source: 'CONTINUITY', continuityEventId: 'ev-1' },
        { date: addDays(monday, 4), period: 'AM', mode: 'NO_WORKPLACE', source: 'CONTINUITY', why: null, reason: 'site closed, not eligible' },
      ],
    } satisfies ScheduleDto);
    await settle();

    const thursday = cell(addDays(monday, 3), 'AM');
    const badge = thursday.querySelector('tw-mode-badge') as HTMLElement;
    // not colour only: its icon and its words
    expect(badge.getAttribute('data-mode')).toBe('NO_WORKPLACE');
    expect(badge.classList).toContain('tw-mode-no-workplace');
    expect(badge.querySelector('mat-icon')?.getAttribute('data-mat-icon-name')).toBe('tw-no-workplace');
    expect(text(badge)).toBe('Sans poste de travail');
    expect(text(thursday.querySelector('.tw-source'))).toBe('Plan de continuité');
    // the catalogue's figures have narrow no-break spaces (1 700): compared as the page's text is
    const french = formatMessage(why, 'fr').replace(/\s+/g, ' ');
    expect(french).toContain('VDI');
    expect(text(thursday.querySelector('.tw-why'))).toBe(french);
    expect(text(thursday)).not.toContain(record);
    // a continuity REMOTE half-day has no reason
    expect(cell(addDays(monday, 3), 'PM').querySelector('.tw-why')).toBeNull();
    // without a code, the English record as it came
    expect(text(cell(addDays(monday, 4), 'AM').querySelector('.tw-why'))).toBe('site closed, not eligible');

    const box = el.querySelector('.tw-no-workplace-box') as HTMLElement;
    expect(text(box.querySelector('h3'))).toBe('Demi-journées sans poste de travail');
    const items = Array.from(box.querySelectorAll('li'));
    expect(items).toHaveLength(2);
    expect(text(items[0].querySelector('.tw-event'))).toBe('Événement : Grève des transports');
    expect(text(items[0].querySelector('.tw-why'))).toBe(french);
    expect(items[1].querySelector('.tw-event')).toBeNull();
    expect(text(el.querySelector('.tw-legend'))).toContain('Sans poste de travail');

    await TestBed.inject(LanguageService).use('en');
    await settle();
    const english = formatMessage(why, 'en').replace(/\s+/g, ' ');
    expect(english).not.toBe(french);
    expect(text(cell(addDays(monday, 3), 'AM').querySelector('.tw-why'))).toBe(english);
    expect(text(cell(addDays(monday, 3), 'AM').querySelector('tw-mode-badge'))).toBe('No workplace');
    expect(text(el.querySelector('.tw-no-workplace-box li .tw-event'))).toBe('Event: Grève des transports');
    await TestBed.inject(LanguageService).use('fr');
  });

  it('says so when nothing is planned, rather than showing an empty grid as if it were real', async () => {
    scheduleRequest().flush({
      agentId: 'a1',
      from: monday,
      to: addDays(monday, 6),
      halfDays: [],
    });
    await settle();
    expect(text(el.querySelector('.tw-empty'))).toContain(
      'Votre planning n’est pas encore établi',
    );
  });

  it('moves a week at a time, and four weeks in the overview', async () => {
    scheduleRequest().flush({ agentId: 'a1', from: '', to: '', halfDays: [] });
    await settle();

    (el.querySelector('button.tw-next') as HTMLButtonElement).click();
    await settle();
    const next = scheduleRequest();
    expect(next.request.params.get('from')).toBe(addDays(monday, 7));
    next.flush({ agentId: 'a1', from: '', to: '', halfDays: [] });
    await settle();

    const four = Array.from(el.querySelectorAll('mat-button-toggle button')).find(
      (b) => b.textContent?.includes('4 semaines'),
    ) as HTMLButtonElement;
    four.click();
    await settle();
    const overview = scheduleRequest();
    expect(overview.request.params.get('from')).toBe(addDays(monday, 7));
    expect(overview.request.params.get('to')).toBe(addDays(monday, 7 + 27));
    overview.flush({ agentId: 'a1', from: '', to: '', halfDays: [] });
    await settle();
    expect(el.querySelectorAll('tw-week-grid')).toHaveLength(4);
  });

  it('shows the error and asks again on retry', async () => {
    scheduleRequest().flush({}, { status: 500, statusText: 'Server Error' });
    await settle();
    expect(text(el.querySelector('[role="alert"]'))).toContain('erreur 500');
    (el.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await settle();
    scheduleRequest().flush({ agentId: 'a1', from: '', to: '', halfDays: [] });
  });
});

describe('RequestForm in the planning page', () => {
  let fixture: ComponentFixture<PlanningPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [PlanningPage],
      providers: pageProviders(TODAY),
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(PlanningPage);
    el = fixture.nativeElement;
    await settle();
    http.expectOne('/api/me/calendar-link').flush({ url: 'u' });
    http.expectOne((r) => r.url === '/api/requests').flush({ items: [], total: 0 });
    http
      .expectOne((r) => r.url === '/api/me/schedule')
      .flush({ agentId: 'a1', from: '', to: '', halfDays: [] });
    await settle();
  });

  afterEach(() => http.verify());

  /** Types into the request form's date field, as a person would (then leaves the field). */
  function fillDate(value: string, name = 'date') {
    const input = el.querySelector(
      `tw-request-form input[formcontrolname="${name}"]`,
    ) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  const submitButton = () =>
    el.querySelector('tw-request-form button[type="submit"]') as HTMLButtonElement;
  const dateField = () =>
    el.querySelector('tw-request-form input[formcontrolname="date"]')?.closest('mat-form-field') as HTMLElement;

  it('reads 07/12/2026 typed in the French console as 7 December and sends 2026-12-07', async () => {
    expect(dateField().querySelector('mat-hint')?.textContent?.trim()).toBe('Format attendu : jj/mm/aaaa');
    fillDate('07/12/2026');
    submitButton().click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/requests');
    expect(post.request.body).toEqual({ kind: 'REMOTE', date: '2026-12-07', period: 'AM' });
    post.flush({ items: [], duplicates: [], skipped: [] });
    await settle();
    // the field shows the date back the French way
    expect((el.querySelector('tw-request-form input[formcontrolname="date"]') as HTMLInputElement).value).toBe('07/12/2026');
  });

  it('reads the same text as the English format says (dd/mm/yyyy, en-GB) once the console is in English', async () => {
    await TestBed.inject(LanguageService).use('en');
    await settle();
    expect(dateField().querySelector('mat-hint')?.textContent?.trim()).toBe('Expected format: dd/mm/yyyy');
    fillDate('07/12/2026');
    submitButton().click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/requests');
    expect(post.request.body).toEqual({ kind: 'REMOTE', date: '2026-12-07', period: 'AM' });
    post.flush({ items: [], duplicates: [], skipped: [] });
    await settle();
  });

  it('refuses a weekend, a public holiday, a past day and a text that is not a date before asking the API', async () => {
    const cases: [string, string][] = [
      ['12/12/2026', 'Week-end ou jour férié : choisissez un jour travaillé.'],
      ['25/12/2026', 'Week-end ou jour férié : choisissez un jour travaillé.'],
      ['04/12/2026', 'Date passée : aujourd’hui au plus tôt.'],
      ['31/02/2026', 'Date non reconnue : format jj/mm/aaaa.'],
      ['12/31/2026', 'Date non reconnue : format jj/mm/aaaa.'],
    ];
    for (const [typed, message] of cases) {
      fillDate(typed);
      submitButton().click();
      await settle();
      expect(dateField().querySelector('mat-error')?.textContent?.trim()).toBe(message);
    }
    http.expectNone((r) => r.method === 'POST');
  });

  it('opens a calendar starting on Monday, in French, with weekends and holidays not choosable', async () => {
    (dateField().querySelector('mat-datepicker-toggle button') as HTMLButtonElement).click();
    await settle();
    const calendar = document.querySelector('mat-calendar') as HTMLElement;
    expect(dateField().querySelector('mat-datepicker-toggle button')?.getAttribute('aria-label')).toBe(
      'Ouvrir le calendrier',
    );
    expect(calendar.querySelector('.mat-calendar-period-button')?.textContent?.trim()).toBe('DÉCEMBRE 2026');
    const headers = Array.from(calendar.querySelectorAll('.mat-calendar-table-header th span[aria-hidden="true"]')).map(
      (th) => th.textContent?.trim(),
    );
    expect(headers[0]).toBe('L');
    const cellOf = (label: string) => calendar.querySelector(`[aria-label="${label}"]`)?.closest('.mat-calendar-body-cell');
    expect(cellOf('vendredi 25 décembre 2026')?.getAttribute('aria-disabled')).toBe('true');
    expect(cellOf('samedi 12 décembre 2026')?.getAttribute('aria-disabled')).toBe('true');
    expect(cellOf('mardi 8 décembre 2026')?.getAttribute('aria-disabled')).toBeNull();
    (cellOf('mardi 8 décembre 2026')?.querySelector('button, .mat-calendar-body-cell-content') as HTMLElement).click();
    await settle();
    expect((el.querySelector('tw-request-form input[formcontrolname="date"]') as HTMLInputElement).value).toBe('08/12/2026');
  });

  it('sends one half-day, then reports what was created and reloads my requests', async () => {
    fillDate('08/12/2026');
    (el.querySelector('tw-request-form button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    const post = http.expectOne(
      (r) => r.method === 'POST' && r.url === '/api/requests',
    );
    expect(post.request.body).toEqual({
      kind: 'REMOTE',
      date: '2026-12-08',
      period: 'AM',
    });
    const created: TeleworkRequestDto = {
      id: 'r1',
      agentId: 'a1',
      agentName: 'Claire Martin',
      employeeNumber: 'M1',
      date: '2026-12-08',
      period: 'AM',
      kind: 'REMOTE',
      status: 'PENDING',
      allocationStatus: null,
      allocationRefusal: null,
      allocationReason: null,
      comment: null,
      createdAt: '2026-12-01T09:00:00Z',
      decidedAt: null,
    };
    post.flush({
      items: [created],
      duplicates: [],
      skipped: [],
    });
    await settle();
    expect(el.querySelector('tw-request-form [role="status"]')?.textContent).toContain(
      '1 demande envoyée à votre encadrant.',
    );
    const reload = http.expectOne(
      (r) => r.method === 'GET' && r.url === '/api/requests',
    );
    reload.flush({ items: [created], total: 1 });
    await settle();
    expect(el.querySelector('tw-my-requests td.mat-column-status')?.textContent).toContain(
      'En attente de validation',
    );
  });

  it('shows a 400 field error under the control it is about, worded from its code', async () => {
    // a day the console cannot know is off (the API knows the agent's part-time days); the
    // server's date and reason are what the message words
    fillDate('09/12/2026');
    (el.querySelector('tw-request-form button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/requests')
      .flush(
        {
          statusCode: 400,
          code: 'INVALID_FIELDS',
          message: 'date: not a working half-day: Claire Martin is off on 2026-12-09 AM',
          errors: [
            {
              field: 'date',
              code: 'NOT_WORKING',
              why: 'PART_TIME',
              date: '2026-12-09',
              period: 'AM',
              message: 'not a working half-day: Claire Martin is off on 2026-12-09 AM',
            },
          ],
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    const field = el
      .querySelector('tw-request-form input[formcontrolname="date"]')
      ?.closest('mat-form-field') as HTMLElement;
    expect(field.querySelector('mat-error')?.textContent?.trim()).toBe(
      'demi-journée non travaillée le mercredi 9 décembre 2026 matin (temps partiel)',
    );
    // the message is on the field, not repeated as a general alert
    expect(el.querySelector('tw-request-form [role="alert"]')).toBeNull();
  });

  /** The API's 409 when a live request already holds the half-day: its code and figures. */
  const requestExists = {
    statusCode: 409,
    code: 'REQUEST_EXISTS',
    status: 'PENDING',
    date: '2026-12-08',
    period: 'AM',
    requestId: 'r0',
    message: '2026-12-08 AM: a PENDING request already exists',
  };

  async function submitAndRefuse(body: object, status: number): Promise<string> {
    fillDate('2026-12-08');
    (el.querySelector('tw-request-form button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/requests')
      .flush(body, { status, statusText: 'Refused' });
    await settle();
    return el.querySelector('tw-request-form [role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  it('says a 409 REQUEST_EXISTS in French, then in English once the interface is in English', async () => {
    expect(await submitAndRefuse(requestExists, 409)).toBe(
      'Le serveur a refusé (erreur 409) : une demande en attente existe déjà pour le mardi 8 décembre 2026 matin',
    );
    await TestBed.inject(LanguageService).use('en');
    const english = await submitAndRefuse(requestExists, 409);
    expect(english).toBe(
      `The server refused (error 409): ${formatMessage({ code: 'REQUEST_EXISTS', status: 'PENDING', date: '2026-12-08', period: 'AM' }, 'en')}`,
    );
    expect(english).toContain('Tuesday');
    expect(english).not.toContain('2026-12-08');
  });

  it('shows the server’s own words when the code is not known here', async () => {
    expect(
      await submitAndRefuse({ statusCode: 409, code: 'SOMETHING_NEW', message: 'a rule of a later API refused it' }, 409),
    ).toBe('Le serveur a refusé (erreur 409) : a rule of a later API refused it');
  });

  it('lists the half-days left out, each with its refusal in words', async () => {
    fillDate('2026-12-08');
    (el.querySelector('tw-request-form button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    http.expectOne((r) => r.method === 'POST' && r.url === '/api/requests').flush({
      items: [],
      duplicates: [
        {
          date: '2026-12-08',
          period: 'AM',
          refusal: { code: 'REQUEST_EXISTS', status: 'APPROVED', date: '2026-12-08', period: 'AM', requestId: 'r0' },
          reason: '2026-12-08 AM: a APPROVED request already exists',
          requestId: 'r0',
        },
      ],
      skipped: [
        {
          date: '2026-12-25',
          period: 'AM',
          refusal: { code: 'NOT_WORKING', why: 'PUBLIC_HOLIDAY', date: '2026-12-25', period: 'AM' },
          reason: 'not a working half-day: 2026-12-25 is a public holiday',
        },
      ],
    });
    await settle();
    const items = Array.from(el.querySelectorAll('tw-request-form [role="status"] li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(items).toEqual([
      'mardi 8 décembre, matin : une demande approuvée existe déjà',
      'vendredi 25 décembre, matin : demi-journée non travaillée (jour férié)',
    ]);
  });
});

describe('PlanningPage at the weekend', () => {
  let fixture: ComponentFixture<PlanningPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function openOn(today: string) {
    TestBed.configureTestingModule({ imports: [PlanningPage], providers: pageProviders(today) });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(PlanningPage);
    el = fixture.nativeElement;
    await settle();
    http.expectOne('/api/me/calendar-link').flush({ url: 'u' });
    http.expectOne((r) => r.url === '/api/requests').flush({ items: [], total: 0 });
  }

  afterEach(() => http.verify());

  const navButtons = () => Array.from(el.querySelectorAll('.tw-nav > button')) as HTMLButtonElement[];

  it('opens on a Sunday evening on the coming week, not on the week just ended', async () => {
    await openOn('2026-12-13');
    const req = http.expectOne((r) => r.url === '/api/me/schedule');
    expect([req.request.params.get('from'), req.request.params.get('to')]).toEqual(['2026-12-14', '2026-12-20']);
    req.flush({ agentId: 'a1', from: '2026-12-14', to: '2026-12-20', halfDays: [] });
    await settle();
    expect(el.querySelector('tw-week-grid td[data-date="2026-12-14"]')).not.toBeNull();
    const back = navButtons()[1];
    expect(back.textContent?.trim()).toBe('Semaine à venir');
    expect(back.disabled).toBe(true);

    // the week just ended is one click back, and the button comes back to the coming week
    navButtons()[0].click();
    await settle();
    const previous = http.expectOne((r) => r.url === '/api/me/schedule');
    expect(previous.request.params.get('from')).toBe('2026-12-07');
    previous.flush({ agentId: 'a1', from: '2026-12-07', to: '2026-12-13', halfDays: [] });
    await settle();
    navButtons()[1].click();
    await settle();
    expect(http.expectOne((r) => r.url === '/api/me/schedule').request.params.get('from')).toBe('2026-12-14');
  });

  it('opens on a Saturday on the coming week too', async () => {
    await openOn('2026-12-12');
    expect(http.expectOne((r) => r.url === '/api/me/schedule').request.params.get('from')).toBe('2026-12-14');
  });

  it('opens on a Friday on the current week, the button saying "this week"', async () => {
    await openOn('2026-12-11');
    const req = http.expectOne((r) => r.url === '/api/me/schedule');
    expect(req.request.params.get('from')).toBe('2026-12-07');
    req.flush({ agentId: 'a1', from: '2026-12-07', to: '2026-12-13', halfDays: [] });
    await settle();
    expect(navButtons()[1].textContent?.trim()).toBe('Cette semaine');
  });
});

describe('PlanningPage on a phone (600 px wide or less)', () => {
  let fixture: ComponentFixture<PlanningPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const queries: string[] = [];

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  const pending: TeleworkRequestDto = {
    id: 'r1', agentId: 'a1', agentName: 'Claire Martin', employeeNumber: 'M1', date: '2026-12-08', period: 'AM',
    kind: 'REMOTE', status: 'PENDING', allocationStatus: null, allocationRefusal: null, allocationReason: null,
    comment: 'Rendez-vous médical', createdAt: '2026-12-01T09:00:00Z', decidedAt: null,
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PlanningPage],
      providers: [
        ...pageProviders(TODAY),
        {
          provide: BreakpointObserver,
          useValue: { observe: (q: string) => (queries.push(q), of({ matches: true, breakpoints: { [q]: true } })) },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(PlanningPage);
    el = fixture.nativeElement;
    await settle();
    http.expectOne('/api/me/calendar-link').flush({ url: 'https://exemple.fr/api/calendar/abc.ics' });
    http.expectOne((r) => r.url === '/api/requests').flush({ items: [pending], total: 1 });
    http.expectOne((r) => r.url === '/api/me/schedule').flush({
      agentId: 'a1', from: TODAY, to: addDays(TODAY, 6),
      halfDays: [
        { date: TODAY, period: 'AM', mode: 'REMOTE', source: 'ROTATION' },
        { date: TODAY, period: 'PM', mode: 'ON_SITE', source: 'REQUEST' },
        { date: '2026-12-10', period: 'AM', mode: 'NO_WORKPLACE', source: 'CONTINUITY', why: null, reason: 'site closed, not eligible' },
      ],
    } satisfies ScheduleDto);
    await settle();
  });

  afterEach(() => http.verify());

  it('shows the week as a list of days (headings, then morning and afternoon with icon, words, source and reason), no table', () => {
    expect(queries).toContain('(max-width: 600px)');
    expect(el.querySelector('tw-week-grid')).toBeNull();
    expect(el.querySelector('tw-week-list h3')?.textContent).toContain('Semaine 50');
    const days = Array.from(el.querySelectorAll('tw-week-list ul > li.tw-day'));
    expect(days.map((d) => text(d.querySelector('h4')))).toEqual([
      'lundi 7 décembre aujourd’hui',
      'mardi 8 décembre',
      'mercredi 9 décembre',
      'jeudi 10 décembre',
      'vendredi 11 décembre',
    ]);
    expect(days[0].getAttribute('aria-current')).toBe('date');
    const monday = days[0];
    expect(Array.from(monday.querySelectorAll('dt')).map(text)).toEqual(['Matin', 'Après-midi']);
    const am = monday.querySelector(`[data-date="${TODAY}"][data-period="AM"]`) as HTMLElement;
    expect(text(am.querySelector('dd tw-mode-badge'))).toBe('Télétravail');
    expect(am.querySelector('dd mat-icon')?.getAttribute('data-mat-icon-name')).toBe('tw-remote');
    expect(text(am.querySelector('.tw-source'))).toBe('Rotation du groupe');
    const thursday = el.querySelector('tw-week-list [data-date="2026-12-10"][data-period="AM"]') as HTMLElement;
    expect(text(thursday.querySelector('tw-mode-badge'))).toBe('Sans poste de travail');
    expect(text(thursday.querySelector('.tw-why'))).toBe('site closed, not eligible');
    expect(text(el.querySelector('tw-week-list [data-date="2026-12-11"][data-period="PM"]'))).toContain('Non planifié');
  });

  it('shows four weeks as four lists', async () => {
    (Array.from(el.querySelectorAll('mat-button-toggle button')) as HTMLButtonElement[])[1].click();
    await settle();
    http.expectOne((r) => r.url === '/api/me/schedule').flush({ agentId: 'a1', from: TODAY, to: addDays(TODAY, 27), halfDays: [] });
    await settle();
    expect(el.querySelectorAll('tw-week-list')).toHaveLength(4);
    expect(el.querySelectorAll('tw-week-list li.tw-day')).toHaveLength(20);
  });

  it('keeps the request form, the iCal link and my requests (as a list, with cancel) on the phone', () => {
    expect(el.querySelector('tw-request-form input[formcontrolname="date"]')).not.toBeNull();
    expect((el.querySelector('tw-calendar-link input') as HTMLInputElement).value).toBe('https://exemple.fr/api/calendar/abc.ics');
    expect(el.querySelector('tw-my-requests table')).toBeNull();
    const item = el.querySelector('tw-my-requests li.tw-request-item') as HTMLElement;
    expect(text(item.querySelector('.tw-request-when'))).toBe('mardi 8 décembre 2026, Matin');
    expect(text(item.querySelector('.tw-request-what'))).toContain('En attente de validation');
    expect(text(item.querySelector('.tw-request-comment'))).toContain('Rendez-vous médical');
    expect(item.querySelector('button.tw-cancel')?.getAttribute('aria-label')).toContain('8 décembre');
  });
});
