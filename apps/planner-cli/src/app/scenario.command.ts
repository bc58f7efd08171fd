import { parseArgs } from 'node:util';
import { generateScenario, scenarioNames } from '@telework/planning';
import { CliError, type CliIo, fmt, toJson, writeAtomic } from './io';

export const SCENARIO_USAGE = `usage: scenario NAME [--seed N] [--out FILE] [--directory] [--pretty]

  NAME          one of: ${scenarioNames().join(', ')}
  --seed N      integer seed (default 1): the same seed gives the same file
  --out FILE    where to write the snapshot (default NAME-seedN.json)
  --directory   also write the org units and people (the directory the database needs)
                to FILE with .directory.json instead of .json
  --pretty      indent the JSON`;

export function scenarioCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      directory: { type: 'boolean', default: false },
      pretty: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(`${SCENARIO_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`scenario: give exactly one scenario name\n${SCENARIO_USAGE}`, 2);
  const name = positionals[0];
  if (!/^-?\d+$/.test(values.seed)) throw new CliError(`scenario: --seed must be an integer, got "${values.seed}"`, 2);
  const seed = Number(values.seed);
  let scenario;
  try {
    scenario = generateScenario(name, seed);
  } catch (e) {
    throw new CliError(`scenario: ${(e as Error).message}`, 2);
  }
  const out = values.out ?? `${name}-seed${seed}.json`;
  const s = scenario.snapshot;
  writeAtomic(io.cwd, out, toJson(s, values.pretty));
  io.stdout(
    `wrote ${out}: ${fmt(s.agents.length)} agents (${fmt(s.agents.filter((a) => a.eligible).length)} eligible), ` +
      `${fmt(s.sites.length)} sites, ${fmt(s.groups.length)} groups, ${fmt((s.requests ?? []).length)} requests, ` +
      `${s.horizon.from} to ${s.horizon.to}` +
      `${(s.events ?? []).length > 0 ? `; snapshot v2 with ${fmt((s.events ?? []).length)} continuity event${(s.events ?? []).length === 1 ? '' : 's'} (${(s.events ?? []).map((e) => e.id).join(', ')})` : ''}\n`,
  );
  if (values.directory) {
    const dirFile = out.endsWith('.json') ? `${out.slice(0, -5)}.directory.json` : `${out}.directory.json`;
    writeAtomic(io.cwd, dirFile, toJson({ name: scenario.name, seed: scenario.seed, orgUnits: scenario.orgUnits, people: scenario.people }, values.pretty));
    io.stdout(`wrote ${dirFile}: ${fmt(scenario.orgUnits.length)} org units, ${fmt(scenario.people.length)} people\n`);
  }
  return 0;
}
