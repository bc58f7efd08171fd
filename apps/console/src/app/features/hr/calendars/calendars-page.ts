import {
  ChangeDetectionStrategy,
  Component,
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
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { RotationCalendarSummaryDto } from '@telework/contracts';
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
import { injectEngineJobTracker } from '../../../core/jobs/engine-jobs.service';
import { EngineJobProgress } from '../../../shared/engine-job-progress';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { applyServerErrors, serverError } from '../../../shared/server-errors';
import { toAfterFrom } from '../../../shared/date-range.validator';

/** Rotation calendars: the list (`GET /api/rotations`) and generating a new draft. */
@Component({
  selector: 'tw-calendars-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    DATEPICKER,
    MatInputModule,
    MatTableModule,
    TranslatePipe,
    TwDatePipe,
    ErrorAlert,
    LoadState,
    EngineJobProgress,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="tw-page-title">{{ 'calendars.title' | translate }}</h1>
    <p class="tw-intro">{{ 'calendars.intro' | translate }}</p>

    <section class="tw-section" aria-labelledby="tw-generate">
      <h2 id="tw-generate" class="tw-section-title">{{ 'calendars.generate' | translate }}</h2>
      <form [formGroup]="form" (ngSubmit)="generate()" novalidate class="tw-form">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'calendars.from' | translate }}</mat-label>
          <input matInput [matDatepicker]="fromPicker" formControlName="from" [placeholder]="'dates.placeholder' | translate" />
          <mat-hint>{{ 'dates.hint' | translate }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
          <mat-datepicker #fromPicker [dateClass]="markNonWorkingDays" />
          @if (serverError(form.controls.from); as m) {
            <mat-error>{{ m }}</mat-error>
          } @else if (dateError(form.controls.from); as k) {
            <mat-error>{{ k | translate }}</mat-error>
          } @else {
            <mat-error>{{ 'runs.dateRequired' | translate }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'calendars.to' | translate }}</mat-label>
          <input matInput [matDatepicker]="toPicker" formControlName="to" [placeholder]="'dates.placeholder' | translate" />
          <mat-hint>{{ 'dates.hint' | translate }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
          <mat-datepicker #toPicker [dateClass]="markNonWorkingDays" />
          @if (serverError(form.controls.to); as m) {
            <mat-error>{{ m }}</mat-error>
          } @else if (dateError(form.controls.to); as k) {
            <mat-error>{{ k | translate }}</mat-error>
          } @else {
            <mat-error>{{ 'runs.dateRequired' | translate }}</mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" class="tw-generate" [disabled]="generating()" [attr.aria-busy]="generating()">
          {{ 'calendars.generateButton' | translate }}
        </button>
      </form>
      @if (form.hasError('order') && form.touched) {
        <p class="tw-field-error" role="alert">{{ 'runs.orderError' | translate }}</p>
      }
      <tw-engine-job-progress [tracker]="draftJob" label="calendars.generating" />
      @if (generateError(); as e) {
        <tw-error-alert [error]="e" />
      }
    </section>

    <section class="tw-section" aria-labelledby="tw-calendars-list">
      <h2 id="tw-calendars-list" class="tw-section-title">{{ 'calendars.list' | translate }}</h2>
      <tw-load-state [of]="calendars" emptyKey="calendars.empty">
      @if (!calendars.empty()) {
      <div class="tw-table-wrap">
        <table mat-table [dataSource]="calendars.value()" class="tw-table">
          <caption class="tw-visually-hidden">{{ 'calendars.list' | translate }}</caption>
          <ng-container matColumnDef="period">
            <th mat-header-cell *matHeaderCellDef>{{ 'calendars.columns.period' | translate }}</th>
            <td mat-cell *matCellDef="let c">
              <a [routerLink]="[c.id]">
                {{ toDate(c.from) | twDate: { dateStyle: 'medium' } }} – {{ toDate(c.to) | twDate: { dateStyle: 'medium' } }}
              </a>
            </td>
          </ng-container>
          <ng-container matColumnDef="version">
            <th mat-header-cell *matHeaderCellDef>{{ 'calendars.columns.version' | translate }}</th>
            <td mat-cell *matCellDef="let c">{{ c.version }}</td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>{{ 'calendars.columns.status' | translate }}</th>
            <td mat-cell *matCellDef="let c">
              <span class="tw-chip" [attr.data-status]="c.status">{{ 'calendarStatus.' + c.status | translate }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="createdAt">
            <th mat-header-cell *matHeaderCellDef>{{ 'calendars.columns.createdAt' | translate }}</th>
            <td mat-cell *matCellDef="let c">{{ c.createdAt | twDate: { dateStyle: 'short', timeStyle: 'short' } }}</td>
          </ng-container>
          <ng-container matColumnDef="publishedAt">
            <th mat-header-cell *matHeaderCellDef>{{ 'calendars.columns.publishedAt' | translate }}</th>
            <td mat-cell *matCellDef="let c">{{ c.publishedAt | twDate: { dateStyle: 'short', timeStyle: 'short' } }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
      }
      </tw-load-state>
    </section>
  `,
  styleUrl: './calendars.scss',
})
export class CalendarsPage {
  private readonly language = inject(LanguageService);
  private readonly api = inject(PlanningApi);
  private readonly router = inject(Router);

  protected readonly columns = ['period', 'version', 'status', 'createdAt', 'publishedAt'];
  private readonly nextMonday = addDays(mondayOf(inject(AuthService).today()), 7);
  protected readonly form = new FormGroup(
    {
      from: new FormControl(this.nextMonday, { nonNullable: true, validators: Validators.required }),
      to: new FormControl(addDays(this.nextMonday, 27), { nonNullable: true, validators: Validators.required }),
    },
    { validators: toAfterFrom },
  );
  protected readonly serverError = serverError;
  protected readonly dateError = dateErrorKey;
  protected readonly markNonWorkingDays = markNonWorkingDays;
  protected readonly calendars = loadable({
    stream: () => this.api.listRotations(),
    initial: [] as RotationCalendarSummaryDto[],
  });
  protected readonly generating = signal(false);
  protected readonly generateError = signal<ErrorText | null>(null);
  /** the draft's engine job, followed while `POST /api/rotations` runs */
  protected readonly draftJob = injectEngineJobTracker();

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected generate(): void {
    this.generateError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { from, to } = this.form.getRawValue();
    this.generating.set(true);
    this.api.generateRotation(from, to, this.draftJob).subscribe({
      next: (calendar) => {
        this.generating.set(false);
        void this.router.navigate(['/hr/calendars', calendar.id]);
      },
      error: (err: unknown) => {
        const locale = this.language.current();
        this.generating.set(false);
        const unmatched = applyServerErrors(this.form, err, locale);
        if (unmatched.length || (!serverError(this.form.controls.from) && !serverError(this.form.controls.to)))
          this.generateError.set(describeHttpError(err, locale));
      },
    });
  }
}
