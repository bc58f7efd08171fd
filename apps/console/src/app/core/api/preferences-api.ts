import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AccountPreferencesDto } from '@telework/contracts';
import { Observable } from 'rxjs';

export const API_ME_PREFERENCES = '/api/auth/me/preferences';

/** Typed client of the signed-in account's own settings (every role). */
@Injectable({ providedIn: 'root' })
export class PreferencesApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/auth/me/preferences`: language and the kinds of mail switched off. */
  get(): Observable<AccountPreferencesDto> {
    return this.http.get<AccountPreferencesDto>(API_ME_PREFERENCES);
  }

  /** `PATCH /api/auth/me/preferences`: what is given is replaced (mailOptOuts as a whole). */
  update(change: Partial<AccountPreferencesDto>): Observable<AccountPreferencesDto> {
    return this.http.patch<AccountPreferencesDto>(API_ME_PREFERENCES, change);
  }
}
