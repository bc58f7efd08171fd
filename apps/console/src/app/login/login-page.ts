import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { AuthConfigDto } from '@telework/contracts';
import { BrowserLocation } from '../core/browser/browser-location';
import { AuthService } from '../core/auth/auth.service';
import { homeUrl } from '../core/auth/roles';
import { BusySubmit } from '../shared/busy-submit';
import { PublicCard } from '../shared/public-card';
import { loginErrorMessage, Message, ssoErrorMessage } from './login-error';

/** Only same-site paths are followed after log-in (no `//evil.example`, no loop to /login). */
export function safeReturnUrl(url: string | undefined | null): string | null {
  if (
    !url ||
    !url.startsWith('/') ||
    url.startsWith('//') ||
    url.startsWith('/\\')
  )
    return null;
  if (
    url === '/login' ||
    url.startsWith('/login?') ||
    url.startsWith('/login/')
  )
    return null;
  return url;
}

@Component({
  selector: 'tw-login-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    PublicCard,
    BusySubmit,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly browser = inject(BrowserLocation);
  private readonly emailInput =
    viewChild<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput =
    viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly ssoAlert = viewChild<ElementRef<HTMLElement>>('ssoAlert');

  /** Query parameters, bound by the router. */
  readonly reason = input<string>();
  readonly returnUrl = input<string>();
  /** why a single sign-on failed (an SsoErrorCode), set by the API's callback */
  readonly sso = input<string>();

  /** what the installation offers (GET /api/auth/config); null until it answers */
  protected readonly config = signal<AuthConfigDto | null>(null);
  protected readonly configLoading = signal(true);
  /** the password form: unless the installation is single sign-on only (shown too if the settings cannot be read) */
  protected readonly showForm = computed(
    () => !this.configLoading() && this.config()?.passwordLogin !== false,
  );
  protected readonly ssoError = computed(() => {
    const code = this.sso();
    return code ? ssoErrorMessage(code) : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<Message | null>(null);

  constructor() {
    this.auth.config().subscribe({
      next: (config) => {
        this.config.set(config);
        this.configLoading.set(false);
      },
      error: () => this.configLoading.set(false),
    });
    // the reason a sign-on came back here is read first (screen readers start from it)
    afterRenderEffect(() => this.ssoAlert()?.nativeElement.focus());
  }

  /** « Se connecter avec … »: the whole page goes to the identity provider, through the API. */
  protected signOn(): void {
    this.browser.assign(this.auth.ssoLoginUrl(safeReturnUrl(this.returnUrl())));
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const first = this.form.controls.email.invalid
        ? this.emailInput()
        : this.passwordInput();
      first?.nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    this.auth.login(this.form.getRawValue()).subscribe({
      next: (user) => {
        this.submitting.set(false);
        void this.router.navigateByUrl(
          safeReturnUrl(this.returnUrl()) ?? homeUrl(user.role),
        );
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.auth.clearSession();
        this.error.set(loginErrorMessage(err));
        this.form.controls.password.reset();
      },
    });
  }
}
