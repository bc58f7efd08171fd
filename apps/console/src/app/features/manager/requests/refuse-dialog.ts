import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  FormControl,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';

export const MAX_COMMENT_LENGTH = 500;

export interface RefuseDialogData {
  count: number;
  /** the agent and half-day, for a single request */
  subject?: string;
}

/** A refusal says why: the comment is required and goes to the agent. Closes with it. */
@Component({
  selector: 'tw-refuse-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
        @if (data.count === 1) {
          {{ 'managerRequests.refuseTitleOne' | translate }}
        } @else {
          {{ 'managerRequests.refuseTitle' | translate: { count: data.count } }}
        }
      </h2>
      <mat-dialog-content>
        @if (data.subject) {
          <p>{{ data.subject }}</p>
        }
        <mat-form-field appearance="outline" class="tw-comment">
          <mat-label>{{ 'managerRequests.comment' | translate }}</mat-label>
          <textarea
            matInput
            [formControl]="comment"
            rows="4"
            [maxlength]="max"
            required
          ></textarea>
          <mat-hint>{{ 'managerRequests.commentHint' | translate }}</mat-hint>
          <mat-hint align="end">{{ comment.value.length }} / {{ max }}</mat-hint>
          @if (comment.hasError('required') || comment.hasError('pattern')) {
            <mat-error>{{ 'managerRequests.commentRequired' | translate }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ 'common.cancel' | translate }}
        </button>
        <button mat-flat-button type="button" class="tw-refuse-confirm" (click)="submit()">
          {{ 'managerRequests.refuse' | translate }}
        </button>
      </mat-dialog-actions>
  `,
  styles: `
    .tw-comment {
      width: 100%;
      min-width: min(440px, 70vw);
    }
  `,
})
export class RefuseDialog {
  protected readonly data = inject<RefuseDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RefuseDialog, string>>(MatDialogRef);
  protected readonly max = MAX_COMMENT_LENGTH;
  protected readonly comment = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.pattern(/\S/),
      Validators.maxLength(MAX_COMMENT_LENGTH),
    ],
  });

  protected submit(): void {
    if (this.comment.invalid) {
      this.comment.markAsTouched();
      return;
    }
    this.ref.close(this.comment.value.trim());
  }
}
