#!/usr/bin/env node
// npm run bench:api — the built API on the real PostgreSQL with the demo département:
//  1. GET /api/me/schedule over 4 weeks for random agents (autocannon), and
//  2. the nightly allocation run end to end (read, plan, write ~200,000 assignments), and
//  3. mails sent per second to a local SMTP server (BENCH_MAILS outbox rows, default 5,000).
// Prints the figures and writes bench-results/api.json. Needs `npx nx build api` first
// (the npm script does it) and PostgreSQL on 127.0.0.1:5432 (BENCH_DATABASE_ADMIN_URL).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import pg from 'pg';
import { printScheduleMailBench, runScheduleMailBench } from './schedule-mail-run.mjs';
import { printMailBench, runMailBenchOnFreshDatabase } from './mail-bench.mjs';

const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const durationSeconds = Number(process.env.BENCH_DURATION ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const tokensWanted = Number(process.env.BENCH_AGENTS ?? 200);
// the demo plans the four weeks from the coming Monday: the dates are read from the database
let FROM = '';
let TO = '';
let SCHEDULE_TO = '';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function withAdmin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main() {
  const dbName = `tw_bench_${Date.now()}`;
  await withAdmin(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const api = spawn(process.execPath, ['dist/apps/api/main.js'], {
    env: {
      ...process.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      // not NODE_ENV=production: production refuses the demo (its accounts share a public password)
      LOGIN_RATE_LIMIT: '100000', NODE_ENV: 'development', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
      REDIS_URL: '', DEMO_DATA: 'auto', CONSOLE_DIR: '/nonexistent',
      // mail on, so runs write their outbox rows as in production; nothing listens there, so nothing is sent
      SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: 'bench@example.fr',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const results = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
  try {
    for (;;) {
      if (api.exitCode !== null) throw new Error('the API exited');
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    results.startToHealthyMs = Date.now() - started;
    console.log(`API healthy after ${results.startToHealthyMs} ms (migrations, demo département, first rotation)`);

    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const [horizon] = (await db.query(
      `SELECT to_char(period_from, 'YYYY-MM-DD') AS "from", to_char(period_to, 'YYYY-MM-DD') AS "to",
              to_char(period_to - 2, 'YYYY-MM-DD') AS "lastFriday"
       FROM rotation_calendars WHERE status = 'PUBLISHED' ORDER BY version DESC LIMIT 1`,
    )).rows;
    FROM = horizon.from;
    TO = horizon.to;
    SCHEDULE_TO = horizon.lastFriday;
    const { rows: agents } = await db.query(
      `SELECT u.email FROM users u JOIN agents a ON a.id = u.agent_id WHERE u.role = 'AGENT' ORDER BY md5(u.email) LIMIT $1`,
      [tokensWanted],
    );
    const tokens = [];
    for (const { email } of agents) {
      const response = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo-telework' }),
      });
      tokens.push((await response.json()).accessToken);
    }
    const [{ count }] = (await db.query(`SELECT count(*)::int AS count FROM assignments`)).rows;
    console.log(`${tokens.length} agents signed in; ${count.toLocaleString('en-US')} assignments in the plan`);

    // warm-up, then the measured run
    await runCannon(base, tokens, 3, connections);
    const schedule = await runCannon(base, tokens, durationSeconds, connections);
    results.schedule = {
      path: `/api/me/schedule?from=${FROM}&to=${SCHEDULE_TO}`,
      connections, durationSeconds, agents: tokens.length,
      requestsPerSecond: Math.round(schedule.requests.average),
      latencyMs: { p50: schedule.latency.p50, p90: schedule.latency.p90, p99: schedule.latency.p99, max: schedule.latency.max },
      non2xx: schedule.non2xx, errors: schedule.errors,
    };

    const hrEmail = (await db.query(`SELECT email FROM users WHERE role = 'HR' ORDER BY email LIMIT 1`)).rows[0].email;
    const hr = await (await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: hrEmail, password: 'demo-telework' }),
    })).json();
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const triggered = await (await fetch(`${base}/api/allocation-runs`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hr.accessToken}` },
        body: JSON.stringify({ from: FROM, to: TO }),
      })).json();
      let run;
      for (;;) {
        run = await (await fetch(`${base}/api/allocation-runs/${triggered.id}`, { headers: { authorization: `Bearer ${hr.accessToken}` } })).json();
        if (run.status === 'SUCCEEDED' || run.status === 'FAILED') break;
        await sleep(20);
      }
      if (run.status !== 'SUCCEEDED') throw new Error(`run failed: ${run.error}`);
      runs.push({
        endToEndMs: Date.now() - t0,
        serverMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt),
        solveMs: run.metrics.solveMs,
        assignmentsWritten: run.metrics.assignmentsWritten,
        changedAgents: run.changedAgents,
        requestsGranted: run.metrics.requestsGranted,
        requestsRefused: run.metrics.requestsRefused,
      });
      // the next run must re-plan for real: approve a few more requests in between
      await db.query(`UPDATE telework_requests SET status = 'APPROVED' WHERE id IN (SELECT id FROM telework_requests WHERE status = 'PENDING' LIMIT 50)`);
    }
    // a run that changes every agent's half-days, with its SCHEDULE_CHANGED rows written in its transaction
    results.scheduleMailRun = await runScheduleMailBench({ db, base, token: hr.accessToken, from: FROM, to: TO });
    await db.end();
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

    // GET /api/health while a 4-week rotation draft of the département is computed (in a worker thread)
    const timedHealth = async () => {
      const t0 = performance.now();
      const response = await fetch(`${base}/api/health`);
      await response.text();
      return performance.now() - t0;
    };
    const idle = [];
    for (let i = 0; i < 20; i++) idle.push(await timedHealth());
    const draftStarted = Date.now();
    let drafted = false;
    const draft = fetch(`${base}/api/rotations`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hr.accessToken}` },
      body: JSON.stringify({ from: FROM, to: TO }),
    }).then((response) => { drafted = true; return response.status; });
    const during = [];
    while (!drafted) during.push(await timedHealth());
    if ((await draft) !== 201) throw new Error('the rotation draft failed');
    const sorted = [...during].sort((a, b) => a - b);
    const at = (q) => +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
    results.healthDuringDraft = {
      draftMs: Date.now() - draftStarted, calls: during.length, idleMedianMs: +median(idle).toFixed(1),
      latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: +sorted[sorted.length - 1].toFixed(1) },
    };
    results.nightlyRun = {
      horizon: `${FROM} → ${TO}`,
      runs,
      medianEndToEndMs: median(runs.map((r) => r.endToEndMs)),
      medianServerMs: median(runs.map((r) => r.serverMs)),
    };

    console.log('\nGET /api/me/schedule (4 weeks, random agents, PostgreSQL)');
    console.log(`  ${results.schedule.requestsPerSecond.toLocaleString('en-US')} requests/s with ${connections} connections over ${durationSeconds} s`);
    console.log(`  latency p50 ${results.schedule.latencyMs.p50} ms, p90 ${results.schedule.latencyMs.p90} ms, p99 ${results.schedule.latencyMs.p99} ms (target ≥ 1,500 req/s, p99 < 50 ms)`);
    console.log(`  non-2xx ${results.schedule.non2xx}, errors ${results.schedule.errors}`);
    console.log(`\nNightly allocation run end to end (${results.nightlyRun.horizon}, département)`);
    for (const run of runs) {
      console.log(`  ${run.endToEndMs} ms end to end (server ${run.serverMs} ms, solve ${run.solveMs} ms), ${run.assignmentsWritten.toLocaleString('en-US')} assignments written, ${run.changedAgents} agents changed, ${run.requestsGranted} granted / ${run.requestsRefused} refused`);
    }
    console.log(`  median ${results.nightlyRun.medianEndToEndMs} ms (target < 10,000 ms)`);
    const health = results.healthDuringDraft;
    console.log(`\nGET /api/health while a rotation draft of the département is computed (${health.draftMs} ms, ${health.calls} calls)`);
    console.log(`  latency p50 ${health.latencyMs.p50} ms, p90 ${health.latencyMs.p90} ms, p99 ${health.latencyMs.p99} ms, max ${health.latencyMs.max} ms; idle median ${health.idleMedianMs} ms (target < 100 ms)`);
    printScheduleMailBench(results.scheduleMailRun);
    // on a database of its own: the API above does not compete for the rows
    results.mail = await runMailBenchOnFreshDatabase(adminUrl, Number(process.env.BENCH_MAILS ?? 5000));
    printMailBench(results.mail);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/api.json', JSON.stringify(results, null, 2));
    console.log('\nWritten to bench-results/api.json');
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => (api.exitCode !== null ? resolve() : api.once('exit', resolve)));
    await withAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

function runCannon(base, tokens, duration, connections) {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections,
        duration,
        requests: [
          {
            method: 'GET',
            path: `/api/me/schedule?from=${FROM}&to=${SCHEDULE_TO}`,
            setupRequest: (request) => {
              request.headers = { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` };
              return request;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
