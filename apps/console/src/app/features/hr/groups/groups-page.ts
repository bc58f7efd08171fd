import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import type { Page, RotationGroupDto } from '@telework/contracts';
import { EMPTY, Observable, switchMap } from 'rxjs';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import {
  AutoFormGroupsResult,
  DirectoryApi,
  PublishedPlanImpact,
} from '../../../core/api/directory-api';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { confirm } from '../../../shared/confirm-dialog';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';

/** Rotation groups with their fill (members vs max size), and automatic forming. */
@Component({
  selector: 'tw-groups-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatProgressBarModule,
    TranslatePipe,
    TwNumberPipe,
    ErrorAlert,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="tw-page-title">{{ 'groups.title' | translate }}</h1>
    <p class="tw-intro">{{ 'groups.intro' | translate }}</p>

    <section class="tw-auto" aria-labelledby="tw-auto-heading">
      <h2 id="tw-auto-heading" class="tw-section-title">{{ 'groups.autoHeading' | translate }}</h2>
      <mat-checkbox [checked]="regroupAll()" (change)="regroupAll.set($event.checked)">
        {{ 'groups.regroupAll' | translate }}
      </mat-checkbox>
      <div>
        <button mat-flat-button type="button" class="tw-auto-form" [disabled]="forming()" (click)="autoForm()">
          {{ (forming() ? 'groups.forming' : 'groups.autoForm') | translate }}
        </button>
      </div>
      <div role="status" aria-live="polite">
        @if (result(); as r) {
          <p class="tw-result">
            {{ 'groups.result' | translate: { groups: (r.groupsCreated | twNumber), agents: (r.agentsGrouped | twNumber) } }}
          </p>
          @if (r.publishedPlan; as impact) {
            <p class="tw-result-published">
              {{ 'groups.resultPublished' | translate: { agents: (impact.agents | twNumber) } }}
            </p>
          }
        }
      </div>
      @if (actionError(); as e) {
        <tw-error-alert [error]="e" />
      }
    </section>

    <section aria-labelledby="tw-groups-heading">
      <h2 id="tw-groups-heading" class="tw-section-title">
        {{ 'groups.list' | translate }}
        @if (!groups.loading() && !groups.error()) { <span class="tw-count">({{ groups.value().total | twNumber }})</span> }
      </h2>
      <tw-load-state [of]="groups" emptyKey="groups.empty">
        @if (groups.value().items.length) {
          <table class="tw-table">
            <caption class="tw-visually-hidden">{{ 'groups.list' | translate }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ 'groups.columns.code' | translate }}</th>
                <th scope="col">{{ 'groups.columns.name' | translate }}</th>
                <th scope="col">{{ 'groups.columns.fill' | translate }}</th>
              </tr>
            </thead>
            <tbody>
              @for (g of groups.value().items; track g.id) {
                <tr>
                  <td class="tw-code">{{ g.code }}</td>
                  <td>{{ g.name }}</td>
                  <td class="tw-fill">
                    <span class="tw-fill-text" [class.tw-full]="g.memberCount >= g.maxSize">
                      {{ 'groups.fill' | translate: { count: (g.memberCount | twNumber), max: (g.maxSize | twNumber) } }}
                      @if (g.memberCount > g.maxSize) { — {{ 'groups.over' | translate }} }
                    </span>
                    <mat-progress-bar
                      mode="determinate"
                      [value]="percent(g)"
                      [attr.aria-label]="'groups.fillLabel' | translate: { name: g.name }"
                      [attr.aria-valuetext]="'groups.fill' | translate: { count: g.memberCount, max: g.maxSize }"
                    />
                  </td>
                </tr>
              }
            </tbody>
          </table>
        }
      </tw-load-state>
    </section>
  `,
  styles: `
    .tw-intro { max-width: 80ch; margin-top: 0; }
    .tw-section-title { margin: 0 0 12px; font: var(--mat-sys-title-large); }
    .tw-count { font-weight: 400; }
    .tw-auto { margin-bottom: 32px; }
    .tw-auto button { margin-top: 8px; }
    .tw-result { font-weight: 600; }
    .tw-result-published { color: var(--mat-sys-error); }
    .tw-table { border-collapse: collapse; width: 100%; max-width: 960px; }
    .tw-table th, .tw-table td { border-bottom: 1px solid var(--mat-sys-outline-variant); padding: 8px; text-align: start; }
    .tw-code { font-variant-numeric: tabular-nums; white-space: nowrap; }
    .tw-fill { min-width: 240px; }
    .tw-fill-text { display: block; margin-bottom: 4px; }
    .tw-full { font-weight: 700; }
  `,
})
export class GroupsPage {
  private readonly language = inject(LanguageService);
  private readonly api = inject(DirectoryApi);
  private readonly dialog = inject(MatDialog);

  protected readonly groups = loadable({
    stream: () => this.api.listGroups(),
    initial: { items: [], total: 0 } as Page<RotationGroupDto>,
  });
  protected readonly regroupAll = signal(false);
  protected readonly forming = signal(false);
  protected readonly result = signal<AutoFormGroupsResult | null>(null);
  protected readonly actionError = signal<ErrorText | null>(null);

  protected percent(g: RotationGroupDto): number {
    return g.maxSize > 0 ? Math.min(100, (100 * g.memberCount) / g.maxSize) : 0;
  }

  /**
   * Placing agents without a group changes no published calendar: done at once. Regrouping
   * everyone asks the API first what it would change to the published plan (dryRun), shows
   * those figures in the confirmation, and only then regroups with `confirm: true`.
   */
  protected autoForm(): void {
    const regroupAll = this.regroupAll();
    this.result.set(null);
    this.actionError.set(null);
    this.forming.set(true);
    const run: Observable<AutoFormGroupsResult> = regroupAll
      ? this.api.autoFormGroups(true, { dryRun: true }).pipe(
          switchMap((preview) => {
            this.forming.set(false);
            return this.confirmRegroup(preview.publishedPlan);
          }),
          switchMap((confirmed) => {
            if (!confirmed) return EMPTY;
            this.forming.set(true);
            return this.api.autoFormGroups(true, { confirm: true });
          }),
        )
      : this.api.autoFormGroups(false);
    run.subscribe({
      next: (result) => {
        this.forming.set(false);
        this.result.set(result);
        this.groups.reload();
      },
      error: (err: unknown) => {
        this.forming.set(false);
        this.actionError.set(describeHttpError(err, this.language.current()));
      },
    });
  }

  private confirmRegroup(impact: PublishedPlanImpact | null): Observable<boolean> {
    if (!impact) {
      return confirm(this.dialog, {
        titleKey: 'groups.confirmTitle',
        messageKey: 'groups.confirmText',
        confirmKey: 'groups.autoForm',
        danger: true,
      });
    }
    return confirm(this.dialog, {
      titleKey: 'groups.confirmTitle',
      messageKey: 'groups.confirmPublished',
      params: {
        calendars: impact.calendars.map((c) => `v${c.version} (${c.from} → ${c.to})`).join(', '),
        groups: impact.groups,
        agents: impact.agents,
        remoteHalfDays: impact.remoteHalfDays,
        from: impact.from,
      },
      confirmKey: 'groups.confirmPublishedAction',
      danger: true,
    });
  }
}
