import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AgentDto,
  AgentQuery,
  MAX_PAGE_SIZE,
  Page,
  PageQuery,
  SiteDto,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import { toHttpParams } from './http-params';

export const API_AGENTS = '/api/agents';
export const API_SITES = '/api/sites';

/** Typed client of the directory endpoints (agents, sites). */
@Injectable({ providedIn: 'root' })
export class DirectoryApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/agents`: one page of agents (page is 1-based). */
  listAgents(query: AgentQuery): Observable<Page<AgentDto>> {
    return this.http.get<Page<AgentDto>>(API_AGENTS, {
      params: toHttpParams(query),
    });
  }

  /** `GET /api/sites`: sites, by default the largest page the API allows (60 sites fit). */
  listSites(
    query: PageQuery = { pageSize: MAX_PAGE_SIZE },
  ): Observable<Page<SiteDto>> {
    return this.http.get<Page<SiteDto>>(API_SITES, {
      params: toHttpParams(query),
    });
  }
}
