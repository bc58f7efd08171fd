import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/** A form's submit button that says it is working (label, aria-busy, progress bar) while `busy`. */
@Component({
  selector: 'tw-busy-submit',
  imports: [MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-flat-button type="submit" class="tw-login-submit" [disabled]="busy()" [attr.aria-busy]="busy()">
      {{ busy() ? busyLabel() : label() }}
    </button>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="busyLabel()" />
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin-top: 8px;
    }
    .tw-login-submit {
      align-self: flex-start;
    }
  `,
})
export class BusySubmit {
  readonly busy = input.required<boolean>();
  /** already translated */
  readonly label = input.required<string>();
  readonly busyLabel = input.required<string>();
}
