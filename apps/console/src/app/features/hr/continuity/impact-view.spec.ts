import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import {
  formatMessage,
  type ContinuityImpactDto,
  type ContinuityImpactHalfDay,
  type NoWorkplaceWhy,
} from '@telework/contracts';
import { LanguageService } from '../../../core/i18n/language.service';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { ImpactView } from './impact-view';

/** What the stand-in for chart.js was drawn with (jsdom has no canvas). */
const drawn: { labels: unknown[]; datasets: { label: string; data: number[]; stack: string }[] }[] = [];
jest.mock('../capacity/chart-loader', () => ({
  Chart: class {
    data: { labels: unknown[]; datasets: { label: string; data: number[]; stack: string }[] };
    constructor(_canvas: unknown, config: { data: ImpactChartData }) {
      this.data = config.data;
      drawn.push(config.data);
    }
    update(): void {
      drawn.push({ ...this.data });
    }
    destroy(): void {
      // nothing to free
    }
  },
}));
type ImpactChartData = { labels: unknown[]; datasets: { label: string; data: number[]; stack: string }[] };

const counts = (onSite: number, remote: number, noWorkplace: number) => ({ onSite, remote, noWorkplace });

function aHalfDay(period: 'AM' | 'PM', noWorkplace: number): ContinuityImpactHalfDay {
  return {
    date: '2026-12-10',
    period,
    ...counts(40, 1960 - noWorkplace, noWorkplace),
    before: counts(900, 1100, 0),
    bySite: [
      { siteId: 's-hdd', siteName: 'Hôtel du Département', capacity: 0, ...counts(3, 1500 - noWorkplace, noWorkplace) },
      { siteId: 's-mds', siteName: 'Maison des solidarités', capacity: 60, ...counts(37, 460, 0) },
    ],
    byTier: [
      { tier: 'STANDARD', ...counts(0, 1800 - noWorkplace, noWorkplace) },
      { tier: 'ESSENTIAL', ...counts(40, 160, 0) },
    ],
    byOrgUnit: [
      { orgUnitId: 'ou-col', orgUnitName: 'Collèges', ...counts(0, 300 - noWorkplace, noWorkplace) },
      { orgUnitId: null, orgUnitName: null, ...counts(40, 1660, 0) },
    ],
    pools: [{ poolId: 'p-vdi', code: 'VDI', used: 2000 - (period === 'AM' ? 0 : 10), capacity: 2000 }],
  };
}

const why: NoWorkplaceWhy = {
  code: 'NO_WORKPLACE_POOL_FULL', event: 'Grève des transports', site: 'Hôtel du Département', siteCapacity: 0,
  date: '2026-12-10', period: 'AM', pool: 'VDI', used: 2000, capacity: 2000, reserved: 0,
};

function anImpact(): ContinuityImpactDto {
  return {
    eventId: 'ev-1',
    from: '2026-12-07',
    to: '2026-12-13',
    rotation: 'built',
    totals: { ...counts(80, 3908, 12), before: counts(1800, 2200, 0) },
    changedAgents: 1234,
    agentsWithoutWorkplace: 9,
    halfDays: [aHalfDay('AM', 12), aHalfDay('PM', 0)],
    licences: [
      { poolId: 'p-vdi', code: 'VDI', capacity: 2000, needed: 2300 },
      { poolId: 'p-vpn', code: 'VPN', capacity: 400, needed: 150 },
    ],
    examples: [{ agentId: 'ag-1', name: 'Claire Durand', date: '2026-12-10', period: 'AM', why }],
    warnings: [{ code: 'EVENT_NO_WORKPLACE', event: 'Grève des transports', count: 12, agents: 9 }],
  };
}

describe('ImpactView', () => {
  let fixture: ComponentFixture<ImpactView>;
  let el: HTMLElement;
  let loader: HarnessLoader;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const rows = (selector: string) =>
    Array.from(el.querySelectorAll(`${selector} tbody tr`)).map((tr) => Array.from(tr.querySelectorAll('th, td')).map(text));

  beforeEach(async () => {
    drawn.length = 0;
    TestBed.configureTestingModule({
      imports: [ImpactView],
      providers: [provideTestTranslations(), provideTestIcons()],
    });
    await initLanguage();
    fixture = TestBed.createComponent(ImpactView);
    fixture.componentRef.setInput('impact', anImpact());
    el = fixture.nativeElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    await settle();
  });

  async function settle() {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('gives the key figures and the totals without and with the event', () => {
    expect(text(el.querySelector('[data-figure="agentsWithout"]'))).toBe('9 agent(s) au moins une fois sans poste de travail.');
    expect(text(el.querySelector('[data-figure="changedAgents"]'))).toBe('1 234 agent(s) voient leur planning changer (ils seront notifiés).');
    expect(text(el)).toContain('aucune rotation publiée ne couvre ces semaines, le moteur en a construit une');
    expect(rows('.tw-totals')).toEqual([
      ['Sur site', '1 800', '80', '-1 720'],
      ['Télétravail', '2 200', '3 908', '+1 708'],
      ['Sans poste de travail', '0', '12', '+12'],
    ]);
    expect(el.querySelector('.tw-totals tr[data-kind="noWorkplace"]')?.classList).toContain('tw-alert-row');
  });

  it('draws per half-day two stacks, without and with the event, each on site / remote / without a workplace', () => {
    const data = drawn[drawn.length - 1];
    expect(data.labels).toEqual(['jeu. 10/12 Mat.', 'jeu. 10/12 Ap.-m.']);
    expect(data.datasets.map((d) => [d.stack, d.label, d.data])).toEqual([
      ['before', 'Sur site (sans l’événement)', [900, 900]],
      ['before', 'Télétravail (sans l’événement)', [1100, 1100]],
      ['before', 'Sans poste de travail (sans l’événement)', [0, 0]],
      ['after', 'Sur site (avec l’événement)', [40, 40]],
      ['after', 'Télétravail (avec l’événement)', [1948, 1960]],
      ['after', 'Sans poste de travail (avec l’événement)', [12, 0]],
    ]);
    expect(el.querySelector('tw-impact-chart canvas')?.getAttribute('role')).toBe('img');
    expect(el.querySelector('tw-impact-chart canvas')?.getAttribute('aria-label')).toContain('Les mêmes chiffres sont dans le tableau');
  });

  it('offers the same figures as a table', async () => {
    (el.querySelector('.tw-show-table button') as HTMLButtonElement).click();
    await settle();
    expect(el.querySelector('tw-impact-chart')).toBeNull();
    expect(rows('.tw-half-days')).toEqual([
      ['jeu. 10 déc., Matin', '900 → 40', '1 100 → 1 948', '0 → 12'],
      ['jeu. 10 déc., Après-midi', '900 → 40', '1 100 → 1 960', '0 → 0'],
    ]);
  });

  it('details by site, tier, org unit and pool over the whole period, then for one half-day', async () => {
    expect(rows('.tw-by-site')).toEqual([
      // agents without a workplace first; the closed site's 3 must-stay agents are above its 0 desks
      ['Hôtel du Département', '0', '6 au-delà de la capacité', '2 988', '12'],
      ['Maison des solidarités', '60', '74', '920', '0'],
    ]);
    expect(rows('.tw-by-tier')).toEqual([
      ['Essentiel', '80', '320', '0'],
      ['Standard', '0', '3 588', '12'],
    ]);
    expect(rows('.tw-by-org-unit')).toEqual([
      ['Collèges', '0', '588', '12'],
      ['Service non renseigné', '80', '3 320', '0'],
    ]);
    // the whole period: each pool at its busiest half-day
    expect(text(el.querySelector('.tw-pools caption'))).toBe('Places d’accès à distance utilisées, au plus fort de la période');
    expect(rows('.tw-pools')).toEqual([['VDI', '2 000', '2 000']]);

    const detail = await loader.getHarness(MatSelectHarness.with({ ancestor: '.tw-detail-for' }));
    await detail.open();
    await detail.clickOptions({ text: 'jeudi 10 décembre, Après-midi' });
    await settle();
    expect(rows('.tw-by-site')[0]).toEqual(['Hôtel du Département', '0', '3 au-delà de la capacité', '1 500', '0']);
    expect(rows('.tw-pools')).toEqual([['VDI', '1 990', '2 000']]);
    expect(text(el.querySelector('.tw-pools caption'))).toBe('Places d’accès à distance utilisées');
  });

  it('sizes the licences per pool and names the seats missing', () => {
    expect(rows('.tw-licences')).toEqual([
      ['VDI', '2 000', '2 300', 'il manque 300 places'],
      ['VPN', '400', '150', 'suffisant'],
    ]);
    expect(el.querySelector('.tw-licences tr[data-pool="VDI"]')?.classList).toContain('tw-alert-row');
  });

  it('words each example’s reason and the warnings from their codes, in the interface language', async () => {
    const squash = (s: string) => s.replace(/\s+/g, ' ');
    const example = el.querySelector('.tw-examples li[data-agent="ag-1"]');
    expect(text(example?.querySelector('strong'))).toBe('Claire Durand, jeu. 10 déc., Matin');
    expect(text(example?.querySelector('.tw-why'))).toBe(squash(formatMessage(why, 'fr')));
    expect(text(el.querySelector('.tw-warnings li'))).toBe(
      squash(formatMessage({ code: 'EVENT_NO_WORKPLACE', event: 'Grève des transports', count: 12, agents: 9 }, 'fr')),
    );

    await TestBed.inject(LanguageService).use('en');
    await settle();
    expect(text(el.querySelector('.tw-examples .tw-why'))).toBe(squash(formatMessage(why, 'en')));
    expect(text(el.querySelector('.tw-examples .tw-why'))).toContain('VDI pool full: 2,000 of 2,000 seats');
    expect(text(el.querySelector('[data-figure="agentsWithout"]'))).toBe('9 agent(s) without a workplace at least once.');
    expect(drawn[drawn.length - 1].datasets[5].label).toBe('No workplace (with the event)');
    await TestBed.inject(LanguageService).use('fr');
  });
});
