import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import {
  isLanguage,
  LANGUAGES,
  LanguageService,
} from '../core/i18n/language.service';

/** Français / English toggle, for pages outside the shell (log-in). */
@Component({
  selector: 'tw-language-switch',
  imports: [MatButtonToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      [value]="language.current()"
      (change)="select($event.value)"
      [attr.aria-label]="'lang.label' | translate"
      hideSingleSelectionIndicator
    >
      @for (lang of languages; track lang) {
        <mat-button-toggle [value]="lang" [attr.lang]="lang">{{
          'lang.' + lang | translate
        }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
})
export class LanguageSwitch {
  protected readonly language = inject(LanguageService);
  protected readonly languages = LANGUAGES;

  protected select(value: unknown): void {
    if (isLanguage(value)) void this.language.use(value);
  }
}
