import type { INestApplication } from '@nestjs/common';
import { PGliteInstance } from 'typeorm-pglite/dist/pglite-instance';
import { AppConfig, loadConfig } from '@telework/server-config';
import { createTestDatabase, TestDatabase, TestDatabaseMode } from '@telework/persistence/testing';
import { createApiApp } from '../app/bootstrap';
import { StartupService } from '../app/database/startup.service';
import { keepIdleConnections } from './keep-alive';

export interface ApiHarness {
  app: INestApplication;
  baseUrl: string;
  config: AppConfig;
  startup: StartupService;
  /** fetch a path under the API with optional bearer token and JSON body */
  call(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string }): Promise<{ status: number; body: any }>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real API (real HTTP, real database) on a fresh database: the PostgreSQL server
 * or in-memory PGlite, seeded with the small 'tiny' demo scenario.
 */
export async function startApi(mode: TestDatabaseMode, env: Record<string, string> = {}): Promise<ApiHarness> {
  const database: TestDatabase = await createTestDatabase(mode);
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DEMO_SCENARIO: 'tiny',
      DEMO_DATA: 'directory',
      DEMO_SEED: '7',
      LOGIN_RATE_LIMIT: '1000',
      CONSOLE_DIR: '/nonexistent',
      // the demo and every rule that depends on the day run as on this Monday: tests do not age
      PLANNING_TODAY: '2026-11-30',
      ...env,
    }),
    database: database.config,
  };
  const app = await createApiApp(config);
  keepIdleConnections(app.getHttpServer());
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const call: ApiHarness['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  };

  return {
    app,
    baseUrl,
    config,
    startup: app.get(StartupService),
    call,
    async login(email, password = config.demo.password) {
      const response = await call('POST', '/api/auth/login', { body: { email, password } });
      if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.accessToken;
    },
    async close() {
      await app.close();
      if (mode === 'embedded') await PGliteInstance.close();
      await database.drop();
    },
  };
}
