import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AllocationRunDto,
  Page,
  PageQuery,
  PatchRotationCellsRequest,
  RotationCalendarDto,
  RotationCalendarSummaryDto,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import { engineJobCall, EngineJobTracker } from '../jobs/engine-jobs.service';
import { toHttpParams } from './http-params';

export const API_ROTATIONS = '/api/rotations';
export const API_ALLOCATION_RUNS = '/api/allocation-runs';

/** Typed client of rotation calendars and allocation runs (HR). */
@Injectable({ providedIn: 'root' })
export class PlanningApi {
  private readonly http = inject(HttpClient);

  listRotations(): Observable<RotationCalendarSummaryDto[]> {
    return this.http.get<RotationCalendarSummaryDto[]>(API_ROTATIONS);
  }

  /**
   * `POST /api/rotations {from,to}`: generates a DRAFT (may take a few seconds). An engine job,
   * as are the cell edits and the publication: `job` follows its progress.
   */
  generateRotation(
    from: string,
    to: string,
    job?: EngineJobTracker,
  ): Observable<RotationCalendarDto> {
    return engineJobCall(job, (headers) =>
      this.http.post<RotationCalendarDto>(API_ROTATIONS, { from, to }, { headers }),
    );
  }

  getRotation(id: string): Observable<RotationCalendarDto> {
    return this.http.get<RotationCalendarDto>(
      `${API_ROTATIONS}/${encodeURIComponent(id)}`,
    );
  }

  patchCells(
    id: string,
    body: PatchRotationCellsRequest,
    job?: EngineJobTracker,
  ): Observable<RotationCalendarDto> {
    return engineJobCall(job, (headers) =>
      this.http.patch<RotationCalendarDto>(
        `${API_ROTATIONS}/${encodeURIComponent(id)}/cells`,
        body,
        { headers },
      ),
    );
  }

  publishRotation(
    id: string,
    job?: EngineJobTracker,
  ): Observable<RotationCalendarDto> {
    return engineJobCall(job, (headers) =>
      this.http.post<RotationCalendarDto>(
        `${API_ROTATIONS}/${encodeURIComponent(id)}/publish`,
        {},
        { headers },
      ),
    );
  }

  listRuns(query: PageQuery): Observable<Page<AllocationRunDto>> {
    return this.http.get<Page<AllocationRunDto>>(API_ALLOCATION_RUNS, {
      params: toHttpParams(query),
    });
  }

  /** `POST /api/allocation-runs {from,to}` → 202 with the queued (or live) run. */
  startRun(from: string, to: string): Observable<AllocationRunDto> {
    return this.http.post<AllocationRunDto>(API_ALLOCATION_RUNS, { from, to });
  }

  getRun(id: string): Observable<AllocationRunDto> {
    return this.http.get<AllocationRunDto>(
      `${API_ALLOCATION_RUNS}/${encodeURIComponent(id)}`,
    );
  }
}
