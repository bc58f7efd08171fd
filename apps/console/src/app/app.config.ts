import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import localeFr from '@angular/common/locales/fr';
import {
  ApplicationConfig,
  inject,
  LOCALE_ID,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
} from '@angular/router';
import {
  provideTranslateLoader,
  provideTranslateService,
} from '@ngx-translate/core';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { provideConsoleDates } from './core/dates/date-locale';
import { LanguageService } from './core/i18n/language.service';
import { BundledTranslateLoader } from './core/i18n/translation-loader';
import { TranslatedTitleStrategy } from './core/i18n/translated-title-strategy';
import { registerIcons } from './core/icons/icons';

registerLocaleData(localeFr, 'fr-FR');

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([authInterceptor])),
    // A factory, not the class: ngx-translate tells classes from factories by reading
    // `Function.toString()` for /^class\s/, which the minified `class{…}` fails.
    provideTranslateService({
      loader: provideTranslateLoader(() => new BundledTranslateLoader()),
      fallbackLang: 'fr',
    }),
    // Angular pipes (number, date) format the French way; dates go through TwDatePipe,
    // which also follows the language switch and pins Europe/Paris.
    { provide: LOCALE_ID, useValue: 'fr-FR' },
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideAppInitializer(() => inject(LanguageService).init()),
    // Material's datepicker on the API's `YYYY-MM-DD` dates, typed and shown jj/mm/aaaa in the
    // interface's language (not the browser's, as native date fields are)
    provideConsoleDates(),
    provideAppInitializer(registerIcons),
  ],
};
