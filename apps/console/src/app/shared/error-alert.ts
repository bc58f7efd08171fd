import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { ErrorText } from '../core/api/api-error';

/** A failed load or action, said in words, with "Réessayer" when the caller offers it. */
@Component({
  selector: 'tw-error-alert',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tw-error" role="alert">
      <mat-icon svgIcon="tw-warning" aria-hidden="true" />
      <p>{{ error().key | translate: error().params }}</p>
      @if (retryable()) {
        <button mat-stroked-button type="button" (click)="retry.emit()">
          {{ 'common.retry' | translate }}
        </button>
      }
    </div>
  `,
  styles: `
    .tw-error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      margin: 8px 0 16px;
      padding: 12px 16px;
      border-inline-start: 4px solid currentColor;
      border-radius: 4px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    p {
      margin: 0;
      flex: 1 1 240px;
    }
  `,
})
export class ErrorAlert {
  readonly error = input.required<ErrorText>();
  readonly retryable = input(false);
  readonly retry = output<void>();
}
