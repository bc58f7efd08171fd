import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  InvitationsRequest,
  InvitationsResponse,
} from '@telework/contracts';
import { Observable } from 'rxjs';

export const API_ACCOUNT_INVITATIONS = '/api/accounts/invitations';

/** Typed client of the agents' log-in accounts (HR and ADMIN). */
@Injectable({ providedIn: 'root' })
export class AccountsApi {
  private readonly http = inject(HttpClient);

  /**
   * `POST /api/accounts/invitations`: single-use activation links for these agents, or for
   * every agent without an account when `agentIds` is absent. The links are shown only once.
   */
  invite(body: InvitationsRequest = {}): Observable<InvitationsResponse> {
    return this.http.post<InvitationsResponse>(API_ACCOUNT_INVITATIONS, body);
  }

  /**
   * `POST /api/accounts/:agentId/disable`: the agent's account is switched off (its sessions
   * end at once); inviting the agent again brings it back.
   */
  disable(agentId: string): Observable<{ agentId: string; account: 'DISABLED' }> {
    return this.http.post<{ agentId: string; account: 'DISABLED' }>(
      `/api/accounts/${encodeURIComponent(agentId)}/disable`,
      {},
    );
  }
}
