import { LowerCasePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { AllocationRunDto, Page } from '@telework/contracts';
import { interval, Subscription, switchMap, takeWhile, tap } from 'rxjs';
import { DATEPICKER, dateErrorKey, markNonWorkingDays } from '../../../core/dates/date-fields';
import { AuthService } from '../../../core/auth/auth.service';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { PlanningApi } from '../../../core/api/planning-api';
import {
  addDays,
  displayDate,
  mondayOf,
} from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { applyServerErrors, serverError } from '../../../shared/server-errors';
import { isLive, runErrorText, runMetrics, warningTexts } from './run-metrics';
import { toAfterFrom } from '../../../shared/date-range.validator';

export const RUN_POLL_MS = 1000;
export const RUNS_PAGE_SIZE = 20;

/**
 * Allocation runs: history, "lancer maintenant" (`POST /api/allocation-runs` → 202), then the
 * run followed every second while QUEUED or RUNNING (progress 0–100 and stage), then its
 * figures and warnings.
 */
@Component({
  selector: 'tw-runs-page',
  imports: [
    LowerCasePipe,
    TwNumberPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    DATEPICKER,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
    TwDatePipe,
    ErrorAlert,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './runs-page.html',
  styleUrl: './runs-page.scss',
})
export class RunsPage {
  private readonly language = inject(LanguageService);
  private readonly api = inject(PlanningApi);
  private poll: Subscription | null = null;

  private readonly nextMonday = addDays(mondayOf(inject(AuthService).today()), 7);
  protected readonly form = new FormGroup(
    {
      from: new FormControl(this.nextMonday, {
        nonNullable: true,
        validators: Validators.required,
      }),
      to: new FormControl(addDays(this.nextMonday, 27), {
        nonNullable: true,
        validators: Validators.required,
      }),
    },
    { validators: toAfterFrom },
  );
  protected readonly serverError = serverError;
  protected readonly dateError = dateErrorKey;
  protected readonly markNonWorkingDays = markNonWorkingDays;

  protected readonly starting = signal(false);
  protected readonly startError = signal<ErrorText | null>(null);
  protected readonly current = signal<AllocationRunDto | null>(null);
  protected readonly pollError = signal<ErrorText | null>(null);
  protected readonly metrics = computed(() => {
    const run = this.current();
    return run ? runMetrics(run) : null;
  });
  /** the run's warnings, worded in the reader's language (the English as it came for older runs) */
  protected readonly warnings = computed(() => {
    const run = this.current();
    return run ? warningTexts(run, this.language.current()) : [];
  });
  /** why the run failed, in the reader's language (its English error for older runs) */
  protected readonly failure = computed(() => {
    const run = this.current();
    return run ? runErrorText(run, this.language.current()) : null;
  });
  protected readonly live = computed(() => {
    const run = this.current();
    return !!run && isLive(run);
  });

  protected readonly columns = ['createdAt', 'trigger', 'horizon', 'status', 'changedAgents', 'actions'];
  protected readonly pageSize = RUNS_PAGE_SIZE;
  protected readonly pageIndex = signal(0);
  /** on opening the page, a run still under way is followed */
  private followLive = true;
  protected readonly history = loadable({
    params: () => this.pageIndex() + 1,
    stream: (page) =>
      this.api.listRuns({ page, pageSize: this.pageSize }).pipe(
        tap((answer) => {
          if (!this.followLive) return;
          this.followLive = false;
          const live = answer.items.find(isLive);
          if (live && !this.current()) this.follow(live);
        }),
      ),
    initial: null as Page<AllocationRunDto> | null,
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.poll?.unsubscribe());
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }

  protected start(): void {
    this.startError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { from, to } = this.form.getRawValue();
    this.starting.set(true);
    this.api.startRun(from, to).subscribe({
      next: (run) => {
        this.starting.set(false);
        this.follow(run);
        this.history.reload();
      },
      error: (err: unknown) => {
        const locale = this.language.current();
        this.starting.set(false);
        const unmatched = applyServerErrors(this.form, err, locale);
        if (
          unmatched.length ||
          (!serverError(this.form.controls.from) &&
            !serverError(this.form.controls.to))
        ) {
          this.startError.set(describeHttpError(err, locale));
        }
      },
    });
  }

  /** Shows `run`; while it is QUEUED or RUNNING, asks for it again every second. */
  protected follow(run: AllocationRunDto): void {
    this.poll?.unsubscribe();
    this.poll = null;
    this.pollError.set(null);
    this.current.set(run);
    if (!isLive(run)) return;
    this.poll = interval(RUN_POLL_MS)
      .pipe(
        switchMap(() => this.api.getRun(run.id)),
        takeWhile((r) => isLive(r), true),
      )
      .subscribe({
        next: (r) => this.current.set(r),
        error: (err: unknown) => this.pollError.set(describeHttpError(err, this.language.current())),
        complete: () => this.history.reload(),
      });
  }

  protected resume(): void {
    const run = this.current();
    if (run) this.follow(run);
  }
}
