import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import {
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import type { PoolDto, UpdatePoolRequest } from '@telework/contracts';
import { DATEPICKER, dateErrorKey, markNonWorkingDays } from '../../../core/dates/date-fields';
import { describeHttpError, ErrorText, FieldError } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { CapacityApi } from '../../../core/api/capacity-api';
import { applyServerErrors, serverError } from '../../../shared/server-errors';

type ChangeForm = FormGroup<{ from: FormControl<string>; capacity: FormControl<number | null> }>;
type PoolForm = FormGroup<{
  capacity: FormControl<number | null>;
  reserve: FormControl<number | null>;
  changes: FormArray<ChangeForm>;
}>;

const whole = [Validators.required, Validators.min(0), Validators.pattern(/^\d+$/)];

function changeForm(from = '', capacity: number | null = null): ChangeForm {
  return new FormGroup({
    from: new FormControl(from, { nonNullable: true, validators: Validators.required }),
    capacity: new FormControl<number | null>(capacity, whole),
  });
}

function poolForm(pool: PoolDto): PoolForm {
  return new FormGroup({
    capacity: new FormControl<number | null>(pool.capacity, whole),
    reserve: new FormControl<number | null>(pool.reserve, whole),
    changes: new FormArray(pool.capacityChanges.map((c) => changeForm(c.from, c.capacity))),
  });
}

/** Each pool's cap, reserve and dated cap changes, saved with `PUT /api/pools/:id`. */
@Component({
  selector: 'tw-pools-editor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    DATEPICKER,
    MatInputModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (pools().length === 0) {
      <p class="tw-empty">{{ 'poolsEditor.empty' | translate }}</p>
    }
    <div class="tw-pools">
      @for (pool of pools(); track pool.id) {
        @if (forms()[pool.id]; as f) {
          <form class="tw-pool" [formGroup]="f" (ngSubmit)="save(pool)" novalidate [attr.data-pool]="pool.code">
            <h3>{{ pool.name }} ({{ pool.code }})</h3>
            <div class="tw-row">
              <mat-form-field appearance="outline">
                <mat-label>{{ 'poolsEditor.capacity' | translate }}</mat-label>
                <input matInput type="number" min="0" step="1" formControlName="capacity" />
                @if (serverError(f.controls.capacity); as m) { <mat-error>{{ m }}</mat-error> }
                @else { <mat-error>{{ 'poolsEditor.wholeNumber' | translate }}</mat-error> }
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'poolsEditor.reserve' | translate }}</mat-label>
                <input matInput type="number" min="0" step="1" formControlName="reserve" />
                <mat-hint>{{ 'poolsEditor.reserveHint' | translate }}</mat-hint>
                @if (serverError(f.controls.reserve); as m) { <mat-error>{{ m }}</mat-error> }
                @else { <mat-error>{{ 'poolsEditor.wholeNumber' | translate }}</mat-error> }
              </mat-form-field>
            </div>
            <fieldset class="tw-changes">
              <legend>{{ 'poolsEditor.changes' | translate }}</legend>
              @if (f.controls.changes.length === 0) {
                <p class="tw-muted">{{ 'poolsEditor.noChanges' | translate }}</p>
              }
              @for (c of f.controls.changes.controls; track c; let i = $index) {
                <div class="tw-row" [formGroup]="c">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>{{ 'poolsEditor.changeFrom' | translate: { n: i + 1 } }}</mat-label>
                    <input matInput [matDatepicker]="fromPicker" formControlName="from" [placeholder]="'dates.placeholder' | translate" />
                    <mat-hint>{{ 'dates.hint' | translate }}</mat-hint>
                    <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
                    <mat-datepicker #fromPicker [dateClass]="markNonWorkingDays" />
                    @if (serverError(c.controls.from); as m) { <mat-error>{{ m }}</mat-error> }
                    @else if (dateError(c.controls.from); as k) { <mat-error>{{ k | translate }}</mat-error> }
                    @else { <mat-error>{{ 'runs.dateRequired' | translate }}</mat-error> }
                  </mat-form-field>
                  <mat-form-field appearance="outline">
                    <mat-label>{{ 'poolsEditor.changeCapacity' | translate: { n: i + 1 } }}</mat-label>
                    <input matInput type="number" min="0" step="1" formControlName="capacity" />
                    @if (serverError(c.controls.capacity); as m) { <mat-error>{{ m }}</mat-error> }
                    @else { <mat-error>{{ 'poolsEditor.wholeNumber' | translate }}</mat-error> }
                  </mat-form-field>
                  <button mat-icon-button type="button" (click)="removeChange(f, i)"
                    [attr.aria-label]="'poolsEditor.removeChange' | translate: { n: i + 1 }">
                    <mat-icon svgIcon="tw-delete" aria-hidden="true" />
                  </button>
                </div>
              }
              <button mat-button type="button" (click)="addChange(f)">
                <mat-icon svgIcon="tw-add" aria-hidden="true" />
                {{ 'poolsEditor.addChange' | translate }}
              </button>
            </fieldset>
            <div class="tw-actions">
              <button mat-flat-button type="submit" [disabled]="saving() === pool.id">
                {{ (saving() === pool.id ? 'common.saving' : 'common.save') | translate }}
              </button>
            </div>
            <div role="status" aria-live="polite" class="tw-saved">
              @if (savedId() === pool.id) { {{ 'poolsEditor.saved' | translate }} }
            </div>
            @if (errors()[pool.id]; as e) {
              <div class="tw-error" role="alert">
                <p>{{ e.text.key | translate: e.text.params }}</p>
                @for (x of e.other; track $index) { <p>{{ x.field }} : {{ x.message }}</p> }
              </div>
            }
          </form>
        }
      }
    </div>
  `,
  styles: `
    .tw-pools { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 480px), 1fr)); gap: 16px; }
    .tw-pool { padding: 16px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; }
    .tw-pool h3 { margin: 0 0 12px; font: var(--mat-sys-title-medium); }
    .tw-row { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0 12px; }
    .tw-changes { border: 0; padding: 0; margin: 8px 0; }
    .tw-changes legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
    .tw-muted, .tw-empty { color: var(--mat-sys-on-surface-variant); }
    .tw-saved { min-height: 1.25em; font-weight: 600; }
    .tw-error { padding: 8px 12px; border-radius: 4px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .tw-error p { margin: 0; }
  `,
})
export class PoolsEditor {
  private readonly language = inject(LanguageService);
  private readonly api = inject(CapacityApi);

  readonly pools = input.required<PoolDto[]>();
  readonly saved = output<PoolDto>();

  protected readonly forms = signal<Record<string, PoolForm>>({});
  protected readonly saving = signal<string | null>(null);
  protected readonly savedId = signal<string | null>(null);
  protected readonly errors = signal<Record<string, { text: ErrorText; other: FieldError[] }>>({});
  protected readonly serverError = serverError;
  protected readonly dateError = dateErrorKey;
  protected readonly markNonWorkingDays = markNonWorkingDays;

  constructor() {
    effect(() => {
      const forms: Record<string, PoolForm> = {};
      for (const pool of this.pools()) forms[pool.id] = poolForm(pool);
      this.forms.set(forms);
    });
  }

  protected addChange(f: PoolForm): void {
    f.controls.changes.push(changeForm());
  }

  protected removeChange(f: PoolForm, i: number): void {
    f.controls.changes.removeAt(i);
  }

  protected save(pool: PoolDto): void {
    const f = this.forms()[pool.id];
    if (!f) return;
    this.savedId.set(null);
    this.errors.update((e) => {
      const next = { ...e };
      delete next[pool.id];
      return next;
    });
    if (f.invalid) {
      f.markAllAsTouched();
      return;
    }
    const v = f.getRawValue();
    const body: UpdatePoolRequest = {
      capacity: Number(v.capacity),
      reserve: Number(v.reserve),
      capacityChanges: v.changes
        .map((c) => ({ from: c.from, capacity: Number(c.capacity) })),
    };
    this.saving.set(pool.id);
    this.api.updatePool(pool.id, body).subscribe({
      next: (updated) => {
        this.saving.set(null);
        this.savedId.set(pool.id);
        this.saved.emit(updated);
      },
      error: (err: unknown) => {
        const locale = this.language.current();
        this.saving.set(null);
        const other = applyServerErrors(f, err, locale, { capacityChanges: 'changes' });
        this.errors.update((e) => ({ ...e, [pool.id]: { text: describeHttpError(err, locale), other } }));
      },
    });
  }
}
