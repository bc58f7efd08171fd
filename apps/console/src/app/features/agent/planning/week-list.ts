import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import {
  PERIODS,
  type HalfDayPeriod,
  type ScheduleHalfDayDto,
} from '@telework/contracts';
import {
  displayDate,
  IsoDate,
  isoWeekNumber,
  workWeek,
} from '../../../core/dates/iso-dates';
import { LanguageService } from '../../../core/i18n/language.service';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { noWorkplaceText } from '../../../shared/continuity';
import { ModeBadge } from '../../../shared/mode-badge';

interface Half {
  period: HalfDayPeriod;
  halfDay: ScheduleHalfDayDto | null;
  /** NO_WORKPLACE: why, in the interface's language */
  why: string | null;
}

/**
 * One working week as a list of days, for a phone (the five-column table does not fit 390 px):
 * a heading per day, then the morning and the afternoon, each with its mode (icon and words),
 * where it comes from and, for a half-day without a workplace, why. Same data and the same
 * `data-date`/`data-period` marks as the table.
 */
@Component({
  selector: 'tw-week-list',
  imports: [TranslatePipe, TwDatePipe, ModeBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3 class="tw-week-title" [id]="headingId()">
      {{
        'planning.weekCaption'
          | translate
            : {
                week: weekNumber(),
                from: (first() | twDate: { day: 'numeric', month: 'long' }),
                to: (last() | twDate: { day: 'numeric', month: 'long', year: 'numeric' })
              }
      }}
    </h3>
    <ul class="tw-days" [attr.aria-labelledby]="headingId()">
      @for (day of days(); track day.date) {
        <li
          class="tw-day"
          [class.tw-today]="day.date === today()"
          [attr.aria-current]="day.date === today() ? 'date' : null"
          [attr.data-day]="day.date"
        >
          <h4 class="tw-day-title">
            {{ toDate(day.date) | twDate: { weekday: 'long', day: 'numeric', month: 'long' } }}
            @if (day.date === today()) {
              <span class="tw-today-tag">{{ 'planning.today' | translate }}</span>
            }
          </h4>
          <dl class="tw-halves">
            @for (h of day.halves; track h.period) {
              <div
                class="tw-half"
                [class.tw-no-workplace]="h.halfDay?.mode === 'NO_WORKPLACE'"
                [attr.data-date]="day.date"
                [attr.data-period]="h.period"
              >
                <dt>{{ 'periods.' + h.period | translate }}</dt>
                <dd>
                  @if (h.halfDay; as hd) {
                    <tw-mode-badge [mode]="hd.mode" />
                    <span class="tw-source">{{ 'sources.' + hd.source | translate }}</span>
                    @if (h.why) { <span class="tw-why">{{ h.why }}</span> }
                  } @else {
                    <span class="tw-unplanned">{{ 'planning.unplanned' | translate }}</span>
                  }
                </dd>
              </div>
            }
          </dl>
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }
    .tw-week-title {
      margin: 8px 0;
      font: var(--mat-sys-title-small);
    }
    .tw-days {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .tw-day {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px;
      min-width: 0;
    }
    .tw-day.tw-today {
      background: var(--mat-sys-surface-container-high);
      box-shadow: inset 4px 0 0 var(--mat-sys-primary);
    }
    .tw-day-title {
      margin: 0 0 4px;
      font: var(--mat-sys-title-small);
      font-weight: 600;
    }
    .tw-day-title::first-letter {
      text-transform: uppercase;
    }
    .tw-today-tag {
      margin-inline-start: 8px;
      font-weight: 400;
      font-size: 0.8125rem;
      color: var(--mat-sys-primary);
    }
    .tw-halves {
      margin: 0;
      display: grid;
      gap: 6px;
    }
    .tw-half {
      display: grid;
      grid-template-columns: 6.5rem minmax(0, 1fr);
      gap: 8px;
      align-items: start;
    }
    .tw-half.tw-no-workplace {
      box-shadow: inset 4px 0 0 #ce0500;
      padding-inline-start: 8px;
    }
    dt {
      font-weight: 600;
      padding-top: 2px;
    }
    dd {
      margin: 0;
      min-width: 0;
    }
    .tw-source {
      display: block;
      margin-top: 2px;
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tw-why {
      display: block;
      margin-top: 2px;
      font-size: 0.8125rem;
      color: #8a0002;
      overflow-wrap: anywhere;
    }
    .tw-unplanned {
      color: var(--mat-sys-on-surface-variant);
      font-style: italic;
      font-size: 0.8125rem;
    }
  `,
})
export class WeekList {
  private readonly language = inject(LanguageService);
  readonly monday = input.required<IsoDate>();
  readonly halfDays = input.required<readonly ScheduleHalfDayDto[]>();
  readonly today = input<IsoDate>('');

  protected readonly headingId = computed(() => `tw-week-${this.monday()}`);
  protected readonly weekNumber = computed(() => isoWeekNumber(this.monday()));
  protected readonly first = computed(() => displayDate(this.monday()));
  protected readonly last = computed(() => displayDate(workWeek(this.monday())[4]));
  protected readonly days = computed(() => {
    const byKey = new Map(this.halfDays().map((h) => [`${h.date}${h.period}`, h]));
    const locale = this.language.current();
    return workWeek(this.monday()).map((date) => ({
      date,
      halves: PERIODS.map((period): Half => {
        const halfDay = byKey.get(`${date}${period}`) ?? null;
        return {
          period,
          halfDay,
          why: halfDay?.mode === 'NO_WORKPLACE' ? noWorkplaceText(halfDay, locale) : null,
        };
      }),
    }));
  });

  protected toDate(day: IsoDate): Date {
    return displayDate(day);
  }
}
