import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CapacityDto } from '@telework/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { provideConsoleDates } from '../../../core/dates/date-locale';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { CapacityPage } from './capacity-page';

// jsdom has no canvas: chart.js is replaced by a stand-in (the figures are read from the table)
jest.mock('./chart-loader', () => ({
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

const pool = (remote: number, extra: object = {}) => ({
  poolId: 'p-vdi', code: 'VDI', capacity: 1700, reserve: 100, remote, reserved: 0, free: 1700 - remote, ...extra,
});

/** Thursday 10 December 2026: the main site closed by an ACTIVE strike, 2 000 VDI seats, 12 agents without a workplace in the morning. */
function aView(continuity: boolean): CapacityDto {
  const base: CapacityDto = {
    from: '2026-12-09',
    to: '2026-12-10',
    halfDays: [
      { date: '2026-12-09', period: 'AM', pools: [pool(800)] },
      { date: '2026-12-10', period: 'AM', pools: [pool(1990, { eventCapacity: 2000, free: 10 })] },
    ],
    sites: [{ siteId: 's-hdd', code: 'HDD', name: 'Hôtel du Département', capacity: 900, onSite: [850, 3] }],
    video: { minutesPerRemoteHalfDay: 60, monthlyLicenceMinutes: 1_000_000, months: [] },
  };
  if (!continuity) return base;
  return {
    ...base,
    halfDays: [
      { ...base.halfDays[0], noWorkplace: 0, continuityEventIds: [] },
      { ...base.halfDays[1], noWorkplace: 12, continuityEventIds: ['ev-1'] },
    ],
    sites: [{ ...base.sites[0], noWorkplace: [0, 12], eventCapacity: [null, 0] }],
    continuityEvents: [
      {
        id: 'ev-1', label: 'Grève des transports', kind: 'STRIKE', status: 'ACTIVE',
        from: '2026-12-10', fromPeriod: 'AM', to: '2026-12-10', toPeriod: 'PM',
        sites: [{ siteId: 's-hdd', capacity: 0 }], pools: [{ poolId: 'p-vdi', capacity: 2000 }],
      },
      {
        id: 'ev-2', label: 'Crise hivernale', kind: 'WEATHER', status: 'DRAFT',
        from: '2026-12-10', fromPeriod: 'PM', to: '2026-12-18', toPeriod: 'PM', sites: [], pools: [],
      },
    ],
  };
}

describe('CapacityPage with continuity events', () => {
  let fixture: ComponentFixture<CapacityPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CapacityPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(), provideConsoleDates(),
        provideTestIcons(),
        { provide: AuthService, useValue: { role: signal('HR'), user: signal(null), today: () => '2026-12-09' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
  });

  afterEach(() => http.verify());

  async function render(view: CapacityDto) {
    fixture = TestBed.createComponent(CapacityPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne((r) => r.url === '/api/capacity').flush(view);
    http.expectOne((r) => r.url === '/api/pools').flush({ items: [], total: 0 });
    await fixture.whenStable();
    fixture.detectChanges();
    http.match((r) => r.url === '/api/reservations').forEach((r) => r.flush({ items: [], total: 0 }));
    // the table shows the per-half-day figures
    (el.querySelector('.tw-show-table button') as HTMLButtonElement).click();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('lists the ACTIVE and DRAFT events meeting the period with a link, and counts agents without a workplace per half-day', async () => {
    await render(aView(true));
    const items = Array.from(el.querySelectorAll('.tw-continuity li'));
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(['/hr/continuity/ev-1', '/hr/continuity/ev-2']);
    expect(text(items[0])).toContain('Grève des transports');
    expect(text(items[0].querySelector('tw-event-status'))).toBe('Actif');
    expect(text(items[1].querySelector('tw-event-status'))).toBe('Brouillon');
    expect(text(items[0].querySelector('.tw-continuity-period'))).toBe('Du jeu. 10 déc., matin, au jeu. 10 déc., après-midi');
    expect(text(el.querySelector('.tw-continuity-total'))).toBe('12 demi-journées-agents sans poste de travail sur la période.');

    const headers = Array.from(el.querySelectorAll('.tw-use-table thead th')).map(text);
    expect(headers[headers.length - 1]).toBe('Sans poste de travail');
    const wednesday = el.querySelector('tr[data-half-day="2026-12-09AM"]') as HTMLElement;
    const thursday = el.querySelector('tr[data-half-day="2026-12-10AM"]') as HTMLElement;
    expect(text(wednesday.querySelector('.tw-no-workplace-count'))).toBe('0');
    expect(wednesday.querySelector('.tw-event-flag')).toBeNull();
    expect(text(thursday.querySelector('.tw-no-workplace-count'))).toBe('12');
    // the event's half-day is said in words in its row header, with the event's label
    expect(text(thursday.querySelector('.tw-event-flag'))).toBe('plan de continuité : Grève des transports');
    // the event's seats are the cap of the half-day
    expect(Array.from(thursday.querySelectorAll('td')).map(text)).toContain('2 000');

    // 3 agents must stay at a site the event closes: an overflow against 0 desks, not 900
    expect(text(el.querySelector('.tw-overflows'))).toContain('3 agents sur site pour 0 places');
  });

  it('shows no banner and no column when the API says nothing of continuity', async () => {
    await render(aView(false));
    expect(el.querySelector('.tw-continuity')).toBeNull();
    expect(Array.from(el.querySelectorAll('.tw-use-table thead th')).map(text)).not.toContain('Sans poste de travail');
    expect(el.querySelector('.tw-no-workplace-count')).toBeNull();
    expect(text(el.querySelector('.tw-ok'))).toBe('Aucun site ne dépasse sa capacité sur cette période.');
  });
});

describe('CapacityPage range', () => {
  let fixture: ComponentFixture<CapacityPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  async function open(today: string) {
    TestBed.configureTestingModule({
      imports: [CapacityPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestTranslations(),
        provideConsoleDates(),
        provideTestIcons(),
        { provide: AuthService, useValue: { role: signal('HR'), user: signal(null), today: () => today } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(CapacityPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  const input = (name: string) =>
    el.querySelector(`form.tw-range input[formcontrolname="${name}"]`) as HTMLInputElement;

  afterEach(() => {
    // a new period drops the reservations still awaited for the previous one (cancelled: not flushed)
    http.match(() => true).filter((r) => !r.cancelled).forEach((r) => r.flush({ items: [], total: 0 }));
    localStorage.clear();
  });

  it('opens on four weeks from this Monday during the week', async () => {
    await open('2026-12-09');
    const req = http.expectOne((r) => r.url === '/api/capacity');
    expect([req.request.params.get('from'), req.request.params.get('to')]).toEqual(['2026-12-07', '2027-01-03']);
    req.flush(aView(false));
  });

  it('opens on the coming Monday on a Sunday, not on the week that is over, and shows it jj/mm/aaaa', async () => {
    await open('2026-12-13');
    const req = http.expectOne((r) => r.url === '/api/capacity');
    expect([req.request.params.get('from'), req.request.params.get('to')]).toEqual(['2026-12-14', '2027-01-10']);
    req.flush(aView(false));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(input('from').value).toBe('14/12/2026');
    expect(input('to').value).toBe('10/01/2027');
  });

  it('asks the API for 2026-12-07 when 07/12/2026 is typed in the French console', async () => {
    await open('2026-12-09');
    http.expectOne((r) => r.url === '/api/capacity').flush(aView(false));
    await fixture.whenStable();
    fixture.detectChanges();
    for (const [name, typed] of [['from', '07/12/2026'], ['to', '18/12/2026']]) {
      input(name).value = typed;
      input(name).dispatchEvent(new Event('input'));
      input(name).dispatchEvent(new Event('blur'));
    }
    (el.querySelector('form.tw-range button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const req = http.expectOne((r) => r.url === '/api/capacity');
    expect([req.request.params.get('from'), req.request.params.get('to')]).toEqual(['2026-12-07', '2026-12-18']);
    req.flush(aView(false));
  });

  it('says a refused period under its « Au » field, with no alert beside it', async () => {
    await open('2026-12-09');
    http.expectOne((r) => r.url === '/api/capacity').flush(
      { statusCode: 400, code: 'INVALID_FIELDS', message: 'Invalid', errors: [{ field: 'to', code: 'RANGE_TOO_LONG', message: 'too long', days: 400, max: 183 }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    const fieldError = el.querySelector('form.tw-range mat-error')?.textContent ?? '';
    expect(fieldError).toContain('183');
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('says a failed load with « Réessayer », which asks again for the same period', async () => {
    await open('2026-12-09');
    http.expectOne((r) => r.url === '/api/capacity').flush(null, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    fixture.detectChanges();
    const alert = el.querySelector('tw-load-state [role="alert"]');
    expect(alert?.textContent).toContain('erreur 503');
    (alert?.querySelector('button') as HTMLButtonElement).click();
    const again = http.expectOne((r) => r.url === '/api/capacity');
    expect([again.request.params.get('from'), again.request.params.get('to')]).toEqual(['2026-12-07', '2027-01-03']);
    again.flush(aView(false));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.querySelector('tw-load-state [role="alert"]')).toBeNull();
  });
});
