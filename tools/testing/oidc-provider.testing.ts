import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** An account of the test provider; any other key becomes a claim too (a `role`, say). */
export interface TestOidcAccount {
  sub: string;
  email?: string;
  employee_number?: string;
  name?: string;
  [claim: string]: unknown;
}

export interface TestOidcProviderOptions {
  clientId: string;
  /** unset: a public client (PKCE alone) */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  accounts: TestOidcAccount[];
  /** 0 (default): a free port */
  port?: number;
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  stop(): Promise<void>;
}

/**
 * Starts the real OpenID provider of tools/testing/oidc-provider.mjs (oidc-provider 9, an ES
 * module) in a child process and waits for its `READY <issuer>` line.
 */
export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: {
      ...process.env,
      // oidc-provider warns that Node 20 is not a supported runtime: it works, keep the output clean
      NODE_NO_WARNINGS: '1',
      NODE_OPTIONS: '',
      OIDC_TEST_PORT: String(options.port ?? 0),
      OIDC_TEST_CLIENT_ID: options.clientId,
      OIDC_TEST_CLIENT_SECRET: options.clientSecret ?? '',
      OIDC_TEST_REDIRECT_URIS: options.redirectUris.join(','),
      OIDC_TEST_POST_LOGOUT_REDIRECT_URIS: (options.postLogoutRedirectUris ?? []).join(','),
      OIDC_TEST_ACCOUNTS: JSON.stringify(options.accounts),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`the test OpenID provider did not start in 20 s: ${errors}`)), 20_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^READY (\S+)$/m.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`the test OpenID provider exited (${code}): ${errors}`)));
  });
  child.stdout?.resume();
  return {
    issuer,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
