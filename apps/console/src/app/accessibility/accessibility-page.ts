import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../core/i18n/language.service';
import { LanguageSwitch } from '../shared/language-switch';
import { STATEMENT } from './statement';

/**
 * « Déclaration d'accessibilité » (RGAA 4.1, article 47 of the law of 11 February 2005): public,
 * reached from the footer of every signed-in page and from the log-in page. French first, English
 * too; its facts (status, what was measured, with which tools, when) are in ./statement.ts, next
 * to the browser test that measures them (apps/console/e2e/real-api.mjs).
 */
@Component({
  selector: 'tw-accessibility-page',
  imports: [RouterLink, TranslatePipe, LanguageSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './accessibility-page.html',
  styleUrl: './accessibility-page.scss',
})
export class AccessibilityPage {
  private readonly language = inject(LanguageService);
  protected readonly lang = this.language.current;
  protected readonly facts = STATEMENT;
}
