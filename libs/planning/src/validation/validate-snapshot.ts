import type { ErrorObject } from 'ajv';
import { recordText, type SnapshotProblem } from '@telework/contracts';
import { carriedHalfDaysBefore } from '../calendar/carried-week';
import { HalfDay, workingHalfDays } from '../calendar/half-days';
import { Period, PlanningSnapshot } from '../model/snapshot';
import { capacityOn, NormalisedEvent, NormalisedSnapshot, normaliseSnapshot } from './normalised-snapshot';
import validateSchemaV1 from './snapshot-validator.generated';
import validateSchemaV2 from './snapshot-v2-validator.generated';

/**
 * One error of a snapshot: where (`path`), what as data (`code` and its figures, a
 * `SnapshotProblem` of libs/contracts) and its record wording (`message`, `recordText` of it).
 */
export type ValidationError = SnapshotProblem & {
  /** JSON path in the snapshot, e.g. `agents[17].groupId` */
  path: string;
  message: string;
};

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

/** The error at `path`: the problem, its figures and its record wording. */
export function snapshotError(path: string, problem: SnapshotProblem): ValidationError {
  return { path, ...problem, message: recordText(problem) };
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

/** The value at a JSON pointer of the input ("/agents/3/tier"), or undefined. */
function valueAt(input: unknown, instancePath: string): unknown {
  let value = input;
  for (const raw of instancePath.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

/** A value named in a message: a string, number or boolean as written, at most 80 characters. */
function shown(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

const TYPE_PROBLEMS: Record<string, SnapshotProblem> = {
  string: { code: 'NOT_A_STRING' },
  integer: { code: 'NOT_AN_INTEGER' },
  number: { code: 'NOT_A_NUMBER' },
  boolean: { code: 'NOT_A_BOOLEAN' },
  array: { code: 'NOT_AN_ARRAY' },
  object: { code: 'NOT_AN_OBJECT' },
};

/** One schema error as a coded error: the field checks of libs/contracts (REQUIRED, NOT_ALLOWED…). */
function schemaError(e: ErrorObject, input: unknown): ValidationError {
  const params = e.params as Record<string, unknown>;
  const at = toJsonPath(e.instancePath);
  const notAllowed = (allowed: unknown[]): ValidationError => {
    const value = shown(valueAt(input, e.instancePath));
    return snapshotError(at, { code: 'NOT_ALLOWED', allowed: allowed.map((v) => String(v)), ...(value === undefined ? {} : { value }) });
  };
  switch (e.keyword) {
    case 'required':
      return snapshotError(toJsonPath(e.instancePath, String(params['missingProperty'])), { code: 'REQUIRED' });
    case 'additionalProperties':
      return snapshotError(toJsonPath(e.instancePath, String(params['additionalProperty'])), { code: 'UNKNOWN_FIELD' });
    case 'enum':
      return notAllowed(params['allowedValues'] as unknown[]);
    case 'const':
      return notAllowed([params['allowedValue']]);
    case 'format':
      return snapshotError(at, params['format'] === 'date' ? { code: 'NOT_A_DATE' } : { code: 'BAD_FORMAT', format: String(params['format']) });
    case 'type': {
      // ["string", "null"]: the value is neither, name the type it should have
      const types = ([] as unknown[]).concat(params['type']).filter((t) => t !== 'null');
      return snapshotError(at, TYPE_PROBLEMS[String(types[0])] ?? { code: 'INVALID_VALUE' });
    }
    case 'minimum':
      return snapshotError(at, { code: 'TOO_SMALL', min: Number(params['limit']) });
    case 'maximum':
      return snapshotError(at, { code: 'TOO_LARGE', max: Number(params['limit']) });
    default:
      return snapshotError(at, { code: 'INVALID_VALUE' });
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
  // compiled ahead of time (snapshot-validator.codegen.ts): no Ajv compilation at run time.
  // `version: 2` picks the version 2 schema; anything else is read as version 1, whose
  // `version` error then names both versions allowed.
  const v2 = !!input && typeof input === 'object' && (input as { version?: unknown }).version === 2;
  const validate = v2 ? validateSchemaV2 : validateSchemaV1;
  if (!validate(input)) {
    const errors = (validate.errors ?? []).map((e) =>
      !v2 && e.instancePath === '/version' && e.keyword === 'const'
        ? ({ ...e, keyword: 'enum', params: { allowedValues: [1, 2] } } as ErrorObject)
        : e,
    );
    return { ok: false, errors: onePerPath(errors.map((e) => schemaError(e, input))) };
  }
  const snapshot = normaliseSnapshot(input as PlanningSnapshot);
  const errors = onePerPath(referenceErrors(snapshot, input as PlanningSnapshot));
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
      errors.push(snapshotError(`${collection}[${i}].id`, { code: 'DUPLICATE_ID', id: item.id, first: `${collection}[${first}]` }));
    } else {
      byId.set(item.id, i);
    }
  });
  return byId;
}

/** `input`: the snapshot as given (its capacity changes in their own order), `s` normalised. */
function referenceErrors(s: NormalisedSnapshot, input: PlanningSnapshot): ValidationError[] {
  const errors: ValidationError[] = [];
  if (s.horizon.from > s.horizon.to) {
    errors.push(snapshotError('horizon.to', { code: 'RANGE_END_BEFORE_START', from: s.horizon.from }));
  }
  const pools = indexIds(s.pools, 'pools', errors);
  const sites = indexIds(s.sites, 'sites', errors);
  const groups = indexIds(s.groups, 'groups', errors);
  const agents = indexIds(s.agents, 'agents', errors);
  indexIds(s.requests, 'requests', errors);
  indexIds(s.reservations, 'reservations', errors);

  const groupSize = new Map<string, number>();
  const carriedRoom = carriedHalfDaysBefore(s.horizon.from);
  s.agents.forEach((a, i) => {
    const at = `agents[${i}]`;
    if (!sites.has(a.siteId)) errors.push(snapshotError(`${at}.siteId`, { code: 'UNKNOWN_SITE', value: a.siteId }));
    if (a.groupId !== null && !groups.has(a.groupId)) {
      errors.push(snapshotError(`${at}.groupId`, { code: 'UNKNOWN_GROUP', value: a.groupId }));
    }
    if (a.pool !== null && !pools.has(a.pool)) {
      errors.push(snapshotError(`${at}.pool`, { code: 'POOL_NOT_CONFIGURED', value: a.pool }));
    }
    if (a.eligible) {
      if (a.groupId === null) errors.push(snapshotError(`${at}.groupId`, { code: 'ELIGIBLE_NEEDS_GROUP' }));
      if (a.pool === null) errors.push(snapshotError(`${at}.pool`, { code: 'ELIGIBLE_NEEDS_POOL' }));
      if (a.groupId !== null) groupSize.set(a.groupId, (groupSize.get(a.groupId) ?? 0) + 1);
    }
    if (a.weeklyMin > a.weeklyMax) {
      errors.push(snapshotError(`${at}.weeklyMin`, { code: 'WEEKLY_MIN_ABOVE_MAX', weeklyMin: a.weeklyMin, weeklyMax: a.weeklyMax }));
    }
    if (a.carried) {
      // the frozen part of the cut week: the weekday half-days of horizon.from's ISO week before it
      if (a.carried.working > carriedRoom) {
        errors.push(snapshotError(`${at}.carried.working`, { code: 'TOO_LARGE', max: carriedRoom }));
      }
      if (a.carried.remote > a.carried.working) {
        errors.push(snapshotError(`${at}.carried.remote`, { code: 'TOO_LARGE', max: a.carried.working }));
      }
    }
  });
  s.groups.forEach((g, i) => {
    const n = groupSize.get(g.id) ?? 0;
    if (n > s.maxGroupSize) {
      errors.push(snapshotError(`groups[${i}]`, { code: 'GROUP_OVER_MAX_SIZE', group: g.id, members: n, max: s.maxGroupSize }));
    }
  });
  (s.rotation ?? []).forEach((c, i) => {
    if (!groups.has(c.groupId)) errors.push(snapshotError(`rotation[${i}].groupId`, { code: 'UNKNOWN_GROUP', value: c.groupId }));
  });
  s.requests.forEach((r, i) => {
    if (!agents.has(r.agentId)) errors.push(snapshotError(`requests[${i}].agentId`, { code: 'UNKNOWN_AGENT', value: r.agentId }));
  });
  // indices as given (normalised changes are sorted): the repeated one, and the first one in `index`
  input.pools.forEach((p, i) => {
    const first = new Map<string, number>();
    (p.capacityChanges ?? []).forEach((c, k) => {
      const j = first.get(c.from);
      if (j !== undefined) {
        errors.push(snapshotError(`pools[${i}].capacityChanges[${k}].from`, { code: 'CAPACITY_CHANGE_DATE_REPEATED', date: c.from, index: j }));
      } else {
        first.set(c.from, k);
      }
    });
  });

  // Figures that no plan can respect: a reserve above the capacity, or reservations above the
  // seats left outside the reserve (rule 1 would fail with nobody remote).
  const halfDays = workingHalfDays(s.horizon, s.closedDates, s.timezone);
  s.pools.forEach((p, i) => {
    for (const h of halfDays) {
      const cap = capacityOn(p, h.date);
      if (p.reserve > cap) {
        errors.push(snapshotError(`pools[${i}].reserve`, { code: 'RESERVE_ABOVE_CAPACITY', pool: p.id, reserve: p.reserve, capacity: cap, from: h.date }));
        break;
      }
    }
  });
  const reservedAt = new Map<string, { seats: number; first: number }>();
  s.reservations.forEach((r, i) => {
    if (!pools.has(r.pool)) {
      errors.push(snapshotError(`reservations[${i}].pool`, { code: 'POOL_NOT_CONFIGURED', value: r.pool }));
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
      errors.push(snapshotError(`reservations[${first}].seats`, {
        code: 'RESERVED_SEATS_ABOVE_OPEN', pool: poolId, date, period: period as Period,
        reserved: seats, open: Math.max(0, open), capacity: cap, reserve: pool.reserve,
      }));
    }
  }
  if (s.events) errors.push(...eventErrors(s, s.events, { sites, pools, agents, halfDays }));
  return errors;
}

const periodRank = (date: string, period: Period) => `${date}${period === 'AM' ? 0 : 1}`;

/** Version 2: each event's references, its half-day range and capacities no plan can respect. */
function eventErrors(
  s: NormalisedSnapshot,
  events: NormalisedEvent[],
  ix: { sites: Map<string, number>; pools: Map<string, number>; agents: Map<string, number>; halfDays: HalfDay[] },
): ValidationError[] {
  const errors: ValidationError[] = [];
  indexIds(events, 'events', errors);
  const unknownAgents = (ids: string[] | undefined, at: string) =>
    (ids ?? []).forEach((id, k) => {
      if (!ix.agents.has(id)) errors.push(snapshotError(`${at}.agentIds[${k}]`, { code: 'UNKNOWN_AGENT', value: id }));
    });
  events.forEach((e, i) => {
    const at = `events[${i}]`;
    if (periodRank(e.to, e.toPeriod) < periodRank(e.from, e.fromPeriod)) {
      errors.push(snapshotError(`${at}.to`, { code: 'RANGE_END_BEFORE_START', from: e.from }));
    }
    const firstSite = new Map<string, number>();
    e.sites.forEach((x, k) => {
      if (!ix.sites.has(x.siteId)) errors.push(snapshotError(`${at}.sites[${k}].siteId`, { code: 'UNKNOWN_SITE', value: x.siteId }));
      const j = firstSite.get(x.siteId);
      if (j !== undefined) errors.push(snapshotError(`${at}.sites[${k}].siteId`, { code: 'DUPLICATE_ID', id: x.siteId, first: `${at}.sites[${j}]` }));
      else firstSite.set(x.siteId, k);
    });
    const firstPool = new Map<string, number>();
    e.pools.forEach((x, k) => {
      const p = ix.pools.get(x.poolId);
      const j = firstPool.get(x.poolId);
      if (p === undefined) {
        errors.push(snapshotError(`${at}.pools[${k}].poolId`, { code: 'POOL_NOT_CONFIGURED', value: x.poolId }));
      } else if (j !== undefined) {
        errors.push(snapshotError(`${at}.pools[${k}].poolId`, { code: 'DUPLICATE_ID', id: x.poolId, first: `${at}.pools[${j}]` }));
      } else if (s.pools[p].reserve > x.capacity) {
        errors.push(snapshotError(`${at}.pools[${k}].capacity`, {
          code: 'RESERVE_ABOVE_CAPACITY', pool: x.poolId, reserve: s.pools[p].reserve, capacity: x.capacity, from: e.from,
        }));
      } else {
        const reservedErr = reservedAboveEventCapacity(s, e, x.poolId, x.capacity, ix.halfDays);
        if (reservedErr) errors.push(snapshotError(`${at}.pools[${k}].capacity`, reservedErr));
      }
      if (j === undefined) firstPool.set(x.poolId, k);
    });
    const firstExtra = new Map<string, number>();
    e.extraEligible.forEach((x, k) => {
      if (!ix.agents.has(x.agentId)) errors.push(snapshotError(`${at}.extraEligible[${k}].agentId`, { code: 'UNKNOWN_AGENT', value: x.agentId }));
      else if (firstExtra.has(x.agentId)) {
        errors.push(snapshotError(`${at}.extraEligible[${k}].agentId`, { code: 'DUPLICATE_ID', id: x.agentId, first: `${at}.extraEligible[${firstExtra.get(x.agentId)}]` }));
      } else firstExtra.set(x.agentId, k);
      if (!ix.pools.has(x.pool)) errors.push(snapshotError(`${at}.extraEligible[${k}].pool`, { code: 'POOL_NOT_CONFIGURED', value: x.pool }));
    });
    unknownAgents(e.onSite?.agentIds, `${at}.onSite`);
    unknownAgents(e.regime?.scope?.agentIds, `${at}.regime.scope`);
  });
  return errors;
}

/** Seats reserved on one of the event's half-days above what the event's capacity keeps outside the reserve. */
function reservedAboveEventCapacity(
  s: NormalisedSnapshot,
  e: NormalisedEvent,
  poolId: string,
  capacity: number,
  halfDays: HalfDay[],
): SnapshotProblem | null {
  const pool = s.pools.find((p) => p.id === poolId);
  if (!pool) return null;
  const from = periodRank(e.from, e.fromPeriod);
  const to = periodRank(e.to, e.toPeriod);
  const inside = new Set(halfDays.filter((h) => periodRank(h.date, h.period) >= from && periodRank(h.date, h.period) <= to).map((h) => h.key));
  const seats = new Map<string, number>();
  for (const r of s.reservations) {
    if (r.pool !== poolId || !inside.has(`${r.date}${r.period}`)) continue;
    seats.set(`${r.date}${r.period}`, (seats.get(`${r.date}${r.period}`) ?? 0) + r.seats);
  }
  const open = capacity - pool.reserve;
  for (const h of halfDays) {
    const reserved = seats.get(h.key) ?? 0;
    if (reserved > open) {
      return {
        code: 'RESERVED_SEATS_ABOVE_OPEN', pool: poolId, date: h.date, period: h.period,
        reserved, open: Math.max(0, open), capacity, reserve: pool.reserve,
      };
    }
  }
  return null;
}
