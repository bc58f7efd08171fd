import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import type {
  AccountInvitation,
  AgentDto,
  OrgUnitDto,
  Role,
  RotationGroupDto,
  SiteDto,
} from '@telework/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { LanguageService } from '../../../core/i18n/language.service';
import { TranslatedPaginatorIntl } from '../../../core/i18n/paginator-intl';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { of } from 'rxjs';
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
    account: 'NONE',
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
          account: 'ACTIVE',
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
      'Aucun compte',
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
      'Actif',
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

describe('AgentsPage: log-in accounts', () => {
  let fixture: ComponentFixture<AgentsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const role = signal<Role | null>('HR');
  /** whether the installation sends mail (GET /api/auth/config's `mail`) */
  const mail = signal(false);

  const text = (e: Element | null | undefined) =>
    e?.textContent?.replace(/\s+/g, ' ').trim();
  const rows = () =>
    Array.from(el.querySelectorAll('tr.mat-mdc-row:not(.tw-empty-row)'));
  const snackBar = () => text(document.querySelector('mat-snack-bar-container'));
  const dialog = () => document.querySelector('tw-invitation-dialog');

  async function settle() {
    await fixture.whenStable();
    fixture.detectChanges();
  }

  function agentsRequest(): TestRequest {
    return http.expectOne((r) => r.method === 'GET' && r.url === '/api/agents');
  }

  function anInvitation(
    overrides: Partial<AccountInvitation> = {},
  ): AccountInvitation {
    return {
      agentId: 'ag-1',
      employeeNumber: 'M00001',
      firstName: 'Claire',
      lastName: 'Martin1',
      email: 'c.martin1@exemple.fr',
      activationUrl: 'https://teletravail.exemple.fr/activation?token=tok-1',
      expiresAt: '2026-12-08T09:30:00Z',
      ...overrides,
    };
  }

  async function render(agents: AgentDto[]) {
    fixture = TestBed.createComponent(AgentsPage);
    el = fixture.nativeElement;
    await settle();
    for (const url of ['/api/sites', '/api/org-units', '/api/groups'])
      http.expectOne((r) => r.url === url).flush({ items: [], total: 0 });
    agentsRequest().flush({ items: agents, total: agents.length });
    await settle();
  }

  beforeEach(async () => {
    localStorage.clear();
    role.set('HR');
    mail.set(false);
    TestBed.configureTestingModule({
      imports: [AgentsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
        { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
        {
          provide: AuthService,
          useValue: {
            role,
            user: signal({ agentId: 'ag-me' }),
            today: () => '2026-12-01',
            config: () => of({ passwordLogin: true, sso: null, mail: mail() }),
          },
        },
        // dialogs and snack bars open and close at once
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
  });

  afterEach(() => {
    document
      .querySelectorAll('.cdk-overlay-container')
      .forEach((c) => (c.innerHTML = ''));
    http.verify();
  });

  it('shows each account status in words, and the action that fits it, to HR', async () => {
    await render([
      anAgent(1, { account: 'NONE' }),
      anAgent(2, { account: 'PENDING' }),
      anAgent(3, { account: 'ACTIVE' }),
      anAgent(4, { account: 'DISABLED' }),
    ]);
    expect(
      rows().map((r) => text(r.querySelector('.tw-account'))),
    ).toEqual(['Aucun compte', 'Invitation en attente', 'Actif', 'Désactivé']);
    expect(
      rows().map((r) => text(r.querySelector('button.tw-invite'))),
    ).toEqual(['Inviter', 'Nouveau lien', undefined, 'Inviter']);
    expect(
      rows()[1]
        .querySelector('button.tw-invite')
        ?.getAttribute('aria-label'),
    ).toBe(
      'Nouveau lien d’activation pour Claire Martin2 (l’ancien cessera de fonctionner)',
    );
    expect(text(el.querySelector('button.tw-invite-all'))).toBe(
      'Inviter les agents sans compte',
    );

    await TestBed.inject(LanguageService).use('en');
    await settle();
    expect(
      rows().map((r) => text(r.querySelector('.tw-account'))),
    ).toEqual(['No account', 'Invitation pending', 'Active', 'Disabled']);
    expect(
      rows().map((r) => text(r.querySelector('button.tw-invite'))),
    ).toEqual(['Invite', 'New link', undefined, 'Invite']);
  });

  it('offers HR no invitation for an HR or ADMIN agent (only an ADMIN may), and an ADMIN one', async () => {
    const agents = [
      anAgent(1, { account: 'NONE', role: 'HR' }),
      anAgent(2, { account: 'DISABLED', role: 'ADMIN' }),
      anAgent(3, { account: 'PENDING', role: 'MANAGER' }),
    ];
    await render(agents);
    expect(rows().map((r) => !!r.querySelector('button.tw-invite'))).toEqual([false, false, true]);
    role.set('ADMIN');
    await render(agents);
    expect(rows().map((r) => !!r.querySelector('button.tw-invite'))).toEqual([true, true, true]);
  });

  it('shows managers the status but no action', async () => {
    role.set('MANAGER');
    await render([anAgent(1, { account: 'NONE' })]);
    expect(text(rows()[0].querySelector('.tw-account'))).toBe(
      'Aucun compte',
    );
    expect(el.querySelector('button.tw-invite')).toBeNull();
    expect(el.querySelector('button.tw-invite-all')).toBeNull();
  });

  it('invites one agent: posts its id, shows the link once in a dialog, then reads the row again', async () => {
    await render([anAgent(1, { account: 'NONE' }), anAgent(2)]);
    (rows()[0].querySelector('button.tw-invite') as HTMLButtonElement).click();
    await settle();
    const post = http.expectOne('/api/accounts/invitations');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ agentIds: ['ag-1'] });
    expect(
      (rows()[0].querySelector('button.tw-invite') as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    post.flush({ invitations: [anInvitation()], skipped: [] });
    await settle();

    const d = dialog();
    expect(text(d?.querySelector('h2'))).toBe(
      'Lien d’activation de Claire Martin1',
    );
    expect(text(d?.querySelector('.tw-employee-number'))).toBe('M00001');
    expect(text(d?.querySelector('.tw-email'))).toBe('c.martin1@exemple.fr');
    const link = d?.querySelector('input.tw-link-input') as HTMLInputElement;
    expect(link.value).toBe(
      'https://teletravail.exemple.fr/activation?token=tok-1',
    );
    expect(link.readOnly).toBe(true);
    expect(text(d?.querySelector('mat-label'))).toBe('Lien d’activation');
    // 09:30 UTC is 10:30 in Paris in December
    expect(text(d?.querySelector('.tw-expires'))).toBe(
      'Valable jusqu’au mardi 8 décembre 2026 à 10:30 (heure de Paris).',
    );

    // the row is read again from the API
    http
      .expectOne((r) => r.method === 'GET' && r.url === '/api/agents/ag-1')
      .flush(anAgent(1, { account: 'PENDING' }));
    await settle();
    expect(text(rows()[0].querySelector('.tw-account'))).toBe(
      'Invitation en attente',
    );
    expect(text(rows()[0].querySelector('button.tw-invite'))).toBe(
      'Nouveau lien',
    );
  });

  it('copies the link to the clipboard and says so', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    await render([anAgent(1, { account: 'PENDING' })]);
    (rows()[0].querySelector('button.tw-invite') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne('/api/accounts/invitations')
      .flush({ invitations: [anInvitation()], skipped: [] });
    http.expectOne('/api/agents/ag-1').flush(anAgent(1, { account: 'PENDING' }));
    await settle();

    (dialog()?.querySelector('button.tw-copy') as HTMLButtonElement).click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(
      'https://teletravail.exemple.fr/activation?token=tok-1',
    );
    expect(snackBar()).toBe('Lien copié');
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it('with mail on, says the link went to the agent by mail, and shows no link to copy', async () => {
    await render([anAgent(1, { account: 'NONE' })]);
    (rows()[0].querySelector('button.tw-invite') as HTMLButtonElement).click();
    await settle();
    http.expectOne('/api/accounts/invitations').flush({
      invitations: [{ ...anInvitation(), activationUrl: null, mailed: true }],
      skipped: [],
    });
    http.expectOne('/api/agents/ag-1').flush(anAgent(1, { account: 'PENDING' }));
    await settle();
    const d = dialog();
    expect(text(d?.querySelector('h2'))).toBe('Invitation de Claire Martin1');
    expect(text(d?.querySelector('.tw-mailed'))).toBe(
      'Lien envoyé par courriel à c.martin1@exemple.fr.',
    );
    expect(d?.querySelector('input.tw-link-input')).toBeNull();
    expect(d?.querySelector('button.tw-copy')).toBeNull();
    expect(text(d?.querySelector('.tw-expires'))).toBe(
      'Valable jusqu’au mardi 8 décembre 2026 à 10:30 (heure de Paris).',
    );
  });

  it('says why an agent was not invited', async () => {
    await render([anAgent(1, { account: 'PENDING' })]);
    (rows()[0].querySelector('button.tw-invite') as HTMLButtonElement).click();
    await settle();
    http.expectOne('/api/accounts/invitations').flush({
      invitations: [],
      skipped: [
        {
          agentId: 'ag-1',
          employeeNumber: 'M00001',
          code: 'ACTIVE_ACCOUNT',
          reason: 'already has an active account',
        },
      ],
    });
    http.expectOne('/api/agents/ag-1').flush(anAgent(1, { account: 'ACTIVE' }));
    await settle();
    expect(dialog()).toBeNull();
    expect(snackBar()).toBe(
      'Claire Martin1 n’a pas été invité : a déjà un compte actif',
    );
    expect(el.querySelector('button.tw-invite')).toBeNull();
  });

  it('shows a refused invitation as an alert', async () => {
    await render([anAgent(1)]);
    (rows()[0].querySelector('button.tw-invite') as HTMLButtonElement).click();
    await settle();
    http
      .expectOne('/api/accounts/invitations')
      .flush(null, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(text(el.querySelector('tw-error-alert [role="alert"]'))).toBe(
      'Votre rôle ne permet pas cette opération.',
    );
    expect(
      (rows()[0].querySelector('button.tw-invite') as HTMLButtonElement)
        .disabled,
    ).toBe(false);
  });

  describe('inviting every agent without an account', () => {
    let blobs: Blob[];
    let clicked: { download: string; href: string }[];

    beforeEach(() => {
      blobs = [];
      clicked = [];
      URL.createObjectURL = jest.fn((blob: Blob) => {
        blobs.push(blob);
        return `blob:test/${blobs.length}`;
      });
      URL.revokeObjectURL = jest.fn();
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function (this: HTMLAnchorElement) {
          clicked.push({ download: this.download, href: this.href });
        });
    });

    afterEach(() => jest.restoreAllMocks());

    function bytes(blob: Blob): Promise<Uint8Array> {
      return new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () =>
          resolve(new Uint8Array(reader.result as ArrayBuffer));
        reader.readAsArrayBuffer(blob);
      });
    }

    async function confirmInviteAll() {
      (el.querySelector('button.tw-invite-all') as HTMLButtonElement).click();
      await settle();
      const confirmDialog = document.querySelector('tw-confirm-dialog');
      expect(text(confirmDialog?.querySelector('h2'))).toBe(
        'Inviter tous les agents sans compte ?',
      );
      (
        confirmDialog?.querySelector('button.tw-confirm') as HTMLButtonElement
      ).click();
      await settle();
    }

    it('posts {} after a confirmation, downloads the links as a CSV file and counts them', async () => {
      await render([anAgent(1), anAgent(2)]);
      await confirmInviteAll();
      const post = http.expectOne('/api/accounts/invitations');
      expect(post.request.body).toEqual({});
      post.flush({
        invitations: [
          anInvitation(),
          anInvitation({
            agentId: 'ag-2',
            employeeNumber: 'M00002',
            lastName: 'Martin2',
            email: 'c.martin2@exemple.fr',
            activationUrl:
              'https://teletravail.exemple.fr/activation?token=tok-2',
          }),
        ],
        skipped: [
          {
            agentId: 'ag-3',
            employeeNumber: 'M00003',
            code: 'EMAIL_TAKEN',
            email: 'x@exemple.fr',
            reason: 'another account uses the e-mail x@exemple.fr',
          },
        ],
      });
      await settle();

      expect(clicked).toHaveLength(1);
      expect(clicked[0].download).toMatch(/^invitations-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(blobs[0].type).toBe('text/csv;charset=utf-8');
      const content = await bytes(blobs[0]);
      expect(Array.from(content.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
      const csv = Buffer.from(content.slice(3)).toString('utf8');
      expect(csv.split('\r\n')).toEqual([
        "matricule;nom;prénom;e-mail;lien d'activation;expire le",
        'M00001;Martin1;Claire;c.martin1@exemple.fr;https://teletravail.exemple.fr/activation?token=tok-1;08/12/2026 10:30',
        'M00002;Martin2;Claire;c.martin2@exemple.fr;https://teletravail.exemple.fr/activation?token=tok-2;08/12/2026 10:30',
        '',
      ]);

      const summary = `2 invitations créées, 1 agent ignoré. Liens enregistrés dans le fichier ${clicked[0].download}.`;
      expect(snackBar()).toBe(summary);
      expect(text(el.querySelector('.tw-bulk-result'))).toBe(summary);
      expect(text(el.querySelector('.tw-skipped'))).toContain(
        'M00003 : un autre compte utilise l’adresse x@exemple.fr',
      );
      // the list is read again: the statuses changed
      agentsRequest().flush({
        items: [anAgent(1, { account: 'PENDING' }), anAgent(2, { account: 'PENDING' })],
        total: 2,
      });
      await settle();
      expect(
        rows().map((r) => text(r.querySelector('.tw-account'))),
      ).toEqual(['Invitation en attente', 'Invitation en attente']);
    });

    it('with mail on, says the links go by mail and downloads no file', async () => {
      mail.set(true);
      await render([anAgent(1), anAgent(2)]);
      (el.querySelector('button.tw-invite-all') as HTMLButtonElement).click();
      await settle();
      const confirmDialog = document.querySelector('tw-confirm-dialog');
      expect(text(confirmDialog?.querySelector('mat-dialog-content'))).toBe(
        'Un lien d’activation personnel sera envoyé par courriel à chaque agent qui n’a pas encore de compte.',
      );
      (confirmDialog?.querySelector('button.tw-confirm') as HTMLButtonElement).click();
      await settle();
      http.expectOne('/api/accounts/invitations').flush({
        invitations: [
          { ...anInvitation(), activationUrl: null, mailed: true },
          { ...anInvitation({ agentId: 'ag-2', employeeNumber: 'M00002' }), activationUrl: null, mailed: true },
        ],
        skipped: [],
      });
      await settle();
      expect(clicked).toHaveLength(0);
      const summary = '2 invitations créées. Les liens sont envoyés par courriel.';
      expect(snackBar()).toBe(summary);
      expect(text(el.querySelector('.tw-bulk-result'))).toBe(summary);
      agentsRequest().flush({ items: [anAgent(1, { account: 'PENDING' }), anAgent(2, { account: 'PENDING' })], total: 2 });
      await settle();
    });

    it('says so when there is nobody to invite, and downloads nothing', async () => {
      await render([anAgent(1, { account: 'ACTIVE' })]);
      await confirmInviteAll();
      http
        .expectOne('/api/accounts/invitations')
        .flush({ invitations: [], skipped: [] });
      await settle();
      expect(clicked).toHaveLength(0);
      expect(snackBar()).toBe(
        'Tous les agents ont déjà un compte ou une invitation : aucune invitation à créer.',
      );
      http.expectNone((r) => r.url === '/api/agents');
    });

    it('does nothing when the confirmation is cancelled', async () => {
      await render([anAgent(1)]);
      (el.querySelector('button.tw-invite-all') as HTMLButtonElement).click();
      await settle();
      const cancel = Array.from(
        document.querySelectorAll('tw-confirm-dialog button'),
      ).find((b) => text(b) === 'Annuler') as HTMLButtonElement;
      cancel.click();
      await settle();
      http.expectNone('/api/accounts/invitations');
    });
  });
  describe('switching an account off', () => {
    const disableButton = (row: Element) =>
      row.querySelector('button.tw-disable') as HTMLButtonElement | null;

    it('offers it for active and pending accounts, never for the caller nor, to HR, for HR or ADMIN', async () => {
      await render([
        anAgent(1, { account: 'ACTIVE' }),
        anAgent(2, { account: 'PENDING' }),
        anAgent(3, { account: 'NONE' }),
        anAgent(4, { account: 'DISABLED' }),
        anAgent(5, { account: 'ACTIVE', role: 'HR' }),
        anAgent(6, { account: 'ACTIVE', id: 'ag-me' }),
      ]);
      expect(rows().map((r) => !!disableButton(r))).toEqual([true, true, false, false, false, false]);
      expect(disableButton(rows()[0])?.getAttribute('aria-label')).toBe('Désactiver le compte de Claire Martin1');
    });

    it('lets an ADMIN switch off an HR account', async () => {
      role.set('ADMIN');
      await render([anAgent(5, { account: 'ACTIVE', role: 'HR' })]);
      expect(disableButton(rows()[0])).not.toBeNull();
    });

    it('asks first, then posts, shows the account switched off and says so', async () => {
      await render([anAgent(1, { account: 'ACTIVE' })]);
      disableButton(rows()[0])?.click();
      await settle();
      const confirmDialog = document.querySelector('tw-confirm-dialog');
      expect(text(confirmDialog?.querySelector('h2'))).toBe('Désactiver ce compte ?');
      expect(text(confirmDialog)).toContain('Claire Martin1 ne pourra plus se connecter');
      (confirmDialog?.querySelector('button.tw-confirm') as HTMLButtonElement).click();
      await settle();
      const post = http.expectOne('/api/accounts/ag-1/disable');
      expect(post.request.method).toBe('POST');
      post.flush({ agentId: 'ag-1', account: 'DISABLED' });
      await settle();
      expect(snackBar()).toBe('Le compte de Claire Martin1 est désactivé.');
      http.expectOne('/api/agents/ag-1').flush(anAgent(1, { account: 'DISABLED' }));
      await settle();
      expect(text(rows()[0].querySelector('.tw-account'))).toBe('Désactivé');
      expect(disableButton(rows()[0])).toBeNull();
      expect(text(rows()[0].querySelector('button.tw-invite'))).toBe('Inviter');
    });

    it('sends nothing when the confirmation is cancelled', async () => {
      await render([anAgent(1, { account: 'ACTIVE' })]);
      disableButton(rows()[0])?.click();
      await settle();
      const buttons = Array.from(document.querySelectorAll('tw-confirm-dialog button')) as HTMLButtonElement[];
      buttons.find((b) => !b.classList.contains('tw-confirm'))?.click();
      await settle();
      http.expectNone('/api/accounts/ag-1/disable');
      expect(text(rows()[0].querySelector('.tw-account'))).toBe('Actif');
    });
  });
});
