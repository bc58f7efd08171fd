import { TestBed } from '@angular/core/testing';
import {
  GuardResult,
  PartialMatchRouteSnapshot,
  provideRouter,
  Route,
  Router,
  UrlSegment,
  UrlTree,
} from '@angular/router';
import type { CurrentUserDto, Role } from '@telework/contracts';
import { firstValueFrom, isObservable, Observable, of } from 'rxjs';
import { aUser } from '../../testing/test-helpers';
import {
  authGuard,
  guestGuard,
  redirectToHome,
  roleGuard,
} from './auth.guards';
import { AuthService } from './auth.service';
import { Area, canEnter, homeUrl } from './roles';

function setUp(user: CurrentUserDto | null): void {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      { provide: AuthService, useValue: { ensureUser: () => of(user) } },
    ],
  });
}

async function run(
  guard: (route: Route, segments: UrlSegment[]) => unknown,
  path = '',
): Promise<string | true | false> {
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((p) => new UrlSegment(p, {}));
  const result = TestBed.runInInjectionContext(() => guard({}, segments));
  const value = (
    isObservable(result)
      ? await firstValueFrom(result as Observable<GuardResult>)
      : result
  ) as GuardResult;
  if (value instanceof UrlTree)
    return TestBed.inject(Router).serializeUrl(value);
  return value as boolean;
}

describe('roles', () => {
  it.each<[Area, Role, boolean]>([
    ['agent', 'AGENT', true],
    ['manager', 'AGENT', false],
    ['hr', 'AGENT', false],
    ['manager', 'MANAGER', true],
    ['hr', 'MANAGER', false],
    ['manager', 'HR', true],
    ['hr', 'HR', true],
    ['hr', 'ADMIN', true],
    ['agent', 'ADMIN', true],
  ])('%s area admits %s: %s', (area, role, allowed) => {
    expect(canEnter(area, role)).toBe(allowed);
  });

  it('sends each role to its own home page', () => {
    expect(homeUrl('AGENT')).toBe('/agent/planning');
    expect(homeUrl('MANAGER')).toBe('/manager/requests');
    expect(homeUrl('HR')).toBe('/hr/agents');
    expect(homeUrl('ADMIN')).toBe('/hr/agents');
  });
});

describe('roleGuard', () => {
  it('lets HR into the hr area', async () => {
    setUp(aUser('HR'));
    expect(await run(roleGuard('hr'), 'hr/agents')).toBe(true);
  });

  it('sends an agent who types an HR URL to their own home page', async () => {
    setUp(aUser('AGENT'));
    expect(await run(roleGuard('hr'), 'hr/agents')).toBe('/agent/planning');
  });

  it('sends a manager away from the hr area but lets them into manager', async () => {
    setUp(aUser('MANAGER'));
    expect(await run(roleGuard('hr'))).toBe('/manager/requests');
    expect(await run(roleGuard('manager'))).toBe(true);
  });

  it('sends a signed-out visitor to log-in', async () => {
    setUp(null);
    expect(await run(roleGuard('agent'))).toBe('/login');
  });
});

describe('authGuard', () => {
  it('lets a signed-in user into the shell', async () => {
    setUp(aUser('AGENT'));
    expect(await run(authGuard, 'agent/planning')).toBe(true);
  });

  it('sends a signed-out visitor to log-in with the URL to come back to', async () => {
    setUp(null);
    expect(await run(authGuard, 'hr/agents')).toBe(
      '/login?returnUrl=%2Fhr%2Fagents',
    );
    expect(await run(authGuard, '')).toBe('/login');
  });
});

describe('guestGuard', () => {
  it('shows log-in to visitors, and sends signed-in users home', async () => {
    setUp(null);
    expect(await run(guestGuard)).toBe(true);
    TestBed.resetTestingModule();
    setUp(aUser('MANAGER'));
    expect(await run(guestGuard)).toBe('/manager/requests');
  });
});

describe('redirectToHome', () => {
  it.each<[Role, string]>([
    ['AGENT', '/agent/planning'],
    ['HR', '/hr/agents'],
  ])('sends %s to %s', async (role, url) => {
    setUp(aUser(role));
    const tree = await firstValueFrom(
      TestBed.runInInjectionContext(
        () =>
          redirectToHome(
            {} as PartialMatchRouteSnapshot,
          ) as Observable<UrlTree>,
      ),
    );
    expect(TestBed.inject(Router).serializeUrl(tree)).toBe(url);
  });
});
