import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { TranslatePipe } from '@ngx-translate/core';
import type { NoticeDto } from '@telework/contracts';
import { MeApi } from '../core/api/me-api';
import { TwDatePipe } from '../core/i18n/tw-date.pipe';

/** How many unread notices the toolbar fetches at once. */
export const NOTICES_PAGE_SIZE = 20;
/** Unread notices are fetched again this often while the console is open. */
export const NOTICES_REFRESH_MS = 5 * 60_000;

/**
 * The toolbar's bell: a badge with the number of unread notices ("your request was
 * approved"…), a menu listing them, and "mark as read".
 */
@Component({
  selector: 'tw-notices-menu',
  imports: [
    MatBadgeModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    TranslatePipe,
    TwDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      class="tw-notices-button"
      [matMenuTriggerFor]="menu"
      (menuOpened)="refresh()"
      [attr.aria-label]="label() | translate: { count: total() }"
    >
      <mat-icon
        svgIcon="tw-bell"
        aria-hidden="true"
        [matBadge]="total() > 99 ? '99+' : total()"
        [matBadgeHidden]="total() === 0"
        matBadgeColor="warn"
        matBadgeSize="small"
      />
    </button>
    <mat-menu #menu="matMenu" xPosition="before" class="tw-notices-panel">
      <div class="tw-notices" (click)="$event.stopPropagation()" (keydown)="onKeydown($event)" role="presentation">
        <h2 class="tw-notices-title">{{ 'notices.title' | translate }}</h2>
        @if (failed()) {
          <p class="tw-notices-empty">{{ 'notices.unavailable' | translate }}</p>
        } @else if (items().length === 0) {
          <p class="tw-notices-empty">{{ 'notices.empty' | translate }}</p>
        } @else {
          <ul class="tw-notices-list">
            @for (n of items(); track n.id) {
              <li class="tw-notice">
                <p class="tw-notice-message">{{ n.message }}</p>
                <p class="tw-notice-date">
                  {{ n.createdAt | twDate: { dateStyle: 'medium', timeStyle: 'short' } }}
                </p>
                <button
                  mat-button
                  type="button"
                  class="tw-notice-read"
                  (click)="markRead([n.id])"
                  [attr.aria-label]="'notices.markOneLabel' | translate: { message: n.message }"
                >
                  {{ 'notices.markOne' | translate }}
                </button>
              </li>
            }
          </ul>
          @if (total() > items().length) {
            <p class="tw-notices-more">
              {{ 'notices.more' | translate: { count: total() - items().length } }}
            </p>
          }
          <button mat-stroked-button type="button" class="tw-notices-all" (click)="markRead()">
            {{ 'notices.markAll' | translate }}
          </button>
        }
      </div>
    </mat-menu>
  `,
  styles: `
    .tw-notices {
      padding: 8px 16px;
      max-width: 420px;
    }
    .tw-notices-title {
      margin: 4px 0 8px;
      font: var(--mat-sys-title-small);
    }
    .tw-notices-list {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: 360px;
      overflow: auto;
    }
    .tw-notice {
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .tw-notice p {
      margin: 0;
    }
    .tw-notice-date,
    .tw-notices-more,
    .tw-notices-empty {
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tw-notices-all {
      margin-top: 8px;
    }
  `,
})
export class NoticesMenu {
  private readonly api = inject(MeApi);

  protected readonly items = signal<NoticeDto[]>([]);
  protected readonly total = signal(0);
  protected readonly failed = signal(false);
  protected readonly label = computed(() =>
    this.total() === 0
      ? 'notices.buttonNone'
      : this.total() === 1
        ? 'notices.buttonOne'
        : 'notices.button',
  );

  constructor() {
    this.refresh();
    const timer = setInterval(() => this.refresh(), NOTICES_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  refresh(): void {
    this.api
      .notices({ unread: true, pageSize: NOTICES_PAGE_SIZE })
      .subscribe({
        next: (page) => {
          this.items.set(page.items);
          this.total.set(page.total);
          this.failed.set(false);
        },
        error: () => this.failed.set(true),
      });
  }

  protected markRead(ids?: string[]): void {
    this.api.markNoticesRead(ids).subscribe({
      next: () => {
        if (ids) {
          this.items.update((items) => items.filter((n) => !ids.includes(n.id)));
          this.total.update((t) => Math.max(0, t - ids.length));
        } else {
          this.items.set([]);
          this.total.set(0);
        }
      },
      error: () => this.failed.set(true),
    });
  }

  protected onKeydown(event: KeyboardEvent): void {
    // Let Tab / arrows / Escape reach the menu; keep Enter/Space on our buttons.
    if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
  }
}
