import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * A page that is not built yet says so, and says what it will hold. No sample data: a
 * planner must never mistake a mock-up for the real plan.
 * Route data: `{ titleKey, descriptionKey }` (bound as inputs).
 */
@Component({
  selector: 'tw-placeholder-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="tw-page-title">{{ titleKey() | translate }}</h1>
    <section class="tw-placeholder" aria-labelledby="tw-placeholder-status">
      <p id="tw-placeholder-status" class="tw-placeholder-status">
        {{ 'placeholder.comingSoon' | translate }}
      </p>
      <p>
        {{ 'placeholder.willShow' | translate }}
        {{ descriptionKey() | translate }}
      </p>
    </section>
  `,
  styles: `
    .tw-placeholder {
      max-width: 70ch;
      padding: 16px 20px;
      border-inline-start: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
      border-radius: 4px;
    }
    .tw-placeholder-status {
      font-weight: 600;
    }
  `,
})
export class PlaceholderPage {
  readonly titleKey = input.required<string>();
  readonly descriptionKey = input.required<string>();
}

/** Route entry for a placeholder page: title and description keys under `pages.<id>`. */
export function placeholderRoute(path: string, id: string) {
  return {
    path,
    title: `pages.${id}.title`,
    component: PlaceholderPage,
    data: {
      titleKey: `pages.${id}.title`,
      descriptionKey: `pages.${id}.description`,
    },
  };
}
