import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Tests run from the TypeScript sources, where the webpack-bundled planning-worker.js does not
 * exist: bundle planning.worker.ts the same way (one self-contained file) into a temp folder.
 */
export function bundlePlanningWorker(): string {
  const outfile = join(mkdtempSync(join(tmpdir(), 'planning-worker-')), 'planning-worker.js');
  buildSync({
    entryPoints: [resolve(__dirname, 'planning.worker.ts')],
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
