import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
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
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { LicenceSizingDto, PoolDto } from '@telework/contracts';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { CapacityApi } from '../../../core/api/capacity-api';
import { displayDate } from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { injectEngineJobTracker } from '../../../core/jobs/engine-jobs.service';
import { EngineJobProgress } from '../../../shared/engine-job-progress';
import { ErrorAlert } from '../../../shared/error-alert';
import { applyServerErrors, serverError } from '../../../shared/server-errors';

/** "How many licences do we need?": pool + weekly minimum → `GET /api/capacity/licences`. */
@Component({
  selector: 'tw-licence-sizing',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    TwDatePipe,
    TwNumberPipe,
    ErrorAlert,
    EngineJobProgress,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="tw-intro">{{ 'licences.intro' | translate }}</p>
    <form [formGroup]="form" (ngSubmit)="compute()" novalidate class="tw-row">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'licences.pool' | translate }}</mat-label>
        <mat-select formControlName="pool">
          @for (p of pools(); track p.id) {
            <mat-option [value]="p.code">{{ p.name }} ({{ p.code }})</mat-option>
          }
        </mat-select>
        @if (serverError(form.controls.pool); as m) { <mat-error>{{ m }}</mat-error> }
        @else { <mat-error>{{ 'reservations.poolRequired' | translate }}</mat-error> }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'licences.weeklyMin' | translate }}</mat-label>
        <input matInput type="number" min="0" max="10" step="1" formControlName="weeklyMin" />
        <mat-hint>{{ 'licences.weeklyMinHint' | translate }}</mat-hint>
        @if (serverError(form.controls.weeklyMin); as m) { <mat-error>{{ m }}</mat-error> }
        @else { <mat-error>{{ 'licences.weeklyMinInvalid' | translate }}</mat-error> }
      </mat-form-field>
      <button mat-flat-button type="submit" class="tw-compute" [disabled]="loading()" [attr.aria-busy]="loading()">{{ 'licences.compute' | translate }}</button>
    </form>
    <tw-engine-job-progress [tracker]="job" label="licences.computing" />
    @if (error(); as e) {
      <tw-error-alert [error]="e" />
    }
    <div role="status" aria-live="polite">
      @if (result(); as r) {
        <div class="tw-result">
          <p class="tw-answer">
            {{ 'licences.answer' | translate: { needed: (r.capacityNeeded | twNumber), pool: r.pool, days: (days() | twNumber: { maximumFractionDigits: 1 }), halfDays: r.weeklyMin } }}
          </p>
          <p>
            {{ 'licences.detail' | translate: { from: (toDate(r.from) | twDate: { day: 'numeric', month: 'long' }), to: (toDate(r.to) | twDate: { day: 'numeric', month: 'long', year: 'numeric' }), current: (r.currentCapacity | twNumber) } }}
            @if (r.capacityNeeded > r.currentCapacity) {
              <strong>{{ 'licences.missing' | translate: { count: (r.capacityNeeded - r.currentCapacity | twNumber) } }}</strong>
            } @else {
              {{ 'licences.enough' | translate }}
            }
          </p>
          @if (r.lowerBound !== null) {
            <p class="tw-muted">{{ 'licences.lowerBound' | translate: { count: (r.lowerBound | twNumber) } }}</p>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .tw-intro { max-width: 80ch; margin-top: 0; }
    .tw-row { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 12px; }
    .tw-row button { margin-top: 10px; }
    .tw-result { padding: 12px 16px; border-inline-start: 4px solid var(--mat-sys-primary); background: var(--mat-sys-surface-container-low); border-radius: 4px; max-width: 80ch; }
    .tw-result p { margin: 0 0 4px; }
    .tw-answer { font: var(--mat-sys-title-medium); }
    .tw-muted { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class LicenceSizing {
  private readonly language = inject(LanguageService);
  private readonly api = inject(CapacityApi);

  readonly pools = input.required<PoolDto[]>();

  protected readonly form = new FormGroup({
    pool: new FormControl('', { nonNullable: true, validators: Validators.required }),
    weeklyMin: new FormControl<number | null>(4, [Validators.required, Validators.min(0), Validators.max(10), Validators.pattern(/^\d+$/)]),
  });
  protected readonly serverError = serverError;
  protected readonly loading = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly result = signal<LicenceSizingDto | null>(null);
  /** the sizing's engine job, followed while `GET /api/capacity/licences` runs */
  protected readonly job = injectEngineJobTracker();
  protected readonly days = computed(() => (this.result()?.weeklyMin ?? 0) / 2);

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected compute(): void {
    this.error.set(null);
    if (!this.form.controls.pool.value && this.pools().length === 1) {
      this.form.controls.pool.setValue(this.pools()[0].code);
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { pool, weeklyMin } = this.form.getRawValue();
    this.loading.set(true);
    this.result.set(null);
    this.api.licences({ pool, weeklyMin: Number(weeklyMin) }, this.job).subscribe({
      next: (r) => {
        this.loading.set(false);
        this.result.set(r);
      },
      error: (err: unknown) => {
        const locale = this.language.current();
        this.loading.set(false);
        const other = applyServerErrors(this.form, err, locale);
        if (other.length || !(serverError(this.form.controls.pool) || serverError(this.form.controls.weeklyMin)))
          this.error.set(describeHttpError(err, locale));
      },
    });
  }
}
