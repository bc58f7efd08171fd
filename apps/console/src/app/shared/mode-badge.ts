import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { AssignmentMode } from '@telework/contracts';

const ICONS: Record<AssignmentMode, string> = {
  REMOTE: 'tw-remote',
  ON_SITE: 'tw-on-site',
  OFF: 'tw-off',
  NO_WORKPLACE: 'tw-no-workplace',
};

/**
 * A half-day's mode as colour, icon and words together (never colour alone); NO_WORKPLACE (a
 * continuity event left the agent without a desk or a seat) has its own icon, words and border. `compact` shows
 * a short label and keeps the full one for screen readers.
 */
@Component({
  selector: 'tw-mode-badge',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'tw-mode',
    '[class.tw-mode-remote]': "mode() === 'REMOTE'",
    '[class.tw-mode-on-site]': "mode() === 'ON_SITE'",
    '[class.tw-mode-off]': "mode() === 'OFF'",
    '[class.tw-mode-no-workplace]': "mode() === 'NO_WORKPLACE'",
    '[class.tw-mode-compact]': 'compact()',
    '[attr.data-mode]': 'mode()',
  },
  template: `
    <mat-icon [svgIcon]="icon()" aria-hidden="true" />
    @if (compact()) {
      <span aria-hidden="true">{{ 'modes.short.' + mode() | translate }}</span>
      <span class="tw-visually-hidden">{{ 'modes.' + mode() | translate }}</span>
    } @else {
      <span>{{ 'modes.' + mode() | translate }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 8px 2px 4px;
      border-radius: 4px;
      border: 1px solid transparent;
      font-weight: 600;
      font-size: 0.875rem;
      white-space: nowrap;
    }
    :host(.tw-mode-compact) {
      padding: 0 4px 0 2px;
      font-size: 0.75rem;
    }
    :host(.tw-mode-compact) mat-icon {
      width: 16px;
      height: 16px;
    }
    mat-icon {
      width: 20px;
      height: 20px;
    }
    :host(.tw-mode-remote) {
      background: #dee5fd;
      color: #000091;
      border-color: #6a6af4;
    }
    :host(.tw-mode-on-site) {
      background: #fff3e0;
      color: #6e3800;
      border-color: #c86b00;
    }
    :host(.tw-mode-off) {
      background: #eeeeee;
      color: #3a3a3a;
      border-color: #929292;
      border-style: dashed;
    }
    /* continuity event: neither a desk nor a seat; icon and words say it, the double border too */
    :host(.tw-mode-no-workplace) {
      background: #fee9e9;
      color: #8a0002;
      border: 3px double #ce0500;
      /* the longest words of all: they wrap inside a narrow cell rather than spill over the next */
      white-space: normal;
      max-width: 100%;
    }
  `,
})
export class ModeBadge {
  readonly mode = input.required<AssignmentMode>();
  readonly compact = input(false);
  protected icon() {
    return ICONS[this.mode()];
  }
}
