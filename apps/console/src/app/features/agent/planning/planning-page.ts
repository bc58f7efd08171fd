import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import type { ScheduleDto } from '@telework/contracts';
import { catchError, of, switchMap, tap } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { MeApi } from '../../../core/api/me-api';
import {
  addDays,
  displayDate,
  isoWeekday,
  planningMonday,
} from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { eventLabelOf, noWorkplaceText } from '../../../shared/continuity';
import { ErrorAlert } from '../../../shared/error-alert';
import { CalendarLink } from './calendar-link';
import { MyRequests } from './my-requests';
import { narrowScreen } from './narrow-screen';
import { RequestForm } from './request-form';
import { WeekGrid } from './week-grid';
import { WeekList } from './week-list';

export type PlanningView = 'week' | 'four';
const WEEKS: Record<PlanningView, number> = { week: 1, four: 4 };

/**
 * "Mon planning": the agent's half-days week by week (or four weeks at a glance) from
 * `GET /api/me/schedule`, the requests form and list, and the iCal link.
 */
@Component({
  selector: 'tw-planning-page',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
    TwDatePipe,
    ErrorAlert,
    WeekGrid,
    WeekList,
    RequestForm,
    MyRequests,
    CalendarLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './planning-page.html',
  styleUrl: './planning-page.scss',
})
export class PlanningPage {
  private readonly language = inject(LanguageService);
  private readonly api = inject(MeApi);

  protected readonly today = inject(AuthService).today();
  protected readonly view = signal<PlanningView>('week');
  /** a phone: the weeks as lists of days */
  protected readonly narrow = narrowScreen();
  /** this week's Monday; on a Saturday or Sunday, the coming week's (the week just ended is over) */
  private readonly startMonday = planningMonday(this.today);
  protected readonly monday = signal(this.startMonday);
  /** Saturday or Sunday: the button back to the start says "coming week" */
  protected readonly weekend = isoWeekday(this.today) >= 6;
  private readonly reloads = signal(0);
  protected readonly requestsReload = signal(0);

  protected readonly loading = signal(true);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly schedule = signal<ScheduleDto | null>(null);

  protected readonly range = computed(() => ({
    from: this.monday(),
    to: addDays(this.monday(), 7 * WEEKS[this.view()] - 1),
  }));
  protected readonly weeks = computed(() => {
    const halfDays = this.schedule()?.halfDays ?? [];
    return Array.from({ length: WEEKS[this.view()] }, (_, i) => {
      const monday = addDays(this.monday(), 7 * i);
      const sunday = addDays(monday, 6);
      return {
        monday,
        halfDays: halfDays.filter((h) => h.date >= monday && h.date <= sunday),
      };
    });
  });
  /** the half-days a continuity event leaves without a workplace, each with its reason and event */
  protected readonly noWorkplace = computed(() => {
    const locale = this.language.current();
    return (this.schedule()?.halfDays ?? [])
      .filter((h) => h.mode === 'NO_WORKPLACE')
      .map((h) => ({
        date: h.date,
        period: h.period,
        why: noWorkplaceText(h, locale),
        event: eventLabelOf(h.why),
      }));
  });
  protected readonly empty = computed(
    () => !!this.schedule() && (this.schedule()?.halfDays ?? []).length === 0,
  );
  protected readonly isCurrent = computed(
    () => this.monday() === this.startMonday,
  );
  protected readonly rangeDates = computed(() => ({
    from: displayDate(this.range().from),
    to: displayDate(addDays(this.range().to, -2)),
  }));

  constructor() {
    toObservable(
      // a new object on every reload, so that "Réessayer" asks again for the same range
      computed(() => ({ ...this.range(), reload: this.reloads() })),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap(({ from, to }) =>
          this.api.schedule(from, to).pipe(
            catchError((err: unknown) => {
              this.error.set(describeHttpError(err, this.language.current()));
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((schedule) => {
        this.schedule.set(schedule);
        this.loading.set(false);
      });
  }

  protected setView(view: PlanningView): void {
    this.view.set(view);
  }

  protected move(direction: -1 | 1): void {
    this.monday.update((m) => addDays(m, direction * 7 * WEEKS[this.view()]));
  }

  protected thisWeek(): void {
    this.monday.set(this.startMonday);
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected onRequested(): void {
    this.requestsReload.update((n) => n + 1);
  }
}
