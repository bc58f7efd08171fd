import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import {
  MAIL_STATUSES,
  type MailOutboxEntryDto,
  type MailOutboxPageDto,
  type MailStatus,
} from '@telework/contracts';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { MailApi } from '../../../core/api/mail-api';
import { LanguageService } from '../../../core/i18n/language.service';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';

export const MAIL_PAGE_SIZE = 50;
const SNACK_BAR_MS = 5_000;

function isMailStatus(value: unknown): value is MailStatus {
  return typeof value === 'string' && (MAIL_STATUSES as readonly string[]).includes(value);
}

/**
 * « Courriels » (HR and ADMIN): the outbox — how many mails wait, are being sent, went or were
 * refused, then the mails page by page (newest first, filtered by status), each with its
 * attempts and last error; a refused one can be sent again.
 */
@Component({
  selector: 'tw-mail-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
    TranslatePipe,
    TwDatePipe,
    TwNumberPipe,
    ErrorAlert,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mail-page.html',
  styleUrl: './mail-page.scss',
})
export class MailPage {
  private readonly api = inject(MailApi);
  private readonly language = inject(LanguageService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);

  protected readonly statuses = MAIL_STATUSES;
  protected readonly columns = [
    'kind',
    'recipient',
    'language',
    'status',
    'attempts',
    'lastError',
    'createdAt',
    'sentAt',
    'actions',
  ];
  protected readonly pageSize = MAIL_PAGE_SIZE;
  protected readonly pageIndex = signal(0);
  protected readonly status = signal<MailStatus | null>(null);
  protected readonly outbox = loadable({
    params: () => ({ status: this.status(), page: this.pageIndex() + 1 }),
    stream: ({ status, page }) => this.api.outbox({ status, page, pageSize: this.pageSize }),
    initial: null as MailOutboxPageDto | null,
  });
  protected readonly actionError = signal<ErrorText | null>(null);
  /** mails whose « Renvoyer » is on its way */
  protected readonly retrying = signal<ReadonlySet<string>>(new Set());

  protected readonly dateTime: Intl.DateTimeFormatOptions = {
    dateStyle: 'short',
    timeStyle: 'short',
  };

  protected onStatus(event: MatSelectChange): void {
    const value: unknown = event.value;
    this.status.set(isMailStatus(value) ? value : null);
    this.pageIndex.set(0);
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }

  /** « Renvoyer »: a refused mail waits again, to be sent at the next round. */
  protected retry(mail: MailOutboxEntryDto): void {
    if (this.retrying().has(mail.id)) return;
    this.actionError.set(null);
    this.setRetrying(mail.id, true);
    this.api.retry(mail.id).subscribe({
      next: () => {
        this.setRetrying(mail.id, false);
        this.snackBar.open(
          this.translate.instant('mailOutbox.retried', { recipient: mail.recipient }) as string,
          undefined,
          { duration: SNACK_BAR_MS },
        );
        this.outbox.reload();
      },
      error: (err: unknown) => {
        this.setRetrying(mail.id, false);
        this.actionError.set(describeHttpError(err, this.language.current()));
        this.outbox.reload();
      },
    });
  }

  private setRetrying(id: string, on: boolean): void {
    const next = new Set(this.retrying());
    if (on) next.add(id);
    else next.delete(id);
    this.retrying.set(next);
  }
}
