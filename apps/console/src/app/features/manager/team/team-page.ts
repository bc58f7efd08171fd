import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import {
  PERIODS,
  type AgentDto,
  type ScheduleDto,
  type ScheduleHalfDayDto,
} from '@telework/contracts';
import { catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { describeHttpError, ErrorText } from '../../../core/api/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { DirectoryApi } from '../../../core/api/directory-api';
import {
  addDays,
  displayDate,
  isoWeekNumber,
  mondayOf,
  workWeek,
} from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { ErrorAlert } from '../../../shared/error-alert';
import { ModeBadge } from '../../../shared/mode-badge';

/** One schedule request per agent shown: a page never holds more than this many agents. */
export const TEAM_PAGE_SIZE_MAX = 25;
export const TEAM_PAGE_SIZES = [10, TEAM_PAGE_SIZE_MAX];

interface TeamRow {
  agent: AgentDto;
  /** null: that agent's schedule failed to load */
  halfDays: Map<string, ScheduleHalfDayDto> | null;
}

/**
 * "Mon équipe": the team's agents (the API scopes `GET /api/agents` to the manager's team)
 * with each one's week. Schedules are fetched for the agents of the current page only
 * (25 at most), never for a whole directory.
 */
@Component({
  selector: 'tw-team-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
    TwDatePipe,
    ErrorAlert,
    ModeBadge,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './team-page.html',
  styleUrl: './team-page.scss',
})
export class TeamPage {
  private readonly language = inject(LanguageService);
  private readonly api = inject(DirectoryApi);

  protected readonly today = inject(AuthService).today();
  protected readonly currentMonday = mondayOf(this.today);
  protected readonly monday = signal(this.currentMonday);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(TEAM_PAGE_SIZE_MAX);
  protected readonly pageSizes = TEAM_PAGE_SIZES;
  private readonly reloads = signal(0);

  protected readonly loadingAgents = signal(true);
  protected readonly loadingSchedules = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  protected readonly agents = signal<AgentDto[]>([]);
  protected readonly total = signal(0);
  private readonly schedules = signal<Map<string, ScheduleDto | null>>(new Map());

  protected readonly periods = PERIODS;
  protected readonly days = computed(() => workWeek(this.monday()));
  protected readonly weekNumber = computed(() => isoWeekNumber(this.monday()));
  protected readonly friday = computed(() => displayDate(addDays(this.monday(), 4)));
  protected readonly mondayDate = computed(() => displayDate(this.monday()));
  protected readonly rows = computed((): TeamRow[] => {
    const schedules = this.schedules();
    return this.agents().map((agent) => {
      if (!schedules.has(agent.id)) return { agent, halfDays: new Map() };
      const schedule = schedules.get(agent.id);
      return {
        agent,
        halfDays: schedule
          ? new Map(schedule.halfDays.map((h) => [`${h.date}${h.period}`, h]))
          : null,
      };
    });
  });

  constructor() {
    toObservable(
      computed(() => {
        this.reloads();
        return {
          page: this.pageIndex() + 1,
          pageSize: Math.min(this.pageSize(), TEAM_PAGE_SIZE_MAX),
          monday: this.monday(),
        };
      }),
    )
      .pipe(
        tap(() => {
          this.loadingAgents.set(true);
          this.error.set(null);
        }),
        switchMap(({ page, pageSize, monday }) =>
          this.api
            .listAgents({ page, pageSize, sort: 'lastName', order: 'asc' })
            .pipe(
              tap((result) => {
                this.agents.set(result.items);
                this.total.set(result.total);
                this.schedules.set(new Map());
                this.loadingAgents.set(false);
                this.loadingSchedules.set(result.items.length > 0);
              }),
              switchMap((result) =>
                result.items.length === 0
                  ? of([])
                  : forkJoin(
                      result.items.map((agent) =>
                        this.api
                          .agentSchedule(agent.id, monday, addDays(monday, 6))
                          .pipe(
                            map((s): [string, ScheduleDto | null] => [agent.id, s]),
                            catchError(() => of([agent.id, null] as [string, null])),
                          ),
                      ),
                    ),
              ),
              catchError((err: unknown) => {
                this.error.set(describeHttpError(err, this.language.current()));
                this.agents.set([]);
                this.total.set(0);
                this.loadingAgents.set(false);
                return of(null);
              }),
            ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((entries) => {
        if (entries) this.schedules.set(new Map(entries));
        this.loadingSchedules.set(false);
      });
  }

  protected move(direction: -1 | 1): void {
    this.monday.update((m) => addDays(m, 7 * direction));
  }

  protected thisWeek(): void {
    this.monday.set(mondayOf(this.today));
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }
}
