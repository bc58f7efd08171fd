import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type { HalfDayPeriod, PoolDto, ReservationDto } from '@telework/contracts';
import { filter, map, switchMap } from 'rxjs';
import { DATEPICKER, dateErrorKey, workingDaysOnly } from '../../../core/dates/date-fields';
import { describeHttpError, ErrorText, FieldError } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { CapacityApi } from '../../../core/api/capacity-api';
import { displayDate } from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { confirm } from '../../../shared/confirm-dialog';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { applyServerErrors, serverError } from '../../../shared/server-errors';

/** Seats reserved for events (a council session by video) over the shown period; add, delete. */
@Component({
  selector: 'tw-reservations-panel',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    DATEPICKER,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    TwDatePipe,
    TwNumberPipe,
    ErrorAlert,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <tw-load-state [of]="reservations" emptyKey="reservations.empty">
    @if (items().length) {
      <table class="tw-table">
        <caption class="tw-visually-hidden">{{ 'reservations.heading' | translate }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'reservations.columns.halfDay' | translate }}</th>
            <th scope="col">{{ 'reservations.columns.pool' | translate }}</th>
            <th scope="col" class="tw-num">{{ 'reservations.columns.seats' | translate }}</th>
            <th scope="col">{{ 'reservations.columns.label' | translate }}</th>
            <th scope="col"><span class="tw-visually-hidden">{{ 'common.actions' | translate }}</span></th>
          </tr>
        </thead>
        <tbody>
          @for (r of items(); track r.id) {
            <tr>
              <td>{{ toDate(r.date) | twDate: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } }}, {{ 'periods.' + r.period | translate }}</td>
              <td>{{ r.poolCode }}</td>
              <td class="tw-num">{{ r.seats | twNumber }}</td>
              <td>{{ r.label }}</td>
              <td>
                <button mat-icon-button type="button" (click)="remove(r)" [attr.aria-label]="'reservations.deleteLabel' | translate: { label: r.label }">
                  <mat-icon svgIcon="tw-delete" aria-hidden="true" />
                </button>
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
    </tw-load-state>

    <form [formGroup]="form" (ngSubmit)="create()" novalidate class="tw-form">
      <h3>{{ 'reservations.add' | translate }}</h3>
      <div class="tw-row">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'reservations.columns.pool' | translate }}</mat-label>
          <mat-select formControlName="poolId">
            @for (p of pools(); track p.id) {
              <mat-option [value]="p.id">{{ p.name }} ({{ p.code }})</mat-option>
            }
          </mat-select>
          @if (serverError(form.controls.poolId); as m) { <mat-error>{{ m }}</mat-error> }
          @else { <mat-error>{{ 'reservations.poolRequired' | translate }}</mat-error> }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'reservations.date' | translate }}</mat-label>
          <input matInput [matDatepicker]="datePicker" formControlName="date" [matDatepickerFilter]="workingDaysOnly" [placeholder]="'dates.placeholder' | translate" />
          <mat-hint>{{ 'dates.hint' | translate }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="datePicker" />
          <mat-datepicker #datePicker />
          @if (serverError(form.controls.date); as m) { <mat-error>{{ m }}</mat-error> }
          @else if (dateError(form.controls.date); as k) { <mat-error>{{ k | translate }}</mat-error> }
          @else { <mat-error>{{ 'runs.dateRequired' | translate }}</mat-error> }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'requestForm.period' | translate }}</mat-label>
          <mat-select formControlName="period">
            <mat-option value="AM">{{ 'periods.AM' | translate }}</mat-option>
            <mat-option value="PM">{{ 'periods.PM' | translate }}</mat-option>
          </mat-select>
          @if (serverError(form.controls.period); as m) { <mat-error>{{ m }}</mat-error> }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'reservations.columns.seats' | translate }}</mat-label>
          <input matInput type="number" min="1" step="1" formControlName="seats" />
          @if (serverError(form.controls.seats); as m) { <mat-error>{{ m }}</mat-error> }
          @else { <mat-error>{{ 'reservations.seatsInvalid' | translate }}</mat-error> }
        </mat-form-field>
        <mat-form-field appearance="outline" class="tw-label">
          <mat-label>{{ 'reservations.columns.label' | translate }}</mat-label>
          <input matInput formControlName="label" maxlength="200" />
          <mat-hint>{{ 'reservations.labelHint' | translate }}</mat-hint>
          @if (serverError(form.controls.label); as m) { <mat-error>{{ m }}</mat-error> }
          @else { <mat-error>{{ 'reservations.labelRequired' | translate }}</mat-error> }
        </mat-form-field>
      </div>
      <button mat-flat-button type="submit" [disabled]="saving()">{{ 'reservations.reserve' | translate }}</button>
      <div role="status" aria-live="polite" class="tw-status">{{ status() | translate }}</div>
      @if (saveError(); as e) {
        <tw-error-alert [error]="e" />
        @for (x of otherErrors(); track $index) { <p class="tw-field-error">{{ x.field }} : {{ x.message }}</p> }
      }
    </form>
  `,
  styles: `
    .tw-table { border-collapse: collapse; min-width: 560px; }
    .tw-table th, .tw-table td { border-bottom: 1px solid var(--mat-sys-outline-variant); padding: 4px 10px; text-align: start; }
    .tw-table .tw-num { text-align: end; }
    .tw-form { margin-top: 16px; }
    .tw-form h3 { font: var(--mat-sys-title-medium); margin: 0 0 8px; }
    .tw-row { display: flex; flex-wrap: wrap; gap: 0 12px; }
    .tw-label { flex: 1 1 280px; }
    .tw-status { min-height: 1.25em; font-weight: 600; margin-top: 4px; }
    .tw-field-error { color: var(--mat-sys-error); margin: 0; }
  `,
})
export class ReservationsPanel {
  private readonly language = inject(LanguageService);
  private readonly api = inject(CapacityApi);
  private readonly dialog = inject(MatDialog);

  readonly pools = input.required<PoolDto[]>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();
  readonly changed = output<void>();

  /** the reservations of the page's period */
  protected readonly reservations = loadable({
    params: () => ({ from: this.from(), to: this.to() }),
    stream: (period) => this.api.listReservations(period).pipe(map((page) => page.items)),
    initial: [] as ReservationDto[],
  });
  protected readonly items = this.reservations.value;
  protected readonly saving = signal(false);
  protected readonly saveError = signal<ErrorText | null>(null);
  protected readonly otherErrors = signal<FieldError[]>([]);
  protected readonly status = signal('');
  protected readonly serverError = serverError;
  protected readonly dateError = dateErrorKey;
  protected readonly workingDaysOnly = workingDaysOnly;
  protected readonly form = new FormGroup({
    poolId: new FormControl('', { nonNullable: true, validators: Validators.required }),
    date: new FormControl('', { nonNullable: true, validators: Validators.required }),
    period: new FormControl<HalfDayPeriod>('AM', { nonNullable: true }),
    seats: new FormControl<number | null>(null, [Validators.required, Validators.min(1), Validators.pattern(/^\d+$/)]),
    label: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] }),
  });

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected create(): void {
    this.saveError.set(null);
    this.otherErrors.set([]);
    this.status.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.api
      .createReservation({ poolId: v.poolId, date: v.date, period: v.period, seats: Number(v.seats), label: v.label.trim() })
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.status.set('reservations.created');
          this.form.controls.label.reset('');
          this.form.controls.seats.reset(null);
          this.reservations.reload();
          this.changed.emit();
        },
        error: (err: unknown) => {
          const locale = this.language.current();
          this.saving.set(false);
          const other = applyServerErrors(this.form, err, locale);
          this.otherErrors.set(other);
          this.saveError.set(describeHttpError(err, locale));
        },
      });
  }

  protected remove(r: ReservationDto): void {
    this.status.set('');
    this.saveError.set(null);
    confirm(this.dialog, {
      titleKey: 'reservations.deleteTitle',
      messageKey: 'reservations.deleteText',
      confirmKey: 'common.delete',
      params: { label: r.label, seats: r.seats },
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.deleteReservation(r.id)),
      )
      .subscribe({
        next: () => {
          this.status.set('reservations.deleted');
          this.reservations.update((list) => list.filter((x) => x.id !== r.id));
          this.changed.emit();
        },
        error: (err: unknown) => this.saveError.set(describeHttpError(err, this.language.current())),
      });
  }
}
