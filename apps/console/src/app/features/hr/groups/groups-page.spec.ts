import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AutoFormGroupsResult, PublishedPlanImpact } from '@telework/contracts';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { GroupsPage } from './groups-page';

const IMPACT: PublishedPlanImpact = {
  from: '2026-11-30',
  calendars: [{ id: 'cal-1', version: 3, from: '2026-12-07', to: '2027-01-03' }],
  groups: 14,
  agents: 1500,
  remoteHalfDays: 12000,
};

function aResult(overrides: Partial<AutoFormGroupsResult> = {}): AutoFormGroupsResult {
  return { groupsCreated: 15, agentsGrouped: 1500, groups: [], dryRun: false, publishedPlan: null, ...overrides };
}

describe('GroupsPage: forming groups against the published plan', () => {
  let fixture: ComponentFixture<GroupsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [GroupsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestTranslations(),
        provideTestIcons(),
        provideNoopAnimations(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(GroupsPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/groups').flush({ items: [], total: 0 });
    await settle();
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
  });

  async function regroupAll() {
    (el.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await settle();
    (el.querySelector('button.tw-auto-form') as HTMLButtonElement).click();
    await settle();
  }

  it('places agents without a group at once, with no confirmation', async () => {
    (el.querySelector('button.tw-auto-form') as HTMLButtonElement).click();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/groups/auto-form');
    expect(post.request.body).toEqual({ regroupAll: false });
    post.flush(aResult({ groupsCreated: 1, agentsGrouped: 3 }));
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/groups').flush({ items: [], total: 0 });
    await settle();
    expect(document.querySelector('tw-confirm-dialog')).toBeNull();
    expect(text(el.querySelector('.tw-result'))).toBe('1 groupe(s) créé(s), 3 agent(s) répartis.');
  });

  it('regrouping everyone: shows what changes to the published plan, and regroups with confirm only once HR confirms', async () => {
    await regroupAll();
    const preview = http.expectOne((r) => r.method === 'POST' && r.url === '/api/groups/auto-form');
    expect(preview.request.body).toEqual({ regroupAll: true, dryRun: true });
    preview.flush(aResult({ dryRun: true, groups: [], publishedPlan: IMPACT }));
    await settle();

    const dialog = document.querySelector('tw-confirm-dialog');
    expect(text(dialog?.querySelector('h2'))).toBe('Refaire tous les groupes ?');
    expect(text(dialog?.querySelector('p'))).toBe(
      'Tous les agents éligibles seront retirés de leur groupe puis répartis à nouveau (services ensemble, puis sites). ' +
        'Le ou les calendriers publiés v3 (2026-12-07 → 2027-01-03) nomment 14 des groupes actuels : leurs 1500 agent(s) ' +
        'perdront 12000 demi-journée(s) de télétravail à partir du 2026-11-30, et seront sur site à chaque demi-journée ' +
        'dès la prochaine allocation, jusqu’à ce que vous génériez et publiiez un nouveau calendrier.',
    );
    const confirmButton = dialog?.querySelector('button.tw-confirm') as HTMLButtonElement;
    expect(text(confirmButton)).toBe('Refaire les groupes et quitter le calendrier publié');
    confirmButton.click();
    await settle();

    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/groups/auto-form');
    expect(post.request.body).toEqual({ regroupAll: true, confirm: true });
    post.flush(aResult({ publishedPlan: IMPACT }));
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/groups').flush({ items: [], total: 0 });
    await settle();
    expect(text(el.querySelector('.tw-result-published'))).toBe(
      '1 500 agent(s) ne suivent plus le calendrier publié : générez et publiez-en un nouveau.',
    );
  });

  it('cancelling the confirmation changes nothing', async () => {
    await regroupAll();
    http.expectOne((r) => r.method === 'POST' && r.url === '/api/groups/auto-form').flush(aResult({ dryRun: true, publishedPlan: IMPACT }));
    await settle();
    const buttons = Array.from(document.querySelectorAll('tw-confirm-dialog button')) as HTMLButtonElement[];
    buttons.find((b) => !b.classList.contains('tw-confirm'))?.click();
    await settle();
    http.expectNone((r) => r.method === 'POST');
    expect(el.querySelector('.tw-result')).toBeNull();
    expect((el.querySelector('button.tw-auto-form') as HTMLButtonElement).disabled).toBe(false);
  });

  it('with no published calendar naming the groups, the usual confirmation, then confirm: true', async () => {
    await regroupAll();
    http.expectOne((r) => r.method === 'POST' && r.url === '/api/groups/auto-form').flush(aResult({ dryRun: true }));
    await settle();
    const dialog = document.querySelector('tw-confirm-dialog');
    expect(text(dialog?.querySelector('p'))).toContain('Aucun calendrier publié ne nomme les groupes actuels');
    (dialog?.querySelector('button.tw-confirm') as HTMLButtonElement).click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/groups/auto-form');
    expect(post.request.body).toEqual({ regroupAll: true, confirm: true });
    post.flush(aResult());
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/groups').flush({ items: [], total: 0 });
    await settle();
    expect(el.querySelector('.tw-result-published')).toBeNull();
  });
});
