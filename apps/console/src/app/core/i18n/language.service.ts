import { DOCUMENT } from '@angular/common';
import { computed, inject, Injectable, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';
export const LANGUAGE_STORAGE_KEY = 'tw.lang';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return (
    typeof value === 'string' &&
    (LANGUAGES as readonly string[]).includes(value)
  );
}

/**
 * The interface language: French unless the user chose otherwise on this browser. Switching
 * loads the translations, then updates `<html lang>` (screen readers pick their voice from it)
 * and remembers the choice in localStorage.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly currentState = signal<Language>(DEFAULT_LANGUAGE);

  readonly current = this.currentState.asReadonly();
  /** BCP 47 locale for dates and numbers in the current language. */
  readonly locale = computed(() => LOCALES[this.currentState()]);

  /** At start-up: the language chosen on this browser, else French (until the account's is known). */
  init(): Promise<void> {
    this.translate.addLangs([...LANGUAGES]);
    this.translate.setFallbackLang(DEFAULT_LANGUAGE);
    // applied, not remembered: French by default is no choice of the user's
    return this.apply(readStored() ?? DEFAULT_LANGUAGE);
  }

  /** The user's choice: applied, and remembered on this browser. */
  async use(lang: Language): Promise<void> {
    await this.apply(lang);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // storage refused: the choice lasts until reload
    }
  }

  /**
   * The signed-in account's language (its preference, also that of its mails), applied when
   * nobody chose a language on this browser; not remembered, so the account's later changes
   * keep applying. A choice made on this browser wins.
   */
  async adoptAccountLanguage(lang: unknown): Promise<void> {
    if (!isLanguage(lang) || readStored() !== null || lang === this.currentState()) return;
    await this.apply(lang);
  }

  private async apply(lang: Language): Promise<void> {
    await firstValueFrom(this.translate.use(lang));
    this.currentState.set(lang);
    this.document.documentElement.lang = lang;
  }
}

function readStored(): Language | null {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}
