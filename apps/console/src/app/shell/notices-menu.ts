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
    <!--
      A real menu (axe aria-required-children: a menu holds menu items only): named by its
      aria-label, the title shown but hidden from screen readers, each notice a menu item that
      marks it read (its name is its text: the message, the date, « Marquer comme lue »), arrows
      move between them. Clicks inside do not close it (one notice read, the others stay).
    -->
    <mat-menu #menu="matMenu" xPosition="before" class="tw-notices-panel" [aria-label]="'notices.title' | translate">
      <!-- not a control: it keeps clicks inside the menu and hears the arrow keys of its focused items -->
      <div class="tw-notices" role="none" (click)="$event.stopPropagation()" (keydown)="onKeydown($event)">
        <div class="tw-notices-title" role="presentation" aria-hidden="true">{{ 'notices.title' | translate }}</div>
        @if (failed()) {
          <button mat-menu-item type="button" disabled class="tw-notices-empty">{{ 'notices.unavailable' | translate }}</button>
        } @else if (items().length === 0) {
          <button mat-menu-item type="button" disabled class="tw-notices-empty">{{ 'notices.empty' | translate }}</button>
        } @else {
          <div class="tw-notices-list">
            @for (n of items(); track n.id) {
              <button mat-menu-item type="button" class="tw-notice tw-notice-read" (click)="markRead([n.id])">
                <span class="tw-notice-message">{{ n.message }}</span>
                <span class="tw-notice-date">
                  {{ n.createdAt | twDate: { dateStyle: 'medium', timeStyle: 'short' } }}
                </span>
                <span class="tw-notice-action">{{ 'notices.markOne' | translate }}</span>
              </button>
            }
          </div>
          @if (total() > items().length) {
            <p class="tw-notices-more">
              {{ 'notices.more' | translate: { count: total() - items().length } }}
            </p>
          }
          <button mat-menu-item type="button" class="tw-notices-all" (click)="markRead()">
            {{ 'notices.markAll' | translate }}
          </button>
        }
      </div>
    </mat-menu>
  `,
  styles: `
    .tw-notices {
      max-width: 420px;
    }
    .tw-notices-title {
      padding: 8px 16px 4px;
      font: var(--mat-sys-title-small);
    }
    .tw-notices-list {
      max-height: 360px;
      overflow: auto;
    }
    .tw-notice {
      height: auto;
      padding-block: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .tw-notice span {
      display: block;
      white-space: normal;
    }
    .tw-notice-date,
    .tw-notices-more {
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tw-notice-action {
      font-size: 0.8125rem;
      color: var(--mat-sys-primary);
    }
    .tw-notices-more {
      margin: 8px 16px;
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
