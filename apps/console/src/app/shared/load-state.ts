import {
  ChangeDetectionStrategy,
  Component,
  input,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorAlert } from './error-alert';
import type { Loadable } from './loadable';

/**
 * The states of a `loadable()` around what it shows, the same on every page: a progress bar
 * while loading (the content below marked aria-busy, and « Chargement… » said by a status
 * region), the failure in words with « Réessayer » (role=alert; it loads again), and the empty
 * message when the answer has nothing (said by the same status region). The page's own content
 * (table, list) goes inside and stays shown while a new page of it loads.
 *
 * ```html
 * <tw-load-state [of]="groups" emptyKey="groups.empty">
 *   @if (!groups.empty()) { <table>…</table> }
 * </tw-load-state>
 * ```
 * Without `emptyKey` the page says emptiness itself (a table's "no data" row reads `empty()`).
 */
@Component({
  selector: 'tw-load-state',
  imports: [MatProgressBarModule, TranslatePipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (of().error(); as e) {
      <tw-error-alert [error]="e" [retryable]="true" (retry)="of().reload()" />
    }
    <div class="tw-load-progress">
      @if (of().loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingKey() | translate" />
      }
    </div>
    <div class="tw-load-status" role="status" aria-live="polite">
      @if (of().loading()) {
        <span class="tw-visually-hidden">{{ loadingKey() | translate }}</span>
      } @else if (of().empty() && emptyKey()) {
        <p class="tw-empty">{{ emptyKey() | translate: emptyParams() }}</p>
      }
    </div>
    <div class="tw-load-content" [attr.aria-busy]="of().loading()">
      <ng-content />
    </div>
  `,
  styles: `
    :host { display: block; }
    .tw-load-progress { height: 4px; }
    .tw-empty {
      margin: 8px 0;
      padding: 12px 16px;
      max-width: 80ch;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-low);
    }
  `,
})
export class LoadState {
  /** what is loaded */
  readonly of = input.required<Loadable<unknown>>();
  /** said while loading (progress bar's name and the status region) */
  readonly loadingKey = input('common.loading');
  /** said when the answer has nothing to show; none: the page says it itself */
  readonly emptyKey = input<string | null>(null);
  readonly emptyParams = input<Record<string, string | number> | undefined>(undefined);
}
