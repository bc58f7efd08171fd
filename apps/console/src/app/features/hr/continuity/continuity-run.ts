import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { AllocationRunDto } from '@telework/contracts';
import { exhaustMap, Subscription, takeWhile, timer } from 'rxjs';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { PlanningApi } from '../../../core/api/planning-api';
import { displayDate } from '../../../core/dates/iso-dates';
import { LanguageService } from '../../../core/i18n/language.service';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { ErrorAlert } from '../../../shared/error-alert';
import { isLive, runErrorText, runMetrics, warningTexts } from '../runs/run-metrics';

export const CONTINUITY_RUN_POLL_MS = 1000;

/**
 * The allocation run an activation, an edit or an end started, followed like the runs page
 * does (`GET /api/allocation-runs/:id` every second while QUEUED or RUNNING): status, a
 * determinate bar, then its figures (agents changed, half-days without a workplace), warnings
 * worded from their codes, or why it failed.
 */
@Component({
  selector: 'tw-continuity-run',
  imports: [MatProgressBarModule, RouterLink, TranslatePipe, TwDatePipe, TwNumberPipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (run(); as r) {
      <div class="tw-run" [attr.data-status]="r.status" [attr.data-run]="r.id">
        <p class="tw-run-heading">
          {{ 'runs.runHeading' | translate: { from: (toDate(r.from) | twDate: { day: 'numeric', month: 'long' }), to: (toDate(r.to) | twDate: { day: 'numeric', month: 'long', year: 'numeric' }) } }}
        </p>
        <p class="tw-run-status" role="status" aria-live="polite">
          <span class="tw-status-chip" [attr.data-status]="r.status">{{ 'runStatus.' + r.status | translate }}</span>
          @if (live()) {
            {{ 'runs.progress' | translate: { progress: r.progress } }}
          }
        </p>
        <mat-progress-bar
          class="tw-run-progress"
          mode="determinate"
          [value]="r.progress"
          [attr.aria-label]="'runs.progressLabel' | translate"
          [attr.aria-valuetext]="'runs.progress' | translate: { progress: r.progress }"
        />
        @if (r.status === 'FAILED') {
          <div class="tw-run-failed" role="alert">
            <p>{{ 'runs.failed' | translate }}</p>
            @if (failure(); as f) { <p>{{ f }}</p> }
          </div>
        }
        @if (r.status === 'SUCCEEDED') {
          <dl class="tw-metrics">
            <div>
              <dt>{{ 'runs.metrics.changedAgents' | translate }}</dt>
              <dd class="tw-metric-changed">{{ metrics().changedAgents | twNumber }}</dd>
            </div>
            <div>
              <dt>{{ 'continuity.run.noWorkplace' | translate }}</dt>
              <dd class="tw-metric-no-workplace">{{ noWorkplace() | twNumber }}</dd>
            </div>
            <div>
              <dt>{{ 'runs.metrics.siteOverflows' | translate }}</dt>
              <dd>{{ metrics().siteOverflows | twNumber }}</dd>
            </div>
          </dl>
        }
        @if (warnings().length) {
          <p class="tw-warnings-title">{{ 'runs.warnings' | translate: { count: warnings().length } }}</p>
          <ul class="tw-warnings">
            @for (w of warnings(); track $index) { <li>{{ w }}</li> }
          </ul>
        }
      </div>
    }
    @if (error(); as e) {
      <tw-error-alert [error]="e" [retryable]="true" (retry)="follow(runId())" />
    }
    <p><a routerLink="/hr/runs">{{ 'continuity.run.allRuns' | translate }}</a></p>
  `,
  styles: `
    .tw-run { padding: 12px 16px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; }
    .tw-run-heading { margin: 0 0 4px; font-weight: 600; }
    .tw-run-status { font-weight: 600; }
    .tw-status-chip { display: inline-block; padding: 2px 8px; border-radius: 12px; border: 1px solid currentColor; font-size: 0.8125rem; margin-inline-end: 8px; }
    .tw-status-chip[data-status='SUCCEEDED'] { color: #18753c; }
    .tw-status-chip[data-status='FAILED'] { color: var(--mat-sys-error); }
    .tw-status-chip[data-status='RUNNING'], .tw-status-chip[data-status='QUEUED'] { color: var(--mat-sys-primary); }
    .tw-run-failed { margin-top: 12px; padding: 12px 16px; border-radius: 4px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .tw-run-failed p { margin: 0 0 4px; }
    .tw-metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; margin: 16px 0 0; }
    .tw-metrics div { padding: 8px 12px; background: var(--mat-sys-surface-container-low); border-radius: 4px; }
    .tw-metrics dt { font-size: 0.8125rem; color: var(--mat-sys-on-surface-variant); }
    .tw-metrics dd { margin: 4px 0 0; font-size: 1.25rem; font-weight: 600; }
    .tw-warnings-title { margin: 16px 0 4px; font-weight: 600; }
  `,
})
export class ContinuityRun {
  private readonly api = inject(PlanningApi);
  private readonly language = inject(LanguageService);

  readonly runId = input.required<string>();
  /** the run ended (SUCCEEDED or FAILED) */
  readonly finished = output<AllocationRunDto>();

  protected readonly run = signal<AllocationRunDto | null>(null);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly live = computed(() => {
    const r = this.run();
    return !!r && isLive(r);
  });
  protected readonly metrics = computed(() => {
    const r = this.run();
    return r ? runMetrics(r) : runMetrics({ metrics: null, changedAgents: null } as AllocationRunDto);
  });
  /** `metrics.noWorkplace` of a plan with events (absent from older runs: a dash) */
  protected readonly noWorkplace = computed(() => {
    const value = this.run()?.metrics?.['noWorkplace'];
    return typeof value === 'number' ? value : null;
  });
  protected readonly warnings = computed(() => {
    const r = this.run();
    return r ? warningTexts(r, this.language.current()) : [];
  });
  protected readonly failure = computed(() => {
    const r = this.run();
    return r ? runErrorText(r, this.language.current()) : null;
  });
  private poll: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.poll?.unsubscribe());
    effect(() => {
      const id = this.runId();
      untracked(() => this.follow(id));
    });
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  /** Reads the run now, then every second while it is QUEUED or RUNNING. */
  follow(id: string): void {
    this.poll?.unsubscribe();
    this.error.set(null);
    if (this.run()?.id !== id) this.run.set(null);
    this.poll = timer(0, CONTINUITY_RUN_POLL_MS)
      .pipe(
        exhaustMap(() => this.api.getRun(id)),
        takeWhile((r) => isLive(r), true),
      )
      .subscribe({
        next: (r) => {
          this.run.set(r);
          if (!isLive(r)) this.finished.emit(r);
        },
        error: (err: unknown) => this.error.set(describeHttpError(err, this.language.current())),
      });
  }
}
