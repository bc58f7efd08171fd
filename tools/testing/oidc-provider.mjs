// A real OpenID provider for the tests (oidc-provider 9), run in a child process:
//   OIDC_TEST_PORT=0 OIDC_TEST_CLIENT_ID=telework OIDC_TEST_CLIENT_SECRET=secret \
//   OIDC_TEST_REDIRECT_URIS=http://127.0.0.1:4200/api/auth/oidc/callback \
//   OIDC_TEST_POST_LOGOUT_REDIRECT_URIS=http://127.0.0.1:4200/login \
//   OIDC_TEST_ACCOUNTS='[{"sub":"u1","email":"a@x.fr","employee_number":"A0001","name":"A B"}]' \
//   node tools/testing/oidc-provider.mjs
// prints `READY <issuer>` once it listens. Its log-in page is a plain HTML form (input[name=login]:
// an account's sub or e-mail, input[name=password]: anything, button[type=submit]); consent is
// granted at once (openid email profile), so a browser and a fetch-based test drive it alike.
// Claims: sub, email, email_verified, name, employee_number and any other key of the account
// (a `role` claim, for instance, that the relying party must ignore), given through userinfo as a
// conforming provider does for the code flow. PKCE (S256) is required; end_session is supported.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const env = process.env;
const list = (value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
const accounts = JSON.parse(env.OIDC_TEST_ACCOUNTS ?? '[]');
const clientId = env.OIDC_TEST_CLIENT_ID ?? 'telework';
const clientSecret = env.OIDC_TEST_CLIENT_SECRET || null;

const findByLogin = (login) => {
  const wanted = String(login ?? '').trim().toLowerCase();
  return accounts.find((account) => account.sub.toLowerCase() === wanted || (account.email ?? '').toLowerCase() === wanted);
};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const loginPage = (uid, error) =>
  page(
    'Test identity provider: sign in',
    `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
  <label>Login (sub or e-mail) <input name="login" autofocus></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit">Sign in</button>
</form>`,
  );

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const server = createServer();
await new Promise((resolve) => server.listen(Number(env.OIDC_TEST_PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      ...(clientSecret ? { client_secret: clientSecret } : { token_endpoint_auth_method: 'none' }),
      redirect_uris: list(env.OIDC_TEST_REDIRECT_URIS),
      post_logout_redirect_uris: list(env.OIDC_TEST_POST_LOGOUT_REDIRECT_URIS),
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'employee_number', 'role'],
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // sign out at once, without the confirmation page (a test provider)
      logoutSource: async (ctx, form) => {
        ctx.body = page('Signing out', `${form}<input type="hidden" name="logout" value="yes" form="op.logoutForm">
<button type="submit" form="op.logoutForm">Sign out</button>
<script>document.forms[0].submit()</script>`);
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // consent granted at once: openid email profile, every claim of those scopes
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
    if (existing) return existing;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  findAccount: async (ctx, sub) => {
    const account = accounts.find((candidate) => candidate.sub === sub);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      claims: async () => ({ email_verified: true, ...account }),
    };
  },
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
});
provider.on('server_error', (ctx, error) => console.error('oidc-provider server_error', error));

const callback = provider.callback();

server.on('request', async (req, res) => {
  const url = new URL(req.url, issuer);
  const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (match[1] !== details.uid) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !match[2]) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(loginPage(details.uid));
      return;
    }
    if (req.method === 'POST' && match[2]) {
      const form = await readForm(req);
      const account = findByLogin(form.get('login'));
      if (!account) {
        res.statusCode = 200;
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(loginPage(details.uid, 'Unknown login'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    res.statusCode = 405;
    res.end();
  } catch (error) {
    res.statusCode = 400;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page('Sign-in error', `<p>${escape(error.message)}</p>`));
  }
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdout.write(`READY ${issuer}\n`);
