import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  MailOutboxEntryDto,
  MailOutboxPageDto,
  MailStatus,
} from '@telework/contracts';
import { Observable } from 'rxjs';
import { toHttpParams } from './http-params';

export const API_MAIL_OUTBOX = '/api/mail/outbox';

/** Typed client of the mail outbox (HR and ADMIN). */
@Injectable({ providedIn: 'root' })
export class MailApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/mail/outbox?status=&page=&pageSize=`: counts by status and one page of mails, newest first. */
  outbox(
    query: { status?: MailStatus | null; page?: number; pageSize?: number } = {},
  ): Observable<MailOutboxPageDto> {
    return this.http.get<MailOutboxPageDto>(API_MAIL_OUTBOX, {
      params: toHttpParams(query),
    });
  }

  /** `POST /api/mail/outbox/:id/retry`: a FAILED mail goes back to waiting (409 otherwise). */
  retry(id: string): Observable<MailOutboxEntryDto | null> {
    return this.http.post<MailOutboxEntryDto | null>(
      `${API_MAIL_OUTBOX}/${encodeURIComponent(id)}/retry`,
      {},
    );
  }
}
