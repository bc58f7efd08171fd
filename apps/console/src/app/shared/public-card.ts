import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageSwitch } from './language-switch';

/**
 * The frame of the console's public pages (log-in, account activation): the language switch,
 * then a card with the application's name and the page's title above the projected content.
 */
@Component({
  selector: 'tw-public-card',
  imports: [TranslatePipe, LanguageSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tw-login-lang">
      <tw-language-switch />
    </div>
    <main class="tw-login" id="tw-main">
      <div class="tw-login-card">
        <p class="tw-login-app">{{ 'app.name' | translate }}</p>
        <h1 class="tw-login-title">{{ title() }}</h1>
        <ng-content />
      </div>
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100dvh;
      background: var(--mat-sys-surface-container-low);
    }
    .tw-login-lang {
      display: flex;
      justify-content: flex-end;
      padding: 16px;
    }
    .tw-login {
      display: flex;
      justify-content: center;
      padding: 16px;
    }
    .tw-login-card {
      width: 100%;
      max-width: 440px;
      padding: 32px;
      background: var(--mat-sys-surface);
      border-top: 4px solid var(--mat-sys-primary);
      border-radius: 4px;
      box-shadow: var(--mat-sys-level1);
    }
    .tw-login-app {
      margin: 0;
      font-weight: 700;
      color: var(--mat-sys-primary);
    }
    .tw-login-title {
      margin: 8px 0 16px;
      font: var(--mat-sys-headline-small);
    }
  `,
})
export class PublicCard {
  /** the page's title, already translated */
  readonly title = input.required<string>();
}
