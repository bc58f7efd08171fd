import { crisisScenario, strikeScenario } from './crisis';
import { generateDepartement, type DepartementOptions, type DepartementScenario } from './departement';
import { regionScenario } from './region';

/** The reference département of DESIGN.md: 5,000 agents, 60 sites, 4 weeks from Mon 2026-12-07. */
export const DEPARTEMENT_OPTIONS: Omit<DepartementOptions, 'seed'> = {
  name: 'departement',
  agents: 5_000,
  sites: 60,
  from: '2026-12-07',
  weeks: 4,
  requests: 2_000,
  strikeDate: '2026-12-10',
  eligibleShare: 0.6,
  vdiCapacity: 1_700,
  vdiReserve: 200,
  vpnCapacity: 600,
  councilSession: { date: '2026-12-10', period: 'PM', seats: 60 },
  maxGroupSize: 300,
};

/** The small département of demos and tests: 40 agents, 3 sites, 2 weeks from Mon 2026-12-07. */
export const TINY_OPTIONS: Omit<DepartementOptions, 'seed'> = {
  name: 'tiny', agents: 40, sites: 3, from: '2026-12-07', weeks: 2, requests: 30, strikeDate: '2026-12-10',
  eligibleShare: 0.6, vdiCapacity: 14, vdiReserve: 2, vpnCapacity: 5, councilSession: { date: '2026-12-10', period: 'PM', seats: 2 },
  maxGroupSize: 10,
};

const STRIKE_DATE = DEPARTEMENT_OPTIONS.strikeDate as string;

export const SCENARIOS: Record<string, (seed: number) => DepartementScenario> = {
  /** the reference département */
  departement: (seed) => generateDepartement({ ...DEPARTEMENT_OPTIONS, seed }),
  /** the same département with pools too small: the planner must report shortfalls */
  'departement-tight': (seed) =>
    generateDepartement({ ...DEPARTEMENT_OPTIONS, name: 'departement-tight', seed, vdiCapacity: 1_100, vdiReserve: 200, vpnCapacity: 300, tightCaps: true }),
  /** 100,000 agents, ~60,000 eligible, caps scaled up: the speed and memory benchmark */
  'departement-100k': (seed) =>
    generateDepartement({
      ...DEPARTEMENT_OPTIONS, name: 'departement-100k', seed, agents: 100_000, sites: 600, requests: 40_000,
      vdiCapacity: 34_000, vdiReserve: 4_000, vpnCapacity: 12_000, councilSession: { date: '2026-12-10', period: 'PM', seats: 120 },
    }),
  /** a small département for demos and tests: 40 agents, 3 sites, 2 weeks */
  tiny: (seed) => generateDepartement({ ...TINY_OPTIONS, seed }),
  /**
   * a region of 20 départements like the reference one (100,000 agents, 1,200 sites), each with
   * its own VDI and VPN pools: the installation whose nightly run splits by pool (region.ts)
   */
  'region-100k': (seed) =>
    regionScenario('region-100k', seed, Array.from({ length: 20 }, (_, k) => generateDepartement({ ...DEPARTEMENT_OPTIONS, seed: seed + k }))),
  /** three tiny départements in one installation, each with its own pools (tests of the split run) */
  'region-tiny': (seed) =>
    regionScenario('region-tiny', seed, Array.from({ length: 3 }, (_, k) => generateDepartement({ ...TINY_OPTIONS, seed: seed + k }))),
  /**
   * continuity (v2 snapshot): the reference département on its strike day, Thu 2026-12-10, the
   * Hôtel du Département closed (capacity 0) but for its ESSENTIAL agents (crisis.ts)
   */
  'departement-strike': (seed) =>
    strikeScenario(generateDepartement({ ...DEPARTEMENT_OPTIONS, seed }), { date: STRIKE_DATE }, 'departement-strike'),
  /**
   * continuity (v2 snapshot): the reference département in a two-week crisis from Mon 2026-12-07:
   * sites at 40 % of their desks, weekly max 10 for the eligible, 200 agents made eligible on VDI, and
   * 300 extra VDI seats in the second week (crisis.ts)
   */
  'departement-crisis': (seed) =>
    crisisScenario(generateDepartement({ ...DEPARTEMENT_OPTIONS, seed }), {}, 'departement-crisis'),
  /** tiny on its strike day (v2): its main site closed on Thu 2026-12-10 */
  'tiny-strike': (seed) => strikeScenario(generateDepartement({ ...TINY_OPTIONS, seed }), { date: STRIKE_DATE }, 'tiny-strike'),
  /** tiny in the two-week crisis (v2), 4 extra VDI seats the second week */
  'tiny-crisis': (seed) => crisisScenario(generateDepartement({ ...TINY_OPTIONS, seed }), { extraSeats: 4 }, 'tiny-crisis'),
};

export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

/** Generates a named scenario; throws an Error listing the valid names for an unknown one. */
export function generateScenario(name: string, seed: number): DepartementScenario {
  const make = Object.prototype.hasOwnProperty.call(SCENARIOS, name) ? SCENARIOS[name] : undefined;
  if (!make) throw new Error(`unknown scenario "${name}": valid names are ${scenarioNames().join(', ')}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  return make(seed);
}
