import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- tools/testing is no Nx project: the tests' real OpenID provider (shared by the API specs and the console e2e)
import { startTestOidcProvider, TestOidcAccount, TestOidcProvider } from '../../../../../../tools/testing/oidc-provider.testing';
import { ApiHarness, startApi } from '../../../testing/api-harness';

jest.setTimeout(120_000);

/**
 * Single sign-on against a real OpenID provider (oidc-provider in a child process), driven as a
 * browser would with fetch and manual redirects, keeping the provider's cookies. The console is
 * not served here: PUBLIC_URL is a name of its own, and the provider's redirects to
 * PUBLIC_URL/api/auth/oidc/callback are replayed on the API's real address. The provider is
 * given a port chosen beforehand, so that the API can be started with its issuer URL first
 * (discovery happens at the first sign-in) and the provider then with the agents of the API's
 * database.
 */
const PUBLIC_URL = 'http://console.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;
const CLIENT_ID = 'telework-console';
const CLIENT_SECRET = 'a client secret for the tests';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A browser's memory of the provider's cookies (one provider, one host). */
class Browser {
  private readonly cookies = new Map<string, string>();

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

const locationOf = (response: Response, base: string): URL => {
  const location = response.headers.get('location');
  if (!location) throw new Error(`no redirect (${response.status})`);
  return new URL(location, base);
};

describe.each(TEST_DATABASE_MODES)('single sign-on (OpenID Connect) on %s', (mode) => {
  let api: ApiHarness;
  let db: DataSource;
  let provider: TestOidcProvider;
  let issuer: string;
  let hrToken: string;
  /** agents of the demo, picked for each case */
  let linked: { id: string; email: string; employee_number: string; role: string; user_id: string };
  let withoutAccount: { id: string; email: string; employee_number: string; role: string };
  let disabled: { id: string; email: string; user_id: string };
  let pending: { id: string; email: string; user_id: string };

  const oidcEnv = (port: number, extra: Record<string, string> = {}) => ({
    OIDC_ISSUER_URL: `http://127.0.0.1:${port}`,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_DISPLAY_NAME: 'Compte du département',
    PUBLIC_URL,
    ...extra,
  });

  const accountsOf = (): TestOidcAccount[] => [
    // the role claim of a provider must never become the product's role
    { sub: 'sub-linked', email: linked.email.toUpperCase(), name: 'Linked Agent', employee_number: 'NOT-USED', role: 'ADMIN' },
    { sub: 'sub-new', email: withoutAccount.email, name: 'New Agent', role: 'ADMIN' },
    { sub: 'sub-disabled', email: disabled.email },
    { sub: 'sub-pending', email: pending.email },
    { sub: 'sub-unknown', email: 'nobody@elsewhere.example' },
    { sub: 'sub-no-email', name: 'No E-mail' },
    { sub: 'sub-unverified', email: 'unverified@example.fr', email_verified: false },
    // takes the linked agent's e-mail later, under another subject: never re-linked
    { sub: 'sub-impostor', email: 'impostor@example.fr' },
  ];

  beforeAll(async () => {
    const port = await freePort();
    api = await startApi(mode, oidcEnv(port));
    db = api.app.get(DataSource);
    const hr = api.startup.demoLogins.find((login) => login.role === 'HR');
    hrToken = await api.login(hr?.email ?? 'no HR in the demo');
    [linked] = await db.query(
      `SELECT a.id, a.email, a.employee_number, a.role, u.id AS user_id FROM agents a JOIN users u ON u.agent_id = a.id
       WHERE u.active AND a.role = 'AGENT' ORDER BY a.employee_number LIMIT 1`,
    );
    // every agent of the demo has an account: HR adds one without, a manager
    const [site] = await db.query(`SELECT id FROM sites ORDER BY code LIMIT 1`);
    const [unit] = await db.query(`SELECT id FROM org_units ORDER BY code LIMIT 1`);
    const created = await api.call('POST', '/api/agents', {
      token: hrToken,
      body: {
        employeeNumber: 'SSO0001', firstName: 'Solène', lastName: 'Sansmotdepasse', email: 'solene.sso@example.fr',
        siteId: site.id, orgUnitId: unit.id, eligible: false, role: 'MANAGER',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toBe('NONE');
    [withoutAccount] = await db.query(`SELECT id, email, employee_number, role FROM agents WHERE id = $1`, [created.body.id]);
    expect(withoutAccount.role).toBe('MANAGER');
    const others: { id: string; email: string; user_id: string }[] = await db.query(
      `SELECT a.id, a.email, u.id AS user_id FROM agents a JOIN users u ON u.agent_id = a.id
       WHERE u.active AND a.role = 'AGENT' AND a.id <> $1 ORDER BY a.employee_number LIMIT 2`,
      [linked.id],
    );
    expect([linked, withoutAccount, ...others].every(Boolean)).toBe(true);
    expect(others).toHaveLength(2);
    [disabled, pending] = others;
    await db.query(`UPDATE users SET active = false WHERE id = $1`, [disabled.user_id]);
    await db.query(
      `UPDATE users SET active = false, password_hash = '!invitation-pending', activation_token_hash = 'some hash', activation_expires_at = now() + interval '1 day'
       WHERE id = $1`,
      [pending.user_id],
    );

    provider = await startTestOidcProvider({
      port,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [CALLBACK],
      postLogoutRedirectUris: [`${PUBLIC_URL}/login`],
      accounts: accountsOf(),
    });
    issuer = provider.issuer;
    expect(issuer).toBe(`http://127.0.0.1:${port}`);
  });

  afterAll(async () => {
    await api?.close();
    await provider?.stop();
  });

  /** GET /api/auth/oidc/login: the redirect to the provider. */
  const startSignIn = async (target: ApiHarness = api, returnTo?: string): Promise<URL> => {
    const response = await fetch(`${target.baseUrl}/api/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return locationOf(response, target.baseUrl);
  };

  /** Through the provider's log-in form to its redirect back to PUBLIC_URL/api/auth/oidc/callback. */
  const throughProvider = async (authorizeUrl: URL, login: string, browser = new Browser()): Promise<URL> => {
    let response = await browser.go(authorizeUrl.toString());
    const origin = authorizeUrl.origin;
    let next = locationOf(response, origin);
    expect(next.pathname).toMatch(/^\/interaction\//);
    response = await browser.go(next.toString());
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/<input name="login"/);
    expect(page).toMatch(/<input name="password" type="password"/);
    expect(page).toMatch(/<button type="submit"/);
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    expect(action).toBeDefined();
    response = await browser.go(new URL(action as string, origin).toString(), { form: { login, password: 'anything' } });
    next = locationOf(response, origin);
    for (let hop = 0; hop < 5 && next.origin === origin; hop += 1) {
      response = await browser.go(next.toString());
      next = locationOf(response, origin);
    }
    expect(`${next.origin}${next.pathname}`).toBe(CALLBACK);
    return next;
  };

  /** The provider's redirect replayed on the API's real address: where the API sends the browser. */
  const callback = async (providerRedirect: URL | string, target: ApiHarness = api): Promise<URL> => {
    const url = new URL(providerRedirect);
    const response = await fetch(`${target.baseUrl}${url.pathname}${url.search}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return locationOf(response, target.baseUrl);
  };

  const redeem = (ticket: unknown, target: ApiHarness = api) => target.call('POST', '/api/auth/oidc/ticket', { body: { ticket } });

  /** A whole sign-in: the console's URL it ends on. */
  const signIn = async (login: string, target: ApiHarness = api, returnTo?: string): Promise<URL> =>
    callback(await throughProvider(await startSignIn(target, returnTo), login), target);

  const refusals = async (code: string): Promise<number> => {
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'account.sso_refused' AND details->>'code' = $1`,
      [code],
    );
    return count;
  };

  it('tells the console how one logs in here', async () => {
    const response = await api.call('GET', '/api/auth/config');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ passwordLogin: true, sso: { displayName: 'Compte du département' }, mail: false });
  });

  it('signs an agent in: code flow with PKCE S256, state and nonce, a single-use ticket, the same token as a password log-in, and the provider’s log-out', async () => {
    const authorize = await startSignIn(api, '/agent/planning?week=2026-12-07');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/auth`);
    const params = authorize.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('redirect_uri')).toBe(CALLBACK);
    expect(params.get('scope')).toBe('openid email profile');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // only hashes of the state are kept, with the verifier and nonce, for ten minutes
    const [row] = await db.query(
      `SELECT state_hash, nonce, code_verifier, return_to, extract(epoch FROM expires_at - created_at)::int AS ttl FROM oidc_sign_ins WHERE nonce = $1`,
      [params.get('nonce')],
    );
    expect(row.state_hash).not.toBe(params.get('state'));
    expect(row.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(row.return_to).toBe('/agent/planning?week=2026-12-07');
    expect(row.ttl).toBe(600);

    const browser = new Browser();
    const back = await throughProvider(authorize, linked.email, browser);
    const landing = await callback(back);
    expect(`${landing.origin}${landing.pathname}`).toBe(`${PUBLIC_URL}/login/sso`);
    expect(landing.searchParams.get('returnTo')).toBe('/agent/planning?week=2026-12-07');
    const ticket = landing.searchParams.get('ticket') as string;
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const exchanged = await redeem(ticket);
    expect(exchanged.status).toBe(200);
    const me = await api.call('GET', '/api/auth/me', { token: exchanged.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: linked.email, role: 'AGENT', agentId: linked.id });
    // the first sign-in linked the account to the provider's subject
    const [user] = await db.query(`SELECT oidc_issuer, oidc_subject, last_login_at FROM users WHERE id = $1`, [linked.user_id]);
    expect(user).toMatchObject({ oidc_issuer: issuer, oidc_subject: 'sub-linked' });
    expect(user.last_login_at).not.toBeNull();
    const [audit] = await db.query(
      `SELECT actor_user_id, entity_id, details FROM audit_log WHERE action = 'account.sso_signed_in' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ actor_user_id: linked.user_id, entity_id: linked.user_id, details: { subject: 'sub-linked', how: 'LINKED' } });

    // the log-out URL: the provider's end_session with the ID token, back to the console's /login
    const endSession = new URL(exchanged.body.endSessionUrl);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${issuer}/session/end`);
    expect(endSession.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/login`);
    const idToken = endSession.searchParams.get('id_token_hint') as string;
    expect(JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString())).toMatchObject({ sub: 'sub-linked', aud: CLIENT_ID, iss: issuer });
    // and the provider accepts it: its session ends and it sends the browser back to /login
    const logoutPage = await browser.go(endSession.toString());
    expect(logoutPage.status).toBe(200);
    const form = await logoutPage.text();
    const confirm = /action="([^"]+)"/.exec(form)?.[1] as string;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] as string;
    const loggedOut = await browser.go(confirm, { form: { xsrf, logout: 'yes' } });
    expect(locationOf(loggedOut, issuer).toString()).toBe(`${PUBLIC_URL}/login`);

    // the ticket is single use
    const again = await redeem(ticket);
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'ticket', code: 'SSO_TICKET_INVALID' })]);
    expect((await redeem('not a ticket')).body.errors[0].code).toBe('SSO_TICKET_INVALID');
  });

  it('later matches on the subject, even after the agent’s e-mail changed', async () => {
    const response = await api.call('PATCH', `/api/agents/${linked.id}`, { token: hrToken, body: { email: 'renamed.agent@example.fr' } });
    expect(response.status).toBe(200);
    // the provider still knows the old e-mail: the subject decides
    const landing = await signIn('sub-linked');
    const exchanged = await redeem(landing.searchParams.get('ticket'));
    expect(exchanged.status).toBe(200);
    const me = await api.call('GET', '/api/auth/me', { token: exchanged.body.accessToken });
    expect(me.body).toMatchObject({ email: 'renamed.agent@example.fr', agentId: linked.id, role: 'AGENT' });
  });

  it('never re-links an account linked to another identity', async () => {
    // another subject now claims the linked agent's (new) e-mail
    const before = await refusals('SSO_UNKNOWN_USER');
    const impostorProviderAccount = 'sub-impostor';
    await db.query(`UPDATE agents SET email = 'impostor@example.fr' WHERE id = $1`, [linked.id]);
    await db.query(`UPDATE users SET email = 'impostor@example.fr' WHERE id = $1`, [linked.user_id]);
    const landing = await signIn(impostorProviderAccount);
    expect(landing.toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_UNKNOWN_USER`);
    expect(await refusals('SSO_UNKNOWN_USER')).toBe(before + 1);
    const [user] = await db.query(`SELECT oidc_subject FROM users WHERE id = $1`, [linked.user_id]);
    expect(user.oidc_subject).toBe('sub-linked');
  });

  it('gives an agent without account an active one with the agent’s role, never the provider’s', async () => {
    const [{ users: before }] = await db.query(`SELECT count(*)::int AS users FROM users`);
    const landing = await signIn(withoutAccount.email);
    const exchanged = await redeem(landing.searchParams.get('ticket'));
    expect(exchanged.status).toBe(200);
    const me = await api.call('GET', '/api/auth/me', { token: exchanged.body.accessToken });
    expect(me.body).toMatchObject({ email: withoutAccount.email, agentId: withoutAccount.id, role: withoutAccount.role, language: 'fr' });
    expect(me.body.role).not.toBe('ADMIN');
    const [user] = await db.query(
      `SELECT role, active, password_hash, oidc_subject, language FROM users WHERE agent_id = $1`,
      [withoutAccount.id],
    );
    expect(user).toEqual({ role: withoutAccount.role, active: true, password_hash: '!invitation-pending', oidc_subject: 'sub-new', language: 'fr' });
    const [{ users: after }] = await db.query(`SELECT count(*)::int AS users FROM users`);
    expect(after).toBe(before + 1);
    // no password works on it
    const password = await api.call('POST', '/api/auth/login', { body: { email: withoutAccount.email, password: '!invitation-pending' } });
    expect(password.status).toBe(401);
  });

  it('activates a pending account at its first sign-on (its invitation link dies)', async () => {
    const landing = await signIn(pending.email);
    const exchanged = await redeem(landing.searchParams.get('ticket'));
    expect(exchanged.status).toBe(200);
    const [user] = await db.query(`SELECT active, activation_token_hash, oidc_subject FROM users WHERE id = $1`, [pending.user_id]);
    expect(user).toEqual({ active: true, activation_token_hash: null, oidc_subject: 'sub-pending' });
  });

  it('refuses an unknown user, a switched-off account and an identity without e-mail, creating nothing', async () => {
    const [{ users: before }] = await db.query(`SELECT count(*)::int AS users FROM users`);
    const counts = {
      unknown: await refusals('SSO_UNKNOWN_USER'),
      disabled: await refusals('SSO_ACCOUNT_DISABLED'),
      none: await refusals('SSO_NO_IDENTIFIER'),
    };
    expect((await signIn('sub-unknown')).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_UNKNOWN_USER`);
    expect((await signIn(disabled.email)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_ACCOUNT_DISABLED`);
    expect((await signIn('sub-no-email')).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_NO_IDENTIFIER`);
    // an e-mail the provider says it did not verify does not choose the account
    expect((await signIn('sub-unverified')).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_NO_IDENTIFIER`);
    const [{ users: after }] = await db.query(`SELECT count(*)::int AS users FROM users`);
    expect(after).toBe(before);
    const [user] = await db.query(`SELECT active, oidc_subject FROM users WHERE id = $1`, [disabled.user_id]);
    expect(user).toEqual({ active: false, oidc_subject: null });
    expect(await refusals('SSO_UNKNOWN_USER')).toBe(counts.unknown + 1);
    expect(await refusals('SSO_ACCOUNT_DISABLED')).toBe(counts.disabled + 1);
    expect(await refusals('SSO_NO_IDENTIFIER')).toBe(counts.none + 2);
    // failed sign-ins leave no row behind
    const [{ rows }] = await db.query(`SELECT count(*)::int AS rows FROM oidc_sign_ins WHERE ticket_hash IS NULL AND completed_at IS NOT NULL`);
    expect(rows).toBe(0);
  });

  it('refuses a wrong state, a used state, a replayed code and an error of the provider', async () => {
    const back = await throughProvider(await startSignIn(), withoutAccount.email);
    const code = back.searchParams.get('code') as string;

    // a state the API never gave
    const forged = new URL(back);
    forged.searchParams.set('state', 'A'.repeat(43));
    const before = await refusals('SSO_STATE_INVALID');
    expect((await callback(forged)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_STATE_INVALID`);
    expect(await refusals('SSO_STATE_INVALID')).toBe(before + 1);

    // the real answer once: signed in
    const landing = await callback(back);
    expect(landing.pathname).toBe('/login/sso');
    // the same answer again: its state is used
    expect((await callback(back)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_STATE_INVALID`);
    // the used code under the fresh state of another sign-in: the provider refuses the code
    const fresh = await startSignIn();
    const replay = new URL(back);
    replay.searchParams.set('state', fresh.searchParams.get('state') as string);
    expect(replay.searchParams.get('code')).toBe(code);
    const providerErrors = await refusals('SSO_PROVIDER_ERROR');
    expect((await callback(replay)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_PROVIDER_ERROR`);
    expect(await refusals('SSO_PROVIDER_ERROR')).toBe(providerErrors + 1);

    // the provider answered an error (the user refused, say)
    const denied = await startSignIn();
    const error = new URL(CALLBACK);
    error.searchParams.set('error', 'access_denied');
    error.searchParams.set('state', denied.searchParams.get('state') as string);
    error.searchParams.set('iss', issuer);
    expect((await callback(error)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_PROVIDER_ERROR`);

    // a callback without anything
    expect((await callback(CALLBACK)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_STATE_INVALID`);
  });

  it('ignores a returnTo that is not a console path', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const authorize = await startSignIn(api, returnTo);
      const [row] = await db.query(`SELECT return_to FROM oidc_sign_ins WHERE nonce = $1`, [authorize.searchParams.get('nonce')]);
      expect(row).toEqual({ return_to: null });
    }
  });

  describe('with OIDC_EMPLOYEE_NUMBER_CLAIM and PASSWORD_LOGIN=off', () => {
    let sso: ApiHarness;
    let employeeProvider: TestOidcProvider | undefined;
    let port: number;
    let agent: { id: string; email: string; employee_number: string; role: string; user_id: string };

    beforeAll(async () => {
      port = await freePort();
      sso = await startApi(mode, oidcEnv(port, { OIDC_EMPLOYEE_NUMBER_CLAIM: 'employee_number', PASSWORD_LOGIN: 'off' }));
      [agent] = await sso.app.get(DataSource).query(
        `SELECT a.id, a.email, a.employee_number, a.role, u.id AS user_id FROM agents a JOIN users u ON u.agent_id = a.id
         WHERE u.active AND a.role = 'MANAGER' ORDER BY a.employee_number LIMIT 1`,
      );
      expect(agent).toBeDefined();
    });

    afterAll(async () => {
      await sso?.close();
      await employeeProvider?.stop();
    });

    it('sends the browser back with SSO_PROVIDER_ERROR while the provider cannot be reached, and reaches it once it is up', async () => {
      const response = await fetch(`${sso.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`${PUBLIC_URL}/login?sso=SSO_PROVIDER_ERROR`);

      employeeProvider = await startTestOidcProvider({
        port,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [CALLBACK],
        accounts: [
          // the e-mail matches nobody: the employee number decides
          { sub: 'sub-employee', email: 'someone.else@example.fr', employee_number: agent.employee_number },
          { sub: 'sub-wrong-number', email: agent.email, employee_number: 'NO-SUCH-NUMBER' },
          { sub: 'sub-no-number', email: agent.email },
        ],
      });
      expect((await startSignIn(sso)).origin).toBe(employeeProvider.issuer);
    });

    it('matches the agent by the employee number claim, not by the e-mail', async () => {
      const landing = await signIn('sub-employee', sso);
      const exchanged = await redeem(landing.searchParams.get('ticket'), sso);
      expect(exchanged.status).toBe(200);
      const me = await sso.call('GET', '/api/auth/me', { token: exchanged.body.accessToken });
      expect(me.body).toMatchObject({ agentId: agent.id, email: agent.email, role: 'MANAGER' });

      expect((await signIn('sub-wrong-number', sso)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_UNKNOWN_USER`);
      expect((await signIn('sub-no-number', sso)).toString()).toBe(`${PUBLIC_URL}/login?sso=SSO_NO_IDENTIFIER`);
    });

    it('refuses password log-ins with a clear answer, and the console knows', async () => {
      const login = await sso.call('POST', '/api/auth/login', { body: { email: agent.email, password: sso.config.demo.password } });
      expect(login.status).toBe(403);
      expect(login.body.code).toBe('PASSWORD_LOGIN_DISABLED');
      expect(login.body.message).toMatch(/single sign-on/);
      const config = await sso.call('GET', '/api/auth/config');
      expect(config.body).toEqual({ passwordLogin: false, sso: { displayName: 'Compte du département' }, mail: false });
    });
  });
});

describe('single sign-on not configured', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(TEST_DATABASE_MODES[0], { PUBLIC_URL });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 404 SSO_NOT_CONFIGURED, sends a callback back to the log-in page, and says so in /auth/config', async () => {
    const login = await api.call('GET', '/api/auth/oidc/login');
    expect(login.status).toBe(404);
    expect(login.body.code).toBe('SSO_NOT_CONFIGURED');
    const response = await fetch(`${api.baseUrl}/api/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${PUBLIC_URL}/login?sso=SSO_NOT_CONFIGURED`);
    expect((await api.call('POST', '/api/auth/oidc/ticket', { body: { ticket: 'A'.repeat(43) } })).body.code).toBe('SSO_NOT_CONFIGURED');
    expect((await api.call('GET', '/api/auth/config')).body).toEqual({ passwordLogin: true, sso: null, mail: false });
  });
});
