// Smoke test of the production build in headless Chromium, against a stub of the API.
// Catches what jsdom cannot: minification, real routing and lazy chunks, real CSS.
//   npx nx build console && node apps/console/e2e/smoke.mjs    (or: npx nx run console:smoke)
// Needs Chromium (Debian: apt-get install chromium); CHROMIUM_PATH overrides /usr/bin/chromium.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve('dist/apps/console/browser');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(root, 'index.html')))
  fail(`no build in ${root}: run npx nx build console`);
if (!existsSync(executablePath))
  fail(`no Chromium at ${executablePath} (set CHROMIUM_PATH)`);

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = `${b64({ alg: 'HS256' })}.${b64({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
const sites = [
  {
    id: 's1',
    code: 'HDD',
    name: 'Hôtel du Département',
    capacity: 400,
    agentCount: 69,
  },
  {
    id: 's2',
    code: 'MDS',
    name: 'Maison des solidarités',
    capacity: 60,
    agentCount: 68,
  },
];
const agents = Array.from({ length: 137 }, (_, i) => ({
  id: `a${i}`,
  employeeNumber: `M${10000 + i}`,
  firstName: 'Claire',
  lastName: `Martin${i}`,
  email: '',
  siteId: sites[i % 2].id,
  siteName: sites[i % 2].name,
  orgUnitId: 'o1',
  orgUnitName: 'Direction des finances',
  managerId: null,
  role: 'AGENT',
  eligible: i % 6 !== 0,
  accessPool: i % 6 === 0 ? null : 'VDI',
  tier: 'STANDARD',
  weeklyMin: 4,
  weeklyMax: 6,
  offHalfDays: [],
  groupId: null,
  groupName: null,
}));
const calls = [];

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const json = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  if (url.pathname.startsWith('/api/')) {
    calls.push(
      `${req.method} ${url.pathname}${url.search} bearer=${!!req.headers.authorization}`,
    );
    if (url.pathname === '/api/auth/login') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { password } = JSON.parse(body);
        if (password === 'too-many')
          return json(429, {}, { 'retry-after': '57' });
        if (password !== 'right') return json(401, { message: 'Unauthorized' });
        json(201, { accessToken: token });
      });
      return;
    }
    if (req.headers.authorization !== `Bearer ${token}`) return json(401, {});
    if (url.pathname === '/api/auth/me')
      return json(200, {
        userId: 'u1',
        email: 'rh@exemple.fr',
        role: 'HR',
        agentId: 'a1',
        displayName: 'Camille Durand',
        managedOrgUnitIds: [],
      });
    if (url.pathname === '/api/sites')
      return json(200, { items: sites, total: sites.length });
    if (url.pathname === '/api/agents') {
      const p = url.searchParams;
      let items = agents;
      if (p.get('q'))
        items = items.filter((a) =>
          a.lastName.toLowerCase().includes(p.get('q')),
        );
      const page = Number(p.get('page'));
      const size = Number(p.get('pageSize'));
      return json(200, {
        items: items.slice((page - 1) * size, page * size),
        total: items.length,
      });
    }
    return json(404, {});
  }
  let file = join(root, url.pathname);
  if (
    !file.startsWith(root) ||
    !existsSync(file) ||
    statSync(file).isDirectory()
  )
    file = join(root, 'index.html');
  const type = file.endsWith('.js')
    ? 'text/javascript'
    : file.endsWith('.css')
      ? 'text/css'
      : 'text/html';
  res.writeHead(200, { 'content-type': type });
  createReadStream(file).pipe(res);
});

const failures = [];
function check(what, actual, expected) {
  const ok =
    expected instanceof RegExp
      ? expected.test(String(actual))
      : actual === expected;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${JSON.stringify(actual)}`);
  if (!ok) failures.push(what);
}
function fail(message) {
  console.error(message);
  process.exit(2);
}

await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.setDefaultTimeout(10_000);
const text = async (selector) =>
  (await page.locator(selector).first().textContent())?.trim();

try {
  await page.goto(`${base}/hr/agents`);
  await page.waitForSelector('form');
  check(
    'signed out, /hr/agents goes to log-in',
    page.url(),
    `${base}/login?returnUrl=%2Fhr%2Fagents`,
  );
  check(
    '<html lang>',
    await page.evaluate(() => document.documentElement.lang),
    'fr',
  );
  check(
    'title',
    await page.title(),
    'Connexion · Planification du télétravail',
  );

  await page.getByLabel('Adresse électronique').fill('rh@exemple.fr');
  await page.getByLabel('Mot de passe').fill('too-many');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  check(
    '429 message',
    await text('[role=alert]'),
    'Trop de tentatives de connexion. Réessayez dans 57 secondes.',
  );

  await page.getByLabel('Mot de passe').fill('wrong');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForFunction(() =>
    document.querySelector('[role=alert]')?.textContent?.includes('incorrect'),
  );
  check(
    '401 message',
    await text('[role=alert]'),
    'Adresse électronique ou mot de passe incorrect.',
  );

  await page.getByLabel('Mot de passe').fill('right');
  await page.keyboard.press('Enter');
  await page.waitForSelector('tr.mat-mdc-row');
  check('back to the page asked for', page.url(), `${base}/hr/agents`);
  check('agent count', await text('.tw-count'), /^137\s+agents$/);
  check('rows on page 1', await page.locator('tr.mat-mdc-row').count(), 50);

  await page.getByLabel('Rechercher').fill('martin13');
  await page.waitForFunction(() =>
    /^\s*8 agents\s*$/.test(
      document.querySelector('.tw-count')?.textContent ?? '',
    ),
  );
  check('search', await text('.tw-count'), '8 agents');

  await page.getByRole('button', { name: /Compte de Camille Durand/ }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  check('English title', await page.title(), 'Agents · Telework planning');
  await page.reload();
  await page.waitForSelector('tr.mat-mdc-row');
  check('English kept after reload', await text('nav a'), 'My schedule');

  await page.evaluate(() =>
    sessionStorage.setItem('tw.accessToken', 'revoked'),
  );
  await page.goto(`${base}/hr/sites`);
  await page.waitForSelector('form');
  check(
    'rejected token goes to log-in',
    page.url(),
    `${base}/login?returnUrl=%2Fhr%2Fsites`,
  );
  check('no script error', pageErrors.join('\n'), '');
  check(
    'token sent to every API call but log-in',
    calls
      .filter((c) => !c.startsWith('POST /api/auth/login'))
      .every((c) => c.endsWith('bearer=true')),
    true,
  );
} catch (error) {
  failures.push(String(error));
  console.error(error);
  await page
    .screenshot({ path: 'tmp/console-smoke-failure.png' })
    .catch(() => undefined);
} finally {
  await browser.close();
  server.close();
}
console.log(
  failures.length
    ? `\n${failures.length} failure(s)`
    : '\nall smoke checks passed',
);
process.exit(failures.length ? 1 : 0);
