import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '@ngx-translate/core';
import type { TeleworkRequestDto } from '@telework/contracts';
import { LanguageService } from '../core/i18n/language.service';
import { refusalText } from './refusal-text';

/**
 * A request's decision and, once approved, what the allocation made of it, with the reason
 * the allocation gives, worded from its refusal ("VDI complet le mardi 8 décembre 2026
 * après-midi : 1 700 places prises sur 1 700"); a reason stored before refusals were kept as
 * data is shown as it came.
 */
@Component({
  selector: 'tw-request-status',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="tw-status" [attr.data-status]="request().status">
      {{ 'requestStatus.' + request().status | translate }}
    </span>
    @if (request().allocationStatus; as a) {
      <span class="tw-alloc" [attr.data-allocation]="a">
        <mat-icon
          [svgIcon]="a === 'GRANTED' ? 'tw-check' : a === 'WAITLISTED' ? 'tw-pending' : 'tw-close'"
          aria-hidden="true"
        />
        {{ 'allocationStatus.' + a | translate }}
      </span>
    }
    @if (reason(); as reason) {
      <span class="tw-reason">{{ reason }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 2px;
    }
    .tw-status {
      font-weight: 600;
    }
    .tw-alloc {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-size: 0.875rem;
    }
    .tw-alloc mat-icon {
      width: 18px;
      height: 18px;
    }
    [data-allocation='GRANTED'] {
      color: #18753c;
    }
    [data-allocation='WAITLISTED'] {
      color: #8d4d00;
    }
    [data-allocation='REFUSED'] {
      color: var(--mat-sys-error);
    }
    .tw-reason {
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class RequestStatus {
  private readonly language = inject(LanguageService);
  readonly request = input.required<TeleworkRequestDto>();
  /** the allocation's reason in the interface's language */
  protected readonly reason = computed(() => {
    const { allocationRefusal, allocationReason } = this.request();
    return refusalText(allocationRefusal, allocationReason, this.language.current());
  });
}
