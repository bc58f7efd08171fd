import { Injectable, Logger } from '@nestjs/common';
import type { Configuration } from 'openid-client';
import type { AppConfig, OidcConfig } from '@telework/server-config';
import { InjectConfig } from '@telework/server-infrastructure';
import { loadOpenIdClient, OpenIdClient } from './openid-client.loader';

/** The provider could not be reached, answered an error, or its answer did not verify: SSO_PROVIDER_ERROR. */
export class OidcProviderError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'OidcProviderError';
  }
}

/** What the callback checks the provider's answer against (kept in oidc_sign_ins). */
export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A verified sign-in: the ID token's claims merged with the userinfo answer, and the ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  idToken: string | null;
}

/** Seconds a request to the provider may take (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * The relying party: openid-client 6 (OpenID certified) configured from OIDC_*. The provider's
 * metadata is discovered at the first use and kept; a failed discovery is not kept, so the next
 * sign-in tries again (the API starts even when the provider is down). Plain http is allowed only
 * for an http issuer (a test provider on 127.0.0.1): https everywhere else.
 */
@Injectable()
export class OidcClientService {
  private readonly logger = new Logger(OidcClientService.name);
  private discovered?: Promise<{ lib: OpenIdClient; configuration: Configuration }>;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /** null: single sign-on is not configured. */
  get settings(): OidcConfig | null {
    return this.config.oidc;
  }

  /** Where the provider sends the browser back: PUBLIC_URL + /api/auth/oidc/callback (register it at the provider). */
  get redirectUri(): string {
    return `${this.config.publicUrl}/api/auth/oidc/callback`;
  }

  /** A PKCE verifier, its S256 challenge, a state and a nonce. */
  async newChecks(): Promise<OidcChecks & { codeChallenge: string }> {
    const lib = await loadOpenIdClient();
    const codeVerifier = lib.randomPKCECodeVerifier();
    return { state: lib.randomState(), nonce: lib.randomNonce(), codeVerifier, codeChallenge: await lib.calculatePKCECodeChallenge(codeVerifier) };
  }

  /** The provider's authorization URL: code flow, PKCE S256, state and nonce. */
  async authorizationUrl(checks: OidcChecks & { codeChallenge: string }): Promise<string> {
    const { lib, configuration } = await this.discover();
    return lib
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri,
        scope: this.requireSettings().scopes,
        code_challenge: checks.codeChallenge,
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      })
      .toString();
  }

  /**
   * Exchanges the callback's code (its query string as received) for tokens, checking the state,
   * the PKCE verifier, the ID token (signature, issuer, audience, expiry, nonce), then reads
   * userinfo when the provider has it (many put the e-mail there only).
   */
  async exchange(callbackQuery: string, checks: OidcChecks): Promise<OidcIdentity> {
    const { lib, configuration } = await this.discover();
    try {
      const tokens = await lib.authorizationCodeGrant(configuration, new URL(`${this.redirectUri}?${callbackQuery}`), {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcProviderError('the provider answered no ID token');
      const metadata = configuration.serverMetadata();
      const userinfo = metadata.userinfo_endpoint
        ? await lib.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
        : {};
      return {
        issuer: metadata.issuer,
        subject: idClaims.sub,
        claims: { ...userinfo, ...stripProtocolClaims(idClaims), sub: idClaims.sub },
        idToken: tokens.id_token ?? null,
      };
    } catch (error) {
      if (error instanceof OidcProviderError) throw error;
      throw new OidcProviderError(`the sign-in could not be verified with the provider: ${describe(error)}`, error);
    }
  }

  /**
   * Where the console sends the browser at log-out to end the provider's session too, back to
   * PUBLIC_URL/login; null when the provider has no end_session_endpoint.
   */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    const { lib, configuration } = await this.discover();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return lib
      .buildEndSessionUrl(configuration, {
        ...(idToken ? { id_token_hint: idToken } : {}),
        post_logout_redirect_uri: `${this.config.publicUrl}/login`,
      })
      .toString();
  }

  private requireSettings(): OidcConfig {
    const settings = this.config.oidc;
    if (!settings) throw new Error('single sign-on is not configured');
    return settings;
  }

  private discover(): Promise<{ lib: OpenIdClient; configuration: Configuration }> {
    this.discovered ??= this.runDiscovery().catch((error) => {
      this.discovered = undefined; // try again at the next sign-in
      throw error;
    });
    return this.discovered;
  }

  private async runDiscovery(): Promise<{ lib: OpenIdClient; configuration: Configuration }> {
    const settings = this.requireSettings();
    const lib = await loadOpenIdClient();
    const issuer = new URL(settings.issuerUrl);
    try {
      const configuration = await lib.discovery(
        issuer,
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret ? undefined : lib.None(),
        {
          timeout: PROVIDER_TIMEOUT_SECONDS,
          execute: issuer.protocol === 'http:' ? [lib.allowInsecureRequests] : [],
        },
      );
      return { lib, configuration };
    } catch (error) {
      this.logger.error(`OpenID discovery of ${settings.issuerUrl} failed: ${describe(error)}`);
      throw new OidcProviderError(`the identity provider ${settings.issuerUrl} could not be reached: ${describe(error)}`, error);
    }
  }
}

/** The ID token's own fields (not the person's): they do not go into the claims the matching reads. */
const PROTOCOL_CLAIMS = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'azp', 'at_hash', 'c_hash', 'auth_time', 'sid', 'jti', 'acr', 'amr']);

function stripProtocolClaims(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !PROTOCOL_CLAIMS.has(name)));
}

function describe(error: unknown): string {
  // duck-typed: errors of openid-client and fetch may come from another realm (Jest's vm), where instanceof fails
  const details = error as { message?: unknown; error?: unknown; error_description?: unknown; code?: unknown; cause?: unknown } | null;
  if (!details || typeof details.message !== 'string') return String(error);
  const parts = [details.message];
  if (typeof details.error === 'string') parts.push(`(${details.error}${typeof details.error_description === 'string' ? `: ${details.error_description}` : ''})`);
  if (details.cause && details.cause !== error) parts.push(`← ${describe(details.cause)}`);
  else if (typeof details.code === 'string') parts.push(`[${details.code}]`);
  return parts.join(' ');
}
