import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  BulkDecisionResult,
  CreateRequestsRequest,
  CreateRequestsResponse,
  Page,
  PageQuery,
  TeleworkRequestDto,
  TeleworkRequestStatus,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import { toHttpParams } from './http-params';

export const API_REQUESTS = '/api/requests';

export interface RequestQuery extends PageQuery {
  status?: TeleworkRequestStatus;
  from?: string;
  to?: string;
  agentId?: string;
}

/**
 * Typed client of telework requests. The API scopes `GET` to the caller: an agent its own,
 * a manager its team's and its own, HR all.
 */
@Injectable({ providedIn: 'root' })
export class RequestsApi {
  private readonly http = inject(HttpClient);

  list(query: RequestQuery): Observable<Page<TeleworkRequestDto>> {
    return this.http.get<Page<TeleworkRequestDto>>(API_REQUESTS, {
      params: toHttpParams(query),
    });
  }

  create(body: CreateRequestsRequest): Observable<CreateRequestsResponse> {
    return this.http.post<CreateRequestsResponse>(API_REQUESTS, body);
  }

  cancel(id: string): Observable<TeleworkRequestDto> {
    return this.http.post<TeleworkRequestDto>(
      `${API_REQUESTS}/${encodeURIComponent(id)}/cancel`,
      {},
    );
  }

  approve(id: string, comment?: string): Observable<TeleworkRequestDto> {
    return this.http.post<TeleworkRequestDto>(
      `${API_REQUESTS}/${encodeURIComponent(id)}/approve`,
      comment ? { comment } : {},
    );
  }

  refuse(id: string, comment: string): Observable<TeleworkRequestDto> {
    return this.http.post<TeleworkRequestDto>(
      `${API_REQUESTS}/${encodeURIComponent(id)}/refuse`,
      { comment },
    );
  }

  approveMany(ids: string[], comment?: string): Observable<BulkDecisionResult> {
    return this.http.post<BulkDecisionResult>(
      `${API_REQUESTS}/approve`,
      comment ? { ids, comment } : { ids },
    );
  }

  refuseMany(ids: string[], comment: string): Observable<BulkDecisionResult> {
    return this.http.post<BulkDecisionResult>(`${API_REQUESTS}/refuse`, {
      ids,
      comment,
    });
  }
}
