import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, switchMap } from 'rxjs';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { MeApi } from '../../../core/api/me-api';
import { confirm } from '../../../shared/confirm-dialog';
import { ErrorAlert } from '../../../shared/error-alert';

/**
 * The private iCal feed URL to subscribe to in Outlook: copy it, or renew it (the old URL then
 * stops working, which is what to do when it leaked).
 */
@Component({
  selector: 'tw-calendar-link',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    ErrorAlert,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="tw-intro">{{ 'calendarLink.intro' | translate }}</p>
    @if (error(); as e) {
      <tw-error-alert [error]="e" [retryable]="!url()" (retry)="load()" />
    }
    <mat-form-field appearance="outline" class="tw-url" subscriptSizing="dynamic">
      <mat-label>{{ 'calendarLink.label' | translate }}</mat-label>
      <input
        #urlInput
        matInput
        readonly
        [value]="url() ?? ''"
        [placeholder]="(loading() ? 'common.loading' : '') | translate"
        (focus)="urlInput.select()"
      />
      <mat-hint>{{ 'calendarLink.hint' | translate }}</mat-hint>
    </mat-form-field>
    <div class="tw-actions">
      <button
        mat-flat-button
        type="button"
        class="tw-copy"
        [disabled]="!url()"
        (click)="copy(urlInput)"
      >
        <mat-icon svgIcon="tw-copy" aria-hidden="true" />
        {{ 'calendarLink.copy' | translate }}
      </button>
      <button
        mat-stroked-button
        type="button"
        class="tw-renew"
        [disabled]="!url() || renewing()"
        (click)="renew()"
      >
        <mat-icon svgIcon="tw-refresh" aria-hidden="true" />
        {{ 'calendarLink.renew' | translate }}
      </button>
    </div>
    <p class="tw-status" role="status" aria-live="polite">
      {{ status() | translate }}
    </p>
  `,
  styles: `
    .tw-intro {
      margin-top: 0;
      max-width: 70ch;
    }
    .tw-url {
      width: 100%;
    }
    .tw-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 8px;
    }
    .tw-status {
      min-height: 1.5em;
      font-weight: 600;
    }
  `,
})
export class CalendarLink {
  private readonly language = inject(LanguageService);
  private readonly api = inject(MeApi);
  private readonly dialog = inject(MatDialog);

  protected readonly url = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly renewing = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly status = signal('');

  constructor() {
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.calendarLink().subscribe({
      next: ({ url }) => {
        this.url.set(url);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(describeHttpError(err, this.language.current()));
        this.loading.set(false);
      },
    });
  }

  protected async copy(input: HTMLInputElement): Promise<void> {
    const url = this.url();
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      this.status.set('calendarLink.copied');
    } catch {
      // no clipboard permission (or an old browser): leave the text selected for Ctrl+C
      input.focus();
      input.select();
      this.status.set('calendarLink.copyManually');
    }
  }

  protected renew(): void {
    this.status.set('');
    confirm(this.dialog, {
      titleKey: 'calendarLink.confirmTitle',
      messageKey: 'calendarLink.confirmText',
      confirmKey: 'calendarLink.renew',
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.renewing.set(true);
          this.error.set(null);
          return this.api.renewCalendarLink();
        }),
      )
      .subscribe({
        next: ({ url }) => {
          this.url.set(url);
          this.renewing.set(false);
          this.status.set('calendarLink.renewed');
        },
        error: (err: unknown) => {
          this.renewing.set(false);
          this.error.set(describeHttpError(err, this.language.current()));
        },
      });
  }
}
