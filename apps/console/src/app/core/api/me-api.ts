import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CalendarLinkDto,
  NoticeDto,
  Page,
  ScheduleDto,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import { toHttpParams } from './http-params';

export const API_ME_SCHEDULE = '/api/me/schedule';
export const API_ME_CALENDAR_LINK = '/api/me/calendar-link';
export const API_ME_NOTICES = '/api/me/notices';

/** Typed client of what belongs to the signed-in user: schedule, iCal link, notices. */
@Injectable({ providedIn: 'root' })
export class MeApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/me/schedule?from=&to=` (dates inclusive, at most 92 days). */
  schedule(from: string, to: string): Observable<ScheduleDto> {
    return this.http.get<ScheduleDto>(API_ME_SCHEDULE, {
      params: toHttpParams({ from, to }),
    });
  }

  /** `GET /api/me/calendar-link`: the private iCal feed URL (made on first call). */
  calendarLink(): Observable<CalendarLinkDto> {
    return this.http.get<CalendarLinkDto>(API_ME_CALENDAR_LINK);
  }

  /** `POST /api/me/calendar-link`: a new URL; the old one stops working. */
  renewCalendarLink(): Observable<CalendarLinkDto> {
    return this.http.post<CalendarLinkDto>(API_ME_CALENDAR_LINK, {});
  }

  /** `GET /api/me/notices?unread=true`. */
  notices(
    query: { unread?: boolean; page?: number; pageSize?: number } = {},
  ): Observable<Page<NoticeDto>> {
    return this.http.get<Page<NoticeDto>>(API_ME_NOTICES, {
      params: toHttpParams(query),
    });
  }

  /** `POST /api/me/notices/read`: these notices, or all of them when `ids` is absent. */
  markNoticesRead(ids?: string[]): Observable<{ updated: number }> {
    return this.http.post<{ updated: number }>(
      `${API_ME_NOTICES}/read`,
      ids ? { ids } : {},
    );
  }
}
