import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatPaginatorIntl } from '@angular/material/paginator';
import type {
  AgentDto,
  OrgUnitDto,
  RotationGroupDto,
  SiteDto,
} from '@telework/contracts';
import { LanguageService } from '../../../core/i18n/language.service';
import { TranslatedPaginatorIntl } from '../../../core/i18n/paginator-intl';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { AgentsPage, SEARCH_DEBOUNCE_MS } from './agents-page';

function anAgent(n: number, overrides: Partial<AgentDto> = {}): AgentDto {
  return {
    id: `ag-${n}`,
    employeeNumber: `M${String(n).padStart(5, '0')}`,
    firstName: 'Claire',
    lastName: `Martin${n}`,
    email: `c.martin${n}@exemple.fr`,
    siteId: 's-1',
    siteName: 'Hôtel du Département',
    orgUnitId: 'ou-1',
    orgUnitName: 'Direction des finances',
    managerId: null,
    role: 'AGENT',
    eligible: true,
    accessPool: 'VDI',
    tier: 'STANDARD',
    weeklyMin: 4,
    weeklyMax: 6,
    offHalfDays: [],
    groupId: 'g-1',
    groupName: 'Groupe A',
    ...overrides,
  };
}

const SITES: SiteDto[] = [
  {
    id: 's-1',
    code: 'HDD',
    name: 'Hôtel du Département',
    capacity: 400,
    agentCount: 900,
  },
  {
    id: 's-2',
    code: 'MDS',
    name: 'Maison des solidarités',
    capacity: 80,
    agentCount: 120,
  },
];

const ORG_UNITS: OrgUnitDto[] = [
  {
    id: 'ou-1',
    code: 'DF',
    name: 'Direction des finances',
    parentId: null,
    managerAgentId: null,
    agentCount: 120,
  },
];

const GROUPS: RotationGroupDto[] = [
  { id: 'g-1', code: 'A', name: 'Groupe A', memberCount: 280, maxSize: 300 },
];

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AgentsPage', () => {
  let fixture: ComponentFixture<AgentsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function agentsRequest(): TestRequest {
    return http.expectOne((r) => r.url === '/api/agents');
  }

  function params(req: TestRequest): Record<string, string> {
    return Object.fromEntries(
      req.request.params
        .keys()
        .map((k) => [k, req.request.params.get(k) ?? '']),
    );
  }

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [AgentsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(AgentsPage);
    el = fixture.nativeElement;
    await settle();
    http
      .expectOne((r) => r.url === '/api/sites')
      .flush({ items: SITES, total: 2 });
    http
      .expectOne((r) => r.url === '/api/org-units')
      .flush({ items: ORG_UNITS, total: 1 });
    http
      .expectOne((r) => r.url === '/api/groups')
      .flush({ items: GROUPS, total: 1 });
  });

  afterEach(() => http.verify());

  it('asks for the first page of 50 agents by last name and renders the rows', async () => {
    const req = agentsRequest();
    expect(params(req)).toEqual({
      page: '1',
      pageSize: '50',
      sort: 'lastName',
      order: 'asc',
    });
    expect(el.textContent).toContain('Chargement des agents…');

    req.flush({
      items: [
        anAgent(1),
        anAgent(2, {
          eligible: false,
          accessPool: null,
          groupName: null,
          groupId: null,
          tier: 'DIRECTOR',
        }),
      ],
      total: 1234,
    });
    await settle();

    const rows = el.querySelectorAll('tr.mat-mdc-row:not(.tw-empty-row)');
    expect(rows).toHaveLength(2);
    const cells = (row: Element) =>
      Array.from(row.querySelectorAll('td')).map((td) =>
        td.textContent?.trim().replace(/\s+/g, ' '),
      );
    expect(cells(rows[0])).toEqual([
      'M00001',
      'Martin1 Claire',
      'Hôtel du Département',
      'Direction des finances',
      'Groupe A',
      'Standard',
      'Bureau virtuel (VDI)',
      'Oui',
    ]);
    expect(cells(rows[1])).toEqual([
      'M00002',
      'Martin2 Claire',
      'Hôtel du Département',
      'Direction des finances',
      'Aucun',
      'Direction',
      'Aucun',
      'Non',
    ]);
    expect(
      el.querySelector('.tw-count')?.textContent?.replace(/\s/g, ' ').trim(),
    ).toBe('1 234 agents');
    expect(
      el
        .querySelector('.mat-mdc-paginator-range-label')
        ?.textContent?.replace(/\s/g, ' ')
        .trim(),
    ).toBe('1 – 50 sur 1 234');
  });

  it('asks for the next page when the paginator moves, 1-based', async () => {
    agentsRequest().flush({ items: [anAgent(1)], total: 120 });
    await settle();

    (
      el.querySelector(
        'button.mat-mdc-paginator-navigation-next',
      ) as HTMLButtonElement
    ).click();
    await settle();

    expect(params(agentsRequest())).toMatchObject({
      page: '2',
      pageSize: '50',
    });
  });

  it('maps a click on a column header to sort and order, back to page 1', async () => {
    agentsRequest().flush({ items: [anAgent(1)], total: 120 });
    await settle();

    const siteHeader = el.querySelector(
      'th.mat-column-site .mat-sort-header-container',
    ) as HTMLElement;
    siteHeader.click();
    await settle();
    const first = agentsRequest();
    expect(params(first)).toMatchObject({
      page: '1',
      sort: 'site',
      order: 'asc',
    });
    first.flush({ items: [anAgent(1)], total: 120 });
    await settle();

    siteHeader.click();
    await settle();
    expect(params(agentsRequest())).toMatchObject({
      sort: 'site',
      order: 'desc',
    });
  });

  it('searches after a pause in typing, with one request for the final text', async () => {
    agentsRequest().flush({ items: [anAgent(1)], total: 1 });
    await settle();
    const input = el.querySelector('input[type="search"]') as HTMLInputElement;

    for (const text of ['d', 'du', 'dup ']) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    }
    await wait(SEARCH_DEBOUNCE_MS / 2);
    await settle();
    http.expectNone((r) => r.url === '/api/agents');

    await wait(SEARCH_DEBOUNCE_MS);
    await settle();
    const req = agentsRequest();
    expect(params(req)).toEqual({
      page: '1',
      pageSize: '50',
      q: 'dup',
      sort: 'lastName',
      order: 'asc',
    });
    req.flush({ items: [], total: 0 });
    await settle();
    expect(el.textContent).toContain(
      'Aucun agent ne correspond à ces critères.',
    );
  });

  it('filters by site and eligibility', async () => {
    agentsRequest().flush({ items: [anAgent(1)], total: 1 });
    await settle();
    const page = fixture.componentInstance as unknown as {
      onSite(id: string): void;
      onEligible(v: 'all' | 'yes' | 'no'): void;
    };

    page.onSite('s-2');
    await settle();
    const bySite = agentsRequest();
    expect(params(bySite)).toMatchObject({ siteId: 's-2', page: '1' });
    bySite.flush({ items: [], total: 0 });
    await settle();

    page.onEligible('no');
    await settle();
    expect(params(agentsRequest())).toMatchObject({
      siteId: 's-2',
      eligible: 'false',
    });
  });

  it('offers the sites as options of the site filter', async () => {
    agentsRequest().flush({ items: [], total: 0 });
    await settle();
    const trigger = el.querySelectorAll('mat-select')[0] as HTMLElement;
    trigger.click();
    await settle();
    const options = Array.from(document.querySelectorAll('mat-option')).map(
      (o) => o.textContent?.trim(),
    );
    expect(options).toEqual([
      'Tous les sites',
      'Hôtel du Département (HDD)',
      'Maison des solidarités (MDS)',
    ]);
  });

  it('says so when there is no agent at all', async () => {
    agentsRequest().flush({ items: [], total: 0 });
    await settle();
    expect(el.textContent).toContain('Aucun agent n’est encore enregistré.');
    expect(el.querySelector('.tw-count')?.textContent?.trim()).toBe(
      'Aucun agent',
    );
  });

  it('shows an error with a retry that asks again', async () => {
    agentsRequest().flush(null, { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(
      'Impossible de charger les agents (erreur 500).',
    );

    (alert?.querySelector('button') as HTMLButtonElement).click();
    await settle();
    agentsRequest().flush({ items: [anAgent(1)], total: 1 });
    await settle();
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(
      el.querySelectorAll('tr.mat-mdc-row:not(.tw-empty-row)'),
    ).toHaveLength(1);
  });

  it('filters by org unit and rotation group, and clears both', async () => {
    agentsRequest().flush({ items: [anAgent(1)], total: 1 });
    await settle();
    const page = fixture.componentInstance as unknown as {
      onOrgUnit(id: string): void;
      onGroup(id: string): void;
      clearFilters(): void;
    };

    page.onOrgUnit('ou-1');
    await settle();
    const byUnit = agentsRequest();
    expect(params(byUnit)).toMatchObject({ orgUnitId: 'ou-1', page: '1' });
    byUnit.flush({ items: [], total: 0 });
    await settle();

    page.onGroup('g-1');
    await settle();
    const byGroup = agentsRequest();
    expect(params(byGroup)).toMatchObject({ orgUnitId: 'ou-1', groupId: 'g-1' });
    byGroup.flush({ items: [], total: 0 });
    await settle();

    page.clearFilters();
    await settle();
    const cleared = params(agentsRequest());
    expect(cleared).not.toHaveProperty('orgUnitId');
    expect(cleared).not.toHaveProperty('groupId');
  });

  it('labels every control and switches its texts with the language', async () => {
    agentsRequest().flush({ items: [anAgent(1)], total: 1 });
    await settle();
    const labels = Array.from(el.querySelectorAll('mat-label')).map((l) =>
      l.textContent?.trim(),
    );
    expect(labels).toEqual([
      'Rechercher',
      'Site',
      'Service',
      'Groupe de rotation',
      'Éligibilité au télétravail',
    ]);
    expect(el.querySelector('caption')?.textContent?.trim()).toBe(
      'Liste des agents',
    );

    await TestBed.inject(LanguageService).use('en');
    await settle();
    expect(
      el.querySelector('th.mat-column-employeeNumber')?.textContent?.trim(),
    ).toBe('Employee no.');
    expect(
      el
        .querySelector('.mat-mdc-paginator-page-size-label')
        ?.textContent?.trim(),
    ).toBe('Rows per page');
  });
});
