/**
 * The worker runs its engine jobs in worker threads from a bundled entry (engine-thread.js beside
 * main.js). The tests run from the TypeScript sources: bundle src/engine-thread.ts once with
 * esbuild for the whole run and hand it over through ENGINE_THREAD_SCRIPT (read by
 * apps/worker/src/app/engine-jobs.processor.ts). Jest's workers inherit the environment.
 */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { buildSync } = require('esbuild');

module.exports = async function bundleEngineThread() {
  if (process.env.ENGINE_THREAD_SCRIPT) return;
  const outfile = join(mkdtempSync(join(tmpdir(), 'worker-engine-thread-')), 'engine-thread.js');
  buildSync({
    entryPoints: [resolve(__dirname, 'src/engine-thread.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    tsconfig: resolve(__dirname, '../../tsconfig.base.json'),
    external: ['highs'],
    logLevel: 'warning',
  });
  process.env.ENGINE_THREAD_SCRIPT = outfile;
};
