import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type {
  BulkDecisionResult,
  Page,
  TeleworkRequestDto,
} from '@telework/contracts';
import { filter, Observable, tap } from 'rxjs';
import { codedText, describeHttpError, ErrorText } from '../../../core/api/api-error';
import { RequestsApi } from '../../../core/api/requests-api';
import { displayDate } from '../../../core/dates/iso-dates';
import { formatParisDate, TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { LanguageService } from '../../../core/i18n/language.service';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { RequestStatus } from '../../../shared/request-status';
import { RefuseDialog, RefuseDialogData } from './refuse-dialog';

export const PENDING_PAGE_SIZES = [25, 50, 100];

export interface DecisionFailure {
  id: string;
  label: string;
  error: string;
  statusCode: number | null;
}

/**
 * "Demandes à valider": the team's PENDING requests; approve or refuse one or the selected
 * ones. What the allocation made of each approval (granted at once, or waitlisted and why)
 * is shown in "Décisions prises", and every failure of a bulk decision is listed by request.
 */
@Component({
  selector: 'tw-requests-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    TranslatePipe,
    TwDatePipe,
    ErrorAlert,
    LoadState,
    RequestStatus,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './requests-page.html',
  styleUrl: './requests-page.scss',
})
export class RequestsPage {
  private readonly api = inject(RequestsApi);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);

  protected readonly columns = ['select', 'agent', 'date', 'kind', 'createdAt', 'actions'];
  protected readonly pageSizes = PENDING_PAGE_SIZES;
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(50);

  protected readonly pending = loadable({
    params: () => ({ page: this.pageIndex() + 1, pageSize: this.pageSize() }),
    stream: ({ page, pageSize }) =>
      this.api.list({ status: 'PENDING', page, pageSize }).pipe(
        tap((answer) => {
          const ids = new Set(answer.items.map((r) => r.id));
          this.selected.update((s) => new Set([...s].filter((id) => ids.has(id))));
          // the last request of a later page was just decided: show the page before it
          if (answer.items.length === 0 && page > 1) this.pageIndex.set(page - 2);
        }),
      ),
    initial: null as Page<TeleworkRequestDto> | null,
  });
  protected readonly actionError = signal<ErrorText | null>(null);
  protected readonly busy = signal(false);
  protected readonly rows = computed(() => this.pending.value()?.items ?? []);
  protected readonly total = computed(() => this.pending.value()?.total ?? 0);

  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly allSelected = computed(
    () =>
      this.rows().length > 0 &&
      this.rows().every((r) => this.selected().has(r.id)),
  );
  protected readonly someSelected = computed(
    () => this.selectedCount() > 0 && !this.allSelected(),
  );

  protected readonly decisions = signal<TeleworkRequestDto[]>([]);
  protected readonly failures = signal<DecisionFailure[]>([]);
  protected readonly announce = signal<{ key: string; params?: Record<string, number> } | null>(null);

  protected retry(): void {
    this.pending.reload();
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected isSelected(id: string): boolean {
    return this.selected().has(id);
  }

  protected toggle(id: string): void {
    this.selected.update((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  protected toggleAll(): void {
    this.selected.set(
      this.allSelected() ? new Set() : new Set(this.rows().map((r) => r.id)),
    );
  }

  /** "Claire MARTIN (M00001), lundi 7 décembre, matin" */
  protected describe(r: TeleworkRequestDto): string {
    const date = formatParisDate(displayDate(r.date), this.language.locale(), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    });
    const period: string = this.translate.instant(`periods.${r.period}`);
    return `${r.agentName} (${r.employeeNumber}), ${date}, ${period.toLowerCase()}`;
  }

  protected approve(r: TeleworkRequestDto): void {
    this.decide(this.api.approve(r.id), [r]);
  }

  protected refuse(r: TeleworkRequestDto): void {
    this.askComment({ count: 1, subject: this.describe(r) }).subscribe(
      (comment) => this.decide(this.api.refuse(r.id, comment), [r]),
    );
  }

  protected approveSelected(): void {
    const rows = this.selectedRows();
    if (rows.length)
      this.decideMany(this.api.approveMany(rows.map((r) => r.id)), rows);
  }

  protected refuseSelected(): void {
    const rows = this.selectedRows();
    if (!rows.length) return;
    this.askComment({ count: rows.length }).subscribe((comment) =>
      this.decideMany(
        this.api.refuseMany(
          rows.map((r) => r.id),
          comment,
        ),
        rows,
      ),
    );
  }

  private selectedRows(): TeleworkRequestDto[] {
    return this.rows().filter((r) => this.selected().has(r.id));
  }

  private askComment(data: RefuseDialogData): Observable<string> {
    return this.dialog
      .open<RefuseDialog, RefuseDialogData, string>(RefuseDialog, {
        data,
        restoreFocus: true,
      })
      .afterClosed()
      .pipe(filter((c): c is string => typeof c === 'string' && c !== ''));
  }

  private start(): void {
    this.busy.set(true);
    this.actionError.set(null);
    this.failures.set([]);
    this.announce.set(null);
  }

  private decide(call: Observable<TeleworkRequestDto>, rows: TeleworkRequestDto[]): void {
    this.start();
    call.subscribe({
      next: (decided) => {
        this.busy.set(false);
        this.record([decided]);
        this.announce.set({ key: 'managerRequests.decidedOne' });
        this.retry();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const text = describeHttpError(err, this.language.current());
        const error: string = this.translate.instant(text.key, text.params);
        this.failures.set(
          rows.map((r) => ({
            id: r.id,
            label: this.describe(r),
            error,
            statusCode: (err as { status?: number }).status ?? null,
          })),
        );
        this.retry();
      },
    });
  }

  private decideMany(call: Observable<BulkDecisionResult>, rows: TeleworkRequestDto[]): void {
    this.start();
    const byId = new Map(rows.map((r) => [r.id, r]));
    call.subscribe({
      next: ({ results }) => {
        this.busy.set(false);
        const locale = this.language.current();
        const ok = results.filter((r) => r.ok);
        this.record(ok.flatMap((r) => (r.request ? [r.request] : [])));
        this.failures.set(
          results
            .filter((r) => !r.ok)
            .map((r) => {
              const row = byId.get(r.id);
              return {
                id: r.id,
                label: row ? this.describe(row) : r.id,
                // the refusal this id would have had alone, worded from its code; else the API's words
                error: codedText(r.problem, locale) ?? r.error ?? '',
                statusCode: r.statusCode ?? null,
              };
            }),
        );
        this.announce.set({
          key: 'managerRequests.decidedMany',
          params: { ok: ok.length, failed: results.length - ok.length },
        });
        this.retry();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.actionError.set(describeHttpError(err, this.language.current()));
      },
    });
  }

  private record(decided: TeleworkRequestDto[]): void {
    this.decisions.update((d) => [...decided, ...d].slice(0, 100));
  }
}
