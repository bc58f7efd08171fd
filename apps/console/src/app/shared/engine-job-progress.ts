import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import { describeHttpError } from '../core/api/api-error';
import { LanguageService } from '../core/i18n/language.service';
import { TwNumberPipe } from '../core/i18n/tw-number.pipe';
import type { EngineJobTracker } from '../core/jobs/engine-jobs.service';

/** The engine's stages that have their own words (`engineJob.stage.*`); any other reads "en cours". */
export const ENGINE_JOB_STAGES = ['start', 'validate', 'rotation', 'allocation', 'check', 'done'] as const;

/**
 * The progress of one engine-job call, the same for all of them (rotation drafts, cell checks,
 * publications, licence sizing): what is computed, a determinate bar, the stage in words
 * (announced politely), the percentage, the time elapsed, and "Annuler le calcul". Nothing
 * shows until the call has lasted one poll; the live region stays in place so that screen
 * readers hear the stages as they change.
 */
@Component({
  selector: 'tw-engine-job-progress',
  imports: [MatButtonModule, MatProgressBarModule, TranslatePipe, TwNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tw-job" [class.tw-job-shown]="shown()" [attr.aria-busy]="shown()">
      @if (shown()) {
        <p class="tw-job-title">{{ label() | translate }}</p>
        <mat-progress-bar
          class="tw-job-bar"
          mode="determinate"
          [value]="percent()"
          [attr.aria-label]="label() | translate"
          [attr.aria-valuetext]="'engineJob.valueText' | translate: { percent: (percent() | twNumber), stage: (stageKey() | translate) }"
        />
      }
      <div class="tw-job-line">
        <span class="tw-job-stage" role="status" aria-live="polite" aria-atomic="true">{{ shown() ? (stageKey() | translate) : '' }}</span>
        @if (shown()) {
          <span class="tw-job-pct">{{ 'engineJob.percent' | translate: { percent: (percent() | twNumber) } }}</span>
          <span class="tw-job-elapsed">
            @if (minutes() > 0) {
              {{ 'engineJob.elapsedMinutes' | translate: { minutes: minutes(), seconds: seconds() } }}
            } @else {
              {{ 'engineJob.elapsedSeconds' | translate: { seconds: seconds() } }}
            }
          </span>
        }
      </div>
      @if (shown()) {
        <button
          mat-stroked-button
          type="button"
          class="tw-job-cancel"
          [disabled]="cancelling()"
          disabledInteractive
          (click)="tracker().cancel()"
        >
          {{ (cancelling() ? 'engineJob.cancelling' : 'engineJob.cancel') | translate }}
        </button>
        @if (cancelError(); as e) {
          <p class="tw-job-error" role="alert">{{ 'engineJob.cancelFailed' | translate }} {{ e.key | translate: e.params }}</p>
        }
      }
    </div>
  `,
  styles: `
    .tw-job-shown {
      margin: 8px 0 16px;
      padding: 12px 16px;
      border-inline-start: 4px solid var(--mat-sys-primary);
      border-radius: 4px;
      background: var(--mat-sys-surface-container-low);
      max-width: 80ch;
    }
    .tw-job-title {
      margin: 0 0 8px;
      font-weight: 600;
    }
    .tw-job-line {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .tw-job-shown .tw-job-line {
      margin: 8px 0;
    }
    .tw-job-pct {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .tw-job-elapsed {
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .tw-job-error {
      margin: 8px 0 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class EngineJobProgress {
  private readonly language = inject(LanguageService);

  readonly tracker = input.required<EngineJobTracker>();
  /** translation key of what is being computed, e.g. 'calendars.generating' */
  readonly label = input.required<string>();

  protected readonly shown = computed(() => this.tracker().shown());
  protected readonly cancelling = computed(
    () => this.tracker().cancelling() || !!this.tracker().job()?.cancelRequested,
  );
  protected readonly percent = computed(() => {
    const pct = this.tracker().job()?.progressPct ?? 0;
    return Math.max(0, Math.min(100, Math.round(pct)));
  });
  protected readonly stageKey = computed(() => {
    const job = this.tracker().job();
    if (this.cancelling()) return 'engineJob.stage.cancelling';
    if (!job) return 'engineJob.stage.waiting';
    if (job.status === 'QUEUED') return 'engineJob.stage.queued';
    const stage = job.stage;
    return stage && (ENGINE_JOB_STAGES as readonly string[]).includes(stage)
      ? `engineJob.stage.${stage}`
      : 'engineJob.stage.running';
  });
  private readonly totalSeconds = computed(() => Math.floor(this.tracker().elapsedMs() / 1000));
  protected readonly minutes = computed(() => Math.floor(this.totalSeconds() / 60));
  protected readonly seconds = computed(() => {
    const s = this.totalSeconds() % 60;
    return this.minutes() > 0 ? String(s).padStart(2, '0') : String(s);
  });
  protected readonly cancelError = computed(() => {
    const err = this.tracker().cancelError();
    return err ? describeHttpError(err, this.language.current()) : null;
  });
}
