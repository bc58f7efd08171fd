import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateScenario, type IntegerBoundOptions, type Plan, type PlanningSnapshot } from '@telework/planning';
import loadHighs from 'highs';
import {
  type ContinuityBench, continuityFigures, continuityTable, continuityTargets, type VariedBench, variedBench, variedTable,
} from './continuity.bench';
import { engine, type Engine, integerBoundOptions } from './engine';
import { CliError, type CliIo, fmt, toJson, writeAtomic } from './io';

export const DEFAULT_BENCH_SCENARIOS = 'departement,departement-100k,departement-strike,departement-crisis';

export const BENCH_USAGE = `usage: bench [--scenarios a,b] [--seed N] [--runs N] [--bound-seconds S] [--varied N] [--out FILE] [--cli FILE]

  --scenarios   comma-separated scenario names (default ${DEFAULT_BENCH_SCENARIOS});
                a scenario with continuity events (v2) reports agent-half-days without a
                workplace against their proven lower bound, and the events' overflows
  --seed N      scenario seed (default 1)
  --runs N      runs per measure, the median is reported (default 5; 3 for 100k agents)
  --bound-seconds S
                time HiGHS may spend per scenario proving the whole-group busiest bound
                (default 90; 0: the LP bound only)
  --varied N    then N random départements with random continuity events: the engine's
                agent-half-days without a workplace against the bound, worst gaps (default 30; 0: none)
  --out FILE    JSON results (default bench-results/planning.json)
  --cli FILE    the bundled CLI to time as a child process (default: this script)`;

export interface PlannerFigures {
  solveMsMedian: number;
  solveMsRuns: number[];
  grants: number;
  /** null while the engine does not export bounds() */
  maxGrants: number | null;
  busiest: number;
  busiestHalfDay: string;
  busiestLowerBound: number | null;
  /** the LP (Lagrangian) bound alone; busiestLowerBound adds what HiGHS proved with whole groups */
  busiestLpBound: number | null;
  /** the whole-group search: solver calls, calls without an answer, time */
  busiestBoundSearch: { solverCalls: number; unanswered: number; ms: number } | null;
  shortfalls: number;
  shortfallsLowerBound: number | null;
  siteOverflows: number;
  violations: number;
  violationSamples: string[];
}

export interface ScenarioBench {
  scenario: string;
  seed: number;
  agents: number;
  eligible: number;
  requests: number;
  approvedRequests: number;
  halfDays: number;
  generateMs: number;
  snapshotBytes: number;
  cli: { msMedian: number; msRuns: number[]; peakRssMb: number | null; peakRssFrom: string };
  engine: PlannerFigures;
  naive: PlannerFigures;
  targets: Record<string, { target: string; measured: string; met: boolean }>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * `integer`: also prove the busiest bound with whole groups (the plan's rotation guides the
 * search); `busiest`: the busiest bounds already proven for this snapshot (they do not depend
 * on the plan), reused for the naive planner.
 */
function figures(
  snapshot: PlanningSnapshot,
  plans: Plan[],
  runsMs: number[],
  integer?: IntegerBoundOptions,
  busiest?: Pick<PlannerFigures, 'busiestLowerBound' | 'busiestLpBound'>,
): PlannerFigures {
  const plan = plans[plans.length - 1];
  const t = performance.now();
  const b: ReturnType<Engine['bounds']> | null = engine('bounds')(snapshot, plan.rotation, integer ? { integer } : {});
  const boundMs = performance.now() - t;
  const check = engine('checkPlan')(snapshot, plan);
  return {
    solveMsMedian: round1(median(runsMs)),
    solveMsRuns: runsMs.map(round1),
    grants: plan.metrics.requestsGranted,
    maxGrants: b ? b.maxGrantsForRotation : null,
    busiest: plan.metrics.busiestHalfDay.remote,
    busiestHalfDay: plan.metrics.busiestHalfDay.halfDay,
    busiestLowerBound: busiest ? busiest.busiestLowerBound : b ? b.busiestHalfDayLowerBound : null,
    busiestLpBound: busiest ? busiest.busiestLpBound : b ? b.busiestHalfDayLpBound : null,
    busiestBoundSearch: b?.integerSearch ? { solverCalls: b.integerSearch.solverCalls, unanswered: b.integerSearch.unanswered, ms: Math.round(boundMs) } : null,
    shortfalls: plan.metrics.weeklyMinShortfalls,
    shortfallsLowerBound: b ? b.weeklyMinShortfallsLowerBound : null,
    siteOverflows: plan.metrics.siteOverflows,
    violations: check.violations.length,
    violationSamples: check.violations.slice(0, 5).map((v) => `[${v.rule}] ${v.message}`),
  };
}

/** Runs the CLI as a child process; peak memory from /usr/bin/time -v, else the child's maxRSS. */
function runChild(cli: string, input: string, output: string): { ms: number; rssKb: number | null; from: string } {
  const useTime = existsSync('/usr/bin/time');
  const args = [cli, 'plan', '--in', input, '--out', output, ...(useTime ? [] : ['--report-rss'])];
  const t = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new CliError(`bench: the CLI failed (exit ${r.status}) on ${input}:\n${r.stderr}`, 3);
  const m = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr) : /maxRSS=(\d+)/.exec(r.stderr);
  return { ms, rssKb: m ? Number(m[1]) : null, from: useTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS' };
}

export async function benchCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenarios: { type: 'string', default: DEFAULT_BENCH_SCENARIOS },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string' },
      'bound-seconds': { type: 'string', default: '90' },
      varied: { type: 'string', default: '30' },
      out: { type: 'string', default: 'bench-results/planning.json' },
      cli: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${BENCH_USAGE}\n`);
    return 0;
  }
  const seed = Number(values.seed);
  const boundSeconds = Number(values['bound-seconds']);
  if (!Number.isFinite(boundSeconds) || boundSeconds < 0) throw new CliError(`bench: --bound-seconds must be a number of seconds ≥ 0, not "${values['bound-seconds']}"`, 2);
  if (!/^\d+$/.test(values.varied)) throw new CliError(`bench: --varied must be a whole number of départements, not "${values.varied}"`, 2);
  const variedCount = Number(values.varied);
  // HiGHS (WebAssembly) decides the whole-group relaxation of the busiest bound; the engine only
  // receives it as a solver (no WASM nor I/O in libs/planning)
  const solver = boundSeconds > 0 ? await loadHighs() : null;
  const cli = resolve(io.cwd, values.cli ?? process.argv[1]);
  if (!existsSync(cli)) throw new CliError(`bench: cannot find the CLI bundle ${cli} (run the build first)`, 1);
  const names = values.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
  const dir = mkdtempSync(join(tmpdir(), 'telework-bench-'));
  const results: ScenarioBench[] = [];
  const continuity: ContinuityBench[] = [];
  let varied: VariedBench | null = null;
  // the no-workplace bound's LP (a fresh HiGHS: PITFALLS, one instance per run)
  const lpSolver = names.length > 0 || variedCount > 0 ? (solver ?? (await loadHighs())) : null;
  try {
    for (const name of names) {
      io.stdout(`\n${name}: generating…\n`);
      const g0 = io.now();
      const { snapshot } = generateScenario(name, seed);
      const generateMs = io.now() - g0;
      const runs = values.runs ? Number(values.runs) : snapshot.agents.length > 20_000 ? 3 : 5;
      const input = join(dir, `${name}.json`);
      const text = JSON.stringify(snapshot);
      writeFileSync(input, text);

      if ((snapshot.events ?? []).length > 0) {
        try {
          continuity.push(benchContinuity(name, seed, snapshot, runs, cli, input, join(dir, `${name}.plan.json`), lpSolver as NonNullable<typeof lpSolver>, io));
        } catch (e) {
          // one scenario the planner fails on is a missed target, not the end of the bench
          const message = (e as Error).message.split('\n').filter((l) => !/^\s+at |^\t/.test(l)).slice(0, 6).join('\n');
          io.stdout(`\n${name} (seed ${seed}): FAILED\n${message}\n`);
          continuity.push({
            scenario: name, seed, agents: snapshot.agents.length, eligible: snapshot.agents.filter((a) => a.eligible).length,
            halfDays: 0, eventHalfDays: 0, cli: { msMedian: 0, msRuns: [], peakRssMb: null }, engine: null, failure: message,
            targets: { plans: { target: 'a plan', measured: 'planner failed', met: false } },
          });
        }
        continue;
      }

      io.stdout(`${name}: whole CLI × ${runs}…\n`);
      const cliRuns = Array.from({ length: runs }, () => runChild(cli, input, join(dir, `${name}.plan.json`)));
      const rss = cliRuns.map((r) => r.rssKb).filter((x): x is number => x !== null);

      io.stdout(`${name}: solve in-process × ${runs}…\n`);
      const planSnapshot = engine('planSnapshot');
      const enginePlans: Plan[] = [];
      const engineMs: number[] = [];
      for (let k = 0; k < runs; k++) {
        const t = io.now();
        enginePlans.push(planSnapshot(snapshot, { now: io.now }));
        engineMs.push(io.now() - t);
        if (enginePlans.length > 1) enginePlans.shift();
      }
      io.stdout(`${name}: naive first-come-first-served × ${runs}…\n`);
      const naivePlanner = engine('planFirstComeFirstServed');
      const naivePlans: Plan[] = [];
      const naiveMs: number[] = [];
      for (let k = 0; k < runs; k++) {
        const t = io.now();
        naivePlans.push(naivePlanner(snapshot, { now: io.now }));
        naiveMs.push(io.now() - t);
        if (naivePlans.length > 1) naivePlans.shift();
      }
      io.stdout(`${name}: bounds and checks${solver ? ` (HiGHS up to ${fmt(boundSeconds)} s on the busiest bound)` : ''}…\n`);
      const integer = solver ? integerBoundOptions(solver, boundSeconds, () => performance.now()) : undefined;
      const e = figures(snapshot, enginePlans, engineMs, integer);
      const n = figures(snapshot, naivePlans, naiveMs, undefined, e);
      const big = snapshot.agents.length > 20_000;
      const cliMs = median(cliRuns.map((r) => r.ms));
      const peakRssMb = rss.length > 0 ? round1(Math.max(...rss) / 1024) : null;
      const targets: ScenarioBench['targets'] = big
        ? {
            solve: { target: '< 10 s', measured: `${fmt(e.solveMsMedian)} ms`, met: e.solveMsMedian < 10_000 },
            peakMemory: { target: '< 1.5 GB', measured: peakRssMb === null ? 'n/a' : `${fmt(peakRssMb)} MB`, met: peakRssMb !== null && peakRssMb < 1536 },
          }
        : {
            solve: { target: '< 0.5 s', measured: `${fmt(e.solveMsMedian)} ms`, met: e.solveMsMedian < 500 },
            wholeCli: { target: '< 2 s', measured: `${fmt(Math.round(cliMs))} ms`, met: cliMs < 2000 },
          };
      targets.violations = { target: '0', measured: String(e.violations), met: e.violations === 0 };
      if (e.maxGrants !== null) {
        targets.grants = { target: '= max', measured: `${fmt(e.grants)} / ${fmt(e.maxGrants)}`, met: e.grants === e.maxGrants };
      }
      if (e.busiestLowerBound !== null) {
        const busyGap = e.busiestLowerBound > 0 ? e.busiest / e.busiestLowerBound - 1 : 0;
        targets.busiest = { target: '≤ +2 % of bound', measured: `+${(busyGap * 100).toFixed(2)} %`, met: busyGap <= 0.02 };
      }
      if (e.shortfallsLowerBound !== null) {
        targets.shortfalls = {
          target: '= lower bound', measured: `${fmt(e.shortfalls)} / ${fmt(e.shortfallsLowerBound)}`, met: e.shortfalls <= e.shortfallsLowerBound,
        };
      }
      const result: ScenarioBench = {
        scenario: name,
        seed,
        agents: snapshot.agents.length,
        eligible: snapshot.agents.filter((a) => a.eligible).length,
        requests: (snapshot.requests ?? []).length,
        approvedRequests: (snapshot.requests ?? []).filter((r) => r.status === 'APPROVED').length,
        halfDays: enginePlans[0].halfDays.length,
        generateMs: round1(generateMs),
        snapshotBytes: text.length,
        cli: { msMedian: round1(cliMs), msRuns: cliRuns.map((r) => round1(r.ms)), peakRssMb, peakRssFrom: cliRuns[0]?.from ?? '' },
        engine: e,
        naive: n,
        targets,
      };
      results.push(result);
      io.stdout(`\n${table(result, runs)}\n`);
    }
    if (variedCount > 0) {
      io.stdout(`\nvaried: ${fmt(variedCount)} random départements with random continuity events…\n`);
      varied = variedBench(variedCount, seed, lpSolver as NonNullable<typeof lpSolver>, io);
      io.stdout(`\n${variedTable(varied, seed)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const report = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    results,
    continuity,
    varied,
  };
  writeAtomic(io.cwd, values.out, toJson(report, true));
  io.stdout(`results written to ${values.out}\n`);
  const failed = [...results, ...continuity].flatMap((r) => Object.entries(r.targets).filter(([, t]) => !t.met).map(([k]) => `${r.scenario}.${k}`));
  if (failed.length > 0) io.stdout(`targets missed: ${failed.join(', ')}\n`);
  return 0;
}

/** A scenario with continuity events: the whole CLI and the engine timed, N against its bound, overflows. */
function benchContinuity(
  name: string, seed: number, snapshot: PlanningSnapshot, runs: number, cli: string, input: string, output: string,
  solver: Parameters<typeof continuityFigures>[3], io: CliIo,
): ContinuityBench {
  io.stdout(`${name}: whole CLI × ${runs}…\n`);
  const cliRuns = Array.from({ length: runs }, () => runChild(cli, input, output));
  const rss = cliRuns.map((r) => r.rssKb).filter((x): x is number => x !== null);
  io.stdout(`${name}: solve in-process × ${runs}…\n`);
  const planSnapshot = engine('planSnapshot');
  let plan: Plan | null = null;
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = io.now();
    plan = planSnapshot(snapshot, { now: io.now });
    ms.push(io.now() - t);
  }
  io.stdout(`${name}: lower bound (HiGHS), overflows and checks…\n`);
  const e = continuityFigures(snapshot, plan as Plan, ms, solver);
  const cliMs = median(cliRuns.map((r) => r.ms));
  const result: ContinuityBench & { engine: typeof e } = {
    scenario: name,
    seed,
    agents: snapshot.agents.length,
    eligible: snapshot.agents.filter((a) => a.eligible).length,
    halfDays: (plan as Plan).halfDays.length,
    eventHalfDays: e.bound.eventHalfDays,
    cli: { msMedian: round1(cliMs), msRuns: cliRuns.map((r) => round1(r.ms)), peakRssMb: rss.length > 0 ? round1(Math.max(...rss) / 1024) : null },
    engine: e,
    targets: continuityTargets(e, cliMs),
  };
  io.stdout(`\n${continuityTable(result, runs)}\n`);
  return result;
}

function ratio(naive: number, engineValue: number): string {
  if (engineValue === 0) return naive === 0 ? '1.00' : '∞';
  return (naive / engineValue).toFixed(2);
}
function ofBound(x: number, bound: number | null, better: 'higher' | 'lower' | 'count'): string {
  if (bound === null) return `${fmt(x)} / n/a`;
  if (bound === 0 || better === 'count') return `${fmt(x)} / ${fmt(bound)}`;
  const pct = better === 'higher' ? (x / bound) * 100 : (x / bound - 1) * 100;
  return better === 'higher' ? `${fmt(x)} / ${fmt(bound)} (${pct.toFixed(1)} %)` : `${fmt(x)} / ${fmt(bound)} (+${pct.toFixed(1)} %)`;
}

function boundSource(e: PlannerFigures): string {
  if (e.busiestLpBound === null) return 'n/a';
  if (!e.busiestBoundSearch) return `${fmt(e.busiestLpBound)} (LP only)`;
  return `${fmt(e.busiestLpBound)} → ${fmt(e.busiestLowerBound ?? e.busiestLpBound)}`;
}

export function table(r: ScenarioBench, runs: number): string {
  const e = r.engine;
  const n = r.naive;
  const rows: [string, string, string, string][] = [
    ['', 'engine', 'naive FCFS', 'naive / engine'],
    [`solve, median of ${runs}`, `${fmt(e.solveMsMedian)} ms`, `${fmt(n.solveMsMedian)} ms`, ratio(n.solveMsMedian, e.solveMsMedian)],
    [`whole CLI, median of ${runs}`, `${fmt(Math.round(r.cli.msMedian))} ms`, '', ''],
    ['peak memory (CLI)', r.cli.peakRssMb === null ? 'n/a' : `${fmt(r.cli.peakRssMb)} MB`, '', ''],
    ['grants / max grants', ofBound(e.grants, e.maxGrants, 'higher'), ofBound(n.grants, n.maxGrants, 'higher'), ratio(n.grants, e.grants)],
    ['busiest half-day / bound', ofBound(e.busiest, e.busiestLowerBound, 'lower'), ofBound(n.busiest, n.busiestLowerBound, 'lower'), ratio(n.busiest, e.busiest)],
    ['busiest bound: LP → whole groups', boundSource(e), '', ''],
    ['weekly-min shortfalls / bound', ofBound(e.shortfalls, e.shortfallsLowerBound, 'count'), ofBound(n.shortfalls, n.shortfallsLowerBound, 'count'), ratio(n.shortfalls, e.shortfalls)],
    ['site overflows', fmt(e.siteOverflows), fmt(n.siteOverflows), ratio(n.siteOverflows, e.siteOverflows)],
    ['hard-rule violations', fmt(e.violations), fmt(n.violations), ''],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length)));
  const head =
    `${r.scenario} (seed ${r.seed}): ${fmt(r.agents)} agents, ${fmt(r.eligible)} eligible, ${fmt(r.requests)} requests ` +
    `(${fmt(r.approvedRequests)} approved), ${fmt(r.halfDays)} half-days; generated in ${fmt(Math.round(r.generateMs))} ms`;
  const lines = rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '));
  const targets = Object.entries(r.targets).map(([k, t]) => `${k} ${t.target}: ${t.measured} ${t.met ? 'ok' : 'MISSED'}`).join('; ');
  const samples = [...e.violationSamples.map((v) => `engine ${v}`), ...n.violationSamples.map((v) => `naive ${v}`)];
  const search = e.busiestBoundSearch;
  const searchLine = search
    ? [`whole-group busiest bound: HiGHS, ${fmt(search.solverCalls)} calls (${fmt(search.unanswered)} without an answer in time), ${fmt(Math.round(search.ms / 100) / 10)} s`]
    : [];
  return [head, ...lines, ...searchLine, `targets: ${targets}`, ...samples].join('\n');
}
