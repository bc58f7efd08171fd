import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CapacityDto,
  CreateReservationRequest,
  LicenceSizingDto,
  MAX_PAGE_SIZE,
  Page,
  PoolDto,
  ReservationDto,
  UpdatePoolRequest,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import { engineJobCall, EngineJobTracker } from '../jobs/engine-jobs.service';
import { toHttpParams } from './http-params';

export const API_CAPACITY = '/api/capacity';
export const API_POOLS = '/api/pools';
export const API_RESERVATIONS = '/api/reservations';

/** Typed client of capacity: the view, pools, reservations and licence sizing. */
@Injectable({ providedIn: 'root' })
export class CapacityApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/capacity?from=&to=`. */
  view(from: string, to: string): Observable<CapacityDto> {
    return this.http.get<CapacityDto>(API_CAPACITY, {
      params: toHttpParams({ from, to }),
    });
  }

  /**
   * `GET /api/capacity/licences?pool=&weeklyMin=` (pool is its code, e.g. VDI): an engine job,
   * whose progress `job` follows.
   */
  licences(
    query: {
      pool: string;
      weeklyMin?: number | null;
      from?: string;
      to?: string;
    },
    job?: EngineJobTracker,
  ): Observable<LicenceSizingDto> {
    return engineJobCall(job, (headers) =>
      this.http.get<LicenceSizingDto>(`${API_CAPACITY}/licences`, {
        params: toHttpParams(query),
        headers,
      }),
    );
  }

  listPools(): Observable<Page<PoolDto>> {
    return this.http.get<Page<PoolDto>>(API_POOLS, {
      params: toHttpParams({ pageSize: MAX_PAGE_SIZE }),
    });
  }

  updatePool(id: string, body: UpdatePoolRequest): Observable<PoolDto> {
    return this.http.put<PoolDto>(
      `${API_POOLS}/${encodeURIComponent(id)}`,
      body,
    );
  }

  listReservations(query: {
    from: string;
    to: string;
    poolId?: string;
  }): Observable<Page<ReservationDto>> {
    return this.http.get<Page<ReservationDto>>(API_RESERVATIONS, {
      params: toHttpParams({ ...query, pageSize: MAX_PAGE_SIZE }),
    });
  }

  createReservation(body: CreateReservationRequest): Observable<ReservationDto> {
    return this.http.post<ReservationDto>(API_RESERVATIONS, body);
  }

  deleteReservation(id: string): Observable<void> {
    return this.http.delete<void>(
      `${API_RESERVATIONS}/${encodeURIComponent(id)}`,
    );
  }
}
