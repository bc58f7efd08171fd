import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AgentDto,
  AutoFormGroupsResult,
  AgentQuery,
  MAX_PAGE_SIZE,
  OrgUnitDto,
  Page,
  PageQuery,
  RotationGroupDto,
  ScheduleDto,
  SiteDto,
  UpdateSiteRequest,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import { toHttpParams } from './http-params';

export const API_AGENTS = '/api/agents';
export const API_SITES = '/api/sites';
export const API_GROUPS = '/api/groups';
export const API_ORG_UNITS = '/api/org-units';

export type { AutoFormGroupsResult, PublishedPlanImpact } from '@telework/contracts';

/** Typed client of the directory endpoints (agents, sites, org units, groups). */
@Injectable({ providedIn: 'root' })
export class DirectoryApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/agents`: one page of agents (page is 1-based); a manager gets its team. */
  listAgents(query: AgentQuery): Observable<Page<AgentDto>> {
    return this.http.get<Page<AgentDto>>(API_AGENTS, {
      params: toHttpParams(query),
    });
  }

  /** `GET /api/agents/:id`. */
  getAgent(id: string): Observable<AgentDto> {
    return this.http.get<AgentDto>(`${API_AGENTS}/${encodeURIComponent(id)}`);
  }

  /** `GET /api/agents/:id/schedule?from=&to=`. */
  agentSchedule(id: string, from: string, to: string): Observable<ScheduleDto> {
    return this.http.get<ScheduleDto>(
      `${API_AGENTS}/${encodeURIComponent(id)}/schedule`,
      { params: toHttpParams({ from, to }) },
    );
  }

  /** `GET /api/sites`: sites, by default the largest page the API allows (60 sites fit). */
  listSites(
    query: PageQuery = { pageSize: MAX_PAGE_SIZE },
  ): Observable<Page<SiteDto>> {
    return this.http.get<Page<SiteDto>>(API_SITES, {
      params: toHttpParams(query),
    });
  }

  /** `PATCH /api/sites/:id`. */
  updateSite(id: string, body: UpdateSiteRequest): Observable<SiteDto> {
    return this.http.patch<SiteDto>(
      `${API_SITES}/${encodeURIComponent(id)}`,
      body,
    );
  }

  /** `GET /api/org-units?pageSize=500`. */
  listOrgUnits(
    query: PageQuery = { pageSize: MAX_PAGE_SIZE },
  ): Observable<Page<OrgUnitDto>> {
    return this.http.get<Page<OrgUnitDto>>(API_ORG_UNITS, {
      params: toHttpParams(query),
    });
  }

  /** `GET /api/groups?pageSize=500`. */
  listGroups(
    query: PageQuery = { pageSize: MAX_PAGE_SIZE },
  ): Observable<Page<RotationGroupDto>> {
    return this.http.get<Page<RotationGroupDto>>(API_GROUPS, {
      params: toHttpParams(query),
    });
  }

  /**
   * `POST /api/groups/auto-form {regroupAll}`. `dryRun`: what would be done, and what changes to the published plan; `confirm`: required
   * with `regroupAll` when the published plan changes (otherwise 409 with the figures).
   */
  autoFormGroups(
    regroupAll: boolean,
    options: { dryRun?: boolean; confirm?: boolean } = {},
  ): Observable<AutoFormGroupsResult> {
    return this.http.post<AutoFormGroupsResult>(`${API_GROUPS}/auto-form`, {
      regroupAll,
      ...options,
    });
  }
}
