import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import {
  CONTINUITY_EVENT_KINDS,
  PERIODS,
  TIERS,
  type ContinuityEventDto,
  type ContinuityEventKind,
  type CreateContinuityEventRequest,
  type HalfDayPeriod,
  type OrgUnitDto,
  type PoolDto,
  type PriorityTier,
  type SiteDto,
} from '@telework/contracts';
import { startWith } from 'rxjs';
import { DATEPICKER, dateErrorKey, markNonWorkingDays } from '../../../core/dates/date-fields';
import {
  describeHttpError,
  ErrorText,
  FieldError,
  listSeparator,
  MessageLocale,
} from '../../../core/api/api-error';
import {
  ContinuityApi,
  ContinuityUpdateResult,
} from '../../../core/api/continuity-api';
import { LanguageService } from '../../../core/i18n/language.service';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { halfDayKey } from '../../../shared/continuity';
import { ErrorAlert } from '../../../shared/error-alert';
import { applyServerErrors, serverError } from '../../../shared/server-errors';
import { AgentPicker } from './agent-picker';

export const LABEL_MAX_LENGTH = 200;

type SiteRow = FormGroup<{ siteId: FormControl<string>; capacity: FormControl<number | null> }>;
type PoolRow = FormGroup<{ poolId: FormControl<string>; capacity: FormControl<number | null> }>;

const wholeNumber = [Validators.required, Validators.min(0), Validators.pattern(/^\d+$/)];

/** A label of spaces only is no label. */
function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && !control.value.trim() ? { required: true } : null;
}

/** The last half-day is the first one or follows it. */
export function halfDayOrder(group: AbstractControl): ValidationErrors | null {
  const v = (group as EventForm).getRawValue();
  if (!v.from || !v.to) return null;
  return halfDayKey(v.to, v.toPeriod) < halfDayKey(v.from, v.fromPeriod) ? { order: true } : null;
}

function siteRow(siteId = '', capacity: number | null = 0): SiteRow {
  return new FormGroup({
    siteId: new FormControl(siteId, { nonNullable: true, validators: Validators.required }),
    capacity: new FormControl<number | null>(capacity, wholeNumber),
  });
}

/**
 * A pool row; its capacity may not go below the pool's priority reserve (`reserveOf`), which the
 * engine keeps for ELECTED, DIRECTOR and ESSENTIAL agents whatever the cap.
 */
function poolRow(reserveOf: (poolId: string) => number, poolId = '', capacity: number | null = null): PoolRow {
  const atLeastReserve = (c: AbstractControl<number | null>): ValidationErrors | null => {
    const id = (c.parent as PoolRow | null)?.controls.poolId.value;
    const reserve = id ? reserveOf(id) : 0;
    return c.value !== null && (c.value as unknown) !== '' && Number(c.value) < reserve ? { belowReserve: { reserve } } : null;
  };
  const row: PoolRow = new FormGroup({
    poolId: new FormControl(poolId, { nonNullable: true, validators: Validators.required }),
    capacity: new FormControl<number | null>(capacity, [...wholeNumber, atLeastReserve]),
  });
  row.controls.poolId.valueChanges.subscribe(() => row.controls.capacity.updateValueAndValidity());
  row.controls.capacity.updateValueAndValidity();
  return row;
}

function buildForm(today: string) {
  return new FormGroup(
    {
      label: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, notBlank, Validators.maxLength(LABEL_MAX_LENGTH)],
      }),
      kind: new FormControl<ContinuityEventKind | ''>('', { nonNullable: true, validators: Validators.required }),
      from: new FormControl(today, { nonNullable: true, validators: Validators.required }),
      fromPeriod: new FormControl<HalfDayPeriod>('AM', { nonNullable: true }),
      to: new FormControl(today, { nonNullable: true, validators: Validators.required }),
      toPeriod: new FormControl<HalfDayPeriod>('PM', { nonNullable: true }),
      sites: new FormArray<SiteRow>([]),
      pools: new FormArray<PoolRow>([]),
      weeklyMax: new FormControl<number | null>(null, [Validators.min(1), Validators.max(10), Validators.pattern(/^\d+$/)]),
      weeklyMaxTiers: new FormControl<PriorityTier[]>([], { nonNullable: true }),
      weeklyMaxOrgUnitIds: new FormControl<string[]>([], { nonNullable: true }),
      extraEligibleAgentIds: new FormControl<string[]>([], { nonNullable: true }),
      extraEligiblePoolId: new FormControl('', { nonNullable: true }),
      onSiteAgentIds: new FormControl<string[]>([], { nonNullable: true }),
      onSiteTiers: new FormControl<PriorityTier[]>([], { nonNullable: true }),
      onSiteOrgUnitIds: new FormControl<string[]>([], { nonNullable: true }),
    },
    { validators: halfDayOrder },
  );
}
type EventForm = ReturnType<typeof buildForm>;

/** The form's values as the API's body (trimmed label, numbers, no empty pool id). */
export function toRequest(v: ReturnType<EventForm['getRawValue']>): CreateContinuityEventRequest {
  const weeklyMax = v.weeklyMax === null || (v.weeklyMax as unknown) === '' ? null : Number(v.weeklyMax);
  return {
    label: v.label.trim(),
    kind: v.kind as ContinuityEventKind,
    from: v.from,
    fromPeriod: v.fromPeriod,
    to: v.to,
    toPeriod: v.toPeriod,
    sites: v.sites.map((s) => ({ siteId: s.siteId, capacity: Number(s.capacity) })),
    pools: v.pools.map((p) => ({ poolId: p.poolId, capacity: Number(p.capacity) })),
    weeklyMax,
    weeklyMaxTiers: weeklyMax === null ? [] : v.weeklyMaxTiers,
    weeklyMaxOrgUnitIds: weeklyMax === null ? [] : v.weeklyMaxOrgUnitIds,
    extraEligibleAgentIds: v.extraEligibleAgentIds,
    extraEligiblePoolId: v.extraEligibleAgentIds.length && v.extraEligiblePoolId ? v.extraEligiblePoolId : null,
    onSiteAgentIds: v.onSiteAgentIds,
    onSiteTiers: v.onSiteTiers,
    onSiteOrgUnitIds: v.onSiteOrgUnitIds,
  };
}

/**
 * Declares or edits a continuity event: label and kind, first and last half-day, site capacities
 * (each site picked once), pool capacities, the weekly maximum and its scope (tiers, org units),
 * agents made eligible, agents / tiers / org units that must stay on site. Checks what it can
 * before sending; the API's coded problems land on their fields (`sites[1].capacity` on that
 * row's capacity, `onSiteAgentIds[3]` on the agents list), the others in one alert.
 */
@Component({
  selector: 'tw-continuity-event-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    DATEPICKER,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    TwNumberPipe,
    ErrorAlert,
    AgentPicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './event-form.html',
  styleUrl: './event-form.scss',
})
export class ContinuityEventForm {
  private readonly api = inject(ContinuityApi);
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);

  /** the event edited; null to declare a new one */
  readonly event = input<ContinuityEventDto | null>(null);
  readonly sites = input.required<SiteDto[]>();
  readonly pools = input.required<PoolDto[]>();
  readonly orgUnits = input.required<OrgUnitDto[]>();
  /** the first half-day offered for a new event */
  readonly today = input.required<string>();
  /** the API's answer: the event (POST, PATCH of a DRAFT) or the replanning run (PATCH of an ACTIVE one) */
  readonly saved = output<ContinuityUpdateResult>();
  readonly cancelled = output<void>();

  protected readonly kinds = CONTINUITY_EVENT_KINDS;
  protected readonly periods = PERIODS;
  protected readonly tiers = TIERS;
  protected readonly serverError = serverError;
  protected readonly dateError = dateErrorKey;
  protected readonly markNonWorkingDays = markNonWorkingDays;
  protected readonly form = buildForm('');
  protected readonly saving = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly invalidSubmit = signal(false);
  protected readonly active = computed(() => this.event()?.status === 'ACTIVE');
  protected readonly value = toSignal(this.form.valueChanges.pipe(startWith(null)));

  constructor() {
    effect(() => {
      const event = this.event();
      const today = this.today();
      untracked(() => this.reset(event, today));
    });
  }

  protected get siteRows(): FormArray<SiteRow> {
    return this.form.controls.sites;
  }

  protected get poolRows(): FormArray<PoolRow> {
    return this.form.controls.pools;
  }

  /** The sites row `i` may pick: those no other row has picked. */
  protected availableSites(i: number): SiteDto[] {
    this.value();
    const taken = new Set(this.siteRows.controls.filter((_, j) => j !== i).map((r) => r.controls.siteId.value));
    return this.sites().filter((s) => !taken.has(s.id));
  }

  protected availablePools(i: number): PoolDto[] {
    this.value();
    const taken = new Set(this.poolRows.controls.filter((_, j) => j !== i).map((r) => r.controls.poolId.value));
    return this.pools().filter((p) => !taken.has(p.id));
  }

  private readonly reserveOf = (poolId: string): number => this.pools().find((p) => p.id === poolId)?.reserve ?? 0;

  protected siteOf(id: string): SiteDto | undefined {
    return this.sites().find((s) => s.id === id);
  }

  protected poolOf(id: string): PoolDto | undefined {
    return this.pools().find((p) => p.id === id);
  }

  protected addSite(): void {
    this.siteRows.push(siteRow());
  }

  protected removeSite(i: number): void {
    this.siteRows.removeAt(i);
  }

  protected addPool(): void {
    const used = new Set(this.poolRows.controls.map((r) => r.controls.poolId.value));
    const next = this.pools().find((p) => !used.has(p.id));
    this.poolRows.push(poolRow(this.reserveOf, next?.id ?? '', next?.capacity ?? null));
  }

  protected removePool(i: number): void {
    this.poolRows.removeAt(i);
  }

  /** Puts the event's values in the form (or a blank one for a new event). */
  reset(event: ContinuityEventDto | null, today: string): void {
    const f = this.form;
    f.controls.sites.clear();
    f.controls.pools.clear();
    for (const s of event?.sites ?? []) f.controls.sites.push(siteRow(s.siteId, s.capacity));
    for (const p of event?.pools ?? []) f.controls.pools.push(poolRow(this.reserveOf, p.poolId, p.capacity));
    f.reset({
      label: event?.label ?? '',
      kind: event?.kind ?? '',
      from: event?.from ?? today,
      fromPeriod: event?.fromPeriod ?? 'AM',
      to: event?.to ?? today,
      toPeriod: event?.toPeriod ?? 'PM',
      sites: (event?.sites ?? []).map((s) => ({ siteId: s.siteId, capacity: s.capacity })),
      pools: (event?.pools ?? []).map((p) => ({ poolId: p.poolId, capacity: p.capacity })),
      weeklyMax: event?.weeklyMax ?? null,
      weeklyMaxTiers: event?.weeklyMaxTiers ?? [],
      weeklyMaxOrgUnitIds: event?.weeklyMaxOrgUnitIds ?? [],
      extraEligibleAgentIds: event?.extraEligibleAgentIds ?? [],
      extraEligiblePoolId: event?.extraEligiblePoolId ?? '',
      onSiteAgentIds: event?.onSiteAgentIds ?? [],
      onSiteTiers: event?.onSiteTiers ?? [],
      onSiteOrgUnitIds: event?.onSiteOrgUnitIds ?? [],
    });
    this.error.set(null);
    this.invalidSubmit.set(false);
  }

  protected submit(): void {
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.invalidSubmit.set(true);
      return;
    }
    this.invalidSubmit.set(false);
    const body = toRequest(this.form.getRawValue());
    const event = this.event();
    this.saving.set(true);
    const call = event ? this.api.update(event.id, body) : this.api.create(body);
    call.subscribe({
      next: (answer) => {
        this.saving.set(false);
        this.form.markAsPristine();
        this.saved.emit(answer);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.showServerErrors(err, this.language.current());
      },
    });
  }

  /**
   * The API's 400 on the fields: each problem on its control (an item of a list of ids on the
   * list itself); what no field matches, or any other refusal, in the alert.
   */
  showServerErrors(err: unknown, locale: MessageLocale): void {
    const unmatched: FieldError[] = [];
    for (const e of applyServerErrors(this.form, err, locale)) {
      const root = this.form.get(e.field.split(/[.[]/)[0]);
      if (root && root !== this.form && !(root instanceof FormArray)) {
        const previous = serverError(root);
        root.setErrors({ ...(root.errors ?? {}), server: previous ? `${previous}${listSeparator(locale)}${e.message}` : e.message });
        root.markAsTouched();
      } else unmatched.push(e);
    }
    const matchedAll = unmatched.length === 0 && this.hasServerError();
    if (!matchedAll) this.error.set(describeHttpError(err, locale, this.fieldLabels()));
    else this.invalidSubmit.set(true);
  }

  private hasServerError(): boolean {
    const walk = (c: AbstractControl): boolean =>
      !!serverError(c) ||
      (c instanceof FormGroup || c instanceof FormArray ? Object.values(c.controls).some(walk) : false);
    return walk(this.form);
  }

  /** The API's field names in the reader's words, for problems shown in the alert. */
  private fieldLabels(): Record<string, string> {
    const t = (key: string) => this.translate.instant(`continuity.form.${key}`) as string;
    return {
      label: t('label'),
      kind: t('kind'),
      from: t('from'),
      fromPeriod: t('fromPeriod'),
      to: t('to'),
      toPeriod: t('toPeriod'),
      sites: t('sitesHeading'),
      pools: t('poolsHeading'),
      weeklyMax: t('weeklyMax'),
      weeklyMaxTiers: t('weeklyMaxTiers'),
      weeklyMaxOrgUnitIds: t('weeklyMaxOrgUnits'),
      extraEligibleAgentIds: t('extraAgents'),
      extraEligiblePoolId: t('extraPool'),
      onSiteAgentIds: t('onSiteAgents'),
      onSiteTiers: t('onSiteTiers'),
      onSiteOrgUnitIds: t('onSiteOrgUnits'),
    };
  }
}
