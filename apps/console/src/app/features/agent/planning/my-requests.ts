import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe } from '@ngx-translate/core';
import type { Page, TeleworkRequestDto } from '@telework/contracts';
import { filter, switchMap } from 'rxjs';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { RequestsApi } from '../../../core/api/requests-api';
import { displayDate } from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { confirm } from '../../../shared/confirm-dialog';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { RequestStatus } from '../../../shared/request-status';
import { narrowScreen } from './narrow-screen';

export const MY_REQUESTS_PAGE_SIZE = 10;

/** The agent's own requests (`GET /api/requests`), newest first, with cancel. */
@Component({
  selector: 'tw-my-requests',
  imports: [
    MatButtonModule,
    MatPaginatorModule,
    MatTableModule,
    TranslatePipe,
    TwDatePipe,
    ErrorAlert,
    LoadState,
    RequestStatus,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (actionError(); as e) {
      <tw-error-alert [error]="e" />
    }
    <p class="tw-visually-hidden" role="status" aria-live="polite">{{ announce() | translate }}</p>
    <tw-load-state [of]="requests" emptyKey="myRequests.empty">
    @if (!requests.empty() && narrow()) {
      <!-- a phone: each request as an item of a list, nothing to scroll sideways -->
      <ul class="tw-request-list" [attr.aria-label]="'myRequests.caption' | translate">
        @for (r of rows(); track r.id) {
          <li class="tw-request-item" [attr.data-request]="r.id">
            <p class="tw-request-when">
              {{ toDate(r.date) | twDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } }},
              {{ 'periods.' + r.period | translate }}
            </p>
            <p class="tw-request-what">
              <span>{{ 'requestKinds.' + r.kind | translate }}</span>
              <tw-request-status [request]="r" />
            </p>
            @if (r.comment) {
              <p class="tw-request-comment">{{ 'myRequests.columns.comment' | translate }} : {{ r.comment }}</p>
            }
            @if (cancellable(r)) {
              <button
                mat-stroked-button
                type="button"
                class="tw-cancel"
                [disabled]="busy() === r.id"
                (click)="cancel(r)"
                [attr.aria-label]="'myRequests.cancelLabel' | translate: { date: (toDate(r.date) | twDate: { day: 'numeric', month: 'long' }), period: ('periods.' + r.period | translate) }"
              >
                {{ 'myRequests.cancel' | translate }}
              </button>
            }
          </li>
        }
      </ul>
    } @else if (!requests.empty()) {
      <div class="tw-table-wrap">
        <table mat-table [dataSource]="rows()" class="tw-table">
          <caption class="tw-visually-hidden">{{ 'myRequests.caption' | translate }}</caption>
          <ng-container matColumnDef="date">
            <th mat-header-cell *matHeaderCellDef>{{ 'myRequests.columns.date' | translate }}</th>
            <td mat-cell *matCellDef="let r">
              {{ toDate(r.date) | twDate: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } }},
              {{ 'periods.' + r.period | translate }}
            </td>
          </ng-container>
          <ng-container matColumnDef="kind">
            <th mat-header-cell *matHeaderCellDef>{{ 'myRequests.columns.kind' | translate }}</th>
            <td mat-cell *matCellDef="let r">{{ 'requestKinds.' + r.kind | translate }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>{{ 'myRequests.columns.status' | translate }}</th>
            <td mat-cell *matCellDef="let r"><tw-request-status [request]="r" /></td>
          </ng-container>
          <ng-container matColumnDef="comment">
            <th mat-header-cell *matHeaderCellDef>{{ 'myRequests.columns.comment' | translate }}</th>
            <td mat-cell *matCellDef="let r">{{ r.comment ?? '' }}</td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef>
              <span class="tw-visually-hidden">{{ 'common.actions' | translate }}</span>
            </th>
            <td mat-cell *matCellDef="let r">
              @if (cancellable(r)) {
                <button
                  mat-stroked-button
                  type="button"
                  class="tw-cancel"
                  [disabled]="busy() === r.id"
                  (click)="cancel(r)"
                  [attr.aria-label]="'myRequests.cancelLabel' | translate: { date: (toDate(r.date) | twDate: { day: 'numeric', month: 'long' }), period: ('periods.' + r.period | translate) }"
                >
                  {{ 'myRequests.cancel' | translate }}
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
    }
    </tw-load-state>
    @if (total() > pageSize) {
      <mat-paginator
        [length]="total()"
        [pageIndex]="pageIndex()"
        [pageSize]="pageSize"
        [hidePageSize]="true"
        (page)="onPage($event)"
      />
    }
  `,
  styles: `
    .tw-table-wrap {
      overflow-x: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
    }
    .tw-table {
      width: 100%;
    }
    .tw-request-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .tw-request-item {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px;
      overflow-wrap: anywhere;
    }
    .tw-request-item p {
      margin: 0 0 4px;
    }
    .tw-request-when {
      font-weight: 600;
    }
    .tw-request-when::first-letter {
      text-transform: uppercase;
    }
    .tw-request-what {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
    }
    .tw-request-comment {
      font-size: 0.875rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MyRequests {
  private readonly language = inject(LanguageService);
  private readonly api = inject(RequestsApi);
  private readonly dialog = inject(MatDialog);

  readonly today = input.required<string>();
  /** bump to reload (after a new request) */
  readonly reload = input(0);

  protected readonly columns = ['date', 'kind', 'status', 'comment', 'actions'];
  /** a phone: the requests as a list rather than a five-column table */
  protected readonly narrow = narrowScreen();
  protected readonly pageSize = MY_REQUESTS_PAGE_SIZE;
  protected readonly pageIndex = signal(0);
  protected readonly actionError = signal<ErrorText | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly announce = signal('');
  /** the agent's requests, loaded again on another page or when `reload` is bumped */
  protected readonly requests = loadable({
    params: () => ({ page: this.pageIndex() + 1, bump: this.reload() }),
    stream: ({ page }) => this.api.list({ page, pageSize: this.pageSize }),
    initial: null as Page<TeleworkRequestDto> | null,
  });
  protected readonly rows = computed(() => this.requests.value()?.items ?? []);
  protected readonly total = computed(() => this.requests.value()?.total ?? 0);

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected cancellable(r: TeleworkRequestDto): boolean {
    return (
      (r.status === 'PENDING' || r.status === 'APPROVED') && r.date >= this.today()
    );
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }

  protected cancel(r: TeleworkRequestDto): void {
    this.actionError.set(null);
    confirm(this.dialog, {
      titleKey: 'myRequests.confirmTitle',
      messageKey:
        r.allocationStatus === 'GRANTED'
          ? 'myRequests.confirmGranted'
          : 'myRequests.confirmText',
      confirmKey: 'myRequests.cancel',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(r.id);
          return this.api.cancel(r.id);
        }),
      )
      .subscribe({
        next: (updated) => {
          this.busy.set(null);
          this.requests.update((p) =>
            p
              ? { ...p, items: p.items.map((i) => (i.id === r.id ? updated : i)) }
              : p,
          );
          this.announce.set('myRequests.cancelled');
        },
        error: (err: unknown) => {
          this.busy.set(null);
          this.actionError.set(describeHttpError(err, this.language.current()));
        },
      });
  }
}
