#!/usr/bin/env node
// npm run bench:scale — issue 13's figures at 100,000 agents on the built API and the real PostgreSQL:
//  demo load (DEMO_SCENARIO=departement-100k: migrations, 100k agents, requests, first rotation),
//  the nightly run of the published 4 weeks through POST /api/allocation-runs end to end with its
//  phases, a replan of unchanged data (assignment rows it wrote), GET /api/capacity over the 4 weeks,
//  GET /api/me/schedule p99 and req/s (autocannon), the agents page (search, filter, sort, paginate)
//  with EXPLAIN (ANALYZE) of its SQL, the CSV import of every agent (the HR export: unchanged, every
//  line changed, changed back) and the agents page again right after it, and the API process's
//  resident memory (VmRSS sampled, VmHWM).
// Each figure is printed beside its target with PASS/FAIL; written to bench-results/scale.json.
//
// Options (flags or env):
//   --reuse[=<db>] / BENCH_SCALE_DB   reuse a database loaded by an earlier run (default: the newest
//                                     tw_scale_* database) instead of loading 100k agents again
//   --drop                            drop the database at the end (default: kept for --reuse)
//   --scenario=<name>                 DEMO_SCENARIO (default departement-100k; `departement` for the
//                                     département's ≤ 1 s run)
//   BENCH_APPROVE (pending requests approved before run 1, default 500: it plans changes), BENCH_DURATION (s, default 8), BENCH_CONNECTIONS (default 32), BENCH_AGENTS (tokens, default 200)
// API_MAIN: another build of the API (default dist/apps/api/main.js).
// Needs `npx nx build api` first (the npm script does it) and PostgreSQL (BENCH_DATABASE_ADMIN_URL).
// --worker (or BENCH_WORKER=1): the deployment's layout, the API with Redis (BENCH_REDIS_URL, default
// redis://127.0.0.1:6379, a queue prefix of its own) and one worker process (WORKER_MAIN, default
// dist/apps/worker/main.js) that executes the runs; the worker's resident memory is measured too.
// --workers=<n>: n worker processes instead of one (a run split by pool, ALLOCATION_SPLIT_MIN_AGENTS,
// shares its parts among them; `--scenario=region-100k` is an installation that splits).
// WORKER_NODE_OPTIONS: NODE_OPTIONS of the workers alone (e.g. --max-old-space-size=512).
// Without it the API runs the allocation in-process (engine in a worker thread): the API's RSS is
// also the worker's.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import pg from 'pg';

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const flagValue = (name) => flag(name)?.split('=')[1];
const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scenario = flagValue('scenario') ?? process.env.DEMO_SCENARIO ?? 'departement-100k';
const durationSeconds = Number(process.env.BENCH_DURATION ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const tokensWanted = Number(process.env.BENCH_AGENTS ?? 200);
const big = scenario.includes('100k');
const workerCount = Number(flagValue('workers') ?? (flag('worker') !== undefined || process.env.BENCH_WORKER === '1' ? 1 : 0));
const withWorker = workerCount > 0;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const queuePrefix = `benchscale${process.pid}`;
const GiB = 1024 * 1024 * 1024;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function admin(sql, params) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** kB of a /proc/<pid>/status line */
function procStatus(pid, key) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${key}:`));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const figures = [];
/** one line of the summary: the figure, its target, PASS/FAIL (null target: informative) */
function figure(name, value, unit, target, pass) {
  figures.push({ name, value, unit, target, pass, load: load() });
  const verdict = pass === null ? '    ' : pass ? 'PASS' : 'FAIL';
  console.log(`${verdict}  ${name}: ${typeof value === 'number' ? value.toLocaleString('en-US') : value}${unit ? ` ${unit}` : ''}` +
    `${target ? `  (target ${target})` : ''}  [load ${load()}]`);
}

async function main() {
  const reuse = flag('reuse') !== undefined || process.env.BENCH_SCALE_DB !== undefined;
  let dbName = flagValue('reuse') ?? process.env.BENCH_SCALE_DB;
  if (reuse && !dbName) {
    const prefix = `tw_scale_${scenario.replace(/[^a-z0-9]/g, '_')}_`;
    const [newest] = await admin(`SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC LIMIT 1`, [`${prefix}%`]);
    if (!newest) throw new Error(`--reuse: no ${prefix}* database; run once without --reuse`);
    dbName = newest.datname;
  }
  if (!reuse) {
    dbName = `tw_scale_${scenario.replace(/[^a-z0-9]/g, '_')}_${Date.now()}`;
    await admin(`CREATE DATABASE ${dbName}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`bench:scale — scenario ${scenario}, database ${dbName}${reuse ? ' (reused)' : ''}, ${new Date().toISOString()}, load ${load()}`);
  const started = Date.now();
  const api = spawn(process.execPath, [process.env.API_MAIN ?? 'dist/apps/api/main.js'], {
    env: {
      ...process.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'log',
      LOGIN_RATE_LIMIT: '1000000', NODE_ENV: 'development', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
      REDIS_URL: withWorker ? redisUrl : '', QUEUE_PREFIX: queuePrefix, ALLOCATION_CATCH_UP: 'false',
      DEMO_DATA: reuse ? 'off' : 'auto', DEMO_SCENARIO: scenario, CONSOLE_DIR: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // the API's warnings, errors and its demo load's breakdown; not its every request
  apiLogLines(api.stdout, (line) => /\b(WARN|ERROR)\b|Demo département/.test(line));
  let workers = [];
  let rssPeak = 0;
  let workerRssPeak = 0;
  const rssSampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, procStatus(api.pid, 'VmRSS') ?? 0);
    for (const w of workers) workerRssPeak = Math.max(workerRssPeak, procStatus(w.pid, 'VmRSS') ?? 0);
  }, 100);
  const results = { date: new Date().toISOString(), scenario, database: dbName, reused: reuse, machine: `${process.platform} ${process.arch}, node ${process.version}` };
  const db = new pg.Client({ connectionString: url.toString() });
  try {
    for (;;) {
      if (api.exitCode !== null) throw new Error('the API exited');
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    results.startToHealthyMs = Date.now() - started;
    if (withWorker) {
      workers = await Promise.all(Array.from({ length: workerCount }, (_, i) => startWorker(url.toString(), workerCount > 1 ? `worker${i + 1}` : 'worker')));
    }
    await db.connect();
    const [{ agents: agentCount }] = (await db.query(`SELECT count(*)::int AS agents FROM agents`)).rows;
    if (reuse) {
      figure('API start on the loaded database (no load)', results.startToHealthyMs, 'ms', null, null);
    } else {
      figure(`demo load (${agentCount.toLocaleString('en-US')} agents, migrations + data + first rotation, to healthy)`,
        results.startToHealthyMs, 'ms', big ? '≤ 30,000 ms' : null, big ? results.startToHealthyMs <= 30_000 : null);
    }

    const [horizon] = (await db.query(
      `SELECT to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to",
              to_char(period_to - 2, 'YYYY-MM-DD') AS "lastFriday"
       FROM rotation_calendars WHERE status = 'PUBLISHED' ORDER BY version DESC LIMIT 1`,
    )).rows;
    const login = async (email) => (await (await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-telework' }),
    })).json()).accessToken;
    const hrEmail = (await db.query(`SELECT email FROM users WHERE role = 'HR' AND active ORDER BY email LIMIT 1`)).rows[0].email;
    const hr = await login(hrEmail);
    const auth = { authorization: `Bearer ${hr}` };

    // ---- the nightly run, twice: the first re-plans the published 4 weeks, the second the same data unchanged
    const nightly = async (label) => {
      rssPeak = 0;
      workerRssPeak = 0;
      const t0 = Date.now();
      for (const w of workers) w.partsStarted = 0;
      const triggered = await (await fetch(`${base}/api/allocation-runs`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ from: horizon.from, to: horizon.to }),
      })).json();
      if (!triggered.id) throw new Error(`POST /api/allocation-runs: ${JSON.stringify(triggered)}`);
      let run;
      for (;;) {
        run = await (await fetch(`${base}/api/allocation-runs/${triggered.id}`, { headers: auth })).json();
        if (run.status === 'SUCCEEDED' || run.status === 'FAILED') break;
        await sleep(50);
      }
      const endToEndMs = Date.now() - t0;
      if (run.status !== 'SUCCEEDED') throw new Error(`run failed: ${run.error}`);
      const [{ version }] = (await db.query(`SELECT plan_version AS version FROM allocation_runs WHERE id = $1`, [run.id])).rows;
      const [{ rows: rowsWritten }] = (await db.query(`SELECT count(*)::int AS rows FROM assignments WHERE plan_version = $1`, [version])).rows;
      const [{ notices }] = (await db.query(`SELECT count(*)::int AS notices FROM notices WHERE plan_version = $1`, [version])).rows;
      const out = {
        label, runId: run.id, endToEndMs, serverMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt),
        solveMs: run.metrics?.solveMs, phasesMs: run.metrics?.phasesMs ?? null, assignmentsStaged: run.metrics?.assignmentsWritten,
        assignmentRowsWithNewVersion: rowsWritten, changedAgents: run.changedAgents, notices, planVersion: version,
        apiRssPeakBytes: rssPeak, workerRssPeakBytes: withWorker ? workerRssPeak : null,
      };
      console.log(`  ${label}: ${endToEndMs} ms end to end, server ${out.serverMs} ms, solve ${out.solveMs} ms; ` +
        `${rowsWritten.toLocaleString('en-US')} assignment rows written (plan version ${version}), ${out.changedAgents} agents changed, ${notices} notices`);
      if (workers.some((w) => w.partsStarted > 0)) {
        out.partsByWorker = Object.fromEntries(workers.map((w) => [w.name, w.partsStarted]));
        console.log(`    parts of the split run planned by each worker: ${workers.map((w) => `${w.name} ${w.partsStarted}`).join(', ')}`);
      }
      if (out.phasesMs) console.log(`    phases (ms): ${Object.entries(out.phasesMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      else console.log('    phases: not recorded by this build (run.metrics.phasesMs)');
      return out;
    };
    console.log(`\nNightly run ${horizon.from} → ${horizon.to} (POST /api/allocation-runs, polled)`);
    // run 1 re-plans for real: approve some pending requests first (BENCH_APPROVE, default 500), as bench:api does
    const approve = Number(process.env.BENCH_APPROVE ?? 500);
    const { rowCount: approved } = await db.query(
      `UPDATE telework_requests SET status = 'APPROVED' WHERE id IN (SELECT id FROM telework_requests WHERE status = 'PENDING' ORDER BY id LIMIT $1)`, [approve]);
    console.log(`  ${approved} pending requests approved before run 1`);
    const first = await nightly(`run 1 (${approved} requests approved since the last plan)`);
    const second = await nightly('run 2 (replan, data unchanged)');
    results.nightly = [first, second];
    const runTarget = big ? 10_000 : 1_000;
    figure(`nightly run end to end, ${agentCount.toLocaleString('en-US')} agents, 4 weeks (run 1)`, first.endToEndMs, 'ms',
      `≤ ${runTarget.toLocaleString('en-US')} ms`, first.endToEndMs <= runTarget);
    figure('nightly run end to end, replan of unchanged data (run 2)', second.endToEndMs, 'ms',
      `≤ ${runTarget.toLocaleString('en-US')} ms`, second.endToEndMs <= runTarget);
    figure('replan of unchanged data: assignment rows written', second.assignmentRowsWithNewVersion, 'rows', '0', second.assignmentRowsWithNewVersion === 0);
    const apiPeak = Math.max(first.apiRssPeakBytes, second.apiRssPeakBytes);
    figure(`API RSS peak during the runs${withWorker ? '' : ' (in-process worker)'}`, Math.round(apiPeak / 1048576), 'MiB', '< 1,024 MiB', apiPeak < GiB);
    if (withWorker) {
      const workerPeak = Math.max(first.workerRssPeakBytes, second.workerRssPeakBytes);
      figure(`worker RSS peak during the runs${workers.length > 1 ? ' (the largest of the workers)' : ''}`, Math.round(workerPeak / 1048576), 'MiB', '< 1,024 MiB', workerPeak < GiB);
    }

    // ---- GET /api/capacity over the 4 weeks
    const capacity = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/capacity?from=${horizon.from}&to=${horizon.to}`, { headers: auth });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`GET /api/capacity: ${response.status}`);
      capacity.push(performance.now() - t0);
    }
    results.capacityMs = capacity.map((ms) => Math.round(ms));
    figure('GET /api/capacity, 4 weeks (median of 3 after one warm-up)', Math.round(median(capacity.slice(1))), 'ms', '≤ 300 ms',
      median(capacity.slice(1)) <= 300);

    // ---- the agents page (search, filter, sort, paginate), through the API, then EXPLAIN (ANALYZE) of its SQL
    const [sample] = (await db.query(`SELECT site_id, org_unit_id, lower(substr(last_name, 1, 4)) AS q FROM agents ORDER BY employee_number OFFSET 500 LIMIT 1`)).rows;
    const pages = {
      'first page by last name': 'page=1&pageSize=50',
      'page 1000 by last name': 'page=1000&pageSize=50',
      'search by name': `q=${encodeURIComponent(sample.q)}`,
      'filter by site, sort by employee number': `siteId=${sample.site_id}&sort=employeeNumber`,
      'filter by org unit, sort by tier desc': `orgUnitId=${sample.org_unit_id}&sort=tier&order=desc`,
      'eligible only, sort by site': 'eligible=true&sort=site',
    };
    /** each page's median of 3, beside the target, into `into` */
    const measureAgentsPage = async (into, suffix = '') => {
      for (const [name, query] of Object.entries(pages)) {
        const times = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          const response = await fetch(`${base}/api/agents?${query}`, { headers: auth });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`GET /api/agents?${query}: ${response.status}`);
          times.push(performance.now() - t0);
        }
        const ms = Math.round(median(times));
        into[name] = ms;
        figure(`agents page, ${name}${suffix}`, ms, 'ms', '≤ 100 ms', ms <= 100);
      }
    };
    results.agentsPage = {};
    console.log('\nGET /api/agents (HR: every agent)');
    await measureAgentsPage(results.agentsPage);
    results.explain = {};
    console.log('\nEXPLAIN (ANALYZE) of the agents page SQL (as AgentsRepository.findPage builds it)');
    for (const [name, { sql, params }] of Object.entries(agentsPageSql(sample))) {
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']);
      results.explain[name] = plan;
      const indexes = [...new Set(plan.flatMap((line) => [...line.matchAll(/(?: using|Bitmap Index Scan on) (\w+)/g)].map((match) => match[1])))];
      const scans = [...new Set(plan.flatMap((line) => [...line.matchAll(/((?:Parallel )?Seq Scan) on (\w+)/g)].map((m) => `${m[1].toLowerCase()} of ${m[2]}`)))];
      console.log(`  -- ${name}: ${[...indexes.map((index) => `index ${index}`), ...scans].join(', ') || 'no table read'}`);
      for (const line of plan) console.log(`     ${line}`);
    }

    // ---- CSV import of every agent (the HR export, all or nothing): unchanged, every line changed, changed back
    const { rows: exported } = await db.query(
      `SELECT a.employee_number, a.first_name, a.last_name, a.email, s.code AS site_code, o.code AS org_unit_code,
              m.employee_number AS manager_employee_number, a.role, a.eligible, p.code AS access_pool, a.tier, a.weekly_min, a.weekly_max,
              array_to_string(a.off_half_days, ' ') AS off_half_days, g.code AS group_code
       FROM agents a JOIN sites s ON s.id = a.site_id JOIN org_units o ON o.id = a.org_unit_id
       LEFT JOIN agents m ON m.id = a.manager_id LEFT JOIN capacity_pools p ON p.id = a.access_pool_id
       LEFT JOIN rotation_groups g ON g.id = a.group_id ORDER BY a.employee_number`);
    const csvColumns = Object.keys(exported[0]);
    const cell = (value) => {
      const text = value === null || value === undefined ? '' : String(value);
      return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const csvOf = (rows) => [csvColumns.join(';'), ...rows.map((row) => csvColumns.map((column) => cell(row[column])).join(';'))].join('\n');
    const importCsv = async (label, csv) => {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/imports/agents`, { method: 'POST', headers: { 'content-type': 'text/csv', ...auth }, body: csv });
      const report = await response.json();
      const ms = Math.round(performance.now() - t0);
      if (!response.ok) throw new Error(`POST /api/imports/agents (${label}): ${response.status} ${JSON.stringify(report).slice(0, 500)}`);
      console.log(`  ${label}: ${ms} ms (${(csv.length / 1048576).toFixed(1)} MB; report ${JSON.stringify(Object.fromEntries(Object.entries(report).filter(([, v]) => typeof v === 'number')))})`);
      return ms;
    };
    console.log(`\nPOST /api/imports/agents: the HR export of the ${exported.length.toLocaleString('en-US')} agents`);
    const original = csvOf(exported);
    results.csvImportMs = {
      unchanged: await importCsv('unchanged file', original),
      everyLineChanged: await importCsv('every line changed (first names)', csvOf(exported.map((row) => ({ ...row, first_name: `${row.first_name}-B` })))),
      changedBack: await importCsv('every line changed back', original),
    };
    const slowestImport = Math.max(...Object.values(results.csvImportMs));
    figure(`CSV import of ${exported.length.toLocaleString('en-US')} agents, the slowest of the three`, slowestImport, 'ms', '≤ 30,000 ms', slowestImport <= 30_000);
    // right after imports that rewrote every agent twice (the import vacuums the table after a large one)
    results.agentsPageAfterImports = {};
    console.log('\nGET /api/agents right after the imports');
    await measureAgentsPage(results.agentsPageAfterImports, ', after the imports');

    // ---- GET /api/me/schedule under load
    const { rows: agentUsers } = await db.query(
      `SELECT u.email FROM users u JOIN agents a ON a.id = u.agent_id WHERE u.role = 'AGENT' AND u.active ORDER BY md5(u.email) LIMIT $1`, [tokensWanted]);
    const tokens = [];
    for (const { email } of agentUsers) tokens.push(await login(email));
    const path = `/api/me/schedule?from=${horizon.from}&to=${horizon.lastFriday}`;
    await runCannon(base, path, tokens, 2, connections);
    const schedule = await runCannon(base, path, tokens, durationSeconds, connections);
    results.schedule = {
      path, connections, durationSeconds, agents: tokens.length, requestsPerSecond: Math.round(schedule.requests.average),
      latencyMs: { p50: schedule.latency.p50, p90: schedule.latency.p90, p99: schedule.latency.p99 }, non2xx: schedule.non2xx, errors: schedule.errors,
    };
    console.log(`\nGET /api/me/schedule, 4 weeks, ${tokens.length} agents, ${connections} connections, ${durationSeconds} s (non-2xx ${schedule.non2xx}, errors ${schedule.errors})`);
    figure('schedule read requests/s', results.schedule.requestsPerSecond, 'req/s', '≥ 1,500 req/s', results.schedule.requestsPerSecond >= 1500);
    figure('schedule read p99', schedule.latency.p99, 'ms', '< 50 ms', schedule.latency.p99 < 50);

    const hwm = procStatus(api.pid, 'VmHWM');
    results.apiVmHwmBytes = hwm;
    figure('API VmHWM (peak resident over the whole bench, incl. load)', Math.round(hwm / 1048576), 'MiB', '< 1,024 MiB', hwm < GiB);
    if (withWorker) {
      const workerHwm = Math.max(...workers.map((w) => procStatus(w.pid, 'VmHWM') ?? 0));
      results.workerVmHwmBytes = workerHwm;
      figure('worker VmHWM (peak resident over the whole bench)', Math.round(workerHwm / 1048576), 'MiB', '< 1,024 MiB', workerHwm < GiB);
    } else {
      console.log('  worker: no separate process (the runs above are in the API process; --worker runs them in one)');
    }

    results.figures = figures;
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/scale.json', JSON.stringify(results, null, 2));
    console.log(`\nWritten to bench-results/scale.json; database ${dbName} ${flag('drop') ? 'dropped' : 'kept (npm run bench:scale -- --reuse)'}`);
  } finally {
    clearInterval(rssSampler);
    await db.end().catch(() => undefined);
    for (const w of workers) {
      w.kill('SIGTERM');
      await new Promise((resolve) => (w.exitCode !== null ? resolve() : w.once('exit', resolve)));
    }
    api.kill('SIGTERM');
    await new Promise((resolve) => (api.exitCode !== null ? resolve() : api.once('exit', resolve)));
    if (flag('drop')) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

function apiLogLines(stream, keep) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop();
    for (const line of lines) if (keep(line)) console.log(`  api: ${line.replace(/\x1b\[[0-9;]*m/g, '')}`);
  });
}

/**
 * Starts the worker on the bench's database and Redis; resolves once it consumes jobs and, unless
 * ENGINE_WARM_UP=off, once its engine thread is warmed up: a nightly run comes hours after a
 * worker starts, not in the seconds of its warm-up (the time is printed).
 */
function startWorker(databaseUrl, name) {
  const child = spawn(process.execPath, [process.env.WORKER_MAIN ?? 'dist/apps/worker/main.js'], {
    env: {
      ...process.env, ...(process.env.WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.WORKER_NODE_OPTIONS } : {}),
      DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix, RUN_MIGRATIONS: 'false',
      ALLOCATION_CATCH_UP: 'false', LOG_LEVEL: 'log', NODE_ENV: 'development', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.name = name;
  child.partsStarted = 0;
  let rest = '';
  child.stdout.on('data', (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      if (line.includes('engine job allocationPlan')) child.partsStarted++;
      if (/split by pool|planned whole|\b(WARN|ERROR)\b/.test(line)) console.log(`  ${name}: ${line.replace(/\x1b\[[0-9;]*m/g, '')}`);
    }
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    let ready = false;
    let warm = process.env.ENGINE_WARM_UP === 'off';
    child.stdout.on('data', (chunk) => {
      seen = (seen + chunk.toString()).slice(-4096);
      ready ||= seen.includes('Worker ready: consuming jobs');
      const warmedUp = /Engine thread warmed up in (\d+) ms|engine thread not warmed up: [^\n]*/.exec(seen);
      if (!warm && warmedUp) {
        warm = true;
        console.log(`  ${name}: ${warmedUp[1] ? `engine thread warmed up in ${warmedUp[1]} ms` : warmedUp[0]}`);
      }
      if (ready && warm) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it was ready: ${seen}`)));
  });
}

/**
 * The agents page's SQL as AgentsRepository.findPage builds it (HR scope), for EXPLAIN: the page cut
 * on agents alone (joining only the sort key's table), then its rows joined; the total on agents alone.
 */
function agentsPageSql(sample) {
  const columns = `a.id, a.employee_number, a.first_name, a.last_name, a.email, a.site_id, s.name, a.org_unit_id, o.name,
    a.manager_id, a.role, a.eligible, p.code, a.tier, a.weekly_min, a.weekly_max, a.off_half_days, a.group_id, g.name,
    CASE WHEN u.id IS NULL THEN 'NONE' WHEN u.active THEN 'ACTIVE' WHEN u.activation_token_hash IS NOT NULL THEN 'PENDING' ELSE 'DISABLED' END`;
  const joins = `JOIN sites s ON s.id = a.site_id JOIN org_units o ON o.id = a.org_unit_id
    LEFT JOIN capacity_pools p ON p.id = a.access_pool_id LEFT JOIN rotation_groups g ON g.id = a.group_id
    LEFT JOIN users u ON u.agent_id = a.id`;
  const sortJoins = { site: 'JOIN sites s ON s.id = a.site_id', orgUnit: 'JOIN org_units o ON o.id = a.org_unit_id' };
  const byName = 'lower(a.last_name), lower(a.first_name)';
  const byTier = `array_position(ARRAY['ELECTED','DIRECTOR','ESSENTIAL','STANDARD'], a.tier)`;
  const page = (where, sort, orderBy, offset, agents = 'agents a') => `SELECT ${columns}
    FROM (SELECT a.id FROM ${agents} ${sortJoins[sort] ?? ''} ${where} ORDER BY ${orderBy}, a.employee_number LIMIT 50 OFFSET ${offset}) page
    JOIN agents a ON a.id = page.id ${joins} ORDER BY ${orderBy}, a.employee_number`;
  const total = (where) => `SELECT count(*)::int FROM agents a ${where}`;
  const search = 'WHERE a.search_text LIKE $1';
  // a search of 3 characters or more: its matches first (the trigram index), then sorted
  const matchesFirst = `(SELECT a.id, a.employee_number, a.first_name, a.last_name, a.tier, a.site_id, a.org_unit_id FROM agents a ${search} OFFSET 0) a`;
  return {
    'first page by last name': { sql: page('', 'lastName', `${byName} ASC`, 0), params: [] },
    'page 1000 by last name': { sql: page('', 'lastName', `${byName} ASC`, 49950), params: [] },
    'total (no filter)': { sql: total(''), params: [] },
    'search by name': { sql: page('', 'lastName', `${byName} ASC`, 0, matchesFirst), params: [`%${sample.q}%`] },
    'search by name, total': { sql: total(search), params: [`%${sample.q}%`] },
    'filter by site, sort by employee number': {
      sql: page('WHERE a.site_id = $1', 'employeeNumber', 'a.employee_number ASC', 0), params: [sample.site_id],
    },
    'filter by site, total': { sql: total('WHERE a.site_id = $1'), params: [sample.site_id] },
    'filter by org unit, sort by tier desc': { sql: page('WHERE a.org_unit_id = $1', 'tier', `${byTier} DESC`, 0), params: [sample.org_unit_id] },
    'eligible only, sort by site': { sql: page('WHERE a.eligible = true', 'site', 's.name ASC', 0), params: [] },
    'eligible only, total': { sql: total('WHERE a.eligible = true'), params: [] },
  };
}

function runCannon(base, path, tokens, duration, connections) {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base, connections, duration,
        requests: [{
          method: 'GET', path,
          setupRequest: (request) => {
            request.headers = { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` };
            return request;
          },
        }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
