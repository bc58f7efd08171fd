// Builds the CLI bundle and tells whether it is fresh, without starting Nx.
//
//   node apps/planner-cli/bundle.cjs build    esbuild → dist/apps/planner-cli/main.js, then a stamp
//                                            (.sources.json beside it): the content hash of every
//                                            file esbuild read (its metafile), of the build's
//                                            configuration, and the listing of the source folders
//   node apps/planner-cli/bundle.cjs check    exit 0 when the bundle matches its stamp and every
//                                            stamped file and folder is unchanged, else 1 and why
//   node apps/planner-cli/bundle.cjs ensure   check; when stale, `nx run planner-cli:build` (cached)
//   node apps/planner-cli/bundle.cjs run ARGS ensure, then run the bundle with ARGS in this same
//                                            process (run.sh): one Node start-up instead of two
//
// `build` is the command of the Nx target (project.json), so the stamp is cached and restored by
// Nx with the bundle. Content hashes, not mtimes: a git checkout or a touch that leaves the
// content unchanged costs no build. `ensure` always builds under NX_SKIP_NX_CACHE=true (CI).
'use strict';
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const STAMP_VERSION = 1;
/** A file written less than this before the build started may have been read half-way. */
const MTIME_SLACK_MS = 50;

function defaults(root = path.resolve(__dirname, '../..')) {
  return {
    root,
    entry: 'apps/planner-cli/src/main.ts',
    outfile: 'dist/apps/planner-cli/main.js',
    tsconfig: 'tsconfig.base.json',
    external: ['highs'],
    /** Read by the build but absent from esbuild's metafile inputs (a missing file counts too). */
    config: [
      'tsconfig.base.json',
      'package.json',
      'package-lock.json',
      'node_modules/.package-lock.json',
      'node_modules/esbuild/package.json',
      'apps/planner-cli/project.json',
      'apps/planner-cli/bundle.cjs',
    ],
    // --skip-nx-cache: the stamp is the cache. Nx's cache key leaves out some of the stamp's
    // inputs (node_modules/.package-lock.json), so a hit restored an old stamp that never matched
    // again, and every later run built once more.
    nx: ['node_modules/.bin/nx', 'run', 'planner-cli:build', '--skip-nx-cache'],
  };
}

const stampPath = (o) => path.join(o.root, path.dirname(o.outfile), '.sources.json');

function hashFile(file) {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
    throw e;
  }
}

/** Names in a source folder; a new file there may change what an import resolves to. */
function listing(dir) {
  try {
    return fs.readdirSync(dir).filter((n) => !/\.(spec|test)\.[cm]?[jt]sx?$/.test(n)).sort();
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
    throw e;
  }
}

/**
 * What the stamp records (paths relative to root, '/'-separated): the content hash of each input
 * and configuration file, the listing of each folder holding an input outside node_modules
 * (node_modules is covered by its .package-lock.json), and the package.json of that folder and
 * of its parents, present or not (esbuild reads them: sideEffects, type).
 */
function snapshot(root, inputs, config) {
  const files = {};
  const dirs = {};
  const manifests = new Set();
  for (const f of inputs) {
    if (f.startsWith('node_modules/')) continue;
    const d = path.posix.dirname(f);
    if (d in dirs) continue;
    dirs[d] = listing(path.join(root, d));
    for (let up = d; up !== '.'; up = path.posix.dirname(up)) manifests.add(`${up}/package.json`);
  }
  for (const f of [...new Set([...inputs, ...config, ...manifests])].sort()) files[f] = hashFile(path.join(root, f));
  return { files, dirs };
}

function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * Bundles, then stamps. When a source was written during the build (its mtime is not older than
 * the start), the bundle may hold the old content: build again, up to 3 times, else no stamp.
 */
async function build(options = {}) {
  const o = { ...defaults(options.root), ...options };
  const esbuild = require('esbuild');
  for (let attempt = 1; attempt <= 3; attempt++) {
    fs.rmSync(stampPath(o), { force: true });
    const start = Date.now();
    const result = await esbuild.build({
      absWorkingDir: o.root,
      entryPoints: [path.join(o.root, o.entry)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: path.join(o.root, o.outfile),
      tsconfig: path.join(o.root, o.tsconfig),
      external: o.external,
      logLevel: 'warning',
      metafile: true,
      write: false,
    });
    const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes(':'));
    const stamp = { version: STAMP_VERSION, ...snapshot(o.root, inputs, o.config) };
    const recent = Object.keys(stamp.files).filter((f) => {
      try {
        return fs.statSync(path.join(o.root, f)).mtimeMs > start - MTIME_SLACK_MS;
      } catch {
        return false; // a missing file is stamped as missing
      }
    });
    for (const out of result.outputFiles) writeAtomic(out.path, out.contents);
    if (recent.length === 0) {
      stamp.bundle = hashFile(path.join(o.root, o.outfile));
      writeAtomic(stampPath(o), JSON.stringify(stamp));
      return { attempts: attempt, stamped: true, inputs: Object.keys(stamp.files).length };
    }
    if (attempt === 3) {
      process.stderr.write(`planner-cli: ${recent[0]} keeps changing during the build; bundle not stamped\n`);
    }
  }
  return { attempts: 3, stamped: false };
}

/** Why the bundle is stale, or null when it is fresh. */
function check(options = {}) {
  const o = { ...defaults(options.root), ...options };
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampPath(o), 'utf8'));
  } catch {
    return `no stamp (${path.relative(o.root, stampPath(o))})`;
  }
  if (stamp.version !== STAMP_VERSION || !stamp.files || !stamp.dirs) return 'stamp of another version';
  const bundle = hashFile(path.join(o.root, o.outfile));
  if (bundle === null) return `${o.outfile} is missing`;
  if (bundle !== stamp.bundle) return `${o.outfile} differs from the one built`;
  for (const f of o.config) if (!(f in stamp.files)) return `${f} is not in the stamp`;
  for (const [f, h] of Object.entries(stamp.files)) {
    const now = hashFile(path.join(o.root, f));
    if (now !== h) return `${f} ${now === null ? 'was deleted' : h === null ? 'appeared' : 'changed'}`;
  }
  for (const [d, names] of Object.entries(stamp.dirs)) {
    if (JSON.stringify(listing(path.join(o.root, d))) !== JSON.stringify(names)) return `files added or removed in ${d}/`;
  }
  return null;
}

/** Builds through Nx when the bundle is stale (always under NX_SKIP_NX_CACHE=true). */
function ensure(options = {}) {
  const o = { ...defaults(options.root), ...options };
  const env = o.env ?? process.env;
  const why = env.NX_SKIP_NX_CACHE === 'true' ? 'NX_SKIP_NX_CACHE=true' : check(o);
  if (why === null) return { built: false };
  if (env.PLANNER_CLI_VERBOSE) process.stderr.write(`planner-cli: building (${why})\n`);
  const [cmd, ...args] = o.nx;
  const r = spawnSync(path.resolve(o.root, cmd), args, {
    cwd: o.root,
    env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `${r.error.message}\n` : ''}`);
    process.stderr.write('planner-cli: build failed\n');
    return { built: false, failed: true, why };
  }
  return { built: true, why };
}

module.exports = { build, check, ensure, defaults, STAMP_VERSION };

if (require.main === module) {
  const command = process.argv[2];
  if (command === 'build') {
    build().catch((e) => {
      if (!e.errors) process.stderr.write(`${e.stack ?? e}\n`); // esbuild has printed its own errors
      process.exitCode = 1;
    });
  } else if (command === 'check') {
    const why = check();
    if (why !== null) process.stdout.write(`stale: ${why}\n`);
    process.exitCode = why === null ? 0 : 1;
  } else if (command === 'ensure') {
    process.exitCode = ensure().failed ? 1 : 0;
  } else if (command === 'run') {
    if (ensure().failed) {
      process.exitCode = 1;
    } else {
      const main = path.join(defaults().root, defaults().outfile);
      process.argv = [process.argv[0], main, ...process.argv.slice(3)];
      require(main);
    }
  } else {
    process.stderr.write('usage: node apps/planner-cli/bundle.cjs build|check|ensure|run ARGS\n');
    process.exitCode = 2;
  }
}
