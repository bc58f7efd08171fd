import { LowerCasePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe } from '@ngx-translate/core';
import type {
  CreateRequestsRequest,
  CreateRequestsResponse,
  HalfDayPeriod,
  RequestHalfDayReport,
  TeleworkRequestKind,
} from '@telework/contracts';
import { startWith } from 'rxjs';
import { DATEPICKER, dateErrorKey, markNonWorkingDays, workingDaysOnly } from '../../../core/dates/date-fields';
import {
  describeHttpError,
  ErrorText,
  FieldError,
} from '../../../core/api/api-error';
import { RequestsApi } from '../../../core/api/requests-api';
import { displayDate } from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { applyServerErrors, serverError } from '../../../shared/server-errors';
import { LanguageService } from '../../../core/i18n/language.service';
import { refusalText } from '../../../shared/refusal-text';

type Span = 'one' | 'range';

function atLeastOnePeriod(group: AbstractControl): ValidationErrors | null {
  const am = group.get('am')?.value as boolean;
  const pm = group.get('pm')?.value as boolean;
  return am || pm ? null : { required: true };
}

/**
 * Ask for extra remote half-days, or to come on site on a rotation day: one half-day, or a
 * date range with the periods wanted. `POST /api/requests`; what was not created (holiday,
 * off day, already asked) is listed with the reason.
 */
@Component({
  selector: 'tw-request-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    DATEPICKER,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslatePipe,
    TwDatePipe,
    LowerCasePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './request-form.html',
  styleUrl: './request-form.scss',
})
export class RequestForm {
  private readonly api = inject(RequestsApi);
  private readonly language = inject(LanguageService);

  /**
   * Why a half-day was left out, in the interface's language: its refusal worded without the
   * half-day, which the line already names ("vendredi 25 décembre, matin : demi-journée non
   * travaillée (jour férié)").
   */
  protected reasonText(report: RequestHalfDayReport): string {
    const short = report.refusal ? { ...report.refusal, date: undefined, period: undefined } : undefined;
    return refusalText(short, report.reason, this.language.current()) ?? '';
  }

  readonly today = input.required<string>();
  readonly created = output<CreateRequestsResponse>();

  protected readonly form = new FormGroup({
    kind: new FormControl<TeleworkRequestKind>('REMOTE', {
      nonNullable: true,
    }),
    span: new FormControl<Span>('one', { nonNullable: true }),
    date: new FormControl('', { nonNullable: true }),
    period: new FormControl<HalfDayPeriod>('AM', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
    periods: new FormGroup(
      {
        am: new FormControl(true, { nonNullable: true }),
        pm: new FormControl(true, { nonNullable: true }),
      },
      { validators: atLeastOnePeriod },
    ),
  });
  protected readonly span = toSignal(
    this.form.controls.span.valueChanges.pipe(startWith(this.form.controls.span.value)),
    { requireSync: true },
  );
  protected readonly submitting = signal(false);
  protected readonly result = signal<CreateRequestsResponse | null>(null);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly otherErrors = signal<FieldError[]>([]);
  protected readonly serverError = serverError;
  protected readonly dateError = dateErrorKey;
  protected readonly markNonWorkingDays = markNonWorkingDays;
  protected readonly workingDaysOnly = workingDaysOnly;

  constructor() {
    this.form.controls.span.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.applySpan());
    this.applySpan();
  }

  private applySpan(): void {
    const { date, from, to } = this.form.controls;
    const one = this.form.controls.span.value === 'one';
    date.setValidators(one ? Validators.required : null);
    from.setValidators(one ? null : Validators.required);
    to.setValidators(one ? null : Validators.required);
    for (const c of [date, from, to]) c.updateValueAndValidity();
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected submit(): void {
    this.result.set(null);
    this.error.set(null);
    this.otherErrors.set([]);
    const one = this.form.controls.span.value === 'one';
    if (!one && this.form.controls.periods.invalid) {
      this.form.controls.periods.markAllAsTouched();
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateRequestsRequest = one
      ? { kind: v.kind, date: v.date, period: v.period }
      : {
          kind: v.kind,
          from: v.from,
          to: v.to,
          periods: [
            ...(v.periods.am ? (['AM'] as const) : []),
            ...(v.periods.pm ? (['PM'] as const) : []),
          ],
        };
    this.submitting.set(true);
    this.api.create(body).subscribe({
      next: (response) => {
        this.submitting.set(false);
        this.result.set(response);
        if (response.items.length) this.created.emit(response);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const locale = this.language.current();
        const unmatched = applyServerErrors(this.form, err, locale);
        this.otherErrors.set(unmatched);
        if (unmatched.length || !this.hasFieldError()) {
          // a request already there, a day off: the API's code worded in the interface's language
          this.error.set(describeHttpError(err, locale));
        }
      },
    });
  }

  private hasFieldError(): boolean {
    return ['kind', 'date', 'period', 'from', 'to', 'periods'].some(
      (f) => !!serverError(this.form.get(f)),
    );
  }
}
