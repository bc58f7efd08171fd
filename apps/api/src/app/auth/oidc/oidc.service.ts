import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SsoErrorCode, SsoTicketResponse } from '@telework/contracts';
import type { AppConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { AuditService } from '../../audit/audit.service';
import { fieldProblems } from '../../common/problems';
import { newUrlToken, URL_TOKEN_PATTERN } from '../../common/url-token';
import { AccountStatusCache } from '../account-status';
import { AccountsRepository, SignedAccount } from '../accounts.repository';
import { NO_PASSWORD } from '../accounts.service';
import type { AuthUser } from '../auth.decorators';
import { AuthService } from '../auth.service';
import { OidcClientService, OidcIdentity, OidcProviderError } from './oidc-client.service';
import { OidcSignInsRepository } from './oidc-sign-ins.repository';

/** A sign-in under way lives this long between the redirect to the provider and the callback. */
export const SIGN_IN_TTL_SECONDS = 10 * 60;
/** The ticket the callback puts in the console's URL lives this long. */
export const TICKET_TTL_SECONDS = 2 * 60;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** A path of the console to land on after the sign-in: `/…`, never `//…` nor `/\…` (another site). */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  return /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : null;
}

/** A refused sign-on: its code (in the console's URL) and what the audit record says. */
class SsoRefusal extends Error {
  constructor(readonly code: SsoErrorCode, readonly details: Record<string, unknown> = {}) {
    super(code);
  }
}

/** What the matching decided: the account signed in, and how it came to be. */
type Outcome = { account: SignedAccount; how: 'IDENTITY' | 'LINKED' | 'ACTIVATED' | 'CREATED' };

/**
 * Single sign-on by OpenID Connect (authorization code, PKCE S256, state, nonce):
 * - start(): a sign-in under way (oidc_sign_ins, hashes only) and the provider's URL;
 * - callback(): the state used up, the code exchanged and verified, the identity matched to an
 *   account (its `sub` first, else the employee number or the e-mail), a single-use ticket for
 *   the console; every outcome audited;
 * - redeem(): the ticket for the same access token as a password log-in.
 * Roles never come from the provider: an account created here takes its agent's role.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: OidcClientService,
    private readonly signIns: OidcSignInsRepository,
    private readonly accounts: AccountsRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly status: AccountStatusCache,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  get configured(): boolean {
    return this.client.settings !== null;
  }

  /** The console's log-in page with the reason of a refusal. */
  refusalUrl(code: SsoErrorCode): string {
    return `${this.config.publicUrl}/login?sso=${code}`;
  }

  /** The provider's URL to send the browser to (or the log-in page with SSO_PROVIDER_ERROR when it cannot be reached). */
  async start(returnTo: unknown): Promise<string> {
    try {
      const checks = await this.client.newChecks();
      const url = await this.client.authorizationUrl(checks);
      await this.signIns.insert(sha256(checks.state), checks.nonce, checks.codeVerifier, safeReturnTo(returnTo), SIGN_IN_TTL_SECONDS);
      return url;
    } catch (error) {
      if (!(error instanceof OidcProviderError)) throw error;
      await this.audit.record(null, 'account.sso_refused', 'user', null, { code: 'SSO_PROVIDER_ERROR', reason: error.message });
      return this.refusalUrl('SSO_PROVIDER_ERROR');
    }
  }

  /**
   * The provider sent the browser back: answers where to send it next, the console's
   * /login/sso?ticket=… (and returnTo) or /login?sso=<code>.
   */
  async callback(query: Record<string, unknown>, rawQuery: string): Promise<string> {
    const state = typeof query['state'] === 'string' ? query['state'] : '';
    const signIn = state ? await this.signIns.consumeState(sha256(state)) : undefined;
    if (!signIn) {
      await this.audit.record(null, 'account.sso_refused', 'user', null, { code: 'SSO_STATE_INVALID' });
      return this.refusalUrl('SSO_STATE_INVALID');
    }
    try {
      const identity = await this.client.exchange(rawQuery, { state, nonce: signIn.nonce, codeVerifier: signIn.code_verifier });
      const { account } = await this.signIn(identity);
      const ticket = newUrlToken();
      await this.signIns.complete(signIn.id, account.id, sha256(ticket), identity.idToken, TICKET_TTL_SECONDS);
      const returnTo = signIn.return_to ? `&returnTo=${encodeURIComponent(signIn.return_to)}` : '';
      return `${this.config.publicUrl}/login/sso?ticket=${ticket}${returnTo}`;
    } catch (error) {
      await this.signIns.delete(signIn.id);
      if (error instanceof OidcProviderError) {
        this.logger.warn(error.message);
        await this.audit.record(null, 'account.sso_refused', 'user', null, { code: 'SSO_PROVIDER_ERROR', reason: error.message });
        return this.refusalUrl('SSO_PROVIDER_ERROR');
      }
      if (error instanceof SsoRefusal) return this.refusalUrl(error.code); // audited in signIn()
      throw error;
    }
  }

  /** Exchanges a live ticket (single use) for an access token and the provider's log-out URL. */
  async redeem(ticket: string): Promise<SsoTicketResponse> {
    const invalid = () => fieldProblems([{ field: 'ticket', code: 'SSO_TICKET_INVALID', message: 'unknown, used or expired sign-on ticket' }]);
    if (!URL_TOKEN_PATTERN.test(ticket)) throw invalid();
    const redeemed = await this.signIns.redeemTicket(sha256(ticket));
    if (!redeemed) throw invalid();
    // switched off in the two minutes since the callback: no token
    const account = await this.accounts.findActiveSigned(redeemed.user_id);
    if (!account) throw invalid();
    let endSessionUrl: string | null = null;
    try {
      endSessionUrl = await this.client.endSessionUrl(redeemed.id_token);
    } catch (error) {
      // the provider went away since the callback: the product's session still starts
      this.logger.warn(`no end-session URL: ${(error as Error).message}`);
    }
    return { accessToken: await this.auth.sign(account), endSessionUrl };
  }

  /**
   * Matches the identity to an account and signs it in, in one transaction with the audit
   * record (a refusal is audited too, and changes nothing).
   */
  private async signIn(identity: OidcIdentity): Promise<Outcome> {
    const settings = this.client.settings;
    if (!settings) throw new SsoRefusal('SSO_NOT_CONFIGURED');
    const claimed = {
      subject: identity.subject,
      email: stringClaim(identity.claims[settings.emailClaim]),
      employeeNumber: settings.employeeNumberClaim ? stringClaim(identity.claims[settings.employeeNumberClaim]) : null,
    };
    try {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const outcome = await this.match(identity, settings.employeeNumberClaim !== null, claimed, manager);
        const actor: AuthUser = { userId: outcome.account.id, email: outcome.account.email, role: outcome.account.role, agentId: outcome.account.agent_id };
        await this.audit.record(actor, 'account.sso_signed_in', 'user', outcome.account.id, { issuer: identity.issuer, subject: identity.subject, how: outcome.how }, manager);
        return outcome;
      });
      // after the commit: a pending or new account is active at once for the guard
      await this.status.forget(outcome.account.id);
      return outcome;
    } catch (error) {
      if (error instanceof SsoRefusal) {
        await this.audit.record(null, 'account.sso_refused', 'user', (error.details['userId'] as string) ?? null, {
          code: error.code, issuer: identity.issuer, ...claimed, ...error.details,
        });
      }
      throw error;
    }
  }

  private async match(
    identity: OidcIdentity,
    byEmployeeNumber: boolean,
    claimed: { email: string | null; employeeNumber: string | null },
    manager: EntityManager,
  ): Promise<Outcome> {
    const linked = await this.accounts.lockByIdentity(identity.issuer, identity.subject, manager);
    if (linked) {
      if (!linked.active && !linked.pending) throw new SsoRefusal('SSO_ACCOUNT_DISABLED', { userId: linked.id });
      const account = await this.accounts.ssoSignIn(linked.id, manager);
      if (!account) throw new SsoRefusal('SSO_ACCOUNT_DISABLED', { userId: linked.id });
      return { account, how: linked.pending ? 'ACTIVATED' : 'IDENTITY' };
    }

    // a provider that says the e-mail is not verified does not get to choose the account by it
    const emailUsable = claimed.email !== null && identity.claims['email_verified'] !== false;
    const match = byEmployeeNumber
      ? claimed.employeeNumber !== null ? { employeeNumber: claimed.employeeNumber } : null
      : emailUsable ? { email: claimed.email as string } : null;
    if (!match) throw new SsoRefusal('SSO_NO_IDENTIFIER', claimed.email !== null && !emailUsable ? { reason: 'EMAIL_NOT_VERIFIED' } : {});

    const candidates = await this.accounts.lockSsoCandidates(match, manager);
    if (candidates.length !== 1) throw new SsoRefusal('SSO_UNKNOWN_USER', candidates.length > 1 ? { reason: 'AMBIGUOUS' } : {});
    const [candidate] = candidates;
    if (!candidate.user_id) {
      // an agent without account: an active one with the agent's role (never the provider's)
      const account = await this.accounts.insertSsoAccount(candidate.agent_id as string, identity.issuer, identity.subject, NO_PASSWORD, manager);
      if (!account) throw new SsoRefusal('SSO_UNKNOWN_USER', { reason: 'EMAIL_TAKEN' });
      return { account, how: 'CREATED' };
    }
    if (!candidate.active && !candidate.pending) throw new SsoRefusal('SSO_ACCOUNT_DISABLED', { userId: candidate.user_id });
    // linked to another identity: never re-linked silently (HR unlinks it)
    if (candidate.linked) throw new SsoRefusal('SSO_UNKNOWN_USER', { userId: candidate.user_id, reason: 'LINKED_TO_ANOTHER_IDENTITY' });
    const account = await this.accounts.linkSsoAccount(candidate.user_id, identity.issuer, identity.subject, manager);
    if (!account) throw new SsoRefusal('SSO_UNKNOWN_USER', { userId: candidate.user_id });
    return { account, how: candidate.pending ? 'ACTIVATED' : 'LINKED' };
  }
}

/** A claim as text: a string or a number (an employee number), trimmed; anything else is no claim. */
function stringClaim(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}
