import { createSecretKey, KeyObject } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@telework/contracts';
import { forbiddenProblem, unauthenticatedProblem } from '../common/problems';
import { AccountStatusCache } from './account-status';
import { AuthUser, IS_PUBLIC, ROLES } from './auth.decorators';

export interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  agentId: string | null;
  /** the account's session version when the token was signed */
  sv?: number;
  /** expiry, seconds since the epoch */
  exp?: number;
  nbf?: number;
}

/** Verified tokens kept at most; past it the memo starts afresh. */
const MAX_VERIFIED_TOKENS = 50_000;

/**
 * Checks the API's tokens (signature, expiry) with the HMAC key built once. Given the secret as a
 * string, jsonwebtoken builds a key from it at every call, first trying to read it as a PEM public
 * key (createPublicKey, which throws): ~40% of the CPU of GET /api/me/schedule under load.
 * A client sends the same token with every request: a token already verified is not decoded and
 * checked again until it expires (the verdict on the same string can only change with the clock).
 * One instance for the API (AuthModule), shared by the guard and the large-body check.
 */
export class TokenVerifier {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, Readonly<TokenClaims>>();

  constructor(private readonly jwt: JwtService, secret: string) {
    // the key jsonwebtoken would have built from the string: its UTF-8 bytes
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** The token's claims; rejects a bad signature, an expired token, a malformed one. */
  async verify(token: string, nowMs = Date.now()): Promise<Readonly<TokenClaims>> {
    const known = this.verified.get(token);
    // jsonwebtoken's own test: expired from the second `exp` on
    if (known && Math.floor(nowMs / 1000) < (known.exp as number)) return known;
    if (known) this.verified.delete(token);
    // @nestjs/jwt passes the secret through to jsonwebtoken, which takes a KeyObject; its type says string | Buffer
    const claims = await this.jwt.verifyAsync<TokenClaims>(token, { secret: this.key as unknown as Buffer, clockTimestamp: Math.floor(nowMs / 1000) });
    // only a token whose validity ends at a known time and does not start later is kept
    if (typeof claims.exp === 'number' && claims.nbf === undefined) {
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
      this.verified.set(token, Object.freeze(claims));
    }
    return claims;
  }
}

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly accounts: AccountStatusCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest();
    request.user = await authenticate(this.tokens, this.accounts, request.headers['authorization']);
    return true;
  }
}

/**
 * The caller of an `Authorization: Bearer …` header, or a 401 whose code says why not
 * (TOKEN_MISSING, TOKEN_INVALID, ACCOUNT_DISABLED, SESSION_ENDED).
 * The guard and the large-body check (common/body-limits.ts) both use it, so a token refused by
 * one is refused by the other.
 */
export async function authenticate(tokens: TokenVerifier, accounts: AccountStatusCache, header: string | undefined): Promise<AuthUser> {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw unauthenticatedProblem({ code: 'TOKEN_MISSING' }, 'A bearer token is required');
  let claims: TokenClaims;
  try {
    claims = await tokens.verify(match[1]);
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
