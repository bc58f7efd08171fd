import { benchCommand, BENCH_USAGE } from './bench.command';
import { CliError, type CliIo } from './io';
import { planCommand, PLAN_USAGE } from './plan.command';
import { scenarioCommand, SCENARIO_USAGE } from './scenario.command';

export const USAGE = `telework planner CLI

${PLAN_USAGE}

${SCENARIO_USAGE}

${BENCH_USAGE}

exit codes: 0 done, 1 unreadable or unwritable file, 2 invalid input or usage (nothing written), 3 planner failure`;

/** A command's exit code; the bench answers later (it loads the HiGHS solver, which is async). */
type Command = (argv: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  plan: planCommand,
  scenario: scenarioCommand,
  bench: benchCommand,
};

/** Runs one command; every failure becomes lines on stderr and an exit code, never a throw. */
export function runCli(argv: string[], io: Partial<CliIo> = {}): number | Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? ((t) => process.stdout.write(t)),
    stderr: io.stderr ?? ((t) => process.stderr.write(t)),
    cwd: io.cwd ?? process.cwd(),
    now: io.now ?? (() => performance.now()),
  };
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? full.stderr : full.stdout)(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    full.stderr(`unknown command "${command}": valid commands are ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  const fail = (e: unknown): number => {
    if (e instanceof CliError) {
      // an invalid snapshot gives exactly one line per bad path
      const lines = e.lines.length > 0 ? e.lines : [e.message];
      full.stderr(`${lines.join('\n')}\n`);
      return e.exitCode;
    }
    const err = e as Error & { code?: string };
    if (err.code?.startsWith('ERR_PARSE_ARGS')) {
      full.stderr(`${command}: ${err.message}\n`);
      return 2;
    }
    full.stderr(`${command} failed: ${err.stack ?? err.message}\n`);
    return 3;
  };
  try {
    const code = run(rest, full);
    return typeof code === 'number' ? code : code.catch(fail);
  } catch (e) {
    return fail(e);
  }
}
