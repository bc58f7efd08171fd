import { TestBed } from '@angular/core/testing';
import { provideTestTranslations } from '../../testing/test-helpers';
import { LanguageService } from './language.service';
import { formatParisDate, TwDatePipe } from './tw-date.pipe';

describe('dates in Europe/Paris', () => {
  it('uses the Paris calendar day, not the UTC one', () => {
    // 23:30 UTC on 7 December is 00:30 on 8 December in Paris (UTC+1 in winter)
    expect(formatParisDate('2026-12-07T23:30:00Z', 'fr-FR')).toBe(
      'mardi 8 décembre 2026',
    );
    expect(
      formatParisDate('2026-07-14T22:30:00Z', 'fr-FR', {
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('15 juillet à 00:30');
  });

  it('follows the interface language', async () => {
    TestBed.configureTestingModule({ providers: [provideTestTranslations()] });
    const language = TestBed.inject(LanguageService);
    await language.init();
    const pipe = TestBed.runInInjectionContext(() => new TwDatePipe());
    const date = new Date('2026-12-08T09:00:00Z');

    expect(pipe.transform(date)).toBe('mardi 8 décembre 2026');
    await language.use('en');
    expect(pipe.transform(date)).toMatch(/^Tuesday,? 8 December 2026$/);
    expect(pipe.transform(null)).toBe('');
  });
});
