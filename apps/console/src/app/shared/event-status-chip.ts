import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { ContinuityEventStatus } from '@telework/contracts';

/** A continuity event's status in words, framed (dashed for a draft, solid when active, grey once ended). */
@Component({
  selector: 'tw-event-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-status]': 'status()', class: 'tw-event-status' },
  template: `{{ 'continuityStatus.' + status() | translate }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      border: 1px solid currentColor;
      font-size: 0.8125rem;
      font-weight: 600;
      white-space: nowrap;
    }
    :host([data-status='DRAFT']) {
      color: var(--mat-sys-primary);
      border-style: dashed;
    }
    :host([data-status='ACTIVE']) {
      color: #8a0002;
      background: #fee9e9;
      border-width: 2px;
    }
    :host([data-status='ENDED']) {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class EventStatusChip {
  readonly status = input.required<ContinuityEventStatus>();
}
