import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { Invitation, isMailed } from './invitations-csv';

export const SNACK_BAR_MS = 5_000;

/**
 * The activation link of one agent, just made: shown once (the API keeps only its hash), with
 * a Copy button and its expiry, Paris time. HR sends it to the agent by their own means —
 * unless the installation sends mail: then the link went to the agent's address, and the
 * dialog says so instead of showing it.
 */
@Component({
  selector: 'tw-invitation-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    TwDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (mailed ? 'accounts.mailedTitle' : 'accounts.dialogTitle') | translate: { name: name } }}
    </h2>
    <mat-dialog-content>
      @if (mailed) {
        <p class="tw-intro tw-mailed">{{ 'accounts.mailed' | translate: { email: data.email } }}</p>
        <p class="tw-mailed-hint">{{ 'accounts.mailedHint' | translate }}</p>
      } @else {
        <p class="tw-intro">{{ 'accounts.dialogIntro' | translate }}</p>
      }
      <dl class="tw-who">
        <dt>{{ 'accounts.employeeNumber' | translate }}</dt>
        <dd class="tw-employee-number">{{ data.employeeNumber }}</dd>
        <dt>{{ 'accounts.email' | translate }}</dt>
        <dd class="tw-email">{{ data.email }}</dd>
      </dl>
      @if (!mailed) {
      <mat-form-field appearance="outline" class="tw-link">
        <mat-label>{{ 'accounts.link' | translate }}</mat-label>
        <input
          #linkInput
          matInput
          readonly
          class="tw-link-input"
          [value]="data.activationUrl"
          (focus)="linkInput.select()"
        />
        <mat-hint>{{ 'accounts.linkHint' | translate }}</mat-hint>
      </mat-form-field>
      }
      <p class="tw-expires">
        {{
          'accounts.expires'
            | translate
              : {
                  date:
                    (data.expiresAt
                    | twDate
                      : {
                          weekday: 'long',
                          day: 'numeric',
                          month: 'long',
                          year: 'numeric',
                          hour: '2-digit',
                          minute: '2-digit',
                        }),
                }
        }}
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (!mailed) {
      <button
        mat-stroked-button
        type="button"
        class="tw-copy"
        (click)="copy()"
      >
        <mat-icon svgIcon="tw-copy" aria-hidden="true" />
        {{ 'accounts.copy' | translate }}
      </button>
      }
      <button mat-flat-button type="button" class="tw-close" mat-dialog-close>
        {{ 'common.close' | translate }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .tw-intro {
      margin-top: 0;
      max-width: 60ch;
    }
    .tw-who {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 16px;
    }
    .tw-who dt {
      font-weight: 600;
    }
    .tw-who dd {
      margin: 0;
    }
    .tw-link {
      width: 100%;
      min-width: min(520px, 70vw);
    }
    .tw-expires {
      font-weight: 600;
    }
  `,
})
export class InvitationDialog {
  protected readonly data = inject<Invitation>(MAT_DIALOG_DATA);
  protected readonly mailed = isMailed(this.data);
  private readonly linkInput = viewChild<ElementRef<HTMLInputElement>>('linkInput');
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  protected readonly name = `${this.data.firstName} ${this.data.lastName}`;

  protected async copy(): Promise<void> {
    const input = this.linkInput()?.nativeElement;
    if (!input || !this.data.activationUrl) return;
    try {
      await navigator.clipboard.writeText(this.data.activationUrl);
      this.say('accounts.copied');
    } catch {
      // no clipboard permission (or an old browser): leave the link selected for Ctrl+C
      input.focus();
      input.select();
      this.say('accounts.copyManually');
    }
  }

  private say(key: string): void {
    this.snackBar.open(this.translate.instant(key), undefined, {
      duration: SNACK_BAR_MS,
    });
  }
}

/** Opens the link of a new invitation; focus comes back to the button that asked for it. */
export function openInvitationDialog(
  dialog: MatDialog,
  invitation: Invitation,
): MatDialogRef<InvitationDialog> {
  return dialog.open(InvitationDialog, {
    data: invitation,
    autoFocus: 'first-tabbable',
    restoreFocus: true,
    maxWidth: '640px',
  });
}
