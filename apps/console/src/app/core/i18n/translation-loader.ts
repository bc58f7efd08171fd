import { TranslateLoader, TranslationObject } from '@ngx-translate/core';
import { from, Observable, of } from 'rxjs';
import { FR } from './fr';

/**
 * Translations are bundled TypeScript objects rather than JSON under /public: the compiler
 * checks that English has every French key, and the hashed chunk names mean a redeploy never
 * serves stale wording from a browser cache. French (the default) is in the main bundle so the
 * first screen never flashes keys; English is a lazy chunk fetched on first switch.
 */
export class BundledTranslateLoader implements TranslateLoader {
  getTranslation(lang: string): Observable<TranslationObject> {
    if (lang === 'en') return from(import('./en').then((m) => m.EN));
    return of(FR);
  }
}
