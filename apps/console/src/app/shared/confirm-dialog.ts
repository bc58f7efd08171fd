import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
} from '@angular/material/dialog';
import { TranslatePipe } from '@ngx-translate/core';
import { map, Observable } from 'rxjs';

export interface ConfirmDialogData {
  titleKey: string;
  messageKey: string;
  params?: Record<string, string | number>;
  confirmKey: string;
  /** the confirm button in the error colour: the action cannot be undone */
  danger?: boolean;
}

/** "Are you sure?": a title, what will happen, Cancel (focused first) and the action. */
@Component({
  selector: 'tw-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.titleKey | translate: data.params }}</h2>
    <mat-dialog-content>
      <p>{{ data.messageKey | translate: data.params }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        {{ 'common.cancel' | translate }}
      </button>
      <button
        mat-flat-button
        type="button"
        class="tw-confirm"
        [class.tw-danger]="data.danger"
        [mat-dialog-close]="true"
      >
        {{ data.confirmKey | translate: data.params }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .tw-danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens the confirmation; emits true only when the user confirmed. */
export function confirm(
  dialog: MatDialog,
  data: ConfirmDialogData,
): Observable<boolean> {
  return dialog
    .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
      data,
      autoFocus: 'first-tabbable',
      restoreFocus: true,
      maxWidth: '560px',
    })
    .afterClosed()
    .pipe(map((confirmed) => confirmed === true));
}
