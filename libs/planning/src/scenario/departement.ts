/**
 * Generator of a realistic French département: sites, org-unit tree with managers, people
 * (the directory the database needs) and the planning snapshot the engine reads.
 *
 * Pure and deterministic: the same options give the same scenario, byte for byte (seeded
 * mulberry32, no clock, no Math.random, no I/O).
 */
import type {
  AgentSnapshot, GroupSnapshot, PlanningSnapshot, RequestSnapshot, ReservationSnapshot,
  SiteSnapshot, WeekdayHalfDay, Period, RequestKind, RequestStatus, Tier,
} from '../model';
import { frenchPublicHolidays } from '../calendar/public-holidays';
import { mulberry32, type Rng } from './prng';
import { COLLEGE_NAMES, FIRST_NAMES, LAST_NAMES, TOWNS } from './french-names';
import {
  CABINET_NAME, DGAS, DGS_DIRECTIONS, DGS_NAME, HR_DIRECTION_CODE, IT_DIRECTION_CODE,
  SITE_KIND_LABEL, TERRITORIAL_SERVICE_LABEL, type DirectionSpec, type SiteKind,
} from './org-catalogue';

export interface ScenarioOrgUnit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  managerAgentId: string | null;
}

export type ScenarioRole = 'AGENT' | 'MANAGER' | 'HR' | 'ADMIN';

export interface ScenarioPerson {
  agentId: string;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  orgUnitId: string;
  managerAgentId: string | null;
  role: ScenarioRole;
}

export interface DepartementScenario {
  name: string;
  seed: number;
  snapshot: PlanningSnapshot;
  /** in tree order: every parent before its children */
  orgUnits: ScenarioOrgUnit[];
  /** one per `snapshot.agents` entry, same order */
  people: ScenarioPerson[];
}

export interface DepartementOptions {
  seed: number;
  agents: number;
  sites: number;
  /** first date of the horizon, a Monday */
  from: string;
  weeks: number;
  requests: number;
  /** a transport-strike day: a surge of REMOTE requests on that date */
  strikeDate?: string;
  /** share of telework-eligible agents, about 0.6 */
  eligibleShare?: number;
  vdiCapacity: number;
  vdiReserve: number;
  vpnCapacity: number;
  /** a council session held by video: seats reserved in the VDI pool */
  councilSession?: { date: string; period: Period; seats: number };
  maxGroupSize?: number;
  /** size multi-group sites for a 30 % remote floor instead of 20 % (harder on-site rule) */
  tightCaps?: boolean;
  /** share of the eligible agents on the VPN pool, the others on VDI (default 0.25) */
  vpnShare?: number;
  /** scenario name written into the result (default "departement") */
  name?: string;
  /** e-mail domain (default "departement.fr") */
  emailDomain?: string;
}

// ---------------------------------------------------------------------------------------
// dates (pure UTC arithmetic on ISO calendar dates)

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoToDay(iso: string): number {
  if (!ISO_DATE.test(iso)) throw new Error(`expected an ISO date YYYY-MM-DD, got "${iso}"`);
  const ms = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Math.round(ms / DAY_MS);
}
function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
/** 0 = Monday … 6 = Sunday */
function weekday(day: number): number {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

// ---------------------------------------------------------------------------------------
// names

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}
function emailPart(s: string): string {
  return stripAccents(s).toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}
/** "de Saint-Amand", "d'Aubigny", "du Puy-Sainte-Marie", "des Essarts" */
function ofTown(town: string): string {
  if (town.startsWith('Le ')) return `du ${town.slice(3)}`;
  if (town.startsWith('Les ')) return `des ${town.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔ]/.test(town)) return `d'${town}`;
  return `de ${town}`;
}
const TOWN_SUFFIXES = ['', '-Nord', '-Sud', '-Est', '-Ouest', '-Centre', '-la-Forêt', '-les-Vignes', '-sur-Mer', '-en-Plaine'];
function townName(i: number): string {
  const base = TOWNS[i % TOWNS.length];
  const round = Math.floor(i / TOWNS.length);
  return round < TOWN_SUFFIXES.length ? base + TOWN_SUFFIXES[round] : `${base} ${round + 1}`;
}
function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
function idWidth(count: number, min: number): number {
  return Math.max(min, String(count).length);
}

// ---------------------------------------------------------------------------------------
// internal drafts

interface SiteDraft { id: string; name: string; kind: SiteKind; town: string; }

type UnitKind = 'DGS' | 'CABINET' | 'DGA' | 'DIRECTION' | 'SERVICE' | 'TERRITORIAL' | 'BUREAU';

interface UnitDraft {
  index: number;
  id: string;
  code: string;
  name: string;
  parent: UnitDraft | null;
  children: UnitDraft[];
  kind: UnitKind;
  site: number;
  /** headcount weight */
  weight: number;
  /** relative chance that a member is telework-eligible */
  propensity: number;
  /** the direction (or DGA / DGS) the unit belongs to, for group names */
  directionName: string;
  directionCode: string;
  size: number;
  /** indexes of the unit's agents, the manager first */
  members: number[];
}

interface AgentDraft {
  unit: UnitDraft;
  site: number;
  eligible: boolean;
  tier: Tier;
  role: ScenarioRole;
  isManager: boolean;
  elected: boolean;
  pool: 'VDI' | 'VPN' | null;
  group: number;
  offHalfDays: WeekdayHalfDay[];
  weeklyMin: number;
  weeklyMax: number;
}

const TERRITORIAL_WEIGHT: Record<SiteKind, number> = {
  HOTEL: 1, MAISON: 5, ANTENNE: 1.5, CENTRE_ROUTIER: 1.6, COLLEGE: 0.9,
  ARCHIVES: 2, LABORATOIRE: 2, MEDIATHEQUE: 1.5, MDPH: 3, PARC: 1.5,
};
const TERRITORIAL_PROPENSITY: Record<SiteKind, number> = {
  HOTEL: 0.85, MAISON: 0.55, ANTENNE: 0.5, CENTRE_ROUTIER: 0.1, COLLEGE: 0.04,
  ARCHIVES: 0.5, LABORATOIRE: 0.3, MEDIATHEQUE: 0.5, MDPH: 0.8, PARC: 0.12,
};
const MAISON_POLES = ['Pôle enfance-famille', 'Pôle insertion', 'Pôle autonomie', "Pôle accueil et action sociale", 'Pôle santé-PMI'];

// ---------------------------------------------------------------------------------------

function buildSites(count: number, rng: Rng): SiteDraft[] {
  const kinds: SiteKind[] = ['HOTEL'];
  const specials: SiteKind[] = count >= 12 ? ['ARCHIVES', 'MDPH', 'LABORATOIRE', 'MEDIATHEQUE', 'PARC'] : [];
  kinds.push(...specials);
  const rest = count - kinds.length;
  if (rest < 0) throw new Error('sites must be at least 1');
  // Maisons 12 %, antennes 25 %, centres routiers 23 %, collèges 40 %; small scenarios take
  // one of each in that order first.
  const shares: [SiteKind, number][] = [['MAISON', 0.12], ['CENTRE_ROUTIER', 0.23], ['ANTENNE', 0.25], ['COLLEGE', 0.4]];
  const counts = shares.map(([, s]) => Math.floor(rest * s));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < rest; i = (i + 1) % shares.length) counts[i]++;
  const perKind: SiteKind[] = [];
  shares.forEach(([k], i) => { for (let j = 0; j < counts[i]; j++) perKind.push(k); });
  kinds.push(...perKind);

  const width = idWidth(count, 2);
  const seen = new Set<string>();
  let territorial = 0;
  // towns are dealt out in a seeded order so sites of different kinds are spread over the map
  const townOrder = rng.shuffle(Array.from({ length: Math.max(TOWNS.length - 1, 1) }, (_, i) => i + 1));
  return kinds.map((kind, i) => {
    const special = kind !== 'MAISON' && kind !== 'ANTENNE' && kind !== 'CENTRE_ROUTIER' && kind !== 'COLLEGE';
    const k = special ? 0 : territorial++;
    const townIndex = special ? 0 : townOrder[k % townOrder.length] + TOWNS.length * Math.floor(k / townOrder.length);
    const town = townName(townIndex);
    let name: string;
    switch (kind) {
      case 'HOTEL': name = `${SITE_KIND_LABEL.HOTEL}, ${town}`; break;
      case 'COLLEGE': name = `Collège ${COLLEGE_NAMES[(k * 7 + Math.floor(k / COLLEGE_NAMES.length)) % COLLEGE_NAMES.length]}, ${town}`; break;
      case 'ARCHIVES': case 'MDPH': case 'LABORATOIRE': case 'MEDIATHEQUE': case 'PARC':
        name = `${SITE_KIND_LABEL[kind]}, ${town}`; break;
      default: name = `${SITE_KIND_LABEL[kind]} ${ofTown(town)}`;
    }
    let unique = name;
    for (let n = 2; seen.has(unique); n++) unique = `${name} (${n})`;
    seen.add(unique);
    return { id: `S${pad(i + 1, width)}`, name: unique, kind, town };
  });
}

interface Scale { dgas: number; directionsPerDga: number; servicesPerDirection: number; dgsDirections: boolean; }
function scaleFor(agents: number): Scale {
  if (agents >= 1500) return { dgas: DGAS.length, directionsPerDga: 99, servicesPerDirection: 99, dgsDirections: true };
  if (agents >= 400) return { dgas: 3, directionsPerDga: 2, servicesPerDirection: 2, dgsDirections: false };
  return { dgas: 2, directionsPerDga: 1, servicesPerDirection: 0, dgsDirections: false };
}

function buildUnits(o: Required<Pick<DepartementOptions, 'agents'>>, sites: SiteDraft[], electedCount: number, cabinetStaff: number, rng: Rng): UnitDraft[] {
  const scale = scaleFor(o.agents);
  const units: UnitDraft[] = [];
  const siteOfKind = new Map<SiteKind, number>();
  sites.forEach((s, i) => { if (!siteOfKind.has(s.kind)) siteOfKind.set(s.kind, i); });
  const jitter = () => 0.6 + 0.8 * rng.next();

  const add = (parent: UnitDraft | null, kind: UnitKind, code: string, name: string, site: number, weight: number, propensity: number, direction?: { code: string; name: string }): UnitDraft => {
    const u: UnitDraft = {
      index: units.length, id: '', code, name, parent, children: [], kind, site, weight, propensity,
      directionName: direction?.name ?? parent?.directionName ?? name,
      directionCode: direction?.code ?? parent?.directionCode ?? code,
      size: 0, members: [],
    };
    units.push(u);
    parent?.children.push(u);
    return u;
  };

  const root = add(null, 'DGS', 'DGS', DGS_NAME, 0, 0.3, 0.95);
  if (electedCount > 0) {
    const cab = add(root, 'CABINET', 'CAB', CABINET_NAME, 0, 0, 1, { code: 'CAB', name: CABINET_NAME });
    cab.size = electedCount + cabinetStaff;
  }

  const selected: { spec: DirectionSpec; unit: UnitDraft }[] = [];
  const addDirection = (parent: UnitDraft, spec: DirectionSpec) => {
    const home = spec.home !== undefined && siteOfKind.has(spec.home) ? (siteOfKind.get(spec.home) as number) : 0;
    const d = add(parent, 'DIRECTION', spec.code, spec.name, home, 0.3, 0.95, spec);
    selected.push({ spec, unit: d });
    spec.services.slice(0, scale.servicesPerDirection).forEach((name, k) => {
      add(d, 'SERVICE', `${spec.code}-S${k + 1}`, name, home, jitter(), spec.code === 'DEC' ? 0.6 : 0.85);
    });
  };
  DGAS.slice(0, scale.dgas).forEach((dga) => {
    const g = add(root, 'DGA', dga.code, dga.name, 0, 0.2, 0.95, { code: dga.code, name: dga.name });
    dga.directions.slice(0, scale.directionsPerDga).forEach((spec) => addDirection(g, spec));
  });
  if (scale.dgsDirections) DGS_DIRECTIONS.forEach((spec) => addDirection(root, spec));

  // one territorial service per site outside the Hôtel (unless a direction has its home there)
  const homes = new Set(selected.map((s) => s.unit.site));
  const seq = new Map<string, number>();
  sites.forEach((site, i) => {
    if (site.kind === 'HOTEL' || homes.has(i)) return;
    const owner = selected.find((s) => s.spec.territorial?.includes(site.kind)) ?? selected[0];
    const n = (seq.get(owner.spec.code) ?? 0) + 1;
    seq.set(owner.spec.code, n);
    const label = site.kind === 'COLLEGE' ? `${TERRITORIAL_SERVICE_LABEL.COLLEGE} ${site.name.split(',')[0].replace('Collège ', '')} (${site.town})`
      : site.kind === 'MAISON' || site.kind === 'ANTENNE' || site.kind === 'CENTRE_ROUTIER' ? `${TERRITORIAL_SERVICE_LABEL[site.kind]} ${ofTown(site.town)}`
        : TERRITORIAL_SERVICE_LABEL[site.kind];
    add(owner.unit, 'TERRITORIAL', `${owner.spec.code}-T${n}`, label, i, TERRITORIAL_WEIGHT[site.kind] * jitter(), TERRITORIAL_PROPENSITY[site.kind]);
  });
  return units;
}

/** Largest-remainder apportionment of `total` over `weights`, each at least `min`. */
function apportion(total: number, weights: number[], min: number): number[] {
  const free = total - min * weights.length;
  if (free < 0) throw new Error(`not enough agents: ${total} for ${weights.length} org units of at least ${min}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (free * w) / sum : 0));
  const out = exact.map((x) => min + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

/** Services too big for one team are split into bureaux (or poles for a Maison). */
function splitBigUnits(units: UnitDraft[], sites: SiteDraft[]): UnitDraft[] {
  const out: UnitDraft[] = [];
  const visit = (u: UnitDraft) => {
    out.push(u);
    if ((u.kind === 'SERVICE' || u.kind === 'TERRITORIAL') && u.size > 80) {
      const head = 3;
      const k = Math.ceil((u.size - head) / 60);
      const sizes = apportion(u.size - head, new Array(k).fill(1), 1);
      u.size = head;
      const isMaison = sites[u.site].kind === 'MAISON';
      sizes.forEach((size, j) => {
        const name = isMaison && j < MAISON_POLES.length ? MAISON_POLES[j] : `Bureau ${j + 1} – ${u.name}`;
        const b: UnitDraft = {
          index: 0, id: '', code: `${u.code}-B${j + 1}`, name, parent: u, children: [], kind: 'BUREAU', site: u.site,
          weight: 0, propensity: u.propensity, directionName: u.directionName, directionCode: u.directionCode, size, members: [],
        };
        u.children.push(b);
      });
    }
    for (const c of u.children) visit(c);
  };
  visit(units[0]);
  const width = idWidth(out.length, 3);
  out.forEach((u, i) => { u.index = i; u.id = `U${pad(i + 1, width)}`; });
  return out;
}

// ---------------------------------------------------------------------------------------

export function generateDepartement(options: DepartementOptions): DepartementScenario {
  const o = {
    eligibleShare: 0.6, vpnShare: 0.25, maxGroupSize: 300, tightCaps: false, name: 'departement', emailDomain: 'departement.fr',
    ...options,
  };
  if (!Number.isInteger(o.agents) || o.agents < 10) throw new Error(`agents must be an integer of at least 10, got ${o.agents}`);
  if (!Number.isInteger(o.sites) || o.sites < 1) throw new Error(`sites must be a positive integer, got ${o.sites}`);
  if (!Number.isInteger(o.weeks) || o.weeks < 1) throw new Error(`weeks must be a positive integer, got ${o.weeks}`);
  if (!Number.isInteger(o.requests) || o.requests < 0) throw new Error(`requests must be a non-negative integer, got ${o.requests}`);
  if (!(o.eligibleShare > 0 && o.eligibleShare <= 1)) throw new Error(`eligibleShare must be in (0, 1], got ${o.eligibleShare}`);
  if (!Number.isInteger(o.maxGroupSize) || o.maxGroupSize < 1) throw new Error(`maxGroupSize must be a positive integer, got ${o.maxGroupSize}`);
  const fromDay = isoToDay(o.from);
  if (weekday(fromDay) !== 0) throw new Error(`from must be a Monday, got ${o.from}`);
  const toDay = fromDay + 7 * o.weeks - 1;
  const to = dayToIso(toDay);

  const rng = mulberry32(o.seed);
  const sites = buildSites(o.sites, rng.fork(1));

  // --- org units and headcounts
  const electedCount = Math.min(60, Math.max(2, Math.round(o.agents * 0.008)));
  const cabinetStaff = Math.min(8, Math.max(1, Math.round(o.agents / 1500)));
  const unitRng = rng.fork(2);
  let units = buildUnits(o, sites, electedCount, cabinetStaff, unitRng);
  const weighted = units.filter((u) => u.kind !== 'CABINET');
  const cabinetSize = units.find((u) => u.kind === 'CABINET')?.size ?? 0;
  apportion(o.agents - cabinetSize, weighted.map((u) => u.weight), 2).forEach((n, i) => { weighted[i].size = n; });
  units = splitBigUnits(units, sites);

  // --- agents, in tree order; the first member of a unit is its manager
  const maisons = sites.map((s, i) => (s.kind === 'MAISON' ? i : -1)).filter((i) => i >= 0);
  const agentRng = rng.fork(3);
  const agents: AgentDraft[] = [];
  for (const u of units) {
    for (let k = 0; k < u.size; k++) {
      const isManager = k === 0;
      const elected = u.kind === 'CABINET' && k >= cabinetStaff; // the first members are the cabinet staff
      let site = u.site;
      if (!isManager && u.kind === 'SERVICE' && sites[site].kind === 'HOTEL' && maisons.length > 0 && agentRng.chance(0.08)) {
        site = agentRng.pick(maisons); // central staff posted in a territorial Maison
      }
      u.members.push(agents.length);
      agents.push({
        unit: u, site, eligible: false, elected, isManager,
        tier: elected ? 'ELECTED' : isManager && (u.kind === 'DGS' || u.kind === 'DGA' || u.kind === 'DIRECTION' || u.kind === 'CABINET') ? 'DIRECTOR' : 'STANDARD',
        role: isManager ? 'MANAGER' : 'AGENT', pool: null, group: -1, offHalfDays: [], weeklyMin: 4, weeklyMax: 6,
      });
    }
  }
  const n = agents.length;

  // --- eligibility: exactly round(share × agents), weighted by the unit's kind of work
  // (Efraimidis–Spirakis weighted sampling); elected officials and directors always eligible.
  const eligibleTarget = Math.min(n, Math.max(Math.round(o.eligibleShare * n), agents.filter((a) => a.tier !== 'STANDARD').length));
  const eligRng = rng.fork(4);
  const keys = agents.map((a, i) => ({ i, key: a.tier !== 'STANDARD' ? Infinity : Math.log(Math.max(eligRng.next(), 1e-12)) / a.unit.propensity }));
  keys.sort((x, y) => y.key - x.key || x.i - y.i);
  for (let k = 0; k < eligibleTarget; k++) agents[keys[k].i].eligible = true;
  const eligibleIdx = agents.map((a, i) => (a.eligible ? i : -1)).filter((i) => i >= 0);

  // --- ESSENTIAL: 10 % of the eligible agents
  const tierRng = rng.fork(5);
  const standardEligible = tierRng.shuffle(eligibleIdx.filter((i) => agents[i].tier === 'STANDARD'));
  standardEligible.slice(0, Math.round(eligibleIdx.length * 0.1)).forEach((i) => { agents[i].tier = 'ESSENTIAL'; });

  // --- roles: a few HR agents in the HR direction, one or two administrators in IT
  const roleRng = rng.fork(6);
  const inDirection = (code: string) => agents.map((a, i) => (a.unit.directionCode === code && !a.isManager ? i : -1)).filter((i) => i >= 0);
  const plain = () => agents.map((a, i) => (!a.isManager && !a.elected && a.role === 'AGENT' ? i : -1)).filter((i) => i >= 0);
  const hrCount = Math.min(20, Math.max(2, Math.round(n / 800)));
  let hrPool = inDirection(HR_DIRECTION_CODE);
  if (hrPool.length < hrCount) hrPool = plain();
  roleRng.shuffle(hrPool).slice(0, hrCount).forEach((i) => { agents[i].role = 'HR'; });
  const adminCount = n >= 1000 ? 2 : 1;
  let adminPool = inDirection(IT_DIRECTION_CODE).filter((i) => agents[i].role === 'AGENT');
  if (adminPool.length < adminCount) adminPool = plain();
  roleRng.shuffle(adminPool).slice(0, adminCount).forEach((i) => { agents[i].role = 'ADMIN'; });

  // --- part-time: 15 % of the agents (not managers nor elected)
  const ptRng = rng.fork(7);
  const ptCandidates = ptRng.shuffle(agents.map((a, i) => (!a.isManager && !a.elected ? i : -1)).filter((i) => i >= 0));
  const fullDayOff = (d: string): WeekdayHalfDay[] => [`${d}_AM`, `${d}_PM`] as WeekdayHalfDay[];
  ptCandidates.slice(0, Math.round(n * 0.15)).forEach((i) => {
    const a = agents[i];
    const r = ptRng.next();
    if (r < 0.6) { a.offHalfDays = fullDayOff('WED'); a.weeklyMax = 5; }
    else if (r < 0.85) { a.offHalfDays = fullDayOff(ptRng.pick(['MON', 'MON', 'FRI', 'FRI', 'TUE', 'THU'])); a.weeklyMax = 5; }
    else {
      a.offHalfDays = ptRng.chance(0.5)
        ? ['MON_PM', 'TUE_PM', 'WED_PM', 'THU_PM', 'FRI_PM']
        : ['WED_PM', 'THU_AM', 'THU_PM', 'FRI_AM', 'FRI_PM'];
      a.weeklyMin = 2;
      a.weeklyMax = 3;
    }
  });

  // --- pools: a quarter of the eligible agents on VPN (laptops), the others on VDI; the
  // share does not follow the caps, so a variant with other caps has the same agents
  const poolRng = rng.fork(8);
  const vpnShare = o.vpnShare;
  const shuffledEligible = poolRng.shuffle([...eligibleIdx]);
  const vpnCount = Math.round(shuffledEligible.length * vpnShare);
  shuffledEligible.forEach((i, k) => { agents[i].pool = k < vpnCount ? 'VPN' : 'VDI'; });

  // --- rotation groups: elected officials together, then org units whole where they fit
  // (tree order keeps a direction's units side by side), members of a unit sorted by site.
  const groups: { members: number[]; name: string }[] = [];
  const max = o.maxGroupSize;
  const electedIdx = eligibleIdx.filter((i) => agents[i].elected);
  for (let k = 0; k < electedIdx.length; k += max) {
    groups.push({ members: electedIdx.slice(k, k + max), name: electedIdx.length > max ? `Élus ${groups.length + 1}` : 'Élus' });
  }
  const others = eligibleIdx.filter((i) => !agents[i].elected);
  const groupCount = Math.max(1, Math.ceil(others.length / Math.max(1, Math.floor(max * 0.85))));
  const target = Math.min(max, Math.ceil(others.length / groupCount));
  let cur: number[] = [];
  const close = () => { if (cur.length > 0) groups.push({ members: cur, name: '' }); cur = []; };
  for (const u of units) {
    const m = u.members.filter((i) => agents[i].eligible && !agents[i].elected).sort((x, y) => agents[x].site - agents[y].site || x - y);
    if (m.length === 0) continue;
    if (cur.length + m.length <= target || (cur.length + m.length <= max && cur.length < target / 2)) {
      cur.push(...m);
    } else if (m.length <= max) {
      close();
      cur = m;
    } else {
      close();
      for (let k = 0; k < m.length; k += target) { cur = m.slice(k, k + target); if (k + target < m.length) close(); }
    }
  }
  close();
  const gWidth = idWidth(groups.length, 3);
  groups.forEach((g, gi) => {
    for (const i of g.members) agents[i].group = gi;
    if (g.name) return;
    const byDirection = new Map<string, number>();
    for (const i of g.members) byDirection.set(agents[i].unit.directionName, (byDirection.get(agents[i].unit.directionName) ?? 0) + 1);
    const [main] = [...byDirection.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    g.name = `Groupe ${gi + 1} – ${main}${byDirection.size > 1 ? ` (+${byDirection.size - 1})` : ''}`;
  });

  // --- site capacities: the on-site rule matters on big sites shared by several groups,
  // and stays satisfiable: ineligible agents always fit, and a site needs at most 20 % (30 %
  // with tightCaps) of its eligible agents remote on any half-day. A site whose eligible
  // agents are mostly in one group gets a desk for everyone.
  const siteStats = sites.map(() => ({ eligible: 0, ineligible: 0, byGroup: new Map<number, number>() }));
  for (const a of agents) {
    const s = siteStats[a.site];
    if (a.eligible) { s.eligible++; s.byGroup.set(a.group, (s.byGroup.get(a.group) ?? 0) + 1); } else s.ineligible++;
  }
  const onSiteShare = o.tightCaps ? 0.7 : 0.8;
  const siteSnapshots: SiteSnapshot[] = sites.map((site, si) => {
    const s = siteStats[si];
    const largest = Math.max(0, ...s.byGroup.values());
    const shared = s.eligible >= 10 && s.byGroup.size >= 3 && largest <= s.eligible / 2;
    let capacity = s.ineligible + (shared ? Math.ceil(s.eligible * onSiteShare) : s.eligible);
    if (capacity >= 50) capacity = Math.ceil(capacity / 5) * 5;
    return { id: site.id, name: site.name, capacity };
  });

  // --- people: names, unique employee numbers and e-mails
  const peopleRng = rng.fork(9);
  const aWidth = idWidth(n, 4);
  const agentId = (i: number) => `A${pad(i + 1, aWidth)}`;
  const numbers: number[] = [];
  for (let k = 0, v = 10_000 + peopleRng.int(5_000); k < n; k++) { v += 1 + peopleRng.int(4); numbers.push(v); }
  peopleRng.shuffle(numbers);
  const numberWidth = Math.max(6, String(numbers.reduce((a, b) => Math.max(a, b), 0)).length);
  const firstParts = FIRST_NAMES.map(emailPart);
  const lastParts = LAST_NAMES.map(emailPart);
  const emailCount = new Map<string, number>();
  const people: ScenarioPerson[] = agents.map((a, i) => {
    const f = peopleRng.int(FIRST_NAMES.length);
    const l = peopleRng.int(LAST_NAMES.length);
    const local = `${firstParts[f]}.${lastParts[l]}`;
    const seen = (emailCount.get(local) ?? 0) + 1;
    emailCount.set(local, seen);
    const u = a.unit;
    const unitManager = u.members[0];
    const managerIdx = a.isManager ? (u.parent ? u.parent.members[0] : null) : unitManager;
    return {
      agentId: agentId(i),
      employeeNumber: `M${pad(numbers[i], numberWidth)}`,
      firstName: FIRST_NAMES[f],
      lastName: LAST_NAMES[l],
      email: `${seen === 1 ? local : `${local}${seen}`}@${o.emailDomain}`,
      orgUnitId: u.id,
      managerAgentId: managerIdx === null || managerIdx === undefined ? null : agentId(managerIdx),
      role: a.role,
    };
  });
  // "jean.martin2" could also be a born name + 2 of someone else: make sure, and fix by suffix
  const emails = new Set<string>();
  for (const p of people) {
    let e = p.email;
    for (let k = 2; emails.has(e); k++) e = p.email.replace('@', `-${k}@`);
    p.email = e;
    emails.add(e);
  }

  const orgUnits: ScenarioOrgUnit[] = units.map((u) => ({
    id: u.id, code: u.code, name: u.name, parentId: u.parent ? u.parent.id : null,
    managerAgentId: u.members.length > 0 ? agentId(u.members[0]) : null,
  }));

  // --- snapshot agents (defaults left out: tier STANDARD, weekly 4..6, no off half-day)
  const groupId = (g: number) => `G${pad(g + 1, gWidth)}`;
  const snapshotAgents: AgentSnapshot[] = agents.map((a, i) => {
    const s: AgentSnapshot = a.eligible
      ? { id: agentId(i), siteId: sites[a.site].id, groupId: groupId(a.group), eligible: true, pool: a.pool }
      : { id: agentId(i), siteId: sites[a.site].id, eligible: false };
    if (a.eligible) {
      if (a.tier !== 'STANDARD') s.tier = a.tier;
      if (a.weeklyMin !== 4) s.weeklyMin = a.weeklyMin;
      if (a.weeklyMax !== 6) s.weeklyMax = a.weeklyMax;
    }
    if (a.offHalfDays.length > 0) s.offHalfDays = a.offHalfDays;
    return s;
  });
  const groupSnapshots: GroupSnapshot[] = groups.map((g, gi) => ({ id: groupId(gi), name: g.name }));

  // --- calendar
  const closedDates = frenchPublicHolidays(o.from, to);
  const closed = new Set(closedDates);
  const workDays: number[] = [];
  for (let d = fromDay; d <= toDay; d++) if (weekday(d) < 5 && !closed.has(dayToIso(d))) workDays.push(d);
  const closedWeekdays = closedDates.map(isoToDay).filter((d) => weekday(d) < 5);

  // --- requests
  const requests = generateRequests(o, rng.fork(10), agents, eligibleIdx, workDays, closedWeekdays, fromDay);

  // --- reservation
  const reservations: ReservationSnapshot[] = [];
  if (o.councilSession) {
    reservations.push({
      id: 'RES-CONSEIL-1', pool: 'VDI', date: o.councilSession.date, period: o.councilSession.period,
      seats: o.councilSession.seats, label: 'Séance départementale (visio)',
    });
  }

  const snapshot: PlanningSnapshot = {
    version: 1,
    horizon: { from: o.from, to },
    timezone: 'Europe/Paris',
    closedDates,
    maxGroupSize: o.maxGroupSize,
    pools: [
      { id: 'VDI', capacity: o.vdiCapacity, reserve: o.vdiReserve },
      { id: 'VPN', capacity: o.vpnCapacity, reserve: 0 },
    ],
    sites: siteSnapshots,
    groups: groupSnapshots,
    agents: snapshotAgents,
    requests: requests.map((r, k) => ({ ...r, id: `Q${pad(k + 1, idWidth(requests.length, 4))}` })),
    reservations,
  };
  return { name: o.name, seed: o.seed, snapshot, orgUnits, people };
}

/**
 * ~2 % of requests on a closed weekday (refused as "not a working half-day" if approved),
 * 40 % on the strike day (full days, mostly approved in a hurry), the rest spread over the
 * working days; array order is submission order (a request is filed a few days ahead).
 */
function generateRequests(
  o: DepartementOptions, rng: Rng, agents: AgentDraft[], eligibleIdx: number[],
  workDays: number[], closedWeekdays: number[], fromDay: number,
): Omit<RequestSnapshot, 'id'>[] {
  type Draft = Omit<RequestSnapshot, 'id' | 'agentId'> & { agent: number; submitted: number; seq: number };
  const out: Draft[] = [];
  const taken = new Set<string>();
  const total = o.requests;
  if (total === 0 || agents.length === 0) return [];
  const strikeDay = o.strikeDate !== undefined ? isoToDay(o.strikeDate) : NaN;
  const strikeOk = workDays.includes(strikeDay);
  const strikeN = strikeOk ? Math.round(total * 0.4) : 0;
  const closedN = closedWeekdays.length > 0 ? Math.min(Math.round(total * 0.005) || (total >= 20 ? 1 : 0), total - strikeN) : 0;
  const baseN = total - strikeN - closedN;
  const ineligible = agents.map((a, i) => (a.eligible ? -1 : i)).filter((i) => i >= 0);
  const pickAgent = (): number => (ineligible.length > 0 && (eligibleIdx.length === 0 || rng.chance(0.03)) ? rng.pick(ineligible) : rng.pick(eligibleIdx));
  const status = (approved: number, pending: number): RequestStatus => {
    const r = rng.next();
    return r < approved ? 'APPROVED' : r < approved + pending ? 'PENDING' : 'REFUSED';
  };
  const push = (agent: number, day: number, period: Period, kind: RequestKind, st: RequestStatus, submitted: number): boolean => {
    const key = `${agent}|${day}|${period}`;
    if (taken.has(key)) return false;
    taken.add(key);
    out.push({ agent, date: dayToIso(day), period, kind, status: st, submitted, seq: out.length });
    return true;
  };
  const fill = (count: number, make: (left: number) => number) => {
    let left = count;
    for (let attempts = 0; left > 0 && attempts < count * 50; attempts++) left -= make(left);
  };
  // the strike: announced two days ahead, requests pour in the day before
  fill(strikeN, (left) => {
    const agent = eligibleIdx.length > 0 ? rng.pick(eligibleIdx) : pickAgent();
    const st = status(0.85, 0.12);
    const submitted = strikeDay - 1 + rng.next();
    let made = push(agent, strikeDay, 'AM', 'REMOTE', st, submitted) ? 1 : 0;
    if (left - made > 0 && rng.chance(0.8)) made += push(agent, strikeDay, 'PM', 'REMOTE', st, submitted + 1e-6) ? 1 : 0;
    return made;
  });
  const ordinary = (days: number[]) => (left: number) => {
    const agent = pickAgent();
    const day = rng.pick(days);
    const kind: RequestKind = rng.chance(0.85) ? 'REMOTE' : 'ON_SITE';
    const st = status(0.7, 0.2);
    const submitted = Math.max(fromDay - 14, day - 1 - rng.int(10)) + rng.next();
    if (left >= 2 && rng.chance(0.4)) {
      return (push(agent, day, 'AM', kind, st, submitted) ? 1 : 0) + (push(agent, day, 'PM', kind, st, submitted + 1e-6) ? 1 : 0);
    }
    return push(agent, day, rng.chance(0.5) ? 'AM' : 'PM', kind, st, submitted) ? 1 : 0;
  };
  fill(closedN, ordinary(closedWeekdays));
  fill(baseN, ordinary(workDays.length > 0 ? workDays : [fromDay]));
  out.sort((a, b) => a.submitted - b.submitted || a.seq - b.seq);
  const aWidth = idWidth(agents.length, 4);
  return out.map((d) => ({ agentId: `A${pad(d.agent + 1, aWidth)}`, date: d.date, period: d.period, kind: d.kind, status: d.status }));
}
