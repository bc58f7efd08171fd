import { DOCUMENT } from '@angular/common';
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
  toSignal,
} from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type {
  AgentDto,
  InvitationsResponse,
  OrgUnitDto,
  Page,
  Role,
  RotationGroupDto,
  SiteDto,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  of,
  switchMap,
} from 'rxjs';
import { AccountsApi } from '../../../core/api/accounts-api';
import { codedText, describeHttpError, ErrorText } from '../../../core/api/api-error';
import { DirectoryApi } from '../../../core/api/directory-api';
import { AuthService } from '../../../core/auth/auth.service';
import { LanguageService } from '../../../core/i18n/language.service';
import { formatNumber } from '../../../core/i18n/tw-number.pipe';
import { confirm } from '../../../shared/confirm-dialog';
import { downloadText } from '../../../shared/download';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadState } from '../../../shared/load-state';
import { loadable } from '../../../shared/loadable';
import {
  AgentsTableState,
  EligibleFilter,
  INITIAL_AGENTS_STATE,
  toAgentQuery,
} from './agents-query';
import { openInvitationDialog, SNACK_BAR_MS } from './invitation-dialog';
import {
  Invitation,
  invitationsCsv,
  invitationsFileName,
  isMailed,
} from './invitations-csv';

export const SEARCH_DEBOUNCE_MS = 300;
export const PAGE_SIZE_OPTIONS = [25, 50, 100, 500];
/** Who may invite agents to log in (the API's `POST /api/accounts/invitations`). */
export const INVITING_ROLES: readonly Role[] = ['HR', 'ADMIN'];

const COLUMNS = [
  'employeeNumber',
  'name',
  'site',
  'orgUnit',
  'group',
  'tier',
  'pool',
  'eligible',
  // the status, and for HR and ADMIN the invitation button next to it
  'account',
];

/** What "Inviter les agents sans compte" did: counts, the file written, who was left out. */
interface BulkInvitation {
  created: number;
  /** how many of them went to the agents by mail (no link in the file) */
  mailed: number;
  skipped: InvitationsResponse['skipped'];
  fileName: string | null;
}

/** Why the list failed, in the page's own words (« Impossible de charger les agents… »). */
function describeError(error: unknown): ErrorText {
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
 * (5,000 agents do not belong in the browser at once). Each agent's log-in account is shown;
 * HR and ADMIN invite agents from here, one (a link in a dialog) or all those without an
 * account (a CSV file of links); when the installation sends mail, the links go to the agents'
 * addresses instead and nothing is there to copy.
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
    TranslatePipe,
    ErrorAlert,
    LoadState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agents-page.html',
  styleUrl: './agents-page.scss',
})
export class AgentsPage {
  private readonly api = inject(DirectoryApi);
  private readonly accounts = inject(AccountsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly language = inject(LanguageService);

  /** HR and ADMIN invite agents; anyone else sees the account status only. */
  protected readonly canInvite = computed(() => {
    const role = this.auth.role();
    return !!role && INVITING_ROLES.includes(role);
  });
  /**
   * Whether the caller may invite this agent (the API's rule): no active account, and an HR or
   * ADMIN agent needs an ADMIN (its link would set that account's password).
   */
  protected canInviteAgent(agent: AgentDto): boolean {
    if (!this.canInvite() || agent.account === 'ACTIVE') return false;
    return this.auth.role() === 'ADMIN' || (agent.role !== 'HR' && agent.role !== 'ADMIN');
  }
  /**
   * Whether the caller may switch this agent's account off (the API's rule): an account exists,
   * is not the caller's own, and HR or ADMIN accounts need an ADMIN.
   */
  protected canDisable(agent: AgentDto): boolean {
    if (!this.canInvite() || (agent.account !== 'ACTIVE' && agent.account !== 'PENDING')) return false;
    if (agent.id === this.auth.user()?.agentId) return false;
    return this.auth.role() === 'ADMIN' || (agent.role !== 'HR' && agent.role !== 'ADMIN');
  }
  protected readonly columns = COLUMNS;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;

  protected readonly state = signal<AgentsTableState>(INITIAL_AGENTS_STATE);
  protected readonly agents = loadable({
    params: () => toAgentQuery(this.state()),
    stream: (query) => this.api.listAgents(query),
    initial: null as Page<AgentDto> | null,
    describe: describeError,
  });

  protected readonly rows = computed(() => this.agents.value()?.items ?? []);
  protected readonly total = computed(() => this.agents.value()?.total ?? 0);
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

  /** agents whose invitation is on its way */
  protected readonly inviting = signal<ReadonlySet<string>>(new Set());
  protected readonly invitingAll = signal(false);
  protected readonly actionError = signal<ErrorText | null>(null);
  protected readonly bulk = signal<BulkInvitation | null>(null);
  /** the summary of the last bulk invitation, in the current language */
  protected readonly bulkText = computed(() => {
    this.language.current();
    const bulk = this.bulk();
    return bulk ? this.bulkSummary(bulk) : '';
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
    this.agents.reload();
  }

  protected trackById(_index: number, agent: AgentDto): string {
    return agent.id;
  }

  protected fullName(agent: AgentDto): string {
    return `${agent.firstName} ${agent.lastName}`;
  }

  /**
   * « Inviter » / « Nouveau lien »: one agent's activation link, shown in a dialog (it is never
   * shown again), then the row's status read again.
   */
  protected invite(agent: AgentDto): void {
    if (this.inviting().has(agent.id)) return;
    this.actionError.set(null);
    this.setInviting(agent.id, true);
    this.accounts.invite({ agentIds: [agent.id] }).subscribe({
      next: (response) => {
        this.setInviting(agent.id, false);
        const invitation = response.invitations.find(
          (i) => i.agentId === agent.id,
        );
        if (invitation) {
          this.patchRow({ ...agent, account: 'PENDING' });
          openInvitationDialog(this.dialog, invitation as Invitation);
        } else {
          const skip = response.skipped.find((s) => s.agentId === agent.id);
          this.say('accounts.skippedOne', {
            name: this.fullName(agent),
            reason: skip ? this.skipReason(skip) : '',
          });
        }
        this.refreshRow(agent.id);
      },
      error: (err: unknown) => {
        this.setInviting(agent.id, false);
        this.actionError.set(describeHttpError(err, this.language.current()));
      },
    });
  }

  /**
   * « Désactiver »: after a confirmation, the agent's account is switched off (its sessions end
   * at once, an unused link dies); « Inviter » brings it back.
   */
  protected disable(agent: AgentDto): void {
    if (this.inviting().has(agent.id)) return;
    this.actionError.set(null);
    confirm(this.dialog, {
      titleKey: 'accounts.confirmDisableTitle',
      messageKey: 'accounts.confirmDisableText',
      params: { name: this.fullName(agent) },
      confirmKey: 'accounts.disable',
      danger: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.setInviting(agent.id, true);
          return this.accounts.disable(agent.id);
        }),
      )
      .subscribe({
        next: () => {
          this.setInviting(agent.id, false);
          this.patchRow({ ...agent, account: 'DISABLED' });
          this.say('accounts.disabled', { name: this.fullName(agent) });
          this.refreshRow(agent.id);
        },
        error: (err: unknown) => {
          this.setInviting(agent.id, false);
          this.actionError.set(describeHttpError(err, this.language.current()));
        },
      });
  }

  /**
   * « Inviter les agents sans compte »: after a confirmation, links for every agent without an
   * account, saved as a CSV file (the only copy: the API keeps their hashes only).
   */
  protected inviteAll(): void {
    if (this.invitingAll()) return;
    this.actionError.set(null);
    // the confirmation says whether the links go by mail or into a file
    this.auth
      .config()
      .pipe(
        map((config) => config.mail),
        catchError(() => of(false)),
        switchMap((mail) =>
          confirm(this.dialog, {
            titleKey: 'accounts.confirmAllTitle',
            messageKey: mail ? 'accounts.confirmAllTextMailed' : 'accounts.confirmAllText',
            confirmKey: 'accounts.inviteAll',
          }),
        ),
        filter(Boolean),
        switchMap(() => {
          this.invitingAll.set(true);
          this.bulk.set(null);
          return this.accounts.invite({});
        }),
      )
      .subscribe({
        next: ({ invitations, skipped }) => {
          this.invitingAll.set(false);
          // links sent by mail are not offered as a file (there is no link to give)
          const links = (invitations as Invitation[]).filter((i) => !isMailed(i));
          let fileName: string | null = null;
          if (links.length) {
            fileName = invitationsFileName(this.auth.today());
            downloadText(this.document, fileName, invitationsCsv(links));
          }
          const bulk = {
            created: invitations.length,
            mailed: invitations.length - links.length,
            skipped,
            fileName,
          };
          this.bulk.set(bulk);
          this.snackBar.open(this.bulkSummary(bulk), undefined, {
            duration: SNACK_BAR_MS * 2,
          });
          if (invitations.length) this.retry();
        },
        error: (err: unknown) => {
          this.invitingAll.set(false);
          this.actionError.set(describeHttpError(err, this.language.current()));
        },
      });
  }

  /**
   * Why an agent was not invited, in the interface's language: its code worded from the
   * catalogue of libs/contracts (the API's English words for a code not known here).
   */
  protected skipReason(skip: InvitationsResponse['skipped'][number]): string {
    return codedText(skip, this.language.current()) ?? skip.reason;
  }

  private bulkSummary({ created, mailed, skipped, fileName }: BulkInvitation): string {
    const t = (key: string, params?: Record<string, string>) =>
      this.translate.instant(key, params) as string;
    const count = (n: number) => formatNumber(n, this.language.locale());
    if (created === 0 && skipped.length === 0) return t('accounts.nothingToDo');
    const parts = [
      created === 0
        ? t('accounts.createdNone')
        : created === 1
          ? t('accounts.createdOne')
          : t('accounts.created', { count: count(created) }),
    ];
    if (skipped.length === 1) parts.push(t('accounts.skippedCountOne'));
    if (skipped.length > 1)
      parts.push(t('accounts.skippedCount', { count: count(skipped.length) }));
    const summary = `${parts.join(', ')}.`;
    const sentences = [summary];
    if (mailed) sentences.push(t('accounts.mailedAll'));
    if (fileName) sentences.push(t('accounts.downloaded', { file: fileName }));
    return sentences.join(' ');
  }

  private say(key: string, params?: Record<string, string>): void {
    this.snackBar.open(this.translate.instant(key, params), undefined, {
      duration: SNACK_BAR_MS,
    });
  }

  private setInviting(id: string, on: boolean): void {
    this.inviting.update((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  /** `GET /api/agents/:id` into its row (a failure leaves the row as it is). */
  private refreshRow(id: string): void {
    this.api.getAgent(id).subscribe({
      next: (agent) => this.patchRow(agent),
      error: () => undefined,
    });
  }

  private patchRow(agent: AgentDto): void {
    this.agents.update((page) =>
      page
        ? {
            ...page,
            items: page.items.map((a) => (a.id === agent.id ? agent : a)),
          }
        : page,
    );
  }

  private patch(change: Partial<AgentsTableState>): void {
    this.state.update((s) => ({ ...s, ...change }));
  }
}
