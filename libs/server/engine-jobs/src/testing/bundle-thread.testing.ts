import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Tests run from the TypeScript sources, where no bundled thread entry exists: bundle one the
 * way webpack does for the apps (one self-contained CommonJS file) into a temp folder.
 */
export function bundleThreadEntry(entry: string, name = 'engine-thread'): string {
  const outfile = join(mkdtempSync(join(tmpdir(), `${name}-`)), `${name}.js`);
  buildSync({
    entryPoints: [resolve(entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    tsconfig: resolve(__dirname, '../../../../../tsconfig.base.json'),
    logLevel: 'warning',
  });
  return outfile;
}
