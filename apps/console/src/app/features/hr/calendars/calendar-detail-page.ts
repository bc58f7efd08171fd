import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { ContinuityEventDto, RotationCalendarDto } from '@telework/contracts';
import { filter, switchMap } from 'rxjs';
import {
  describeHttpError,
  ErrorText,
  FieldError,
  fieldErrors,
  serverMessage,
} from '../../../core/api/api-error';
import { ContinuityApi } from '../../../core/api/continuity-api';
import { LanguageService } from '../../../core/i18n/language.service';
import { PlanningApi } from '../../../core/api/planning-api';
import { displayDate, splitHalfDay } from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { TwNumberPipe } from '../../../core/i18n/tw-number.pipe';
import { injectEngineJobTracker } from '../../../core/jobs/engine-jobs.service';
import { confirm } from '../../../shared/confirm-dialog';
import { EngineJobProgress } from '../../../shared/engine-job-progress';
import { eventCovers, eventMeets } from '../../../shared/continuity';
import { ErrorAlert } from '../../../shared/error-alert';
import { EventPeriodPipe } from '../../../shared/event-period.pipe';
import { EventStatusChip } from '../../../shared/event-status-chip';
import { warningTexts } from '../runs/run-metrics';

/** A half-day's pool use at or above this share of the cap is highlighted. */
export const NEAR_CAP_RATIO = 0.9;

interface HalfDayColumn {
  key: string;
  date: string;
  period: 'AM' | 'PM';
  /** labels of the continuity events covering the half-day */
  events: string[];
}

interface UseCell {
  key: string;
  used: number;
  capacity: number;
  level: 'ok' | 'near' | 'over';
}

/**
 * One rotation calendar: groups × half-days (a marked cell: the group is remote), the pool use
 * of each half-day against its cap, cell toggling while DRAFT (the API refuses a change that
 * breaks a cap with the figures, shown as is), and publishing.
 */
@Component({
  selector: 'tw-calendar-detail-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
    TwDatePipe,
    TwNumberPipe,
    ErrorAlert,
    EngineJobProgress,
    EventPeriodPipe,
    EventStatusChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calendar-detail-page.html',
  styleUrl: './calendar-detail-page.scss',
})
export class CalendarDetailPage {
  private readonly language = inject(LanguageService);
  private readonly api = inject(PlanningApi);
  private readonly continuity = inject(ContinuityApi);
  private readonly dialog = inject(MatDialog);

  /** route parameter */
  readonly id = input.required<string>();

  protected readonly calendar = signal<RotationCalendarDto | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly pendingCell = signal<string | null>(null);
  protected readonly cellErrors = signal<FieldError[]>([]);
  protected readonly cellErrorMessage = signal<string | null>(null);
  protected readonly actionError = signal<ErrorText | null>(null);
  protected readonly publishing = signal(false);
  protected readonly announce = signal<string>('');
  /** the engine job of the pending cell check or publication (one at a time) */
  protected readonly job = injectEngineJobTracker();
  protected readonly jobLabel = computed(() =>
    this.publishing() ? 'calendarDetail.publishing' : 'calendarDetail.checking',
  );

  protected readonly draft = computed(() => this.calendar()?.status === 'DRAFT');
  /** the engine's warnings, worded in the reader's language (the English as it came for older calendars) */
  protected readonly warnings = computed(() => {
    const cal = this.calendar();
    return cal ? warningTexts(cal, this.language.current()) : [];
  });
  /** every continuity event listed (any status), whatever the calendar */
  private readonly allEvents = signal<ContinuityEventDto[]>([]);
  protected readonly eventsFailed = signal(false);
  /** the continuity events meeting the calendar's period: their half-days are marked */
  protected readonly events = computed(() => {
    const cal = this.calendar();
    return cal ? this.allEvents().filter((e) => eventMeets(e, cal.from, cal.to)) : [];
  });
  protected readonly columns = computed((): HalfDayColumn[] => {
    const events = this.events();
    return (this.calendar()?.halfDays ?? []).map((key) => {
      const { date, period } = splitHalfDay(key);
      return { key, date, period, events: events.filter((e) => eventCovers(e, date, period)).map((e) => e.label) };
    });
  });
  protected readonly remote = computed(
    () =>
      new Set(
        (this.calendar()?.cells ?? []).map((c) => `${c.groupId}|${c.date}${c.period}`),
      ),
  );
  protected readonly days = computed(() => {
    const out: { date: string; span: number }[] = [];
    for (const col of this.columns()) {
      const last = out[out.length - 1];
      if (last && last.date === col.date) last.span++;
      else out.push({ date: col.date, span: 1 });
    }
    return out;
  });
  protected readonly useRows = computed(() => {
    const cal = this.calendar();
    if (!cal) return [];
    const codes = [...new Set(cal.use.flatMap((u) => u.pools.map((p) => p.code)))];
    const byHalfDay = new Map(cal.use.map((u) => [u.halfDay, u]));
    return codes.map((code) => ({
      code,
      cells: this.columns().map((col): UseCell => {
        const pool = byHalfDay.get(col.key)?.pools.find((p) => p.code === code);
        const used = pool ? pool.remote + pool.reserved : 0;
        const capacity = pool?.capacity ?? 0;
        const level =
          used > capacity
            ? 'over'
            : capacity > 0 && used >= capacity * NEAR_CAP_RATIO
              ? 'near'
              : 'ok';
        return { key: col.key, used, capacity, level };
      }),
    }));
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.load(id);
        this.loadEvents();
      });
    });
  }

  load(id = this.id()): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.getRotation(id).subscribe({
      next: (cal) => {
        this.calendar.set(cal);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(describeHttpError(err, this.language.current()));
        this.loading.set(false);
      },
    });
  }

  /** The continuity events, to mark their half-days (a failure leaves the grid unmarked, and says so). */
  loadEvents(): void {
    this.eventsFailed.set(false);
    this.continuity.list().subscribe({
      next: (events) => this.allEvents.set(events),
      error: () => this.eventsFailed.set(true),
    });
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }

  protected isRemote(groupId: string, key: string): boolean {
    return this.remote().has(`${groupId}|${key}`);
  }

  protected toggle(groupId: string, col: HalfDayColumn): void {
    const cal = this.calendar();
    if (!cal || cal.status !== 'DRAFT' || this.pendingCell() || this.publishing()) return;
    const cellKey = `${groupId}|${col.key}`;
    const remote = !this.isRemote(groupId, col.key);
    this.pendingCell.set(cellKey);
    this.cellErrors.set([]);
    this.cellErrorMessage.set(null);
    this.actionError.set(null);
    this.api
      .patchCells(
        cal.id,
        { changes: [{ groupId, date: col.date, period: col.period, remote }] },
        this.job,
      )
      .subscribe({
        next: (updated) => {
          this.pendingCell.set(null);
          this.calendar.set(updated);
          this.announce.set(remote ? 'calendarDetail.setRemote' : 'calendarDetail.setOnSite');
        },
        error: (err: unknown) => {
          const locale = this.language.current();
          this.pendingCell.set(null);
          const errors = fieldErrors(err, locale);
          if (errors.length) {
            this.cellErrors.set(errors);
            this.cellErrorMessage.set(serverMessage(err, locale));
          } else {
            this.actionError.set(describeHttpError(err, locale));
          }
        },
      });
  }

  protected publish(): void {
    const cal = this.calendar();
    if (!cal) return;
    this.actionError.set(null);
    confirm(this.dialog, {
      titleKey: 'calendarDetail.publishTitle',
      messageKey: 'calendarDetail.publishText',
      confirmKey: 'calendarDetail.publish',
      params: { version: cal.version },
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.publishing.set(true);
          return this.api.publishRotation(cal.id, this.job);
        }),
      )
      .subscribe({
        next: (published) => {
          this.publishing.set(false);
          this.calendar.set(published);
          this.announce.set('calendarDetail.published');
        },
        error: (err: unknown) => {
          this.publishing.set(false);
          this.actionError.set(describeHttpError(err, this.language.current()));
        },
      });
  }
}
