import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { MIN_PASSWORD_LENGTH } from '@telework/contracts';
import { listSeparator } from '../core/api/api-error';
import { AuthService } from '../core/auth/auth.service';
import { homeUrl } from '../core/auth/roles';
import { LanguageService } from '../core/i18n/language.service';
import type { Message } from '../login/login-error';
import { BusySubmit } from '../shared/busy-submit';
import { PublicCard } from '../shared/public-card';
import { serverError } from '../shared/server-errors';
import { activationFailure } from './activation-error';

/** Validator of the confirmation field: `{ mismatch: true }` when it differs from `password`. */
export function sameAsPassword(control: AbstractControl): ValidationErrors | null {
  const password = control.parent?.get('password')?.value as string | undefined;
  return control.value && password !== undefined && control.value !== password
    ? { mismatch: true }
    : null;
}

/**
 * `/activation?token=…`, public: the page an invited agent's link opens. The agent chooses a
 * password (twice); the API answers a token, kept as log-in keeps it, and the agent lands on
 * their home page, signed in.
 */
@Component({
  selector: 'tw-activation-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    TranslatePipe,
    PublicCard,
    BusySubmit,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './activation-page.html',
  styleUrl: './activation-page.scss',
})
export class ActivationPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);
  private readonly passwordInput =
    viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly confirmInput =
    viewChild<ElementRef<HTMLInputElement>>('confirmInput');

  /** The `token` query parameter of the link, bound by the router. */
  readonly token = input<string>();

  protected readonly min = MIN_PASSWORD_LENGTH;
  protected readonly hasToken = computed(() => !!this.token()?.trim());
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [
      '',
      [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)],
    ],
    confirm: ['', [Validators.required, sameAsPassword]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<Message | null>(null);
  /** the API refused the link: the form is gone, the page says to ask for a new one */
  protected readonly linkInvalid = signal(false);
  protected readonly serverError = serverError;

  constructor() {
    // the confirmation is checked again whenever the password changes
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() =>
        this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }),
      );
  }

  protected submit(): void {
    const token = this.token()?.trim();
    if (this.submitting() || !token) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const first = this.form.controls.password.invalid
        ? this.passwordInput()
        : this.confirmInput();
      first?.nativeElement.focus();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    const { password } = this.form.getRawValue();
    this.auth.activate({ token, password }).subscribe({
      next: (user) => {
        this.submitting.set(false);
        void this.router.navigateByUrl(homeUrl(user.role));
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.auth.clearSession();
        const locale = this.language.current();
        const failure = activationFailure(err, locale);
        this.error.set(failure.message);
        this.linkInvalid.set(failure.linkInvalid);
        if (failure.passwordErrors.length) {
          const control = this.form.controls.password;
          control.setErrors({ server: failure.passwordErrors.join(listSeparator(locale)) });
          control.markAsTouched();
          this.passwordInput()?.nativeElement.focus();
        }
      },
    });
  }
}
