import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import {
  Language,
  LANGUAGES,
  LanguageService,
} from '../core/i18n/language.service';
import { TwDatePipe } from '../core/i18n/tw-date.pipe';
import { navFor } from './nav-items';
import { NoticesMenu } from './notices-menu';

/** Below this width the navigation becomes a drawer opened from the toolbar. */
export const HANDSET_QUERY = '(max-width: 959.98px)';

@Component({
  selector: 'tw-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    TranslatePipe,
    TwDatePipe,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatDividerModule,
    NoticesMenu,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly auth = inject(AuthService);
  private readonly language = inject(LanguageService);
  private readonly sidenav = viewChild.required<MatSidenav>('sidenav');

  protected readonly user = this.auth.user;
  protected readonly sections = computed(() => navFor(this.auth.role()));
  protected readonly languages = LANGUAGES;
  protected readonly currentLanguage = this.language.current;
  /** the planning's today, as the server counts it */
  protected readonly today = computed(() => new Date(`${this.auth.today()}T12:00:00Z`));
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(HANDSET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  constructor() {
    // a browser where nobody chose a language takes the account's (its preference, also its mails')
    effect(() => {
      const account = this.user()?.language;
      if (account) void this.language.adoptAccountLanguage(account);
    });
  }

  protected setLanguage(lang: Language): void {
    void this.language.use(lang);
  }

  protected logout(): void {
    this.auth.logout();
  }

  protected afterNavigate(): void {
    if (this.isHandset()) void this.sidenav().close();
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    document.getElementById('tw-main')?.focus();
  }
}
