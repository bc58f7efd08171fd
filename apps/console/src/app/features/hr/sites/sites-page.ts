import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe } from '@ngx-translate/core';
import type { Page, SiteDto } from '@telework/contracts';
import {
  describeHttpError,
  ErrorText,
  fieldErrors,
} from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { DirectoryApi } from '../../../core/api/directory-api';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { serverError } from '../../../shared/server-errors';

export const MAX_SITE_CAPACITY = 100000;

/** Sites and their on-site capacity per half-day, edited one site at a time. */
@Component({
  selector: 'tw-sites-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslatePipe,
    TwNumberPipe,
    ErrorAlert,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="tw-page-title">{{ 'sites.title' | translate }}</h1>
    <p class="tw-intro">{{ 'sites.intro' | translate }}</p>
    <p class="tw-visually-hidden" role="status" aria-live="polite">{{ announce() | translate }}</p>
    @if (saveError(); as e) {
      <tw-error-alert [error]="e" />
    }
    <tw-load-state [of]="sites" emptyKey="sites.empty">
      @if (sites.value().items.length) {
        <table class="tw-table">
          <caption class="tw-visually-hidden">{{ 'sites.caption' | translate }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'sites.columns.code' | translate }}</th>
              <th scope="col">{{ 'sites.columns.name' | translate }}</th>
              <th scope="col" class="tw-num">{{ 'sites.columns.agents' | translate }}</th>
              <th scope="col" class="tw-num">{{ 'sites.columns.capacity' | translate }}</th>
              <th scope="col"><span class="tw-visually-hidden">{{ 'common.actions' | translate }}</span></th>
            </tr>
          </thead>
          <tbody>
            @for (s of sites.value().items; track s.id) {
              <tr [attr.data-site]="s.id">
                <td class="tw-code">{{ s.code }}</td>
                <td>{{ s.name }}</td>
                <td class="tw-num">{{ s.agentCount | twNumber }}</td>
                @if (editing() === s.id) {
                  <td class="tw-num" colspan="2">
                    <form class="tw-edit" (ngSubmit)="save(s)" novalidate>
                      <mat-form-field appearance="outline" subscriptSizing="dynamic">
                        <mat-label>{{ 'sites.capacityOf' | translate: { name: s.name } }}</mat-label>
                        <input matInput type="number" min="0" [max]="max" step="1" [formControl]="capacity" />
                        @if (serverError(capacity); as m) {
                          <mat-error>{{ m }}</mat-error>
                        } @else {
                          <mat-error>{{ 'sites.capacityInvalid' | translate: { max: max } }}</mat-error>
                        }
                      </mat-form-field>
                      <button mat-flat-button type="submit" [disabled]="saving()">
                        {{ (saving() ? 'common.saving' : 'common.save') | translate }}
                      </button>
                      <button mat-button type="button" (click)="cancel()">{{ 'common.cancel' | translate }}</button>
                    </form>
                  </td>
                } @else {
                  <td class="tw-num">{{ s.capacity | twNumber }}</td>
                  <td>
                    <button mat-button type="button" class="tw-edit-button" (click)="edit(s)"
                      [attr.aria-label]="'sites.editLabel' | translate: { name: s.name }">
                      <mat-icon svgIcon="tw-edit" aria-hidden="true" />
                      {{ 'common.edit' | translate }}
                    </button>
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      }
    </tw-load-state>
  `,
  styles: `
    .tw-intro { max-width: 80ch; margin-top: 0; }
    .tw-table { border-collapse: collapse; width: 100%; max-width: 1000px; }
    .tw-table th, .tw-table td { border-bottom: 1px solid var(--mat-sys-outline-variant); padding: 8px; text-align: start; }
    .tw-table .tw-num { text-align: end; font-variant-numeric: tabular-nums; }
    .tw-code { white-space: nowrap; }
    .tw-edit { display: flex; flex-wrap: wrap; align-items: center; justify-content: flex-end; gap: 8px; }
  `,
})
export class SitesPage {
  private readonly language = inject(LanguageService);
  private readonly api = inject(DirectoryApi);

  protected readonly max = MAX_SITE_CAPACITY;
  protected readonly sites = loadable({
    stream: () => this.api.listSites(),
    initial: { items: [], total: 0 } as Page<SiteDto>,
  });
  protected readonly editing = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<ErrorText | null>(null);
  protected readonly announce = signal('');
  protected readonly serverError = serverError;
  protected readonly capacity = new FormControl<number | null>(null, [
    Validators.required,
    Validators.min(0),
    Validators.max(MAX_SITE_CAPACITY),
    Validators.pattern(/^\d+$/),
  ]);

  protected edit(site: SiteDto): void {
    this.saveError.set(null);
    this.capacity.reset(site.capacity);
    this.editing.set(site.id);
  }

  protected cancel(): void {
    this.editing.set(null);
  }

  protected save(site: SiteDto): void {
    this.saveError.set(null);
    if (this.capacity.invalid || this.capacity.value === null) {
      this.capacity.markAsTouched();
      return;
    }
    this.saving.set(true);
    this.api
      .updateSite(site.id, { capacity: Number(this.capacity.value) })
      .subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.sites.update((page) => ({
          ...page,
          items: page.items.map((s) => (s.id === updated.id ? updated : s)),
        }));
        this.editing.set(null);
        this.announce.set('sites.saved');
      },
      error: (err: unknown) => {
        const locale = this.language.current();
        this.saving.set(false);
        const errors = fieldErrors(err, locale);
        const onCapacity = errors.find((e) => e.field === 'capacity');
        if (onCapacity) {
          this.capacity.setErrors({ server: onCapacity.message });
          this.capacity.markAsTouched();
        }
        if (!onCapacity || errors.length > 1) {
          this.saveError.set(describeHttpError(err, locale));
        }
      },
    });
  }
}
