import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  TestRequest,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { AgentDto } from '@telework/contracts';
import { mondayOf } from '../../../core/dates/iso-dates';
import { AuthService } from '../../../core/auth/auth.service';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../../../testing/test-helpers';
import { TeamPage } from './team-page';

const TODAY = '2026-12-09';
const MONDAY = mondayOf(TODAY);

function anAgent(n: number): AgentDto {
  return {
    id: `ag-${n}`,
    employeeNumber: `M${String(n).padStart(5, '0')}`,
    firstName: 'Claire',
    lastName: `MARTIN${n}`,
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
  };
}

describe('TeamPage: the team, then each agent’s week, through loadable()', () => {
  let fixture: ComponentFixture<TeamPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const agents = () => http.expectOne((r) => r.url === '/api/agents');
  const schedule = (id: string) => http.expectOne(`/api/agents/${id}/schedule?from=${MONDAY}&to=2026-12-13`);
  const flushSchedule = (req: TestRequest, id: string) =>
    req.flush({ agentId: id, from: MONDAY, to: '2026-12-13', halfDays: [{ date: MONDAY, period: 'AM', mode: 'REMOTE', source: 'ROTATION' }] });

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [TeamPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
        provideTestTranslations(),
        provideTestIcons(),
        { provide: AuthService, useValue: { today: () => TODAY } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await initLanguage();
    fixture = TestBed.createComponent(TeamPage);
    el = fixture.nativeElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('shows the agents at once, then their weeks; a schedule that fails is said on its row only', async () => {
    const list = agents();
    expect(list.request.params.get('pageSize')).toBe('25');
    expect(el.querySelector('tw-load-state .tw-load-content')?.getAttribute('aria-busy')).toBe('true');
    expect(text(el.querySelector('tw-load-state [role="status"]'))).toBe('Chargement de l’équipe…');
    list.flush({ items: [anAgent(1), anAgent(2)], total: 2 });
    await settle();

    expect(el.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(text(el.querySelector('.tw-status'))).toBe('Chargement des plannings…');
    flushSchedule(schedule('ag-1'), 'ag-1');
    schedule('ag-2').flush(null, { status: 500, statusText: 'Server Error' });
    await settle();

    expect(text(el.querySelector('.tw-status'))).toBe('2 agent(s) dans l’équipe');
    const rows = el.querySelectorAll('tbody tr');
    expect(rows[0].querySelector(`td[data-date="${MONDAY}"][data-period="AM"] tw-mode-badge`)).not.toBeNull();
    expect(text(rows[1].querySelector('.tw-failed'))).toBe('Planning indisponible pour cet agent.');
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('says an empty team', async () => {
    agents().flush({ items: [], total: 0 });
    await settle();
    expect(text(el.querySelector('.tw-empty'))).toBe('Aucun agent dans votre équipe.');
  });

  it('says a failure to list the team, and « Réessayer » asks again', async () => {
    agents().flush(null, { status: 503, statusText: 'Unavailable' });
    await settle();
    const alert = el.querySelector('[role="alert"]');
    expect(text(alert?.querySelector('p'))).toBe(
      'L’opération a échoué (erreur 503). Réessayez, puis contactez le support si le problème persiste.',
    );
    expect(el.querySelector('.tw-empty')).toBeNull();

    (alert?.querySelector('button') as HTMLButtonElement).click();
    await settle();
    agents().flush({ items: [anAgent(1)], total: 1 });
    await settle();
    flushSchedule(schedule('ag-1'), 'ag-1');
    await settle();
    expect(el.querySelector('[role="alert"]')).toBeNull();
    expect(el.querySelectorAll('tbody tr')).toHaveLength(1);
  });
});
