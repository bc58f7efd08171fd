import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { provideTestTranslations } from '../../testing/test-helpers';
import { EN } from './en';
import { FR } from './fr';
import { LANGUAGE_STORAGE_KEY, LanguageService } from './language.service';

describe('LanguageService', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = 'xx';
    TestBed.configureTestingModule({ providers: [provideTestTranslations()] });
  });

  it('starts in French when nothing was chosen', async () => {
    const language = TestBed.inject(LanguageService);
    await language.init();
    expect(language.current()).toBe('fr');
    expect(language.locale()).toBe('fr-FR');
    expect(document.documentElement.lang).toBe('fr');
    expect(TestBed.inject(TranslateService).instant('nav.myPlanning')).toBe(
      'Mon planning',
    );
  });

  it('switches to English at run time: texts, <html lang>, remembered choice', async () => {
    const language = TestBed.inject(LanguageService);
    const translate = TestBed.inject(TranslateService);
    await language.init();

    await language.use('en');

    expect(language.current()).toBe('en');
    expect(language.locale()).toBe('en-GB');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(translate.instant('nav.myPlanning')).toBe('My schedule');

    await language.use('fr');
    expect(translate.instant('nav.myPlanning')).toBe('Mon planning');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('starts in the language remembered on this browser', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const language = TestBed.inject(LanguageService);
    await language.init();
    expect(language.current()).toBe('en');
    expect(TestBed.inject(TranslateService).instant('login.submit')).toBe(
      'Log in',
    );
  });

  it('ignores a remembered value that is not a supported language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'de');
    const language = TestBed.inject(LanguageService);
    await language.init();
    expect(language.current()).toBe('fr');
  });

  it("takes the account's language when this browser has no choice of its own, without remembering it", async () => {
    const language = TestBed.inject(LanguageService);
    await language.init();
    await language.adoptAccountLanguage('en');
    expect(language.current()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
    await language.adoptAccountLanguage('de');
    expect(language.current()).toBe('en');
  });

  it("keeps this browser's choice over the account's language", async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    const language = TestBed.inject(LanguageService);
    await language.init();
    await language.adoptAccountLanguage('en');
    expect(language.current()).toBe('fr');
  });
});

describe('translations', () => {
  function leaves(obj: object, prefix = ''): [string, string][] {
    return Object.entries(obj).flatMap(([key, value]) =>
      typeof value === 'string'
        ? [[prefix + key, value] as [string, string]]
        : leaves(value as object, `${prefix}${key}.`),
    );
  }

  it('English has exactly the French keys, none empty', () => {
    const fr = leaves(FR);
    const en = leaves(EN);
    expect(en.map(([k]) => k).sort()).toEqual(fr.map(([k]) => k).sort());
    expect([...fr, ...en].filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('keeps the same interpolation parameters in both languages', () => {
    const params = (s: string) =>
      (s.match(/{{\s*\w+\s*}}/g) ?? []).sort().join(',');
    const en = new Map(leaves(EN));
    const mismatched = leaves(FR).filter(
      ([k, v]) => params(v) !== params(en.get(k) ?? ''),
    );
    expect(mismatched).toEqual([]);
  });

});
