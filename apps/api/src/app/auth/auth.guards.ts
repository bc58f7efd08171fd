import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@telework/contracts';
import { forbiddenProblem, unauthenticatedProblem } from '../common/problems';
import { AccountStatusCache } from './account-status';
import { AuthUser, IS_PUBLIC, ROLES } from './auth.decorators';

interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  agentId: string | null;
  /** the account's session version when the token was signed */
  sv?: number;
}

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountStatusCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest();
    request.user = await authenticate(this.jwt, this.accounts, request.headers['authorization']);
    return true;
  }
}

/**
 * The caller of an `Authorization: Bearer …` header, or a 401 whose code says why not
 * (TOKEN_MISSING, TOKEN_INVALID, ACCOUNT_DISABLED, SESSION_ENDED).
 * The guard and the large-body check (common/body-limits.ts) both use it, so a token refused by
 * one is refused by the other.
 */
export async function authenticate(jwt: JwtService, accounts: AccountStatusCache, header: string | undefined): Promise<AuthUser> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw unauthenticatedProblem({ code: 'TOKEN_MISSING' }, 'A bearer token is required');
  let claims: TokenClaims;
  try {
    claims = await jwt.verifyAsync<TokenClaims>(match[1]);
  } catch {
    throw unauthenticatedProblem({ code: 'TOKEN_INVALID' }, 'The token is invalid or has expired');
  }
  const account = await accounts.current(claims.sub);
  if (!account?.active) throw unauthenticatedProblem({ code: 'ACCOUNT_DISABLED' }, 'This account is switched off');
  // signed before a switch-off, a password or a role change: that session is over for good
  if (claims.sv !== account.sessionVersion) throw unauthenticatedProblem({ code: 'SESSION_ENDED' }, 'This session has ended: log in again');
  // the account's role now, not the one at log-in: a demotion takes effect at once
  return { userId: claims.sub, email: claims.email, role: account.role, agentId: claims.agentId };
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles || roles.length === 0) return true;
    const user: AuthUser | undefined = context.switchToHttp().getRequest().user;
    if (!user) return true; // public route
    if (!roles.includes(user.role)) {
      throw forbiddenProblem({ code: 'ROLE_NEEDED', roles });
    }
    return true;
  }
}
