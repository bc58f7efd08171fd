// Smoke test of the production build in headless Chromium, against a stub of the API.
// Catches what jsdom cannot: minification, real routing and lazy chunks, real CSS.
//   npx nx build console && node apps/console/e2e/smoke.mjs    (or: npx nx run console:smoke)
// Needs Chromium (Debian: apt-get install chromium); CHROMIUM_PATH overrides /usr/bin/chromium.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
  account: ['NONE', 'PENDING', 'ACTIVE', 'DISABLED'][i % 4],
}));
const calls = [];
// Activation: this token works once (with a 12-character password); any other is refused.
const ACTIVATION_TOKEN = 'smoke-activation-token';
let activationUsed = false;
const invitation = (a) => ({
  agentId: a.id, employeeNumber: a.employeeNumber, firstName: a.firstName, lastName: a.lastName,
  email: `${a.lastName.toLowerCase()}@exemple.fr`,
  activationUrl: `${base}/activation?token=link-${a.id}`, expiresAt: '2026-12-08T09:30:00.000Z',
});

// Agent: a schedule for whatever range is asked (Mon–Fri), so the grid has real cells.
function schedule(from, to) {
  const halfDays = [];
  for (let d = new Date(`${from}T12:00:00Z`); d <= new Date(`${to}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const weekday = d.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const date = d.toISOString().slice(0, 10);
    halfDays.push({ date, period: 'AM', mode: weekday % 2 ? 'REMOTE' : 'ON_SITE', source: 'ROTATION' });
    halfDays.push({ date, period: 'PM', mode: weekday === 3 ? 'OFF' : 'ON_SITE', source: weekday === 3 ? 'DEFAULT' : 'ROTATION' });
  }
  return { agentId: 'a1', from, to, halfDays };
}
// Manager: two pending requests of the team; approving one grants it.
const pending = [1, 2].map((n) => ({
  id: `r${n}`, agentId: `a${n}`, agentName: `Claire Martin${n}`, employeeNumber: `M1000${n}`,
  date: '2026-12-08', period: 'PM', kind: 'REMOTE', status: 'PENDING', allocationStatus: null,
  allocationRefusal: null, allocationReason: null, comment: null, createdAt: '2026-12-01T09:00:00Z', decidedAt: null,
}));
// HR: a run that moves 25 % at each poll.
let run = null;
// Engine jobs, named by the console's X-Engine-Job-Id: 404 until the call has run 200 ms (the
// API stores the row a moment after the call starts), then a stage further at each poll; the
// call answers after 2 s, or 409 JOB_CANCELLED once POST /api/jobs/:id/cancel came.
const jobs = new Map();
const JOB_STAGES = ['validate', 'allocation', 'check', 'done'];
function engineJob(req, kind) {
  const id = req.headers['x-engine-job-id'];
  if (!id) return null;
  const job = {
    id, kind, status: 'RUNNING', progressPct: 0, stage: 'start', timeLimitMs: 120000, cancelRequested: false,
    runner: 'threads', problem: null, createdBy: 'u1', createdAt: new Date().toISOString(),
    startedAt: new Date().toISOString(), finishedAt: null,
  };
  jobs.set(id, { job, polls: 0, started: Date.now() });
  return job;
}
/** Answers `body` once the job has run `ms`, or JOB_CANCELLED as soon as it is cancelled. */
function answerJob(job, ms, send) {
  const { started } = jobs.get(job.id);
  const finish = () => {
    job.finishedAt = new Date().toISOString();
    if (job.cancelRequested) {
      job.status = 'CANCELLED';
      return send(409, { statusCode: 409, code: 'JOB_CANCELLED', message: 'computation cancelled' });
    }
    Object.assign(job, { status: 'DONE', progressPct: 100, stage: 'done' });
    send(200);
  };
  const timer = setInterval(() => {
    if (job.cancelRequested || Date.now() - started >= ms) {
      clearInterval(timer);
      finish();
    }
  }, 50);
}

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
    if (url.pathname === '/api/auth/activate' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { token: link, password } = JSON.parse(body);
        if (link !== ACTIVATION_TOKEN || activationUsed)
          return json(400, { statusCode: 400, code: 'INVALID_FIELDS', message: 'token: unknown, used or expired activation link', errors: [{ field: 'token', code: 'ACTIVATION_LINK_INVALID', message: 'unknown, used or expired activation link' }] });
        if (typeof password !== 'string' || password.length < 12)
          return json(400, { statusCode: 400, code: 'INVALID_FIELDS', message: 'password: must be at least 12 characters long', errors: [{ field: 'password', code: 'TOO_SHORT', min: 12, message: 'must be at least 12 characters long' }] });
        activationUsed = true;
        json(200, { accessToken: token });
      });
      return;
    }
    // public: what the log-in page offers (a password form and single sign-on here)
    if (url.pathname === '/api/auth/config')
      return json(200, { passwordLogin: true, sso: { displayName: 'Compte Département' }, mail: false });
    if (req.headers.authorization !== `Bearer ${token}`) return json(401, {});
    if (url.pathname === '/api/accounts/invitations' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { agentIds } = JSON.parse(body || '{}');
        const asked = agentIds ? agents.filter((a) => agentIds.includes(a.id)) : agents.filter((a) => a.account === 'NONE');
        const invitations = [];
        const skipped = [];
        for (const a of asked) {
          if (a.account === 'ACTIVE') {
            skipped.push({ agentId: a.id, employeeNumber: a.employeeNumber, code: 'ACTIVE_ACCOUNT', reason: 'already has an active account' });
          } else {
            a.account = 'PENDING';
            invitations.push(invitation(a));
          }
        }
        json(201, { invitations, skipped });
      });
      return;
    }
    if (url.pathname === '/api/auth/me')
      return json(200, {
        userId: 'u1',
        email: 'rh@exemple.fr',
        role: 'HR',
        agentId: 'a1',
        displayName: 'Camille Durand',
        managedOrgUnitIds: [],
      });
    if (url.pathname === '/api/me/schedule')
      return json(200, schedule(url.searchParams.get('from'), url.searchParams.get('to')));
    if (url.pathname === '/api/me/calendar-link')
      return json(200, { url: `${base}/api/calendar/secret.ics` });
    if (url.pathname === '/api/me/notices')
      return json(200, {
        items: [{ id: '1', kind: 'REQUEST_DECIDED', message: 'Votre demande du 8 décembre est acceptée.', createdAt: '2026-12-01T09:00:00Z', readAt: null }],
        total: 1,
      });
    if (url.pathname === '/api/requests' && req.method === 'GET') {
      const items = url.searchParams.get('status') === 'PENDING' ? pending : [];
      return json(200, { items, total: items.length });
    }
    const approve = url.pathname.match(/^\/api\/requests\/(r\d+)\/approve$/);
    if (approve && req.method === 'POST') {
      const i = pending.findIndex((r) => r.id === approve[1]);
      if (i < 0) return json(409, { statusCode: 409, code: 'REQUEST_NOT_PENDING', status: 'APPROVED', message: 'the request is APPROVED: only a PENDING request can be decided' });
      const [r] = pending.splice(i, 1);
      return json(200, { ...r, status: 'APPROVED', allocationStatus: 'GRANTED', allocationRefusal: null, allocationReason: null, decidedAt: new Date().toISOString() });
    }
    if (url.pathname === '/api/allocation-runs' && req.method === 'POST') {
      run = {
        id: 'run-1', trigger: 'MANUAL', from: '2026-12-07', to: '2027-01-03', status: 'QUEUED', progress: 0, stage: null,
        metrics: null, warnings: [], error: null, planVersion: null, changedAgents: null,
        createdAt: new Date().toISOString(), startedAt: null, finishedAt: null,
      };
      return json(202, run);
    }
    if (url.pathname === '/api/allocation-runs')
      return json(200, { items: run ? [run] : [], total: run ? 1 : 0 });
    if (url.pathname === '/api/allocation-runs/run-1' && run) {
      const progress = Math.min(100, run.progress + 25);
      run = progress < 100
        ? { ...run, status: 'RUNNING', progress, stage: `stage ${progress / 25}` }
        : {
            ...run, status: 'SUCCEEDED', progress, stage: 'done', changedAgents: 1234, planVersion: 3,
            metrics: { requestsGranted: 312, requestsRefused: 4, weeklyMinShortfalls: 0, siteOverflows: 0, busiestHalfDay: { halfDay: '2026-12-08AM', remote: 1650 } },
          };
      return json(200, run);
    }
    if (url.pathname === '/api/capacity') {
      const use = (remote) => [{ poolId: 'p1', code: 'VDI', capacity: 1700, reserve: 100, remote, reserved: 60, free: 1640 - remote }];
      return json(200, {
        from: url.searchParams.get('from'), to: url.searchParams.get('to'),
        halfDays: [
          { date: '2026-12-07', period: 'AM', pools: use(1500) },
          { date: '2026-12-07', period: 'PM', pools: use(1650) },
        ],
        sites: [{ siteId: 's2', code: 'MDS', name: 'Maison des solidarités', capacity: 60, onSite: [64, 40] }],
        video: { minutesPerRemoteHalfDay: 20, monthlyLicenceMinutes: 600000, months: [{ month: '2026-12', remoteHalfDays: 31000, minutes: 620000, licenceMinutes: 600000 }] },
      });
    }
    if (url.pathname === '/api/capacity/licences') {
      const job = engineJob(req, 'licences');
      const answer = { pool: url.searchParams.get('pool'), weeklyMin: Number(url.searchParams.get('weeklyMin')), from: '2026-12-07', to: '2027-01-03', currentCapacity: 1700, capacityNeeded: 1850, lowerBound: 1800 };
      if (!job) return json(200, answer);
      return answerJob(job, url.searchParams.get('weeklyMin') === '9' ? 60_000 : 2000, (status, body) => json(status, body ?? answer));
    }
    const jobPath = url.pathname.match(/^\/api\/jobs\/([0-9a-f-]{36})(\/cancel)?$/);
    if (jobPath) {
      const known = jobs.get(jobPath[1]);
      if (!known || Date.now() - known.started < 200) return json(404, { statusCode: 404, code: 'NOT_FOUND', message: `no engine job ${jobPath[1]}` });
      const { job } = known;
      if (jobPath[2] && req.method === 'POST') {
        if (job.status === 'RUNNING') job.cancelRequested = true;
        return json(200, job);
      }
      if (job.status === 'RUNNING') {
        known.polls++;
        job.stage = JOB_STAGES[Math.min(known.polls - 1, JOB_STAGES.length - 2)];
        job.progressPct = Math.min(95, known.polls * 25);
      }
      return json(200, job);
    }
    if (url.pathname === '/api/pools')
      return json(200, { items: [{ id: 'p1', code: 'VDI', name: 'Bureau virtuel', capacity: 1700, reserve: 100, capacityChanges: [] }], total: 1 });
    if (url.pathname === '/api/reservations') return json(200, { items: [], total: 0 });
    if (url.pathname === '/api/sites')
      return json(200, { items: sites, total: sites.length });
    const oneAgent = url.pathname.match(/^\/api\/agents\/(a\d+)$/);
    if (oneAgent) {
      const a = agents.find((x) => x.id === oneAgent[1]);
      return a ? json(200, a) : json(404, {});
    }
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

  check(
    'single sign-on offered first, named',
    (await text('button.tw-sso-button'))?.replace(/\s+/g, ' '),
    'Se connecter avec Compte Département',
  );
  await page.getByLabel('Adresse électronique').fill('rh@exemple.fr');
  await page.getByLabel('Mot de passe').fill('too-many');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  check(
    '429 message',
    await text('[role=alert]'),
    'Trop de tentatives de connexion. Réessayez dans 57 secondes.',
  );

  await page.getByLabel('Mot de passe').fill('wrong');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
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

  // HR: account statuses, one invitation (dialog, copy), then every agent without an account (CSV)
  const firstRow = page.locator('tr.mat-mdc-row').first();
  check('account status in words', (await page.locator('.tw-account').allTextContents()).slice(0, 4).map((t) => t.trim()).join(' | '), 'Aucun compte | Invitation en attente | Actif | Désactivé');
  check('no action for an active account', await page.locator('tr.mat-mdc-row').nth(2).locator('button.tw-invite').count(), 0);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await firstRow.getByRole('button', { name: /^Inviter Claire Martin0 / }).click();
  const invitationDialog = page.getByRole('dialog');
  await invitationDialog.waitFor();
  check('invitation dialog title', await text('tw-invitation-dialog h2'), 'Lien d’activation de Claire Martin0');
  check('invitation link, read-only', await invitationDialog.getByLabel('Lien d’activation', { exact: true }).inputValue(), `${base}/activation?token=link-a0`);
  check('invitation expiry, Paris time', (await text('tw-invitation-dialog .tw-expires'))?.replace(/\s+/g, ' '), 'Valable jusqu’au mardi 8 décembre 2026 à 10:30 (heure de Paris).');
  await invitationDialog.getByRole('button', { name: 'Copier' }).click();
  await page.waitForSelector('mat-snack-bar-container');
  check('copied snack bar', await text('mat-snack-bar-container'), 'Lien copié');
  check('clipboard holds the link', await page.evaluate(() => navigator.clipboard.readText()), `${base}/activation?token=link-a0`);
  await invitationDialog.getByRole('button', { name: 'Fermer' }).click();
  await invitationDialog.waitFor({ state: 'detached' });
  check('row read again: pending', (await firstRow.locator('.tw-account').textContent())?.trim(), 'Invitation en attente');
  check('row action now "Nouveau lien"', (await firstRow.locator('button.tw-invite').textContent())?.trim(), 'Nouveau lien');
  check('invite call', calls.some((c) => c.startsWith('POST /api/accounts/invitations')), true);
  await page.getByRole('button', { name: 'Inviter les agents sans compte' }).click();
  const confirmAll = page.getByRole('dialog');
  const downloaded = page.waitForEvent('download');
  await confirmAll.getByRole('button', { name: 'Inviter les agents sans compte' }).click();
  const download = await downloaded;
  const csv = readFileSync(await download.path());
  check('CSV file name', download.suggestedFilename(), /^invitations-\d{4}-\d{2}-\d{2}\.csv$/);
  check('CSV starts with a UTF-8 BOM', [...csv.subarray(0, 3)].join(','), '239,187,191');
  const csvLines = csv.subarray(3).toString('utf8').split('\r\n');
  check('CSV header', csvLines[0], "matricule;nom;prénom;e-mail;lien d'activation;expire le");
  check('CSV: one line per agent without an account', csvLines.filter(Boolean).length - 1, 34);
  check('CSV line', csvLines[1], `M10004;Martin4;Claire;martin4@exemple.fr;${base}/activation?token=link-a4;08/12/2026 10:30`);
  await page.waitForSelector('mat-snack-bar-container');
  await page.waitForFunction(() => document.querySelector('mat-snack-bar-container')?.textContent?.includes('invitations'));
  check('bulk snack bar', (await text('mat-snack-bar-container'))?.replace(/\s+/g, ' '), `34 invitations créées. Liens enregistrés dans le fichier ${download.suggestedFilename()}.`);

  await page.getByLabel('Rechercher').fill('martin13');
  await page.waitForFunction(() =>
    /^\s*8 agents\s*$/.test(
      document.querySelector('.tw-count')?.textContent ?? '',
    ),
  );
  check('search', await text('.tw-count'), '8 agents');

  // Agent: the week grid of /api/me/schedule
  await page.goto(`${base}/agent/planning`);
  await page.waitForSelector('tw-week-grid td.tw-cell tw-mode-badge');
  check('agent week grid: 10 half-day cells', await page.locator('tw-week-grid td.tw-cell').count(), 10);
  check(
    'agent week grid: modes in words',
    (await page.locator('tw-week-grid tw-mode-badge').allTextContents()).map((t) => t.trim()).sort()[0],
    'Non travaillé',
  );
  check('agent week grid: a remote half-day', await page.locator('tw-mode-badge[data-mode="REMOTE"]').count() > 0, true);
  check('notices badge', (await text('.tw-notices-button'))?.replace(/\s+/g, ''), '1');
  await page.getByRole('button', { name: 'Semaine suivante' }).click();
  // the click's request is recorded asynchronously: wait for it rather than race it
  for (let i = 0; i < 50 && calls.filter((c) => c.startsWith('GET /api/me/schedule')).length < 2; i++) await sleep(100);
  check('next week asked', calls.filter((c) => c.startsWith('GET /api/me/schedule')).length >= 2, true);

  // Manager: approve a request, see it granted
  await page.goto(`${base}/manager/requests`);
  await page.waitForSelector('tr.mat-mdc-row button.tw-approve');
  check('pending requests listed', await page.locator('tr.mat-mdc-row:not(.tw-empty-row)').count(), 2);
  await page.getByRole('button', { name: /^Accepter : Claire Martin1 / }).click();
  await page.waitForSelector('.tw-decision');
  check('approved request granted', (await text('.tw-decision'))?.replace(/\s+/g, ' '), /Claire Martin1 .*Acceptée.*Accordée/);
  await page.waitForFunction(() => document.querySelectorAll('tr.mat-mdc-row:not(.tw-empty-row)').length === 1);
  check('approve call', calls.some((c) => c.startsWith('POST /api/requests/r1/approve')), true);

  // HR: start an allocation run and follow it to 100 %
  await page.goto(`${base}/hr/runs`);
  await page.getByRole('button', { name: 'Lancer maintenant' }).click();
  await page.waitForSelector('.tw-run[data-status="RUNNING"]');
  const seen = await page.locator('mat-progress-bar.tw-run-progress').getAttribute('aria-valuenow');
  check('run in progress', Number(seen) > 0 && Number(seen) < 100, true);
  await page.waitForSelector('.tw-run[data-status="SUCCEEDED"]', { timeout: 15_000 });
  check('run progress reaches 100', await page.locator('mat-progress-bar.tw-run-progress').getAttribute('aria-valuenow'), '100');
  check('run metrics', await text('.tw-metric-granted'), '312');
  check('polled every second', calls.filter((c) => c.startsWith('GET /api/allocation-runs/run-1')).length, 4);

  // HR: capacity chart (chart.js loaded on demand), overflow list
  await page.goto(`${base}/hr/capacity`);
  await page.waitForSelector('tw-capacity-chart canvas');
  await page.waitForFunction(() => (document.querySelector('tw-capacity-chart canvas')?.getAttribute('width') ?? '0') !== '0');
  check('capacity overflow listed', (await text('.tw-overflows li'))?.replace(/\s+/g, ' '), /Maison des solidarités .*64 agents sur site pour 60 places/);
  await page.getByRole('radio', { name: 'Tableau' }).click().catch(() => page.getByText('Tableau').click());
  await page.waitForSelector('.tw-use-table tbody tr', { timeout: 10_000 }).catch(() => undefined);
  check('capacity table rows', await page.locator('.tw-use-table tbody tr').count(), 2);

  // HR: licence sizing, an engine job: its progress while it runs, then the answer; a second
  // one cancelled with "Annuler le calcul"
  await page.getByRole('button', { name: 'Calculer' }).click();
  await page.waitForSelector('tw-licence-sizing .tw-job-pct');
  await page.waitForFunction(() => Number(document.querySelector('tw-licence-sizing mat-progress-bar')?.getAttribute('aria-valuenow')) > 0);
  check('sizing job: stage in words', await text('tw-licence-sizing .tw-job-stage'), /^(Vérification des données|Attribution des places|Contrôle du planning)$/);
  check('sizing job: percent', (await text('tw-licence-sizing .tw-job-pct'))?.replace(/\s+/g, ' '), /^\d+ %$/);
  await page.waitForSelector('tw-licence-sizing .tw-answer');
  check('sizing answered', (await text('tw-licence-sizing .tw-answer'))?.replace(/\s+/g, ' '), /^Il faut 1 850 postes VDI/);
  check('sizing job: progress gone', await page.locator('tw-licence-sizing mat-progress-bar').count(), 0);
  const sizingJobs = calls.filter((c) => c.startsWith('GET /api/jobs/'));
  check('sizing job polled', sizingJobs.length >= 2 && sizingJobs.length <= 5, true);
  await page.getByLabel('Minimum par semaine (demi-journées)').fill('9');
  await page.getByRole('button', { name: 'Calculer' }).click();
  await page.getByRole('button', { name: 'Annuler le calcul' }).click();
  await page.waitForSelector('tw-licence-sizing tw-error-alert');
  check('sizing cancelled, in French', await text('tw-licence-sizing tw-error-alert p'), 'Le calcul s’est arrêté (erreur 409) : calcul annulé.');
  check('cancel posted', calls.filter((c) => /^POST \/api\/jobs\/[0-9a-f-]{36}\/cancel /.test(c)).length, 1);
  const polls = calls.filter((c) => c.startsWith('GET /api/jobs/')).length;
  await sleep(1200);
  check('no poll once the call ended', calls.filter((c) => c.startsWith('GET /api/jobs/')).length, polls);

  await page.goto(`${base}/hr/agents`);
  await page.waitForSelector('tr.mat-mdc-row');
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

  // Activation (public): an incomplete link, a used link, then a good one that signs in
  await page.evaluate(() => localStorage.setItem('tw.lang', 'fr'));
  await page.goto(`${base}/activation`);
  await page.waitForSelector('[role=alert]');
  check('activation without token: explained', await text('[role=alert]'), /^Ce lien d’activation est incomplet/);
  check('activation without token: no form', await page.locator('form').count(), 0);
  await page.goto(`${base}/activation?token=already-used`);
  await page.getByRole('heading', { level: 1, name: 'Activer votre compte' }).waitFor();
  await page.waitForFunction(() => document.title.startsWith('Activer')).catch(() => undefined);
  check('activation title', await page.title(), 'Activer votre compte · Planification du télétravail');
  await page.getByLabel('Nouveau mot de passe').fill('une phrase assez longue');
  await page.getByLabel('Confirmation du mot de passe').fill('une phrase assez longue');
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await page.waitForSelector('[role=alert]');
  check('activation, used link: in French', await text('[role=alert]'), /^Ce lien d’activation n’est plus valide.*service RH/);
  await page.goto(`${base}/activation?token=${ACTIVATION_TOKEN}`);
  await page.getByRole('heading', { level: 1, name: 'Activer votre compte' }).waitFor();
  await page.getByLabel('Nouveau mot de passe').fill('court');
  await page.getByLabel('Confirmation du mot de passe').fill('court');
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  check('activation: short password refused', await text('mat-error'), 'Le mot de passe doit contenir au moins 12 caractères (il en contient 5).');
  await page.getByLabel('Nouveau mot de passe').fill('une phrase assez longue');
  await page.getByLabel('Confirmation du mot de passe').fill('une phrase assez longue');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/hr/agents`);
  await page.waitForSelector('.tw-user-name');
  check('activated: signed in, on the home page', await text('.tw-user-name'), 'Camille Durand');
  check('activation call', calls.filter((c) => c.startsWith('POST /api/auth/activate')).length, 2);

  check('no script error', pageErrors.join('\n'), '');
  check(
    'token sent to every API call but log-in, activation and the public log-in settings',
    calls
      .filter((c) => !c.startsWith('POST /api/auth/login') && !c.startsWith('POST /api/auth/activate') && !c.startsWith('GET /api/auth/config'))
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
