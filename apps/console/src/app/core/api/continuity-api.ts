import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ContinuityEventDto,
  ContinuityEventRunDto,
  ContinuityEventStatus,
  ContinuityImpactDto,
  CreateContinuityEventRequest,
  Page,
  UpdateContinuityEventRequest,
} from '@telework/contracts';
import { map, Observable } from 'rxjs';
import { engineJobCall, EngineJobTracker } from '../jobs/engine-jobs.service';
import { toHttpParams } from './http-params';

export const API_CONTINUITY_EVENTS = '/api/continuity-events';

/** What a PATCH answers: the DRAFT itself (200), or the run replanning an ACTIVE event (202). */
export type ContinuityUpdateResult = ContinuityEventDto | ContinuityEventRunDto;

export function isRunAnswer(
  answer: ContinuityUpdateResult,
): answer is ContinuityEventRunDto {
  return typeof (answer as ContinuityEventRunDto).runId === 'string';
}

const url = (id: string, tail = '') =>
  `${API_CONTINUITY_EVENTS}/${encodeURIComponent(id)}${tail}`;

/**
 * Typed client of continuity events (strikes, site closures, crises): HR declares one in DRAFT,
 * previews its impact (an engine job), activates it, ends it.
 */
@Injectable({ providedIn: 'root' })
export class ContinuityApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/continuity-events[?status=]`, newest first (a bare list or a page: both read). */
  list(status?: ContinuityEventStatus): Observable<ContinuityEventDto[]> {
    return this.http
      .get<ContinuityEventDto[] | Page<ContinuityEventDto>>(API_CONTINUITY_EVENTS, {
        params: toHttpParams({ status }),
      })
      .pipe(map((answer) => (Array.isArray(answer) ? answer : (answer?.items ?? []))));
  }

  get(id: string): Observable<ContinuityEventDto> {
    return this.http.get<ContinuityEventDto>(url(id));
  }

  /** `POST` → 201, the event in DRAFT. */
  create(body: CreateContinuityEventRequest): Observable<ContinuityEventDto> {
    return this.http.post<ContinuityEventDto>(API_CONTINUITY_EVENTS, body);
  }

  /** `PATCH`: a DRAFT answers itself (200); an ACTIVE event is replanned (202 with the run). */
  update(id: string, body: UpdateContinuityEventRequest): Observable<ContinuityUpdateResult> {
    return this.http.patch<ContinuityUpdateResult>(url(id), body);
  }

  /** `DELETE` (a DRAFT only; otherwise 409). */
  delete(id: string): Observable<void> {
    return this.http.delete<void>(url(id));
  }

  /** `GET …/impact`: the engine plans with and without the event (an engine job `job` follows). */
  impact(id: string, job?: EngineJobTracker): Observable<ContinuityImpactDto> {
    return engineJobCall(job, (headers) =>
      this.http.get<ContinuityImpactDto>(url(id, '/impact'), { headers }),
    );
  }

  /** `POST …/activate` → 202 with the allocation run that replans the event's dates. */
  activate(id: string): Observable<ContinuityEventRunDto> {
    return this.http.post<ContinuityEventRunDto>(url(id, '/activate'), {});
  }

  /** `POST …/end` → 202: the remaining dates get the normal plan back. */
  end(id: string): Observable<ContinuityEventRunDto> {
    return this.http.post<ContinuityEventRunDto>(url(id, '/end'), {});
  }
}
