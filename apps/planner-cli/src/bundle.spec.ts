import { spawnSync } from 'node:child_process';
import {
  appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync,
  utimesSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

interface Bundle {
  build(o?: { root?: string }): Promise<{ attempts: number; stamped: boolean }>;
  check(o?: { root?: string }): string | null;
}
const { build, check } = require('../bundle.cjs') as Bundle;

const ROOT = resolve(__dirname, '../../..');

/**
 * A workspace in miniature: run.sh and bundle.cjs copied from this project, a main.ts importing a
 * library through a tsconfig path, and a fake `nx` that logs its call and runs the target's
 * command (`node apps/planner-cli/bundle.cjs build`), as Nx does without a cache.
 */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'planner-cli-bundle-'));
  // files as written well before any build: a build counts a file newer than its start as changing under it
  const past = new Date(Date.now() - 60_000);
  const put = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    utimesSync(join(root, file), past, past);
  };
  for (const f of ['apps/planner-cli/bundle.cjs', 'apps/planner-cli/run.sh']) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(root, f));
    utimesSync(join(root, f), past, past);
  }
  put('apps/planner-cli/project.json', '{ "name": "planner-cli" }\n');
  put('apps/planner-cli/src/main.ts', "import { greet } from '@fake/lib';\nconsole.log(greet(process.argv[2]));\n");
  put('libs/lib/src/index.ts', "export { greet } from './greet';\n");
  put('libs/lib/src/greet.ts', "export const greet = (name: string): string => `hello ${name}`;\n");
  put('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths: { '@fake/lib': ['./libs/lib/src/index.ts'] } } }));
  put('package.json', '{ "name": "fake", "private": true }\n');
  put('package-lock.json', '{ "lockfileVersion": 3 }\n');
  mkdirSync(join(root, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules/esbuild'), join(root, 'node_modules/esbuild'));
  put('node_modules/.bin/nx', '#!/bin/sh\necho "$*" >> nx.log\nexec node apps/planner-cli/bundle.cjs build\n');
  chmodSync(join(root, 'node_modules/.bin/nx'), 0o755);
  return root;
}

describe('the CLI bundle is rebuilt exactly when its sources change (run.sh, bundle.cjs)', () => {
  let root: string;
  beforeEach(() => { root = workspace(); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => {
    const e: Record<string, string | undefined> = { ...process.env, ...extra };
    if (!('NX_SKIP_NX_CACHE' in extra)) delete e['NX_SKIP_NX_CACHE']; // CI sets it
    return e;
  };
  const nxCalls = () => (existsSync(join(root, 'nx.log')) ? readFileSync(join(root, 'nx.log'), 'utf8').trim().split('\n').length : 0);
  /** Runs run.sh; answers the CLI's stdout and whether Nx was called. */
  const run = (arg: string, extra?: Record<string, string>) => {
    const before = nxCalls();
    const r = spawnSync('sh', [join(root, 'apps/planner-cli/run.sh'), arg], { cwd: tmpdir(), env: env(extra), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return { out: r.stdout.trim(), built: nxCalls() > before };
  };
  const edit = (file: string, text: string) => writeFileSync(join(root, file), text);

  it('builds when the bundle is missing, then runs it without Nx while nothing changed', () => {
    expect(run('a')).toEqual({ out: 'hello a', built: true });
    expect(readFileSync(join(root, 'nx.log'), 'utf8')).toBe('run planner-cli:build --skip-nx-cache\n');
    expect(run('b')).toEqual({ out: 'hello b', built: false });
    expect(run('c')).toEqual({ out: 'hello c', built: false });
    expect(check({ root })).toBeNull();
  });

  it('rebuilds when a library source changes, not when it is only touched', () => {
    run('a');
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'libs/lib/src/greet.ts'), later, later); // a checkout, a save without change
    expect(run('b')).toEqual({ out: 'hello b', built: false });
    edit('libs/lib/src/greet.ts', "export const greet = (name: string): string => `bonjour ${name}`;\n");
    expect(check({ root })).toBe('libs/lib/src/greet.ts changed');
    expect(run('c')).toEqual({ out: 'bonjour c', built: true });
    expect(run('d')).toEqual({ out: 'bonjour d', built: false });
  });

  it('rebuilds when the CLI source, the tsconfig, the lock file or the project changes', () => {
    run('a');
    appendFileSync(join(root, 'apps/planner-cli/src/main.ts'), "console.log('again');\n");
    expect(run('b')).toEqual({ out: 'hello b\nagain', built: true });
    for (const f of ['tsconfig.base.json', 'package-lock.json', 'apps/planner-cli/project.json']) {
      appendFileSync(join(root, f), '\n');
      expect(check({ root })).toBe(`${f} changed`);
      expect(run('c').built).toBe(true);
      expect(run('d').built).toBe(false);
    }
  });

  it('rebuilds when a file appears in a source folder (it may shadow an import) or a source is deleted', () => {
    run('a');
    edit('libs/lib/src/greet.tsx', 'export const greet = (name: string): string => `hi ${name}`;\n');
    expect(check({ root })).toBe('files added or removed in libs/lib/src/');
    expect(run('b')).toEqual({ out: 'hi b', built: true }); // esbuild prefers .tsx to .ts
    rmSync(join(root, 'libs/lib/src/greet.tsx'));
    expect(check({ root })).toBe('libs/lib/src/greet.tsx was deleted');
    expect(run('c')).toEqual({ out: 'hello c', built: true });
    edit('libs/lib/src/greet.spec.ts', 'test files are not bundled\n');
    expect(run('d').built).toBe(false);
  });

  it('rebuilds when the bundle is deleted, edited by hand, or its stamp is lost', () => {
    run('a');
    rmSync(join(root, 'dist/apps/planner-cli/main.js'));
    expect(check({ root })).toBe('dist/apps/planner-cli/main.js is missing');
    expect(run('b')).toEqual({ out: 'hello b', built: true });
    appendFileSync(join(root, 'dist/apps/planner-cli/main.js'), 'console.log("tampered");\n');
    expect(check({ root })).toBe('dist/apps/planner-cli/main.js differs from the one built');
    expect(run('c')).toEqual({ out: 'hello c', built: true });
    rmSync(join(root, 'dist/apps/planner-cli/.sources.json'));
    expect(check({ root })).toMatch(/^no stamp/);
    expect(run('d')).toEqual({ out: 'hello d', built: true });
  });

  it('always builds under NX_SKIP_NX_CACHE=true, as CI runs', () => {
    run('a');
    expect(run('b', { NX_SKIP_NX_CACHE: 'true' }).built).toBe(true);
    expect(run('c', { NX_SKIP_NX_CACHE: 'true' }).built).toBe(true);
    expect(run('d').built).toBe(false);
  });

  it('does not stamp a bundle whose sources were written during the build', async () => {
    const future = new Date(Date.now() + 60_000); // as if written while esbuild was reading
    utimesSync(join(root, 'libs/lib/src/greet.ts'), future, future);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await build({ root })).toEqual({ attempts: 3, stamped: false });
    } finally {
      stderr.mockRestore();
    }
    expect(check({ root })).toMatch(/^no stamp/);
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'libs/lib/src/greet.ts'), past, past);
    expect(await build({ root })).toEqual(expect.objectContaining({ attempts: 1, stamped: true }));
    expect(check({ root })).toBeNull();
  });

  it('fails loudly, exit 1 and no bundle run, when the build fails', () => {
    run('a');
    edit('libs/lib/src/greet.ts', 'export const greet = (;\n');
    const r = spawnSync('sh', [join(root, 'apps/planner-cli/run.sh'), 'x'], { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/greet\.ts.*\n[\s\S]*planner-cli: build failed\n$/);
    expect(r.stdout).toBe('');
  });
});
