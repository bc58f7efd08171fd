import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Refusal, TeleworkRequestDto } from '@telework/contracts';
import { LanguageService } from '../core/i18n/language.service';
import {
  initLanguage,
  provideTestIcons,
  provideTestTranslations,
} from '../testing/test-helpers';
import { refusalText } from './refusal-text';
import { RequestStatus } from './request-status';

const weeklyMax: Refusal = { code: 'WEEKLY_MAX', max: 6, week: 50 };

describe('refusalText', () => {
  it('words a refusal from its code and figures, in French or English', () => {
    expect(refusalText(weeklyMax, 'weekly max of 6 half-days reached in week 50', 'fr')).toBe(
      'plafond de 6 demi-journées de télétravail atteint en semaine 50',
    );
    expect(refusalText(weeklyMax, null, 'en')).toBe('weekly max of 6 half-days reached in week 50');
    expect(refusalText({ code: 'NOT_WORKING', why: 'PART_TIME', date: '2026-12-09', period: 'PM' }, null, 'fr')).toBe(
      'demi-journée non travaillée le mercredi 9 décembre 2026 après-midi (temps partiel)',
    );
  });

  it('shows a legacy English reason (no refusal) as it came, never read back', () => {
    const legacy = 'VDI full on 2026-12-08 PM: 1,700 of 1,700 seats';
    expect(refusalText(null, legacy, 'fr')).toBe(legacy);
    expect(refusalText(undefined, legacy, 'en')).toBe(legacy);
    // a code unknown here: the words the API stored
    expect(refusalText({ code: 'FROM_A_LATER_ENGINE', seats: 3 }, 'later words', 'fr')).toBe('later words');
    expect(refusalText({ code: 'FROM_A_LATER_ENGINE' }, null, 'fr')).toBe('FROM_A_LATER_ENGINE');
    expect(refusalText(null, null, 'fr')).toBeNull();
  });
});

@Component({
  imports: [RequestStatus],
  template: `<tw-request-status [request]="request()" />`,
})
class Host {
  readonly request = signal<TeleworkRequestDto>({
    id: 'r1',
    agentId: 'a1',
    agentName: 'Claire Martin',
    employeeNumber: 'M1',
    date: '2026-12-08',
    period: 'PM',
    kind: 'REMOTE',
    status: 'APPROVED',
    allocationStatus: 'REFUSED',
    allocationRefusal: weeklyMax,
    allocationReason: 'weekly max of 6 half-days reached in week 50',
    comment: null,
    createdAt: '2026-12-01T09:00:00Z',
    decidedAt: '2026-12-02T09:00:00Z',
  });
}

describe('RequestStatus', () => {
  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [provideTestTranslations(), provideTestIcons()],
    });
    await initLanguage();
  });

  it('says the allocation’s refusal in the interface’s language, and follows a switch of language', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const reason = () => (fixture.nativeElement as HTMLElement).querySelector('.tw-reason')?.textContent?.trim();
    expect(reason()).toBe('plafond de 6 demi-journées de télétravail atteint en semaine 50');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Non accordée');

    await TestBed.inject(LanguageService).use('en');
    fixture.detectChanges();
    expect(reason()).toBe('weekly max of 6 half-days reached in week 50');

    // a request allocated before refusals were data: its English reason as it came
    await TestBed.inject(LanguageService).use('fr');
    fixture.componentInstance.request.update((r) => ({
      ...r,
      allocationRefusal: null,
      allocationReason: 'an approved ON_SITE request of A17 covers 2026-12-08 PM',
    }));
    fixture.detectChanges();
    expect(reason()).toBe('an approved ON_SITE request of A17 covers 2026-12-08 PM');
  });
});
