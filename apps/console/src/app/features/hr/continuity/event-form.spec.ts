import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import {
  formatMessage,
  type AgentDto,
  type CodedMessage,
  type ContinuityEventDto,
  type OrgUnitDto,
  type PoolDto,
  type SiteDto,
} from '@telework/contracts';
import type { ContinuityUpdateResult } from '../../../core/api/continuity-api';
import { provideConsoleDates } from '../../../core/dates/date-locale';
import {
  aContinuityEvent,
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { AGENT_SEARCH_DEBOUNCE_MS } from './agent-picker';
import { ContinuityEventForm } from './event-form';

const SITES: SiteDto[] = [
  { id: 's-hdd', code: 'HDD', name: 'Hôtel du Département', capacity: 900, agentCount: 1200 },
  { id: 's-mds', code: 'MDS', name: 'Maison des solidarités', capacity: 60, agentCount: 80 },
];
const POOLS: PoolDto[] = [
  { id: 'p-vdi', code: 'VDI', name: 'Bureau virtuel', capacity: 1700, reserve: 100, capacityChanges: [] },
  { id: 'p-vpn', code: 'VPN', name: 'VPN', capacity: 400, reserve: 0, capacityChanges: [] },
];
const ORG_UNITS: OrgUnitDto[] = [
  { id: 'ou-dsi', code: 'DSI', name: 'Systèmes d’information', parentId: null, managerAgentId: null, agentCount: 50 },
  { id: 'ou-col', code: 'COL', name: 'Collèges', parentId: null, managerAgentId: null, agentCount: 300 },
];

function anAgent(overrides: Partial<AgentDto> = {}): AgentDto {
  return {
    id: 'ag-1', employeeNumber: 'M0042', firstName: 'Claire', lastName: 'Durand', email: 'claire.durand@exemple.fr',
    siteId: 's-hdd', siteName: 'Hôtel du Département', orgUnitId: 'ou-dsi', orgUnitName: 'Systèmes d’information',
    managerId: null, role: 'AGENT', eligible: false, accessPool: null, tier: 'STANDARD', weeklyMin: 0, weeklyMax: 4,
    offHalfDays: [], groupId: null, groupName: null, account: 'ACTIVE',
    ...overrides,
  };
}

describe('ContinuityEventForm', () => {
  let fixture: ComponentFixture<ContinuityEventForm>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let loader: HarnessLoader;
  let saved: ContinuityUpdateResult[];
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const fr = (m: CodedMessage) => formatMessage(m, 'fr').replace(/\s+/g, ' ');

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ContinuityEventForm],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestTranslations(), provideConsoleDates(), provideTestIcons()],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
  });

  afterEach(() => http.verify());

  async function render(event: ContinuityEventDto | null = null) {
    fixture = TestBed.createComponent(ContinuityEventForm);
    fixture.componentRef.setInput('sites', SITES);
    fixture.componentRef.setInput('pools', POOLS);
    fixture.componentRef.setInput('orgUnits', ORG_UNITS);
    fixture.componentRef.setInput('today', '2026-12-07');
    fixture.componentRef.setInput('event', event);
    saved = [];
    fixture.componentInstance.saved.subscribe((a) => saved.push(a));
    el = fixture.nativeElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    await settle();
  }

  async function settle() {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  async function type(selector: string, value: string) {
    const input = el.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await settle();
  }

  const select = (name: string) => loader.getHarness(MatSelectHarness.with({ selector: `[formcontrolname="${name}"]` }));

  async function choose(name: string, ...options: string[]) {
    const s = await select(name);
    await s.open();
    for (const o of options) await s.clickOptions({ text: o });
    if (await s.isOpen()) await s.close();
    await settle();
  }

  async function submit() {
    (el.querySelector('button.tw-save') as HTMLButtonElement).click();
    await settle();
  }

  const errors = () => Array.from(el.querySelectorAll('mat-error')).map(text);

  /** A valid event: label, kind and the default period (today, morning to afternoon). */
  async function fillMinimum() {
    await type('input[formcontrolname="label"]', '  Grève des transports  ');
    await choose('kind', 'Grève');
  }

  it('sends nothing while the label and the kind are missing, and says so under each field', async () => {
    await render();
    await type('input[formcontrolname="label"]', '   ');
    await submit();
    http.expectNone('/api/continuity-events');
    expect(errors()).toEqual(['Indiquez l’intitulé de l’événement.', 'Choisissez la nature de l’événement.']);
    expect(text(el.querySelector('.tw-invalid'))).toBe('Le formulaire contient des erreurs : corrigez les champs signalés.');
    expect(saved).toEqual([]);
  });

  it('refuses a last half-day before the first one, a negative site capacity and a weekly maximum above 10', async () => {
    await render();
    await fillMinimum();
    await type('input[formcontrolname="from"]', '2026-12-10');
    await choose('fromPeriod', 'Après-midi');
    await type('input[formcontrolname="to"]', '2026-12-10');
    await choose('toPeriod', 'Matin');
    (el.querySelector('button.tw-add-site') as HTMLButtonElement).click();
    await settle();
    await choose('siteId', 'Hôtel du Département (HDD)');
    await type('[data-site-row="0"] input[formcontrolname="capacity"]', '-1');
    await type('input[formcontrolname="weeklyMax"]', '11');
    await submit();
    http.expectNone('/api/continuity-events');
    expect(text(el.querySelector('.tw-order-error'))).toBe('La dernière demi-journée doit suivre la première (ou être la même).');
    expect(errors()).toEqual(['Un nombre entier positif ou nul.', 'Un nombre entier de 1 à 10, ou vide.']);

    // the same half-day for both ends is a valid one-half-day event
    await choose('toPeriod', 'Après-midi');
    expect(el.querySelector('.tw-order-error')).toBeNull();
  });

  it('refuses a pool capacity below the pool’s priority reserve, checked again when the pool changes', async () => {
    await render();
    await fillMinimum();
    (el.querySelector('button.tw-add-pool') as HTMLButtonElement).click();
    await settle();
    await type('[data-pool-row="0"] input[formcontrolname="capacity"]', '50');
    await submit();
    http.expectNone('/api/continuity-events');
    expect(errors()).toEqual(['Au moins 100 : la réserve prioritaire de cet accès (élus, direction, agents essentiels).']);
    // VPN keeps no reserve: 50 seats are fine there
    await choose('poolId', 'VPN (VPN)');
    expect(errors()).toEqual([]);
    await submit();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/continuity-events');
    expect(post.request.body.pools).toEqual([{ poolId: 'p-vpn', capacity: 50 }]);
    post.flush(aContinuityEvent());
  });

  it('offers each site once, shows its usual capacity, and sends the body the API expects', async () => {
    await render();
    await fillMinimum();
    await type('input[formcontrolname="from"]', '2026-12-10');
    await type('input[formcontrolname="to"]', '2026-12-11');
    (el.querySelector('button.tw-add-site') as HTMLButtonElement).click();
    await settle();
    await choose('siteId', 'Hôtel du Département (HDD)');
    expect(text(el.querySelector('[data-site-row="0"] mat-hint'))).toBe('Capacité habituelle : 900');
    await type('[data-site-row="0"] input[formcontrolname="capacity"]', '0');
    (el.querySelector('button.tw-add-site') as HTMLButtonElement).click();
    await settle();
    const second = (await loader.getAllHarnesses(MatSelectHarness.with({ selector: '[formcontrolname="siteId"]' })))[1];
    await second.open();
    // the site already listed is not offered again
    expect(await Promise.all((await second.getOptions()).map((o) => o.getText()))).toEqual(['Maison des solidarités (MDS)']);
    await second.clickOptions({ text: 'Maison des solidarités (MDS)' });
    await type('[data-site-row="1"] input[formcontrolname="capacity"]', '20');

    // a pool row starts on the first pool not listed, at its usual cap
    (el.querySelector('button.tw-add-pool') as HTMLButtonElement).click();
    await settle();
    expect((el.querySelector('[data-pool-row="0"] input[formcontrolname="capacity"]') as HTMLInputElement).value).toBe('1700');
    await type('[data-pool-row="0"] input[formcontrolname="capacity"]', '2000');

    await type('input[formcontrolname="weeklyMax"]', '10');
    await choose('weeklyMaxTiers', 'Standard');
    await choose('onSiteTiers', 'Essentiel');
    await choose('onSiteOrgUnitIds', 'Collèges (COL)');

    await submit();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/continuity-events');
    expect(post.request.body).toEqual({
      label: 'Grève des transports',
      kind: 'STRIKE',
      from: '2026-12-10',
      fromPeriod: 'AM',
      to: '2026-12-11',
      toPeriod: 'PM',
      sites: [{ siteId: 's-hdd', capacity: 0 }, { siteId: 's-mds', capacity: 20 }],
      pools: [{ poolId: 'p-vdi', capacity: 2000 }],
      weeklyMax: 10,
      weeklyMaxTiers: ['STANDARD'],
      weeklyMaxOrgUnitIds: [],
      extraEligibleAgentIds: [],
      extraEligiblePoolId: null,
      onSiteAgentIds: [],
      onSiteTiers: ['ESSENTIAL'],
      onSiteOrgUnitIds: ['ou-col'],
    });
    const created = aContinuityEvent();
    post.flush(created, { status: 201, statusText: 'Created' });
    await settle();
    expect(saved).toEqual([created]);
  });

  it('finds agents by name and lists them as chips, each with its own « Retirer »', async () => {
    await render();
    await fillMinimum();
    const auto = await loader.getHarness(MatAutocompleteHarness.with({ ancestor: '.tw-extra-agents' }));
    await auto.enterText('du');
    await new Promise((r) => setTimeout(r, AGENT_SEARCH_DEBOUNCE_MS + 20));
    const search = http.expectOne((r) => r.url === '/api/agents');
    expect(search.request.params.get('q')).toBe('du');
    search.flush({ items: [anAgent(), anAgent({ id: 'ag-2', firstName: 'Paul', lastName: 'Dupuis', employeeNumber: 'M0043' })], total: 2 });
    await settle();
    expect(await Promise.all((await auto.getOptions()).map((o) => o.getText()))).toEqual([
      'Durand Claire (M0042) — Hôtel du Département',
      'Dupuis Paul (M0043) — Hôtel du Département',
    ]);
    await auto.selectOption({ text: /Dupuis/ });
    await settle();
    const chips = Array.from(el.querySelectorAll('.tw-extra-agents mat-chip-row'));
    expect(chips.map(text)).toEqual(['Dupuis Paul (M0043)']);
    expect(chips[0].querySelector('button')?.getAttribute('aria-label')).toBe('Retirer Dupuis Paul (M0043)');
    // leaving the field: the chip grid writes its rows' values back, the ids still
    (el.querySelector('.tw-extra-agents input') as HTMLInputElement).dispatchEvent(new FocusEvent('blur'));
    await new Promise((r) => setTimeout(r)); // the grid writes back on the next macrotask
    await settle();
    http.expectNone((r) => r.url.startsWith('/api/agents/'));
    // the pool they get is asked only once some agent is listed
    expect(el.querySelector('mat-select[formcontrolname="extraEligiblePoolId"]')).not.toBeNull();

    await submit();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/continuity-events');
    expect(post.request.body.extraEligibleAgentIds).toEqual(['ag-2']);
    expect(post.request.body.extraEligiblePoolId).toBeNull();
    post.flush(aContinuityEvent());
  });

  it('puts each of the API’s coded problems under its field (list items on their list), in French', async () => {
    await render(aContinuityEvent({ onSiteAgentIds: ['ag-gone'], sites: [{ siteId: 's-hdd', capacity: 0 }] }));
    // the names of the agents already listed are read once
    http.expectOne('/api/agents/ag-gone').flush({ code: 'NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    await submit();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/continuity-events/ev-1');
    const problems = [
      { field: 'label', code: 'TOO_LONG', max: 200, message: 'label: too long' },
      { field: 'sites[0].capacity', code: 'TOO_SMALL', min: 0, message: 'too small' },
      { field: 'onSiteAgentIds[0]', code: 'UNKNOWN_REFERENCE', message: 'unknown agent' },
      { field: 'to', code: 'CONTINUITY_END_BEFORE_START', from: '2026-12-10', fromPeriod: 'PM', message: 'end before start' },
    ];
    patch.flush({ statusCode: 400, code: 'INVALID_FIELDS', message: 'invalid', errors: problems }, { status: 400, statusText: 'Bad Request' });
    await settle();
    const [label, capacity, agent, to] = problems.map((p) => {
      const coded: Record<string, unknown> = { ...p };
      delete coded['field'];
      delete coded['message'];
      return fr(coded as CodedMessage);
    });
    expect(text(el.querySelector('input[formcontrolname="label"]')?.closest('mat-form-field')?.querySelector('mat-error'))).toBe(label);
    expect(text(el.querySelector('[data-site-row="0"] input[formcontrolname="capacity"]')?.closest('mat-form-field')?.querySelector('mat-error'))).toBe(capacity);
    expect(text(el.querySelector('.tw-on-site-agents mat-error'))).toBe(agent);
    expect(text(el.querySelector('input[formcontrolname="to"]')?.closest('mat-form-field')?.querySelector('mat-error'))).toBe(to);
    expect(to).toContain('la fin de l’événement ne doit pas précéder son début');
    // all of them placed: no alert repeating them
    expect(el.querySelector('tw-error-alert')).toBeNull();
    expect(saved).toEqual([]);
  });

  it('says a problem of a whole list under its fieldset, and in the alert what no field matches, named for the reader', async () => {
    await render(aContinuityEvent());
    await submit();
    http.expectOne((r) => r.method === 'PATCH').flush(
      {
        statusCode: 400, code: 'INVALID_FIELDS', message: 'invalid',
        errors: [{ field: 'sites', code: 'DUPLICATE_ITEMS', message: 'dup' }, { field: 'horizon', code: 'TOO_LONG', max: 92, message: 'too long' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(el.querySelector('.tw-sites-error'))).toBe(fr({ code: 'DUPLICATE_ITEMS' }));
    expect(text(el.querySelector('tw-error-alert'))).toBe(
      `Le serveur a refusé (erreur 400) : Capacité des sites pendant l’événement : ${fr({ code: 'DUPLICATE_ITEMS' })} ; horizon : ${fr({ code: 'TOO_LONG', max: 92 })}`,
    );
  });

  it('edits an ACTIVE event: its values in the form, « Enregistrer et replanifier », and the 202 run passed on', async () => {
    const event = aContinuityEvent({
      status: 'ACTIVE',
      pools: [{ poolId: 'p-vdi', capacity: 2000 }],
      weeklyMax: 6,
      weeklyMaxOrgUnitIds: ['ou-dsi'],
    });
    await render(event);
    expect((el.querySelector('input[formcontrolname="label"]') as HTMLInputElement).value).toBe('Grève des transports');
    expect(await (await select('kind')).getValueText()).toBe('Grève');
    expect(await (await select('weeklyMaxOrgUnitIds')).getValueText()).toBe('Systèmes d’information (DSI)');
    expect(text(el.querySelector('button.tw-save'))).toBe('Enregistrer et replanifier');
    expect(text(el)).toContain('L’événement est actif : enregistrer replanifie ses demi-journées aussitôt.');

    await type('[data-pool-row="0"] input[formcontrolname="capacity"]', '2300');
    await submit();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/continuity-events/ev-1');
    expect(patch.request.body.pools).toEqual([{ poolId: 'p-vdi', capacity: 2300 }]);
    expect(patch.request.body.weeklyMaxOrgUnitIds).toEqual(['ou-dsi']);
    const answer = { event: { ...event, pools: [{ poolId: 'p-vdi', capacity: 2300 }] }, runId: 'run-9', created: true };
    patch.flush(answer, { status: 202, statusText: 'Accepted' });
    await settle();
    expect(saved).toEqual([answer]);
  });
});
