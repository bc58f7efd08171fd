import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { RotationCell } from '../model/snapshot';
import type { VariedOptions } from '../scenario/varied';

/**
 * Solves varied départements in a child Node process (ts-node, no Jest) and returns, per
 * département, its rotation and plan's site overflows.
 *
 * Why a child: Jest runs a test file inside a `vm` context, where every read of a global (Math,
 * Infinity, typed-array constructors) in a hot loop goes through the context's interceptors;
 * the engine runs 2 to 7 times slower there than in the CLI, the worker or the API's threads,
 * which would make the tests that need many solves the suite's longest.
 */
export interface SolvedInNode {
  seed: number;
  agents?: [number, number];
  rotation: RotationCell[];
  siteOverflows: number;
}

const ROOT = resolve(__dirname, '../../../..');

export function solveVariedInNode(list: VariedOptions[], timeoutMs = 600_000): SolvedInNode[] {
  const out = execFileSync(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', resolve(__dirname, 'solve-in-node.child.ts'), JSON.stringify(list)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TS_NODE_PROJECT: resolve(ROOT, 'tsconfig.base.json'),
        TS_NODE_TRANSPILE_ONLY: 'true',
        TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: 'commonjs' }),
      },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: timeoutMs,
    },
  );
  return out
    .trim()
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as SolvedInNode);
}
