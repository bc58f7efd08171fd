import { Location } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { SsoErrorCode } from '@telework/contracts';
import { describeHttpError, ErrorText } from '../core/api/api-error';
import { AuthService } from '../core/auth/auth.service';
import { homeUrl } from '../core/auth/roles';
import { LanguageService } from '../core/i18n/language.service';
import { ErrorAlert } from '../shared/error-alert';
import { PublicCard } from '../shared/public-card';
import { safeReturnUrl } from './login-page';

const TICKET_INVALID: SsoErrorCode = 'SSO_TICKET_INVALID';

/**
 * `/login/sso?ticket=…`: where the API's callback sends the browser after the identity
 * provider. The one-use ticket is taken out of the address bar at once, exchanged for the
 * session (`POST /api/auth/oidc/ticket`), and the user goes on to the page asked for before
 * log-in, or their role's home. A refused ticket goes back to the log-in page, which says why.
 */
@Component({
  selector: 'tw-sso-page',
  imports: [PublicCard, TranslatePipe, ErrorAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <tw-public-card [title]="'ssoCallback.title' | translate">
      @if (error(); as e) {
        <tw-error-alert [error]="e" />
        <p><a routerLink="/login">{{ 'ssoCallback.backToLogin' | translate }}</a></p>
      } @else {
        <p role="status">{{ 'ssoCallback.working' | translate }}</p>
      }
    </tw-public-card>
  `,
})
export class SsoPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly language = inject(LanguageService);

  /** Query parameters, bound by the router. */
  readonly ticket = input<string>();
  readonly returnTo = input<string>();

  protected readonly error = signal<ErrorText | null>(null);

  ngOnInit(): void {
    const ticket = this.ticket();
    const returnTo = safeReturnUrl(this.returnTo()) ?? safeReturnUrl(this.auth.takeSsoReturnTo());
    // the ticket leaves the address bar (and the history) before anything else
    this.location.replaceState('/login/sso');
    if (!ticket) {
      this.backToLogin();
      return;
    }
    this.auth.completeSso(ticket).subscribe({
      next: (user) =>
        void this.router.navigateByUrl(returnTo ?? homeUrl(user.role), { replaceUrl: true }),
      error: (err: unknown) => {
        this.auth.clearSession();
        if (err instanceof HttpErrorResponse && err.status === 400) this.backToLogin();
        else this.error.set(describeHttpError(err, this.language.current()));
      },
    });
  }

  private backToLogin(): void {
    void this.router.navigate(['/login'], {
      queryParams: { sso: TICKET_INVALID },
      replaceUrl: true,
    });
  }
}
