import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatRadioChange, MatRadioModule } from '@angular/material/radio';
import {
  MatSlideToggleChange,
  MatSlideToggleModule,
} from '@angular/material/slide-toggle';
import { TranslatePipe } from '@ngx-translate/core';
import {
  type AccountPreferencesDto,
  type CurrentUserDto,
  DIGEST_ROLES,
  OPTIONAL_MAIL_KINDS,
  type OptionalMailKind,
} from '@telework/contracts';
import { describeHttpError, ErrorText } from '../core/api/api-error';
import { PreferencesApi } from '../core/api/preferences-api';
import { AuthService } from '../core/auth/auth.service';
import {
  isLanguage,
  LANGUAGES,
  LanguageService,
} from '../core/i18n/language.service';
import { ErrorAlert } from '../shared/error-alert';

/**
 * The optional mails that can reach this account: a decision and a schedule change go to an
 * agent (an account with an agent record), the digest to a manager (DIGEST_ROLES).
 */
export function mailKindsFor(user: CurrentUserDto | null): OptionalMailKind[] {
  if (!user) return [];
  return OPTIONAL_MAIL_KINDS.filter((kind) =>
    kind === 'MANAGER_DIGEST' ? DIGEST_ROLES.includes(user.role) : !!user.agentId,
  );
}

/**
 * « Mes préférences », for every signed-in role: the language (of the console and of the mails)
 * and, per optional kind of mail, whether to receive it. Each change is saved at once
 * (`PATCH /api/auth/me/preferences`) and said in a polite live region.
 */
@Component({
  selector: 'tw-preferences-page',
  imports: [MatRadioModule, MatSlideToggleModule, TranslatePipe, ErrorAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './preferences-page.html',
  styleUrl: './preferences-page.scss',
})
export class PreferencesPage {
  private readonly api = inject(PreferencesApi);
  private readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);

  protected readonly languages = LANGUAGES;
  protected readonly kinds = computed(() => mailKindsFor(this.auth.user()));
  protected readonly prefs = signal<AccountPreferencesDto | null>(null);
  protected readonly loadError = signal<ErrorText | null>(null);
  protected readonly saveError = signal<ErrorText | null>(null);
  protected readonly saved = signal(false);
  /** null until GET /api/auth/config answers (no note meanwhile) */
  protected readonly mailEnabled = signal<boolean | null>(null);

  constructor() {
    this.load();
    this.auth.config().subscribe({
      next: (config) => this.mailEnabled.set(config.mail),
      error: () => this.mailEnabled.set(null),
    });
  }

  load(): void {
    this.loadError.set(null);
    this.api.get().subscribe({
      next: (prefs) => this.prefs.set(prefs),
      error: (err: unknown) =>
        this.loadError.set(describeHttpError(err, this.language.current())),
    });
  }

  protected receives(kind: OptionalMailKind): boolean {
    return !(this.prefs()?.mailOptOuts ?? []).includes(kind);
  }

  /** The console switches at once (and remembers it here); the account's language follows. */
  protected setLanguage(event: MatRadioChange): void {
    const lang: unknown = event.value;
    if (!isLanguage(lang)) return;
    void this.language.use(lang);
    this.save({ language: lang });
  }

  protected setMail(kind: OptionalMailKind, event: MatSlideToggleChange): void {
    const current = this.prefs()?.mailOptOuts ?? [];
    const others = current.filter((k) => k !== kind);
    // in the order of OPTIONAL_MAIL_KINDS, so the list the API stores is stable
    const next = event.checked ? others : [...others, kind];
    const mailOptOuts = OPTIONAL_MAIL_KINDS.filter((k) => next.includes(k));
    this.save({ mailOptOuts });
  }

  private save(change: Partial<AccountPreferencesDto>): void {
    const before = this.prefs();
    if (before) this.prefs.set({ ...before, ...change });
    this.saved.set(false);
    this.saveError.set(null);
    this.api.update(change).subscribe({
      next: (prefs) => {
        this.prefs.set(prefs);
        this.saved.set(true);
      },
      error: (err: unknown) => {
        this.prefs.set(before);
        this.saveError.set(describeHttpError(err, this.language.current()));
      },
    });
  }
}
