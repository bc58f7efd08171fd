import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type {
  ContinuityEventDto,
  ContinuityEventRunDto,
  ContinuityImpactDto,
  OrgUnitDto,
  PoolDto,
  PriorityTier,
  SiteDto,
} from '@telework/contracts';
import { filter, forkJoin, Observable, switchMap, tap } from 'rxjs';
import { describeHttpError, ErrorText, listSeparator } from '../../../core/api/api-error';
import { CapacityApi } from '../../../core/api/capacity-api';
import {
  ContinuityApi,
  ContinuityUpdateResult,
  isRunAnswer,
} from '../../../core/api/continuity-api';
import { DirectoryApi } from '../../../core/api/directory-api';
import { AuthService } from '../../../core/auth/auth.service';
import { LanguageService } from '../../../core/i18n/language.service';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { injectEngineJobTracker } from '../../../core/jobs/engine-jobs.service';
import { confirm } from '../../../shared/confirm-dialog';
import { EngineJobProgress } from '../../../shared/engine-job-progress';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { eventPeriodText, EventPeriodPipe } from '../../../shared/event-period.pipe';
import { EventStatusChip } from '../../../shared/event-status-chip';
import { ContinuityRun } from './continuity-run';
import { ContinuityEventForm } from './event-form';
import { ImpactView } from './impact-view';

/** A setting of the event in words, for the summary list. */
interface SummaryItem {
  key: string;
  lines: string[];
}

/**
 * One continuity event (or a new one at `/hr/continuity/new`): what it changes, in words; its
 * form (a DRAFT or an ACTIVE event may be edited; saving an ACTIVE one replans it); the impact
 * preview (an engine job, with its progress and "Annuler le calcul"); Activate and End, each
 * confirmed first (both replan at once, freeze window included), then the run followed until
 * it ends; Delete for a draft.
 */
@Component({
  selector: 'tw-continuity-event-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    RouterLink,
    TranslatePipe,
    TwDatePipe,
    ErrorAlert,
    LoadState,
    EngineJobProgress,
    EventPeriodPipe,
    EventStatusChip,
    ContinuityEventForm,
    ContinuityRun,
    ImpactView,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './continuity-event-page.html',
  styleUrl: './continuity-event-page.scss',
})
export class ContinuityEventPage {
  private readonly api = inject(ContinuityApi);
  private readonly directory = inject(DirectoryApi);
  private readonly capacity = inject(CapacityApi);
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);

  /** route parameter; absent on `/hr/continuity/new` */
  readonly id = input<string>();

  protected readonly today = inject(AuthService).today();
  protected readonly isNew = computed(() => !this.id());
  /** the event shown (none on `/hr/continuity/new`) */
  protected readonly detail = loadable({
    params: () => this.id() || undefined,
    stream: (id) =>
      this.api.get(id).pipe(
        tap((event) => {
          // the last activation, edit or end: its run, so that a reload still shows how it went
          if (!this.runId() && event.lastRunId && event.status !== 'DRAFT') this.runId.set(event.lastRunId);
        }),
      ),
    initial: null as ContinuityEventDto | null,
  });
  protected readonly event = this.detail.value;

  protected readonly sites = signal<SiteDto[]>([]);
  protected readonly pools = signal<PoolDto[]>([]);
  protected readonly orgUnits = signal<OrgUnitDto[]>([]);
  protected readonly listsError = signal<ErrorText | null>(null);

  protected readonly editing = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly acting = signal(false);
  protected readonly actionError = signal<ErrorText | null>(null);
  protected readonly runId = signal<string | null>(null);
  protected readonly runJoined = signal(false);

  protected readonly impact = signal<ContinuityImpactDto | null>(null);
  protected readonly impactLoading = signal(false);
  protected readonly impactError = signal<ErrorText | null>(null);
  /** the impact's engine job, followed while `GET …/impact` runs */
  protected readonly job = injectEngineJobTracker();

  protected readonly editable = computed(() => {
    const status = this.event()?.status;
    return status === 'DRAFT' || status === 'ACTIVE';
  });

  protected readonly summary = computed((): SummaryItem[] => {
    const e = this.event();
    if (!e) return [];
    this.language.current();
    const t = (key: string, params?: object) => this.translate.instant(`continuity.summary.${key}`, params) as string;
    const locale = this.language.current();
    const sep = listSeparator(locale);
    const site = (id: string) => this.sites().find((s) => s.id === id)?.name ?? id;
    const pool = (id: string) => this.pools().find((p) => p.code === id || p.id === id)?.code ?? id;
    const unit = (id: string) => this.orgUnits().find((u) => u.id === id)?.name ?? id;
    const tier = (x: PriorityTier) => this.translate.instant(`tiers.${x}`) as string;
    const count = (n: number) => new Intl.NumberFormat(this.language.locale()).format(n);
    const scope = (tiers: PriorityTier[], units: string[]) => {
      const names = [...tiers.map(tier), ...units.map(unit)];
      return names.length ? t('scopeSome', { scope: names.join(sep) }) : t('scopeAll');
    };
    const none = [t('none')];
    return [
      {
        key: 'sites',
        lines: e.sites.length
          ? e.sites.map((s) => (s.capacity === 0 ? t('siteClosed', { site: site(s.siteId) }) : t('siteCapacity', { site: site(s.siteId), capacity: count(s.capacity) })))
          : none,
      },
      {
        key: 'pools',
        lines: e.pools.length ? e.pools.map((p) => t('poolCapacity', { pool: pool(p.poolId), capacity: count(p.capacity) })) : none,
      },
      {
        key: 'regime',
        lines:
          e.weeklyMax === null
            ? none
            : [`${e.weeklyMax >= 10 ? t('regimeFullTime') : t('regimeMax', { max: e.weeklyMax })}, ${scope(e.weeklyMaxTiers, e.weeklyMaxOrgUnitIds)}`],
      },
      {
        key: 'extra',
        lines: e.extraEligibleAgentIds.length
          ? [t('agents', { count: count(e.extraEligibleAgentIds.length) }) + (e.extraEligiblePoolId ? `, ${t('extraPool', { pool: pool(e.extraEligiblePoolId) })}` : '')]
          : none,
      },
      {
        key: 'onSite',
        lines:
          e.onSiteAgentIds.length || e.onSiteTiers.length || e.onSiteOrgUnitIds.length
            ? [
                ...(e.onSiteTiers.length || e.onSiteOrgUnitIds.length ? [[...e.onSiteTiers.map(tier), ...e.onSiteOrgUnitIds.map(unit)].join(sep)] : []),
                ...(e.onSiteAgentIds.length ? [t('agents', { count: count(e.onSiteAgentIds.length) })] : []),
              ]
            : none,
      },
    ];
  });

  constructor() {
    const notice: unknown = this.router.currentNavigation()?.extras.state?.['notice'];
    if (typeof notice === 'string') this.notice.set(notice);
    this.loadLists();
    // another event: nothing of the previous one's impact or run stays
    effect(() => {
      this.id();
      untracked(() => {
        this.impact.set(null);
        this.runId.set(null);
      });
    });
  }

  loadLists(): void {
    this.listsError.set(null);
    forkJoin({
      sites: this.directory.listSites(),
      pools: this.capacity.listPools(),
      orgUnits: this.directory.listOrgUnits(),
    }).subscribe({
      next: ({ sites, pools, orgUnits }) => {
        this.sites.set(sites.items);
        this.pools.set(pools.items);
        this.orgUnits.set(orgUnits.items);
      },
      error: (err: unknown) => this.listsError.set(describeHttpError(err, this.language.current())),
    });
  }

  protected onSaved(answer: ContinuityUpdateResult): void {
    if (this.isNew()) {
      if (!isRunAnswer(answer))
        void this.router.navigate(['/hr/continuity', answer.id], { replaceUrl: true, state: { notice: 'continuity.created' } });
      return;
    }
    this.editing.set(false);
    this.impact.set(null);
    if (isRunAnswer(answer)) {
      this.followRun(answer);
      this.notice.set('continuity.savedReplanning');
    } else {
      this.detail.set(answer);
      this.notice.set('continuity.saved');
    }
  }

  protected startEdit(): void {
    this.notice.set(null);
    this.editing.set(true);
  }

  protected previewImpact(): void {
    const e = this.event();
    if (!e) return;
    this.impactError.set(null);
    this.impactLoading.set(true);
    this.api.impact(e.id, this.job).subscribe({
      next: (impact) => {
        this.impact.set(impact);
        this.impactLoading.set(false);
      },
      error: (err: unknown) => {
        this.impactError.set(describeHttpError(err, this.language.current()));
        this.impactLoading.set(false);
      },
    });
  }

  protected activate(): void {
    const e = this.event();
    if (!e) return;
    this.act(
      {
        titleKey: 'continuity.actions.activateTitle',
        messageKey: 'continuity.actions.activateText',
        confirmKey: 'continuity.actions.activateConfirm',
        params: { label: e.label, period: this.periodOf(e) },
      },
      () => this.api.activate(e.id),
      'continuity.actions.activated',
    );
  }

  protected end(): void {
    const e = this.event();
    if (!e) return;
    this.act(
      {
        titleKey: 'continuity.actions.endTitle',
        messageKey: 'continuity.actions.endText',
        confirmKey: 'continuity.actions.endConfirm',
        params: { label: e.label },
        danger: true,
      },
      () => this.api.end(e.id),
      'continuity.actions.ended',
    );
  }

  protected remove(): void {
    const e = this.event();
    if (!e) return;
    this.actionError.set(null);
    confirm(this.dialog, {
      titleKey: 'continuity.deleteTitle',
      messageKey: 'continuity.deleteText',
      confirmKey: 'continuity.actions.delete',
      params: { label: e.label },
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.acting.set(true);
          return this.api.delete(e.id);
        }),
      )
      .subscribe({
        next: () => {
          this.acting.set(false);
          void this.router.navigate(['/hr/continuity']);
        },
        error: (err: unknown) => {
          this.acting.set(false);
          this.actionError.set(describeHttpError(err, this.language.current()));
        },
      });
  }

  protected onRunFinished(): void {
    this.detail.reload();
  }

  private act(
    dialog: Parameters<typeof confirm>[1],
    call: () => Observable<ContinuityEventRunDto>,
    done: string,
  ): void {
    this.actionError.set(null);
    this.notice.set(null);
    confirm(this.dialog, dialog)
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.acting.set(true);
          return call();
        }),
      )
      .subscribe({
        next: (answer) => {
          this.acting.set(false);
          this.editing.set(false);
          this.followRun(answer);
          this.notice.set(done);
        },
        error: (err: unknown) => {
          this.acting.set(false);
          this.actionError.set(describeHttpError(err, this.language.current()));
        },
      });
  }

  private followRun(answer: ContinuityEventRunDto): void {
    this.detail.set(answer.event);
    // an event ended once it was over already has no run to follow (runId '')
    this.runJoined.set(answer.created === false && !!answer.runId);
    if (answer.runId) this.runId.set(answer.runId);
  }

  /** The period inside a sentence: "(du jeudi 10 décembre 2026, matin, au …)". */
  private periodOf(e: ContinuityEventDto): string {
    const text = eventPeriodText(e, this.translate, this.language.locale());
    return text.charAt(0).toLocaleLowerCase(this.language.locale()) + text.slice(1);
  }
}
