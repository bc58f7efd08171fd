import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { TestDatabase } from '@telework/persistence/testing';
import { NIGHTLY_SCHEDULER_ID } from '@telework/server-infrastructure';

/**
 * Built API and worker processes started by the end-to-end tests of several processes: each
 * child's output kept, `ready` once it prints its ready line, stopped with SIGTERM (SIGKILL
 * after 20 s). `Api` calls one API process over HTTP.
 */

const ROOT = resolve(__dirname, '../../../..');
/** the built apps (`npx nx build api worker` beforehand); API_MAIN / WORKER_MAIN may point at other builds */
export const API_MAIN = process.env['API_MAIN'] ?? resolve(ROOT, 'dist/apps/api/main.js');
export const WORKER_MAIN = process.env['WORKER_MAIN'] ?? resolve(ROOT, 'dist/apps/worker/main.js');
export const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** the demo's password in these tests (DEMO_PASSWORD) */
export const PASSWORD = 'demo-telework';

/** the day every process plans as (PLANNING_TODAY): tests do not age */
export const TODAY = '2026-11-30';
/** what an API process prints once it listens, and a worker once it consumes its queues */
export const API_READY = 'Planning console and API on';
export const WORKER_READY = 'Worker ready: consuming jobs';

/**
 * The environment every process of one test shares: one database, one Redis under the test's own
 * queue prefix, one token key (each process signs and checks tokens with it), the demo's
 * scenario, seed and password, the same day; no catch-up run at a worker's start.
 */
export function sharedEnv(database: TestDatabase, queuePrefix: string, demoScenario: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'log',
    DATABASE_URL: (database.config as { url: string }).url,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PLANNING_TODAY: TODAY,
    LOGIN_RATE_LIMIT: '1000',
    CONSOLE_DIR: '/nonexistent',
    HOST: '127.0.0.1',
    DEMO_SCENARIO: demoScenario,
    DEMO_SEED: '7',
    DEMO_PASSWORD: PASSWORD,
    ALLOCATION_CATCH_UP: 'false',
  };
}

/** Ends a test of several processes: the nightly scheduler and the queue's keys removed, every process stopped, the database dropped. */
export async function tearDown(parts: { processes: (Started | undefined)[]; queue?: Queue; db?: DataSource; database?: TestDatabase }): Promise<void> {
  await parts.queue?.removeJobScheduler(NIGHTLY_SCHEDULER_ID).catch(() => undefined);
  await Promise.all(parts.processes.map(stop));
  await parts.queue?.obliterate({ force: true }).catch(() => undefined);
  await parts.queue?.close();
  await parts.db?.destroy();
  await parts.database?.drop();
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface Started {
  name: string;
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
}

export function start(name: string, main: string, env: Record<string, string>, readyLine: string): Started {
  let output = '';
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<void>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) done();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code}:\n${output.slice(-4_000)}`)));
  });
  ready.catch(() => undefined); // awaited by the test; a late exit must not be unhandled
  return { name, child, output: () => output, ready };
}

export async function stop(process: Started | undefined): Promise<void> {
  if (!process || process.child.exitCode !== null || process.child.signalCode !== null) return;
  const exited = new Promise((done) => process.child.once('exit', done));
  process.child.kill('SIGTERM');
  const killer = setTimeout(() => process.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(killer);
}

export class Api {
  constructor(readonly name: string, readonly baseUrl: string) {}

  async call(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: any; text: string }> {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (an iCal feed): keep the text
    }
    return { status: response.status, body, text };
  }

  async login(email: string): Promise<string> {
    const answer = await this.call('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
    if (answer.status !== 200) throw new Error(`log-in of ${email} on ${this.name}: ${answer.status} ${answer.text}`);
    return answer.body.accessToken;
  }
}

