import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  takeUntilDestroyed,
  toObservable,
  toSignal,
} from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe } from '@ngx-translate/core';
import type {
  AgentDto,
  OrgUnitDto,
  Page,
  RotationGroupDto,
  SiteDto,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  switchMap,
  tap,
} from 'rxjs';
import { DirectoryApi } from '../../../core/api/directory-api';
import { LanguageService } from '../../../core/i18n/language.service';
import {
  AgentsTableState,
  EligibleFilter,
  INITIAL_AGENTS_STATE,
  toAgentQuery,
} from './agents-query';

export const SEARCH_DEBOUNCE_MS = 300;
export const PAGE_SIZE_OPTIONS = [25, 50, 100, 500];

interface LoadError {
  key: string;
  params?: Record<string, string | number>;
}

function describeError(error: unknown): LoadError {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return { key: 'agents.errors.unreachable' };
    if (error.status === 403) return { key: 'agents.errors.forbidden' };
    return { key: 'agents.errors.generic', params: { status: error.status } };
  }
  return { key: 'agents.errors.generic', params: { status: '?' } };
}

interface OptionList<T> {
  items: T[];
  failed: boolean;
}

function noOptions<T>(): OptionList<T> {
  return { items: [], failed: false };
}

/** A filter's choices; a failed list disables its filter instead of breaking the page. */
function optionList<T>(source: Observable<Page<T>>): Observable<OptionList<T>> {
  return source.pipe(
    map((page): OptionList<T> => ({ items: page.items, failed: false })),
    catchError(() => of<OptionList<T>>({ items: [], failed: true })),
  );
}

/**
 * HR's agent directory: server-side paging, sorting, search and filters over `GET /api/agents`
 * (5,000 agents do not belong in the browser at once).
 */
@Component({
  selector: 'tw-agents-page',
  imports: [
    ReactiveFormsModule,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agents-page.html',
  styleUrl: './agents-page.scss',
})
export class AgentsPage {
  private readonly api = inject(DirectoryApi);
  private readonly language = inject(LanguageService);

  protected readonly columns = [
    'employeeNumber',
    'name',
    'site',
    'orgUnit',
    'group',
    'tier',
    'pool',
    'eligible',
  ];
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;

  protected readonly state = signal<AgentsTableState>(INITIAL_AGENTS_STATE);
  private readonly reloads = signal(0);
  protected readonly loading = signal(true);
  protected readonly error = signal<LoadError | null>(null);
  private readonly result = signal<Page<AgentDto> | null>(null);

  protected readonly rows = computed(() => this.result()?.items ?? []);
  protected readonly total = computed(() => this.result()?.total ?? 0);
  protected readonly hasFilters = computed(() => {
    const s = this.state();
    return (
      s.q.trim() !== '' ||
      s.siteId !== '' ||
      s.orgUnitId !== '' ||
      s.groupId !== '' ||
      s.eligible !== 'all'
    );
  });
  protected readonly countText = computed(() => {
    const total = this.total();
    if (total === 0) return { key: 'agents.countZero' };
    if (total === 1) return { key: 'agents.countOne' };
    return {
      key: 'agents.count',
      params: {
        total: new Intl.NumberFormat(this.language.locale()).format(total),
      },
    };
  });

  protected readonly search = new FormControl('', { nonNullable: true });

  protected readonly sites = toSignal(optionList(this.api.listSites()), {
    initialValue: noOptions<SiteDto>(),
  });
  protected readonly orgUnits = toSignal(
    optionList(this.api.listOrgUnits()),
    { initialValue: noOptions<OrgUnitDto>() },
  );
  protected readonly groups = toSignal(optionList(this.api.listGroups()), {
    initialValue: noOptions<RotationGroupDto>(),
  });

  constructor() {
    this.search.valueChanges
      .pipe(
        map((q) => q.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.patch({ q, pageIndex: 0 }));

    const request = computed(() => {
      this.reloads();
      return toAgentQuery(this.state());
    });
    toObservable(request)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((query) =>
          this.api.listAgents(query).pipe(
            catchError((err: unknown) => {
              this.error.set(describeError(err));
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((page) => {
        this.result.set(page);
        this.loading.set(false);
      });
  }

  protected onPage(event: PageEvent): void {
    this.patch({ pageIndex: event.pageIndex, pageSize: event.pageSize });
  }

  protected onSort(sort: Sort): void {
    this.patch({
      sortColumn: sort.active,
      direction: sort.direction,
      pageIndex: 0,
    });
  }

  protected onSite(siteId: string): void {
    this.patch({ siteId, pageIndex: 0 });
  }

  protected onOrgUnit(orgUnitId: string): void {
    this.patch({ orgUnitId, pageIndex: 0 });
  }

  protected onGroup(groupId: string): void {
    this.patch({ groupId, pageIndex: 0 });
  }

  protected onEligible(eligible: EligibleFilter): void {
    this.patch({ eligible, pageIndex: 0 });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.patch({
      q: '',
      siteId: '',
      orgUnitId: '',
      groupId: '',
      eligible: 'all',
      pageIndex: 0,
    });
  }

  protected retry(): void {
    this.reloads.update((n) => n + 1);
  }

  private patch(change: Partial<AgentsTableState>): void {
    this.state.update((s) => ({ ...s, ...change }));
  }
}
