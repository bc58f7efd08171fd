import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { workingHalfDays } from '../calendar/half-days';
import { formatCount } from '../format/figures';
import { PlanningSnapshot } from '../model/snapshot';
import { capacityOn, NormalisedSnapshot, normaliseSnapshot } from './normalised-snapshot';
import { PLANNING_SNAPSHOT_SCHEMA } from './snapshot-schema';

export interface ValidationError {
  /** JSON path in the snapshot, e.g. `agents[17].groupId` */
  path: string;
  message: string;
}

export type SnapshotValidation =
  | { ok: true; snapshot: NormalisedSnapshot }
  | { ok: false; errors: ValidationError[] };

/** Thrown by `planSnapshot` when the snapshot is refused; carries one error per bad path. */
export class SnapshotValidationError extends Error {
  constructor(readonly errors: ValidationError[]) {
    super(
      `invalid planning snapshot (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((e) => `  ${e.path}: ${e.message}`).join('\n'),
    );
    this.name = 'SnapshotValidationError';
  }
}

let compiled: ReturnType<Ajv2020['compile']> | undefined;
function schemaValidator(): ReturnType<Ajv2020['compile']> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(PLANNING_SNAPSHOT_SCHEMA as unknown as object);
  }
  return compiled;
}

/** "/agents/17/groupId" → "agents[17].groupId" */
export function toJsonPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter((p) => p !== '');
  if (child !== undefined) parts.push(child);
  let out = '';
  for (const raw of parts) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out === '' ? '(snapshot)' : out;
}

function schemaMessage(e: ErrorObject): ValidationError {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: toJsonPath(e.instancePath, String(params['missingProperty'])), message: 'is required' };
    case 'additionalProperties':
      return {
        path: toJsonPath(e.instancePath, String(params['additionalProperty'])),
        message: 'is not a known property',
      };
    case 'enum':
      return {
        path: toJsonPath(e.instancePath),
        message: `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { path: toJsonPath(e.instancePath), message: `must be ${JSON.stringify(params['allowedValue'])}` };
    case 'format':
      return {
        path: toJsonPath(e.instancePath),
        message: params['format'] === 'date' ? 'must be a calendar date YYYY-MM-DD' : `must be a ${String(params['format'])}`,
      };
    default:
      return { path: toJsonPath(e.instancePath), message: e.message ?? 'is invalid' };
  }
}

function onePerPath(errors: ValidationError[]): ValidationError[] {
  const seen = new Set<string>();
  const out: ValidationError[] = [];
  for (const e of errors) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    out.push(e);
  }
  return out;
}

/**
 * Checks a snapshot against the schema and its own references; returns it with the defaults
 * applied, or one error per bad path.
 */
export function validateSnapshot(input: unknown): SnapshotValidation {
  const validate = schemaValidator();
  if (!validate(input)) {
    return { ok: false, errors: onePerPath((validate.errors ?? []).map(schemaMessage)) };
  }
  const snapshot = normaliseSnapshot(input as PlanningSnapshot);
  const errors = onePerPath(referenceErrors(snapshot));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, snapshot };
}

function indexIds(
  items: readonly { id: string }[],
  collection: string,
  errors: ValidationError[],
): Map<string, number> {
  const byId = new Map<string, number>();
  items.forEach((item, i) => {
    const first = byId.get(item.id);
    if (first !== undefined) {
      errors.push({ path: `${collection}[${i}].id`, message: `duplicate id "${item.id}" (also ${collection}[${first}])` });
    } else {
      byId.set(item.id, i);
    }
  });
  return byId;
}

function referenceErrors(s: NormalisedSnapshot): ValidationError[] {
  const errors: ValidationError[] = [];
  if (s.horizon.from > s.horizon.to) {
    errors.push({ path: 'horizon.to', message: `${s.horizon.to} is before horizon.from ${s.horizon.from}` });
  }
  const pools = indexIds(s.pools, 'pools', errors);
  const sites = indexIds(s.sites, 'sites', errors);
  const groups = indexIds(s.groups, 'groups', errors);
  const agents = indexIds(s.agents, 'agents', errors);
  indexIds(s.requests, 'requests', errors);
  indexIds(s.reservations, 'reservations', errors);

  const groupSize = new Map<string, number>();
  s.agents.forEach((a, i) => {
    const at = `agents[${i}]`;
    if (!sites.has(a.siteId)) errors.push({ path: `${at}.siteId`, message: `unknown site "${a.siteId}"` });
    if (a.groupId !== null && !groups.has(a.groupId)) {
      errors.push({ path: `${at}.groupId`, message: `unknown group "${a.groupId}"` });
    }
    if (a.pool !== null && !pools.has(a.pool)) {
      errors.push({ path: `${at}.pool`, message: `unknown pool "${a.pool}"` });
    }
    if (a.eligible) {
      if (a.groupId === null) errors.push({ path: `${at}.groupId`, message: 'an eligible agent needs a group' });
      if (a.pool === null) errors.push({ path: `${at}.pool`, message: 'an eligible agent needs a pool' });
      if (a.groupId !== null) groupSize.set(a.groupId, (groupSize.get(a.groupId) ?? 0) + 1);
    }
    if (a.weeklyMin > a.weeklyMax) {
      errors.push({ path: `${at}.weeklyMin`, message: `${a.weeklyMin} is more than weeklyMax ${a.weeklyMax}` });
    }
  });
  s.groups.forEach((g, i) => {
    const n = groupSize.get(g.id) ?? 0;
    if (n > s.maxGroupSize) {
      errors.push({
        path: `groups[${i}]`,
        message: `group "${g.id}" has ${formatCount(n)} eligible agents, more than maxGroupSize ${formatCount(s.maxGroupSize)}`,
      });
    }
  });
  (s.rotation ?? []).forEach((c, i) => {
    if (!groups.has(c.groupId)) errors.push({ path: `rotation[${i}].groupId`, message: `unknown group "${c.groupId}"` });
  });
  s.requests.forEach((r, i) => {
    if (!agents.has(r.agentId)) errors.push({ path: `requests[${i}].agentId`, message: `unknown agent "${r.agentId}"` });
  });
  s.pools.forEach((p, i) => {
    const seen = new Set<string>();
    p.capacityChanges.forEach((c) => {
      if (seen.has(c.from)) {
        const j = (s.pools[i].capacityChanges ?? []).findIndex((x) => x.from === c.from);
        errors.push({ path: `pools[${i}].capacityChanges[${j}].from`, message: `two capacity changes from ${c.from}` });
      }
      seen.add(c.from);
    });
  });

  // Figures that no plan can respect: a reserve above the capacity, or reservations above the
  // seats left outside the reserve (rule 1 would fail with nobody remote).
  const halfDays = workingHalfDays(s.horizon, s.closedDates, s.timezone);
  s.pools.forEach((p, i) => {
    for (const h of halfDays) {
      const cap = capacityOn(p, h.date);
      if (p.reserve > cap) {
        errors.push({
          path: `pools[${i}].reserve`,
          message: `reserve of ${formatCount(p.reserve)} is more than the ${p.id} capacity of ${formatCount(cap)} on ${h.date}`,
        });
        break;
      }
    }
  });
  const reservedAt = new Map<string, { seats: number; first: number }>();
  s.reservations.forEach((r, i) => {
    if (!pools.has(r.pool)) {
      errors.push({ path: `reservations[${i}].pool`, message: `unknown pool "${r.pool}"` });
      return;
    }
    const key = `${r.pool}|${r.date}|${r.period}`;
    const cur = reservedAt.get(key);
    if (cur) cur.seats += r.seats;
    else reservedAt.set(key, { seats: r.seats, first: i });
  });
  const workingKeys = new Set(halfDays.map((h) => h.key));
  for (const [key, { seats, first }] of reservedAt) {
    const [poolId, date, period] = key.split('|');
    if (!workingKeys.has(`${date}${period}`)) continue;
    const pool = s.pools[pools.get(poolId) ?? 0];
    const cap = capacityOn(pool, date);
    const open = cap - pool.reserve;
    if (seats > open) {
      errors.push({
        path: `reservations[${first}].seats`,
        message:
          `${formatCount(seats)} seats reserved on ${poolId} on ${date} ${period}, more than the ` +
          `${formatCount(Math.max(0, open))} seats outside its reserve (capacity ${formatCount(cap)}, reserve ${formatCount(pool.reserve)})`,
      });
    }
  }
  return errors;
}
