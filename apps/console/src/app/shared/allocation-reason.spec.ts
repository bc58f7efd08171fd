import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { LanguageService } from '../core/i18n/language.service';
import { initLanguage, provideTestTranslations } from '../testing/test-helpers';
import { allocationReasonText, parseAllocationReason } from './allocation-reason';

/** Reasons exactly as libs/planning (allocation/reasons.ts) and the API (requests/) write them. */
const ENGINE_POOL_FULL = 'VDI full on 2026-12-08 PM: 1,700 of 1,700 seats';
const ENGINE_POOL_FULL_RESERVED = 'VDI full on 2026-12-08 AM: 1,700 of 1,700 seats (40 reserved for events)';
const ENGINE_SHARE_FULL =
  'VDI STANDARD share full on 2026-12-08 AM: 1,500 of 1,500 seats (capacity 1,700 minus 200 kept for ELECTED, DIRECTOR and ESSENTIAL agents)';
const API_SHARE_FULL = 'VPN full for standard agents on 2026-12-10 PM: 300 of 300 seats outside the reserve of 50';
const WEEKLY_MAX = 'weekly max of 6 half-days reached in week 50';

describe('allocation reasons in the interface language', () => {
  let translate: TranslateService;
  let language: LanguageService;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideTestTranslations()] });
    await initLanguage();
    translate = TestBed.inject(TranslateService);
    language = TestBed.inject(LanguageService);
  });

  const text = (reason: string) => allocationReasonText(reason, translate, language.locale());

  it('reads the figures of a full pool, with the seats reserved for events', () => {
    expect(parseAllocationReason(ENGINE_POOL_FULL)).toEqual({
      key: 'poolFull', pool: 'VDI', date: '2026-12-08', period: 'PM', figures: { used: 1700, capacity: 1700, reserved: 0 },
    });
    expect(text(ENGINE_POOL_FULL)).toBe('VDI complet le mardi 8 décembre (après-midi) : 1\u202f700 places prises sur 1\u202f700');
    expect(text(ENGINE_POOL_FULL_RESERVED)).toBe(
      'VDI complet le mardi 8 décembre (matin) : 1\u202f700 places prises sur 1\u202f700, dont 40 réservées pour des événements',
    );
  });

  it('reads both spellings of a full STANDARD share (engine and instant grant)', () => {
    expect(text(ENGINE_SHARE_FULL)).toBe(
      'part des agents standard de VDI pleine le mardi 8 décembre (matin) : 1\u202f500 places sur 1\u202f500 ' +
        '(capacité 1\u202f700, dont 200 gardées pour les élus, directions et agents essentiels)',
    );
    expect(parseAllocationReason(API_SHARE_FULL)?.figures).toEqual({ used: 300, open: 300, reserve: 50, capacity: 350 });
    expect(text(API_SHARE_FULL)).toContain('part des agents standard de VPN pleine le jeudi 10 décembre (après-midi)');
  });

  it('says the weekly maximum, the half-days not worked and the other reasons in French', () => {
    expect(text(WEEKLY_MAX)).toBe('plafond de 6 demi-journées de télétravail atteint en semaine 50');
    expect(text('not a working half-day: A17 is off on 2026-12-09 PM')).toBe('demi-journée non travaillée (temps partiel)');
    expect(text('not a working half-day (public holiday)')).toBe('demi-journée non travaillée (jour férié ou fermé)');
    expect(text('not a working half-day')).toBe('demi-journée non travaillée');
    expect(text('weekend')).toBe('demi-journée non travaillée (week-end)');
    expect(text('agent not eligible: A17 is not telework-eligible')).toBe('agent non éligible au télétravail');
    expect(text('an approved ON_SITE request of A17 covers 2026-12-09 AM')).toBe(
      'une présence sur site approuvée couvre le mercredi 9 décembre (matin)',
    );
    expect(text("en attente de l'allocation de nuit / waiting for the nightly allocation")).toBe('en attente de l’allocation de nuit');
    expect(text('a PENDING request already exists')).toBe('une demande en attente existe déjà');
    // the API's 409 and 400 on a one-half-day request
    expect(text('2026-12-08 AM: a PENDING request already exists (6f1c2a7e-0000-4000-8000-000000000001)')).toBe(
      'une demande en attente existe déjà pour le mardi 8 décembre (matin)',
    );
    expect(text('2026-12-12 PM is not a working half-day of yours (weekend)')).toBe(
      'le samedi 12 décembre (après-midi) n’est pas une demi-journée travaillée pour vous (week-end)',
    );
  });

  it('follows the interface into English, and shows an unknown reason as it came', async () => {
    await language.use('en');
    expect(text(ENGINE_POOL_FULL)).toBe('VDI full on Tuesday 8 December (afternoon): 1,700 of 1,700 seats taken');
    expect(text(WEEKLY_MAX)).toBe('weekly maximum of 6 remote half-days reached in week 50');
    expect(text('something new from a later API')).toBe('something new from a later API');
    expect(parseAllocationReason('VDI full on 2026-12-08 PM: lots of seats')).toBeNull();
  });
});
