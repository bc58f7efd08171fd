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

interface Cell {
  date: IsoDate;
  period: HalfDayPeriod;
  halfDay: ScheduleHalfDayDto | null;
  /** NO_WORKPLACE: why, in the interface's language */
  why: string | null;
}

/**
 * One working week, Monday to Friday × morning / afternoon, as a real table (header cells for
 * days and periods) so a screen reader announces "mardi 8 déc., après-midi: télétravail". A
 * NO_WORKPLACE half-day (a continuity event) says why, in the interface's language.
 */
@Component({
  selector: 'tw-week-grid',
  imports: [TranslatePipe, TwDatePipe, ModeBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table class="tw-week" [class.tw-week-compact]="compact()">
      <caption>
        {{
          'planning.weekCaption'
            | translate
              : {
                  week: weekNumber(),
                  from: (first() | twDate: { day: 'numeric', month: 'long' }),
                  to: (last() | twDate: { day: 'numeric', month: 'long', year: 'numeric' })
                }
        }}
      </caption>
      <thead>
        <tr>
          <td></td>
          @for (day of days(); track day) {
            <th
              scope="col"
              [class.tw-today]="day === today()"
              [attr.aria-current]="day === today() ? 'date' : null"
            >
              {{ toDate(day) | twDate: { weekday: compact() ? 'short' : 'long', day: 'numeric', month: 'short' } }}
            </th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.period) {
          <tr>
            <th scope="row">{{ 'periods.' + row.period | translate }}</th>
            @for (cell of row.cells; track cell.date) {
              <td
                class="tw-cell"
                [class.tw-today]="cell.date === today()"
                [class.tw-no-workplace]="cell.halfDay?.mode === 'NO_WORKPLACE'"
                [attr.data-date]="cell.date"
                [attr.data-period]="cell.period"
              >
                @if (cell.halfDay; as h) {
                  <tw-mode-badge [mode]="h.mode" [compact]="compact()" />
                  @if (!compact()) {
                    <span class="tw-source">{{ 'sources.' + h.source | translate }}</span>
                    @if (cell.why) { <span class="tw-why">{{ cell.why }}</span> }
                  } @else {
                    <span class="tw-visually-hidden">{{ 'sources.' + h.source | translate }}</span>
                    @if (cell.why) { <span class="tw-visually-hidden">{{ cell.why }}</span> }
                  }
                } @else {
                  <span class="tw-unplanned">{{ 'planning.unplanned' | translate }}</span>
                }
              </td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .tw-week {
      border-collapse: collapse;
      width: 100%;
      table-layout: fixed;
      min-width: 560px;
    }
    caption {
      text-align: start;
      font: var(--mat-sys-title-small);
      padding-block: 8px;
    }
    th,
    td {
      border: 1px solid var(--mat-sys-outline-variant);
      padding: 8px;
      vertical-align: top;
      text-align: start;
    }
    thead th {
      font-weight: 600;
      text-transform: capitalize;
    }
    tbody th {
      width: 7.5rem;
      font-weight: 600;
    }
    .tw-week-compact th,
    .tw-week-compact td {
      padding: 4px;
    }
    .tw-week-compact tbody th {
      width: 6rem;
    }
    .tw-today {
      background: var(--mat-sys-surface-container-high);
      box-shadow: inset 0 3px 0 var(--mat-sys-primary);
    }
    .tw-source {
      display: block;
      margin-top: 4px;
      font-size: 0.8125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .tw-no-workplace {
      box-shadow: inset 4px 0 0 #ce0500;
    }
    .tw-why {
      display: block;
      margin-top: 4px;
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
export class WeekGrid {
  private readonly language = inject(LanguageService);
  readonly monday = input.required<IsoDate>();
  readonly halfDays = input.required<readonly ScheduleHalfDayDto[]>();
  readonly today = input<IsoDate>('');
  readonly compact = input(false);

  protected readonly days = computed(() => workWeek(this.monday()));
  protected readonly first = computed(() => displayDate(this.days()[0]));
  protected readonly last = computed(() => displayDate(this.days()[4]));
  protected readonly weekNumber = computed(() => isoWeekNumber(this.monday()));
  protected readonly rows = computed(() => {
    const byKey = new Map(
      this.halfDays().map((h) => [`${h.date}${h.period}`, h]),
    );
    const locale = this.language.current();
    return PERIODS.map((period) => ({
      period,
      cells: this.days().map((date): Cell => {
        const halfDay = byKey.get(`${date}${period}`) ?? null;
        return {
          date,
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
