import {
  ChangeDetectionStrategy,
  Component,
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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { AuthService } from '../core/auth/auth.service';
import { homeUrl } from '../core/auth/roles';
import { BusySubmit } from '../shared/busy-submit';
import { PublicCard } from '../shared/public-card';
import { loginErrorMessage, Message } from './login-error';

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
  private readonly emailInput =
    viewChild.required<ElementRef<HTMLInputElement>>('emailInput');
  private readonly passwordInput =
    viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

  /** Query parameters, bound by the router. */
  readonly reason = input<string>();
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<Message | null>(null);

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const first = this.form.controls.email.invalid
        ? this.emailInput()
        : this.passwordInput();
      first.nativeElement.focus();
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
