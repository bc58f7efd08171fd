import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type {
  ContinuityCounts,
  ContinuityImpactDto,
  ContinuityImpactHalfDay,
  HalfDayPeriod,
  PriorityTier,
} from '@telework/contracts';
import { TIERS } from '@telework/contracts';
import { codedText } from '../../../core/api/api-error';
import { displayDate } from '../../../core/dates/iso-dates';
import { LanguageService } from '../../../core/i18n/language.service';
import { formatParisDate, TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { ImpactChart, ImpactSeries } from './impact-chart';

interface SiteLine extends ContinuityCounts {
  siteId: string;
  siteName: string;
  capacity: number;
  over: boolean;
}
interface TierLine extends ContinuityCounts {
  tier: PriorityTier;
}
interface OrgUnitLine extends ContinuityCounts {
  key: string;
  name: string | null;
}
interface PoolLine {
  poolId: string;
  code: string;
  used: number;
  capacity: number;
}

function add(into: ContinuityCounts, c: ContinuityCounts): void {
  into.onSite += c.onSite;
  into.remote += c.remote;
  into.noWorkplace += c.noWorkplace;
}

const zero = (): ContinuityCounts => ({ onSite: 0, remote: 0, noWorkplace: 0 });

/** A half-day of the impact as the detail selector's value: `2026-12-10AM`. */
export function impactKey(h: Pick<ContinuityImpactHalfDay, 'date' | 'period'>): string {
  return `${h.date}${h.period}`;
}

/**
 * The impact of an event, as the engine computed it (`GET …/impact`): totals with and without
 * the event, a chart per half-day (or the same figures as a table), then, for one half-day or
 * the whole period, the figures by site (against the event's desks), by tier and by org unit and
 * the pools' seats; the licence sizing; examples of agents left without a workplace with their
 * reason worded from its code in the reader's language; the engine's warnings.
 */
@Component({
  selector: 'tw-impact-view',
  imports: [
    MatButtonToggleModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
    TwDatePipe,
    TwNumberPipe,
    ImpactChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './impact-view.html',
  styleUrl: './impact-view.scss',
})
export class ImpactView {
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);

  readonly impact = input.required<ContinuityImpactDto>();

  protected readonly display = signal<'chart' | 'table'>('chart');
  /** '' = the whole period; else a half-day key */
  protected readonly selected = signal('');
  protected readonly kinds = ['onSite', 'remote', 'noWorkplace'] as const;

  protected readonly totalRows = computed(() => {
    const t = this.impact().totals;
    return this.kinds.map((k) => ({ key: k, before: t.before[k], after: t[k], change: t[k] - t.before[k] }));
  });

  protected readonly series = computed((): ImpactSeries => {
    this.language.current();
    const halfDays = this.impact().halfDays;
    const t = (key: string, params?: object) => this.translate.instant(key, params) as string;
    const what = {
      onSite: t('continuity.impact.onSite'),
      remote: t('continuity.impact.remote'),
      noWorkplace: t('continuity.impact.noWorkplace'),
    };
    const legend = (key: string) => ({
      onSite: t(key, { what: what.onSite }),
      remote: t(key, { what: what.remote }),
      noWorkplace: t(key, { what: what.noWorkplace }),
    });
    return {
      labels: halfDays.map((h) => `${this.shortDate(h.date)} ${t('team.short.' + h.period)}`),
      before: {
        onSite: halfDays.map((h) => h.before.onSite),
        remote: halfDays.map((h) => h.before.remote),
        noWorkplace: halfDays.map((h) => h.before.noWorkplace),
      },
      after: {
        onSite: halfDays.map((h) => h.onSite),
        remote: halfDays.map((h) => h.remote),
        noWorkplace: halfDays.map((h) => h.noWorkplace),
      },
      legend: { before: legend('continuity.impact.legendBefore'), after: legend('continuity.impact.legendAfter') },
    };
  });

  private readonly chosen = computed((): ContinuityImpactHalfDay[] => {
    const key = this.selected();
    const all = this.impact().halfDays;
    if (!key) return all;
    const one = all.find((h) => impactKey(h) === key);
    return one ? [one] : all;
  });
  protected readonly single = computed(() => this.chosen().length === 1 && !!this.selected());

  protected readonly sites = computed((): SiteLine[] => {
    const lines = new Map<string, SiteLine>();
    for (const h of this.chosen())
      for (const s of h.bySite) {
        let line = lines.get(s.siteId);
        if (!line) {
          line = { siteId: s.siteId, siteName: s.siteName, capacity: s.capacity, over: false, ...zero() };
          lines.set(s.siteId, line);
        }
        add(line, s);
        // above the desks the event leaves on a half-day (must-stay agents may be)
        if (s.onSite > s.capacity) line.over = true;
        line.capacity = Math.min(line.capacity, s.capacity);
      }
    return [...lines.values()].sort((a, b) => b.noWorkplace - a.noWorkplace || a.siteName.localeCompare(b.siteName));
  });

  protected readonly tiers = computed((): TierLine[] => {
    const lines = new Map<PriorityTier, TierLine>();
    for (const h of this.chosen())
      for (const t of h.byTier) {
        const line = lines.get(t.tier) ?? { tier: t.tier, ...zero() };
        add(line, t);
        lines.set(t.tier, line);
      }
    return [...lines.values()].sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
  });

  protected readonly orgUnits = computed((): OrgUnitLine[] => {
    const lines = new Map<string, OrgUnitLine>();
    for (const h of this.chosen())
      for (const u of h.byOrgUnit) {
        const key = u.orgUnitId ?? '';
        const line = lines.get(key) ?? { key, name: u.orgUnitName ?? null, ...zero() };
        add(line, u);
        lines.set(key, line);
      }
    return [...lines.values()].sort((a, b) => b.noWorkplace - a.noWorkplace || (a.name ?? '').localeCompare(b.name ?? ''));
  });

  /** One half-day: its seats; the whole period: each pool at its busiest half-day. */
  protected readonly pools = computed((): PoolLine[] => {
    const lines = new Map<string, PoolLine>();
    for (const h of this.chosen())
      for (const p of h.pools) {
        const line = lines.get(p.poolId);
        if (!line || p.used > line.used) lines.set(p.poolId, { ...p });
      }
    return [...lines.values()].sort((a, b) => a.code.localeCompare(b.code));
  });

  protected readonly examples = computed(() => {
    const locale = this.language.current();
    return this.impact().examples.map((e) => ({
      ...e,
      text: codedText(e.why, locale) ?? e.why.code,
    }));
  });

  protected readonly warnings = computed(() => {
    const locale = this.language.current();
    return this.impact().warnings.map((w) => codedText(w, locale) ?? w.code);
  });

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected shortDate(iso: string): string {
    return formatParisDate(displayDate(iso), this.language.locale(), { weekday: 'short', day: 'numeric', month: 'numeric' });
  }

  protected key(h: { date: string; period: HalfDayPeriod }): string {
    return impactKey(h);
  }
}
