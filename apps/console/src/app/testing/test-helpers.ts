import {
  EnvironmentProviders,
  provideAppInitializer,
  Provider,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  provideTranslateLoader,
  provideTranslateService,
} from '@ngx-translate/core';
import type { ContinuityEventDto, CurrentUserDto, EngineJobDto, Role } from '@telework/contracts';
import { todayInParis } from '../core/dates/iso-dates';
import { LanguageService } from '../core/i18n/language.service';
import { BundledTranslateLoader } from '../core/i18n/translation-loader';
import { registerIcons } from '../core/icons/icons';

/** The real translations, as the app loads them. */
export function provideTestTranslations(): (Provider | EnvironmentProviders)[] {
  return [
    provideTranslateService({
      loader: provideTranslateLoader(() => new BundledTranslateLoader()),
      fallbackLang: 'fr',
    }),
  ];
}

/** The inline SVG icons, registered at start-up as in the app. */
export function provideTestIcons(): EnvironmentProviders {
  return provideAppInitializer(registerIcons);
}

/** Start-up language set-up, as the app initializer does it. */
export function initLanguage(): Promise<void> {
  return TestBed.inject(LanguageService).init();
}

export function aUser(
  role: Role,
  overrides: Partial<CurrentUserDto> = {},
): CurrentUserDto {
  return {
    userId: `u-${role.toLowerCase()}`,
    email: `${role.toLowerCase()}@exemple.fr`,
    role,
    agentId: role === 'ADMIN' ? null : `a-${role.toLowerCase()}`,
    displayName: `Camille ${role}`,
    managedOrgUnitIds: role === 'MANAGER' ? ['ou-1'] : [],
    today: todayInParis(),
    language: 'fr',
    mailOptOuts: [],
    ...overrides,
  };
}

/** An unsigned JWT whose payload is `claims` (the console only reads `exp`). */
export function aJwt(claims: Record<string, unknown>): string {
  const b64 = (value: object) =>
    btoa(JSON.stringify(value))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.signature`;
}

export function inOneHour(): number {
  return Math.floor(Date.now() / 1000) + 3600;
}

/** An engine job as `GET /api/jobs/:id` answers it, running by default. */
export function anEngineJob(overrides: Partial<EngineJobDto> = {}): EngineJobDto {
  return {
    id: 'job',
    kind: 'rotationPlan',
    status: 'RUNNING',
    progressPct: 0,
    stage: 'start',
    timeLimitMs: 120_000,
    cancelRequested: false,
    runner: 'threads',
    problem: null,
    createdBy: 'u-hr',
    createdAt: '2026-12-01T09:00:00Z',
    startedAt: '2026-12-01T09:00:00Z',
    finishedAt: null,
    ...overrides,
  };
}

/** A continuity event as the API answers it: a DRAFT strike on Thursday 10 December 2026, the main site closed. */
export function aContinuityEvent(overrides: Partial<ContinuityEventDto> = {}): ContinuityEventDto {
  return {
    id: 'ev-1',
    label: 'Grève des transports',
    kind: 'STRIKE',
    status: 'DRAFT',
    from: '2026-12-10',
    fromPeriod: 'AM',
    to: '2026-12-10',
    toPeriod: 'PM',
    sites: [{ siteId: 's-hdd', capacity: 0 }],
    pools: [],
    weeklyMax: null,
    weeklyMaxTiers: [],
    weeklyMaxOrgUnitIds: [],
    extraEligibleAgentIds: [],
    extraEligiblePoolId: null,
    onSiteAgentIds: [],
    onSiteTiers: [],
    onSiteOrgUnitIds: [],
    createdAt: '2026-12-01T09:00:00Z',
    createdBy: 'u-hr',
    activatedAt: null,
    endedAt: null,
    lastRunId: null,
    ...overrides,
  };
}
