/**
 * The API and the worker run their engine jobs in worker threads from a bundled entry
 * (engine-thread.js beside main.js). The tests run from the TypeScript sources: this global
 * set-up bundles the planning thread entry once per test run with esbuild and hands it over
 * through ENGINE_THREAD_SCRIPT (read by the apps' engine job providers); Jest's workers inherit
 * the environment. It also turns the engine thread warm-up off (ENGINE_WARM_UP) unless asked for.
 */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { buildSync } = require('esbuild');

const ROOT = resolve(__dirname, '../..');

module.exports = async function bundleEngineThread() {
  // every boot of the API or the worker would warm an engine thread up (a département planned,
  // ~1.5 s of CPU, a hundred boots): off here; the warm-up has its own tests (engine-jobs, config)
  if (!process.env.ENGINE_WARM_UP) process.env.ENGINE_WARM_UP = 'off';
  if (process.env.ENGINE_THREAD_SCRIPT) return;
  const outfile = join(mkdtempSync(join(tmpdir(), 'engine-thread-')), 'engine-thread.js');
  buildSync({
    entryPoints: [join(ROOT, 'libs/server/engine-jobs/src/planning/planning.thread.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    tsconfig: join(ROOT, 'tsconfig.base.json'),
    external: ['highs'],
    logLevel: 'warning',
  });
  process.env.ENGINE_THREAD_SCRIPT = outfile;
};
