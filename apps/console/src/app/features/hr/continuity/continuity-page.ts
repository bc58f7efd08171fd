import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import {
  CONTINUITY_EVENT_STATUSES,
  type ContinuityEventDto,
  type ContinuityEventStatus,
} from '@telework/contracts';
import { filter, switchMap } from 'rxjs';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { ContinuityApi } from '../../../core/api/continuity-api';
import { LanguageService } from '../../../core/i18n/language.service';
import { confirm } from '../../../shared/confirm-dialog';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { EventPeriodPipe } from '../../../shared/event-period.pipe';
import { EventStatusChip } from '../../../shared/event-status-chip';

/**
 * "Plan de continuité": the continuity events, newest first (status, kind, period in Paris
 * dates), filtered by status, with "Déclarer un événement" and the deletion of drafts. Each
 * event opens its own page (settings, impact, activate, end).
 */
@Component({
  selector: 'tw-continuity-page',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    RouterLink,
    TranslatePipe,
    ErrorAlert,
    EventPeriodPipe,
    EventStatusChip,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="tw-page-title">{{ 'continuity.title' | translate }}</h1>
    <p class="tw-intro">{{ 'continuity.intro' | translate }}</p>
    <p>
      <a mat-flat-button routerLink="/hr/continuity/new" class="tw-declare">
        <mat-icon svgIcon="tw-add" aria-hidden="true" />
        {{ 'continuity.declare' | translate }}
      </a>
    </p>

    <section class="tw-section" aria-labelledby="tw-events-heading">
      <h2 id="tw-events-heading" class="tw-section-title">{{ 'continuity.list' | translate }}</h2>
      <mat-button-toggle-group
        class="tw-filter"
        [value]="status()"
        (change)="setStatus($event.value)"
        [attr.aria-label]="'continuity.filterLabel' | translate"
        hideSingleSelectionIndicator
      >
        <mat-button-toggle value="">{{ 'continuity.filterAll' | translate }}</mat-button-toggle>
        @for (s of statuses; track s) {
          <mat-button-toggle [value]="s">{{ 'continuityStatus.' + s | translate }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
      <p class="tw-visually-hidden" role="status" aria-live="polite">{{ announce() }}</p>
      @if (actionError(); as e) {
        <tw-error-alert [error]="e" />
      }
      <tw-load-state [of]="events" loadingKey="continuity.loading" [emptyKey]="status() ? 'continuity.emptyFiltered' : 'continuity.empty'">
        <ul class="tw-events">
          @for (e of events.value(); track e.id) {
            <li class="tw-event" [attr.data-id]="e.id" [attr.data-status]="e.status">
              <div class="tw-event-head">
                <h3 class="tw-event-label">
                  <a [routerLink]="['/hr/continuity', e.id]" [attr.aria-label]="'continuity.openLabel' | translate: { label: e.label }">{{ e.label }}</a>
                </h3>
                <tw-event-status [status]="e.status" />
              </div>
              <p class="tw-event-kind">{{ 'continuityKinds.' + e.kind | translate }}</p>
              <p class="tw-event-period">{{ e | twEventPeriod }}</p>
              <div class="tw-event-actions">
                <a mat-stroked-button [routerLink]="['/hr/continuity', e.id]" [attr.aria-label]="'continuity.openLabel' | translate: { label: e.label }">{{ 'continuity.open' | translate }}</a>
                @if (e.status === 'DRAFT') {
                  <button mat-button type="button" class="tw-delete" [disabled]="deleting() === e.id" (click)="remove(e)" [attr.aria-label]="'continuity.deleteLabel' | translate: { label: e.label }">
                    <mat-icon svgIcon="tw-delete" aria-hidden="true" />
                    {{ 'common.delete' | translate }}
                  </button>
                }
              </div>
            </li>
          }
        </ul>
      </tw-load-state>
    </section>
  `,
  styles: `
    .tw-intro { max-width: 80ch; margin-top: 0; }
    .tw-section-title { margin: 16px 0 12px; font: var(--mat-sys-title-large); }
    .tw-filter { margin-bottom: 8px; flex-wrap: wrap; }
    .tw-events { list-style: none; padding: 0; margin: 8px 0; display: grid; gap: 12px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr)); }
    .tw-event { padding: 12px 16px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 4px; }
    .tw-event[data-status='ACTIVE'] { border: 2px solid #ce0500; }
    .tw-event-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 4px 12px; }
    .tw-event-label { margin: 0; font: var(--mat-sys-title-medium); }
    .tw-event p { margin: 4px 0; }
    .tw-event-kind { color: var(--mat-sys-on-surface-variant); }
    .tw-event-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
  `,
})
export class ContinuityPage {
  private readonly api = inject(ContinuityApi);
  private readonly language = inject(LanguageService);
  private readonly dialog = inject(MatDialog);
  private readonly translate = inject(TranslateService);

  protected readonly statuses = CONTINUITY_EVENT_STATUSES;
  protected readonly status = signal<ContinuityEventStatus | ''>('');
  protected readonly events = loadable({
    params: () => this.status(),
    stream: (status) => this.api.list(status || undefined),
    initial: [] as ContinuityEventDto[],
  });
  protected readonly actionError = signal<ErrorText | null>(null);
  protected readonly deleting = signal<string | null>(null);
  protected readonly announce = signal('');

  protected setStatus(status: ContinuityEventStatus | ''): void {
    this.status.set(status);
  }

  protected remove(event: ContinuityEventDto): void {
    this.actionError.set(null);
    confirm(this.dialog, {
      titleKey: 'continuity.deleteTitle',
      messageKey: 'continuity.deleteText',
      confirmKey: 'continuity.actions.delete',
      params: { label: event.label },
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.deleting.set(event.id);
          return this.api.delete(event.id);
        }),
      )
      .subscribe({
        next: () => {
          this.deleting.set(null);
          this.events.update((list) => list.filter((e) => e.id !== event.id));
          this.announce.set(this.translate.instant('continuity.deleted', { label: event.label }) as string);
        },
        error: (err: unknown) => {
          this.deleting.set(null);
          this.actionError.set(describeHttpError(err, this.language.current()));
        },
      });
  }
}
