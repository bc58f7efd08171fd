import type { AgentQuery } from '@telework/contracts';

export type EligibleFilter = 'all' | 'yes' | 'no';
export type AgentSortKey = NonNullable<AgentQuery['sort']>;

/** Table column → the API's `sort` key; columns not listed here are not sortable. */
export const SORTABLE_COLUMNS: Readonly<Record<string, AgentSortKey>> = {
  employeeNumber: 'employeeNumber',
  name: 'lastName',
  site: 'site',
  orgUnit: 'orgUnit',
  tier: 'tier',
};

export interface AgentsTableState {
  /** 0-based, as MatPaginator counts */
  pageIndex: number;
  pageSize: number;
  /** table column id, or '' for the API's default order */
  sortColumn: string;
  direction: 'asc' | 'desc' | '';
  q: string;
  siteId: string;
  orgUnitId: string;
  groupId: string;
  eligible: EligibleFilter;
}

export const INITIAL_AGENTS_STATE: AgentsTableState = {
  pageIndex: 0,
  pageSize: 50,
  sortColumn: 'name',
  direction: 'asc',
  q: '',
  siteId: '',
  orgUnitId: '',
  groupId: '',
  eligible: 'all',
};

/** The table's state as the API's query: 1-based page, sort key, filters left out when unset. */
export function toAgentQuery(state: AgentsTableState): AgentQuery {
  const query: AgentQuery = {
    page: state.pageIndex + 1,
    pageSize: state.pageSize,
  };
  const q = state.q.trim();
  if (q) query.q = q;
  if (state.siteId) query.siteId = state.siteId;
  if (state.orgUnitId) query.orgUnitId = state.orgUnitId;
  if (state.groupId) query.groupId = state.groupId;
  if (state.eligible !== 'all') query.eligible = state.eligible === 'yes';
  const sort = SORTABLE_COLUMNS[state.sortColumn];
  if (sort && state.direction) {
    query.sort = sort;
    query.order = state.direction;
  }
  return query;
}
