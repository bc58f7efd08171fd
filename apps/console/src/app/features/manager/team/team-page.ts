import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslatePipe } from '@ngx-translate/core';
import {
  PERIODS,
  type AgentDto,
  type Page,
  type ScheduleDto,
  type ScheduleHalfDayDto,
} from '@telework/contracts';
import { catchError, forkJoin, map, Observable, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { DirectoryApi } from '../../../core/api/directory-api';
import {
  addDays,
  displayDate,
  isoWeekNumber,
  mondayOf,
  workWeek,
} from '../../../core/dates/iso-dates';
import { TwDatePipe } from '../../../core/i18n/tw-date.pipe';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import { ModeBadge } from '../../../shared/mode-badge';

/** One schedule request per agent shown: a page never holds more than this many agents. */
export const TEAM_PAGE_SIZE_MAX = 25;
export const TEAM_PAGE_SIZES = [10, TEAM_PAGE_SIZE_MAX];

/** A page of the team's agents, then their schedules of the week (null while they load). */
interface TeamWeek {
  agents: Page<AgentDto>;
  schedules: Map<string, ScheduleDto | null> | null;
}

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
    LoadState,
    ModeBadge,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './team-page.html',
  styleUrl: './team-page.scss',
})
export class TeamPage {
  private readonly api = inject(DirectoryApi);

  protected readonly today = inject(AuthService).today();
  protected readonly currentMonday = mondayOf(this.today);
  protected readonly monday = signal(this.currentMonday);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(TEAM_PAGE_SIZE_MAX);
  protected readonly pageSizes = TEAM_PAGE_SIZES;

  protected readonly team = loadable({
    params: () => ({
      page: this.pageIndex() + 1,
      pageSize: Math.min(this.pageSize(), TEAM_PAGE_SIZE_MAX),
      monday: this.monday(),
    }),
    stream: ({ page, pageSize, monday }) =>
      this.api.listAgents({ page, pageSize, sort: 'lastName', order: 'asc' }).pipe(
        switchMap((agents) => this.withSchedules(agents, monday)),
      ),
    initial: null as TeamWeek | null,
    isEmpty: (week) => !week || week.agents.items.length === 0,
  });
  protected readonly loadingSchedules = computed(
    () => !this.team.loading() && this.team.value()?.schedules === null,
  );
  protected readonly total = computed(() => this.team.value()?.agents.total ?? 0);

  protected readonly periods = PERIODS;
  protected readonly days = computed(() => workWeek(this.monday()));
  protected readonly weekNumber = computed(() => isoWeekNumber(this.monday()));
  protected readonly friday = computed(() => displayDate(addDays(this.monday(), 4)));
  protected readonly mondayDate = computed(() => displayDate(this.monday()));
  protected readonly rows = computed((): TeamRow[] => {
    const week = this.team.value();
    if (!week) return [];
    const schedules = week.schedules ?? new Map<string, ScheduleDto | null>();
    return week.agents.items.map((agent) => {
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

  /** The agents first (shown at once), then each one's week; one failed schedule fails alone. */
  private withSchedules(agents: Page<AgentDto>, monday: string): Observable<TeamWeek> {
    if (agents.items.length === 0) return of({ agents, schedules: new Map() });
    return forkJoin(
      agents.items.map((agent) =>
        this.api.agentSchedule(agent.id, monday, addDays(monday, 6)).pipe(
          map((s): [string, ScheduleDto | null] => [agent.id, s]),
          catchError(() => of([agent.id, null] as [string, null])),
        ),
      ),
    ).pipe(
      map((entries): TeamWeek => ({ agents, schedules: new Map(entries) })),
      startWith<TeamWeek>({ agents, schedules: null }),
    );
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

  protected toDate(iso: string): Date {
    return displayDate(iso);
  }
}
