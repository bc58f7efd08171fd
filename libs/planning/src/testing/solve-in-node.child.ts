/**
 * Child process of `solveVariedInNode` (solve-in-node.ts): solves varied départements in plain
 * Node, as the CLI, the worker and the API's threads run the engine, and prints one JSON line
 * per département: its rotation and its plan's site overflows.
 *
 * argv[2]: JSON list of { seed, agents? } (scenario/varied.ts options).
 */
import { planWithReport } from '../pipeline/plan-snapshot';
import { generateVaried, VariedOptions } from '../scenario/varied';

const list = JSON.parse(process.argv[2] ?? '[]') as VariedOptions[];
for (const options of list) {
  const { snapshot } = generateVaried(options);
  const { plan } = planWithReport(snapshot);
  process.stdout.write(
    JSON.stringify({ seed: options.seed, agents: options.agents, rotation: plan.rotation, siteOverflows: plan.metrics.siteOverflows }) + '\n',
  );
}
