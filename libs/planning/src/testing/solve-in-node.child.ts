/**
 * Child process of `solveVariedInNode` (solve-in-node.ts): solves varied départements in plain
 * Node, as the CLI, the worker and the API's threads run the engine, and prints one JSON line
 * per département: its CPU time, its rotation and its plan's site overflows.
 *
 * argv[2]: JSON list of { seed, agents? } (scenario/varied.ts options).
 */
import { planWithReport } from '../pipeline/plan-snapshot';
import { generateVaried, VariedOptions } from '../scenario/varied';

const list = JSON.parse(process.argv[2] ?? '[]') as VariedOptions[];
// one solve first, not counted: the JIT warms up as in a kept worker thread
if (list.length > 0) planWithReport(generateVaried(list[0]).snapshot);
for (const options of list) {
  const { snapshot } = generateVaried(options);
  const c0 = process.cpuUsage();
  const { plan } = planWithReport(snapshot);
  const c1 = process.cpuUsage(c0);
  process.stdout.write(
    JSON.stringify({ seed: options.seed, agents: options.agents, cpuMs: (c1.user + c1.system) / 1000, rotation: plan.rotation, siteOverflows: plan.metrics.siteOverflows }) + '\n',
  );
}
