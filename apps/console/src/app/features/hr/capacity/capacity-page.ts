import {
  ChangeDetectionStrategy,
  Component,
  computed,
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
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { CapacityDto, PoolDto } from '@telework/contracts';
import { catchError, map, throwError } from 'rxjs';
import { DATEPICKER, dateErrorKey, markNonWorkingDays } from '../../../core/dates/date-fields';
import { AuthService } from '../../../core/auth/auth.service';
import { describeHttpError, fieldErrors, MessageLocale } from '../../../core/api/api-error';
import { CapacityApi } from '../../../core/api/capacity-api';
import {
  addDays,
  displayDate,
  planningMonday,
} from '../../../core/dates/iso-dates';
import { LanguageService } from '../../../core/i18n/language.service';
import { formatParisDate, TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { EventPeriodPipe } from '../../../shared/event-period.pipe';
import { EventStatusChip } from '../../../shared/event-status-chip';
import { applyServerErrors, serverError } from '../../../shared/server-errors';
import { CapacityChart, CapacitySeries } from './capacity-chart';
import { LicenceSizing } from './licence-sizing';
import { PoolsEditor } from './pools-editor';
import { ReservationsPanel } from './reservations-panel';

export interface PoolRow {
  date: string;
  period: 'AM' | 'PM';
  remote: number;
  reserved: number;
  /** the cap of the half-day: an ACTIVE continuity event's when it sets one */
  capacity: number;
  reserve: number;
  free: number;
  /** agents without a workplace (continuity event) on the half-day; null when the API does not say */
  noWorkplace: number | null;
  /** labels of the continuity events covering the half-day */
  events: string[];
}

export interface SiteOverflow {
  siteId: string;
  name: string;
  code: string;
  date: string;
  period: 'AM' | 'PM';
  onSite: number;
  capacity: number;
}

/**
 * Capacity: remote seats per half-day and pool against the cap (chart, or the same figures as
 * a table), sites over their capacity, the monthly video-minutes forecast against the licence;
 * then pools, reservations and licence sizing.
 */
/**
 * Whether a refused period is all said on the form's date fields (`from`, `to`: each under its
 * field, no alert beside them).
 */
function saidOnDateFields(err: unknown, locale: MessageLocale): boolean {
  const fields = fieldErrors(err, locale).map((e) => e.field);
  return fields.length > 0 && fields.every((f) => f === 'from' || f === 'to');
}

@Component({
  selector: 'tw-capacity-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    DATEPICKER,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    TranslatePipe,
    TwDatePipe,
    TwNumberPipe,
    LoadState,
    EventPeriodPipe,
    EventStatusChip,
    CapacityChart,
    PoolsEditor,
    ReservationsPanel,
    LicenceSizing,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './capacity-page.html',
  styleUrl: './capacity-page.scss',
})
export class CapacityPage {
  private readonly api = inject(CapacityApi);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);

  /** four weeks from this week's Monday, or from the coming Monday at the weekend (not a week that is over) */
  private readonly monday = planningMonday(inject(AuthService).today());
  protected readonly form = new FormGroup({
    from: new FormControl(this.monday, { nonNullable: true, validators: Validators.required }),
    to: new FormControl(addDays(this.monday, 27), { nonNullable: true, validators: Validators.required }),
  });
  protected readonly serverError = serverError;
  protected readonly dateError = dateErrorKey;
  protected readonly markNonWorkingDays = markNonWorkingDays;
  protected readonly range = signal({ from: this.monday, to: addDays(this.monday, 27) });

  /** the period's use; a refused period is said on its date fields */
  protected readonly capacity = loadable({
    params: () => this.range(),
    stream: ({ from, to }) =>
      this.api.view(from, to).pipe(
        catchError((err: unknown) => {
          applyServerErrors(this.form, err, this.language.current());
          return throwError(() => err);
        }),
      ),
    initial: null as CapacityDto | null,
    describe: (err, locale) => (saidOnDateFields(err, locale) ? null : describeHttpError(err, locale)),
  });
  protected readonly view = this.capacity.value;
  protected readonly display = signal<'chart' | 'table'>('chart');
  protected readonly selectedPool = signal<string>('');

  protected readonly poolList = loadable({
    stream: () => this.api.listPools().pipe(map((page) => page.items)),
    initial: [] as PoolDto[],
  });
  protected readonly pools = this.poolList.value;

  protected readonly poolCodes = computed(() => {
    const codes = new Set<string>();
    for (const h of this.view()?.halfDays ?? []) for (const p of h.pools) codes.add(p.code);
    return [...codes];
  });
  protected readonly pool = computed(() => this.selectedPool() || this.poolCodes()[0] || '');
  /** ACTIVE and DRAFT continuity events meeting the period (absent from an API without them: none) */
  protected readonly events = computed(() => this.view()?.continuityEvents ?? []);
  private readonly eventLabels = computed(() => new Map(this.events().map((e) => [e.id, e.label])));
  /** whether the API counts agents without a workplace per half-day */
  protected readonly countsNoWorkplace = computed(() =>
    (this.view()?.halfDays ?? []).some((h) => typeof h.noWorkplace === 'number'),
  );
  protected readonly noWorkplaceTotal = computed(() =>
    (this.view()?.halfDays ?? []).reduce((sum, h) => sum + (h.noWorkplace ?? 0), 0),
  );
  protected readonly rows = computed((): PoolRow[] => {
    const code = this.pool();
    const labels = this.eventLabels();
    return (this.view()?.halfDays ?? []).flatMap((h) => {
      const p = h.pools.find((x) => x.code === code);
      return p
        ? [{
            date: h.date,
            period: h.period,
            remote: p.remote,
            reserved: p.reserved,
            capacity: p.eventCapacity ?? p.capacity,
            reserve: p.reserve,
            free: p.free,
            noWorkplace: typeof h.noWorkplace === 'number' ? h.noWorkplace : null,
            events: (h.continuityEventIds ?? []).map((id) => labels.get(id) ?? id),
          }]
        : [];
    });
  });
  protected readonly series = computed((): CapacitySeries => {
    this.language.current();
    const rows = this.rows();
    const t = (key: string) => this.translate.instant(key) as string;
    return {
      labels: rows.map((r) => `${this.shortDate(r.date)} ${t('team.short.' + r.period)}`),
      remote: rows.map((r) => r.remote),
      reserved: rows.map((r) => r.reserved),
      capacity: rows.map((r) => r.capacity),
      standardCap: rows.map((r) => Math.max(0, r.capacity - r.reserve)),
      legend: {
        remote: t('capacity.legend.remote'),
        reserved: t('capacity.legend.reserved'),
        capacity: t('capacity.legend.capacity'),
        standardCap: t('capacity.legend.standardCap'),
      },
    };
  });
  protected readonly peak = computed(() => {
    let best: PoolRow | null = null;
    for (const r of this.rows()) if (!best || r.remote + r.reserved > best.remote + best.reserved) best = r;
    return best;
  });
  protected readonly overflows = computed((): SiteOverflow[] => {
    const v = this.view();
    if (!v) return [];
    return v.sites.flatMap((s) =>
      s.onSite.flatMap((onSite, i) => {
        // an ACTIVE continuity event's desks count on its half-days (0: closed)
        const capacity = s.eventCapacity?.[i] ?? s.capacity;
        return onSite > capacity && v.halfDays[i]
          ? [{ siteId: s.siteId, name: s.name, code: s.code, date: v.halfDays[i].date, period: v.halfDays[i].period, onSite, capacity }]
          : [];
      }),
    );
  });

  protected shortDate(iso: string): string {
    return formatParisDate(displayDate(iso), this.language.locale(), { weekday: 'short', day: 'numeric', month: 'numeric' });
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected toMonth(month: string): Date {
    return displayDate(`${month}-15`);
  }

  protected apply(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.range.set(this.form.getRawValue());
  }

  protected onPoolSaved(pool: PoolDto): void {
    this.poolList.update((list) => list.map((p) => (p.id === pool.id ? pool : p)));
    this.capacity.reload();
  }
}
