import { DataSource } from 'typeorm';
import { isKnownMessageCode } from '@telework/contracts';
import { TEST_DATABASE_MODES } from '@telework/persistence/testing';
import { ApiHarness, startApi } from '../testing/api-harness';

jest.setTimeout(600_000);

/**
 * Malformed input on every route of the OpenAPI document the API serves, as each role and
 * without a token: wrong types, null, huge strings, impossible dates, unknown and SQL-looking
 * ids, arrays for objects, deep nesting, broken JSON, malformed query strings and path params.
 * The API must answer every one of them without a 5xx, within a few seconds, and leave the data
 * exactly as it was (a digest of every table before and after). Every 4xx must be a coded problem:
 * a `code` the contracts catalogue knows (isKnownMessageCode), and so must each of its fields.
 *
 * Deterministic: the cases come from a seeded generator (SEED), and the same seed gives the same
 * requests in the same order. Only malformed input is sent: a route is never given a body it
 * would accept (a valid body would legitimately change data). Routes that change data whatever
 * their body (no request body in the document) are only sent to unknown or malformed ids.
 */
const SEED = 20261130;
const ROLES = ['ADMIN', 'HR', 'MANAGER', 'AGENT'] as const;
type Caller = (typeof ROLES)[number] | 'ANONYMOUS';
/** cases per route for a signed-in role, and without a token (the guard answers before any pipe) */
const CASES_PER_ROLE = 20;
const CASES_ANONYMOUS = 4;
const CONCURRENCY = 4;
/** a route that starts a long job on malformed input counts as a failure */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Skipped whole, and why:
 * - POST /api/me/calendar-link renews the caller's feed token whatever the body (it takes none);
 * - GET /api/me/calendar-link makes the token on first call: it is called once per role before
 *   the first digest, so that later calls change nothing (see beforeAll).
 */
const SKIPPED = new Set(['POST /api/me/calendar-link']);
/**
 * Routes that start a planning job (inline under the test runner: seconds of blocked event loop)
 * when their query is valid: their required query params are not set at their examples, so one
 * param that happens to be valid (weeklyMin=0) cannot start a job. Bodies get only values invalid
 * for their type next to valid examples (invalidFor), which no job starts on.
 */
const LONG_JOBS = new Set(['GET /api/capacity/licences']);
/**
 * Routes where an empty (or fully stripped) body means something: never sent `{}`.
 * - POST /api/accounts/invitations: `{}` invites every agent without an account;
 * - POST /api/me/notices/read: `{}` marks every notice read;
 * - POST /api/groups/auto-form: `{}` forms the rotation groups.
 */
const EMPTY_BODY_MEANS_ALL = new Set(['POST /api/accounts/invitations', 'POST /api/me/notices/read', 'POST /api/groups/auto-form']);

// ---------- seeded generator ----------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(random: () => number, items: T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

function deepObject(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function deepArrayRaw(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const SQL = ["' OR '1'='1", "'; DROP TABLE agents; --", '1; SELECT pg_sleep(10)', '\\', '%_%', "$1'", 'NULL'];
const DATES = ['2026-02-30', '0000-01-01', '2026-13-01', '20261201', '-001-01-01', '275760-09-13', '2026-12-07T00:00:00Z'];
const IDS = ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', "' OR 1=1 --", '1', '-1', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];

/** Values that are wrong for any field of a JSON body (or at least for most). */
const BAD_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 63, Number.MAX_SAFE_INTEGER + 2,
  '', ' ', 'x'.repeat(20_000), '\u0000', 'a\u0000b', '\ud800', ...SQL, ...DATES, ...IDS,
  [], [null], ['x'], [1, 2, 3], {}, { $gt: '' }, { length: 1e9 }, deepObject(40), deepObject(3_000),
  new Array(2_000).fill('AM'),
];

/** Values that no schema of the document accepts for a field of this type: safe next to valid siblings. */
function invalidFor(schema: Schema): unknown[] {
  const type = schema.type;
  const values: unknown[] = [null, [[]], { nested: { deep: true } }];
  if (schema.nullable) values.shift();
  if (type === 'string') {
    values.push(12, true);
    if (schema.format === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(String(schema.example ?? ''))) values.push(...DATES);
    if (schema.enum) values.push('NOT_IN_ENUM', String(schema.enum[0]).toLowerCase() + '\u0000');
    if (schema.maxLength !== undefined) values.push('x'.repeat(schema.maxLength + 1));
  } else if (type === 'integer' || type === 'number') {
    values.push('12', 1.5, 1e308, -1e308, 2 ** 63, Number.NaN);
    if (schema.maximum !== undefined) values.push(schema.maximum + 1);
    if (schema.minimum !== undefined) values.push(schema.minimum - 1);
  } else if (type === 'boolean') {
    values.push('true', 1, 0);
  } else if (type === 'array') {
    values.push('AM', 12, { 0: 'x' }, [null], new Array(20_000).fill(0));
  }
  return values;
}

/** A value the field's schema would take (e.g. `false` for a boolean): never sent, it could pass. */
function plausiblyValid(schema: Schema, value: unknown): boolean {
  if (schema.type === 'boolean') return typeof value === 'boolean';
  if (schema.type === 'array') return Array.isArray(value) && value.length === 0;
  if (schema.type === 'integer' || schema.type === 'number') {
    return typeof value === 'number' && Number.isInteger(value) && value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
  }
  return false;
}

// ---------- the OpenAPI document ----------

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  maxLength?: number;
  maximum?: number;
  minimum?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  $ref?: string;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema?: Schema; example?: unknown }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

interface Route {
  method: string;
  path: string;
  key: string;
  operation: Operation;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Case {
  caller: Caller;
  method: string;
  url: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  authorization?: string;
  label: string;
}

function resolveSchema(document: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(document, document.components.schemas[schema.$ref.split('/').pop() as string]);
  if (schema.allOf?.length === 1) return resolveSchema(document, schema.allOf[0]);
  return schema;
}

function routesOf(document: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const upper = method.toUpperCase();
      routes.push({ method: upper, path, key: `${upper} ${path.replace(/\{[^}]+\}/g, (m) => `:${m.slice(1, -1)}`)}`, operation });
    }
  }
  return routes;
}

function withPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? IDS[0]));
}

function exampleOf(document: OpenApiDocument, schema: Schema | undefined): unknown {
  const s = resolveSchema(document, schema);
  return s?.example;
}

/**
 * Every case of a route, for one caller. Path params are unknown or malformed ids; real ids
 * (ids) are only combined with bodies that are invalid for the schema, so nothing can pass.
 */
function casesOf(document: OpenApiDocument, route: Route, caller: Caller, ids: Record<string, string>, random: () => number): Case[] {
  const cases: Case[] = [];
  const pathParams = (route.operation.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (route.operation.parameters ?? []).filter((p) => p.in === 'query');
  const realId = ids[route.path.split('/')[2]];
  const unknownPath = withPath(route.path, {});
  const realPath = realId && pathParams.length === 1 ? withPath(route.path, { [pathParams[0].name]: realId }) : null;
  const writes = route.method !== 'GET';
  const push = (c: Omit<Case, 'caller' | 'method'>) => cases.push({ caller, method: route.method, ...c });

  // malformed path params
  for (const param of pathParams) {
    for (const id of [...IDS, ...SQL, 'x'.repeat(3_000), '%00', '..%2F..%2Fetc%2Fpasswd', '2026-02-30']) {
      const url = route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === param.name ? encodeURIComponent(id) : IDS[0]));
      push({ url, label: `path ${param.name}=${id.slice(0, 40)}`, ...(writes ? { body: {} } : {}) });
    }
  }

  // malformed query strings, one param at a time, the others at their examples when required
  const baseQuery = new URLSearchParams();
  for (const param of LONG_JOBS.has(route.key) ? [] : queryParams) {
    const example = param.example ?? exampleOf(document, param.schema);
    if (param.required && example !== undefined) baseQuery.set(param.name, String(example));
  }
  const queryValues = ['', 'x'.repeat(3_000), '%00', 'a\u0000b', ...SQL, ...DATES, ...IDS, '-1', '0', '1e308', '99999999999999999999', '1.5', 'NaN', 'true', '[]', '{}'];
  for (const param of queryParams) {
    for (const value of queryValues.filter((v) => !/^\d+$/.test(v) || !plausiblyValid(resolveSchema(document, param.schema) ?? {}, Number(v)))) {
      const query = new URLSearchParams(baseQuery);
      query.set(param.name, value);
      push({ url: `${unknownPath}?${query}`, label: `query ${param.name}=${value.slice(0, 40)}` });
    }
    const twice = new URLSearchParams(baseQuery);
    twice.delete(param.name);
    twice.append(param.name, '1');
    twice.append(param.name, '2');
    push({ url: `${unknownPath}?${twice}`, label: `query ${param.name} twice` });
    push({ url: `${unknownPath}?${param.name}[a]=1&${baseQuery}`, label: `query ${param.name}[a]` });
  }
  if (route.method === 'GET' && queryParams.length === 0 && pathParams.length === 0) {
    push({ url: `${unknownPath}?page=1e308&pageSize=-1&x='--`, label: 'unexpected query' });
  }

  // malformed bodies
  if (writes && !SKIPPED.has(route.key)) {
    const content = route.operation.requestBody?.content ?? {};
    const schema = resolveSchema(document, content['application/json']?.schema);
    const props = Object.entries(schema?.properties ?? {}).map(([name, s]) => [name, resolveSchema(document, s) ?? {}] as const);
    const url = unknownPath;
    const raws = ['{"a":', 'null', '[]', '[{}]', '"text"', '12', 'true', deepArrayRaw(5_000), '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}', `[${new Array(20_000).fill('0').join(',')}]`, '\u0000', '{"a":1,"a":2}'];
    for (const raw of raws) push({ url, raw, label: `raw ${raw.slice(0, 30)}` });
    push({ url, raw: '<a/>', contentType: 'application/xml', label: 'xml body' });
    push({ url, raw: 'a=1&b[c]=2', contentType: 'application/x-www-form-urlencoded', label: 'form body' });
    push({ url, raw: 'employee_number;x\n', contentType: 'text/csv', label: 'csv body' });
    push({ url, body: { unknownField: 'x' }, label: 'unknown field' });
    if (!EMPTY_BODY_MEANS_ALL.has(route.key)) push({ url, body: {}, label: 'empty object' });

    // one field malformed at a time, alone (no valid sibling: a valid-looking value cannot pass)
    for (const [name, s] of props) {
      for (const value of BAD_VALUES.filter((v) => !plausiblyValid(s, v))) push({ url, body: { [name]: value }, label: `${name}=${JSON.stringify(value)?.slice(0, 40)}` });
    }
    // the required fields at their examples, one field made invalid for its type
    const required = schema?.required ?? [];
    const base: Record<string, unknown> = {};
    const complete = required.every((name) => {
      const example = exampleOf(document, schema?.properties?.[name]) ?? resolveSchema(document, schema?.properties?.[name])?.enum?.[0];
      if (example === undefined) return false;
      base[name] = example;
      return true;
    });
    for (const [name, s] of props) {
      for (const value of invalidFor(s)) {
        if (complete && required.length > 0) push({ url, body: { ...base, [name]: value }, label: `base + ${name}=${JSON.stringify(value)?.slice(0, 40)}` });
        if (realPath) push({ url: realPath, body: { [name]: value }, label: `real id + ${name}=${JSON.stringify(value)?.slice(0, 40)}` });
      }
    }
  }
  if (!writes && realPath) push({ url: realPath, label: 'real id' });

  // a few broken tokens, for the signed-in callers
  if (caller !== 'ANONYMOUS') {
    push({ url: unknownPath, authorization: 'Bearer', label: 'empty bearer' });
    push({ url: unknownPath, authorization: `Bearer ${'x'.repeat(5_000)}`, label: 'huge bearer' });
    push({ url: unknownPath, authorization: 'Basic YWRtaW46YWRtaW4=', label: 'basic auth' });
  }
  return sample(random, cases, caller === 'ANONYMOUS' ? CASES_ANONYMOUS : CASES_PER_ROLE);
}

// ---------- digest ----------

/**
 * Row count and md5 of every table's rows (ordered), keyed by table. engine_jobs is left out: it
 * records computations, and a read may run one (the impact preview of the demo's continuity event).
 */
async function digest(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'engine_jobs' ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM "${name}" t`,
    );
    result[name] = `${row.n}:${row.h}`;
  }
  return result;
}

describe.each(TEST_DATABASE_MODES)('fuzzing every route on %s', (mode) => {
  let api: ApiHarness;
  let tokens: Record<(typeof ROLES)[number], string>;
  let document: OpenApiDocument;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi(mode);
    // the API shares this process's event loop with thousands of concurrent calls: on a loaded
    // machine its 5 s keep-alive timer fires late and resets a socket the client is reusing
    const logins = api.startup.demoLogins;
    tokens = Object.fromEntries(
      await Promise.all(logins.map(async (login) => [login.role, await api.login(login.email)])),
    ) as typeof tokens;
    document = (await api.call('GET', '/api/docs-json')).body;
    // real ids, for the routes of one resource (only ever sent with invalid bodies)
    for (const resource of ['agents', 'sites', 'groups', 'pools', 'requests', 'reservations', 'rotations', 'allocation-runs', 'org-units', 'continuity-events']) {
      const list = await api.call('GET', `/api/${resource}`, { token: tokens.ADMIN });
      const id = list.body?.items?.[0]?.id;
      if (typeof id === 'string') ids[resource] = id;
    }
    if (ids['agents']) ids['accounts'] = ids['agents'];
    // made on first call: made now, so that the fuzz's calls change nothing
    for (const role of ROLES) await api.call('GET', '/api/me/calendar-link', { token: tokens[role] });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers no 5xx to malformed input on any route, as anyone, every 4xx with a known code, and changes no data', async () => {
    const started = Date.now();
    const dataSource = api.app.get(DataSource);
    const before = await digest(dataSource);
    // FUZZ_ROUTES (a regular expression on "METHOD /path") narrows the fuzz while working on some routes
    const only = process.env['FUZZ_ROUTES'] ? new RegExp(process.env['FUZZ_ROUTES']) : null;
    const routes = routesOf(document).filter((route) => !SKIPPED.has(route.key) && (!only || only.test(route.key)));
    expect(routes.length).toBeGreaterThan(only ? 0 : 40);

    const random = mulberry32(SEED);
    const cases: Case[] = [];
    for (const route of routes) {
      for (const caller of [...ROLES, 'ANONYMOUS'] as Caller[]) cases.push(...casesOf(document, route, caller, ids, random));
    }

    const failures: string[] = [];
    /** writes answered 2xx: allowed only when they changed nothing (the digest says) */
    const accepted: string[] = [];
    const statuses = new Map<number, number>();
    /** the codes of the 4xx answers and of their fields, for the log */
    const codes = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const headers: Record<string, string> = {};
        const token = c.caller === 'ANONYMOUS' ? undefined : tokens[c.caller];
        if (c.authorization) headers['authorization'] = c.authorization;
        else if (token) headers['authorization'] = `Bearer ${token}`;
        let body: string | undefined;
        if (c.raw !== undefined) body = c.raw;
        else if (c.body !== undefined) body = JSON.stringify(c.body);
        if (body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
        const what = `${c.caller} ${c.method} ${c.url.slice(0, 120)} [${c.label}]`;
        try {
          const response = await fetch(`${api.baseUrl}${c.url}`, {
            // a redirect (the single sign-on callback's, to the console) is an answer: not followed
            method: c.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500) failures.push(`${response.status} ${what}: ${text.slice(0, 200)}`);
          else if (response.status < 300 && c.method !== 'GET') accepted.push(`${response.status} ${what}`);
          else if (response.status >= 400) {
            let parsed: { code?: unknown; statusCode?: unknown; errors?: { field?: unknown; column?: unknown; code?: unknown }[] } = {};
            try {
              parsed = JSON.parse(text);
            } catch {
              failures.push(`${response.status} not JSON ${what}: ${text.slice(0, 200)}`);
            }
            // issue 11: every 4xx is a coded problem the catalogue words, and so is each of its fields
            const known = (code: unknown) => typeof code === 'string' && isKnownMessageCode(code);
            if (!known(parsed.code) || parsed.statusCode !== response.status) {
              failures.push(`${response.status} without a known code ${what}: ${text.slice(0, 200)}`);
            } else if (parsed.errors !== undefined && !(Array.isArray(parsed.errors) && parsed.errors.every((e) => known(e.code)))) {
              failures.push(`${response.status} with a field without a known code ${what}: ${text.slice(0, 200)}`);
            }
            for (const code of [parsed.code, ...(Array.isArray(parsed.errors) ? parsed.errors.map((e) => e.code) : [])]) {
              codes.set(String(code), (codes.get(String(code)) ?? 0) + 1);
            }
            if (response.status === 400) {
              // the CSV import names its column and line instead (docs/csv-import.md)
              const named = (e: { field?: unknown; column?: unknown }) => typeof e.field === 'string' || typeof e.column === 'string';
              if (!Array.isArray(parsed.errors) || parsed.errors.length === 0 || !parsed.errors.every(named)) {
                failures.push(`400 without named fields ${what}: ${text.slice(0, 200)}`);
              }
            }
          }
        } catch (error) {
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          failures.push(`no answer ${what}: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const after = await digest(dataSource);
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    console.log(`fuzz on ${mode}: ${cases.length} requests on ${routes.length} routes in ${Date.now() - started} ms; statuses ${
      JSON.stringify(Object.fromEntries([...statuses].sort()))}; codes ${JSON.stringify(Object.fromEntries([...codes].sort()))}`);
    expect(failures).toEqual([]);
    expect({ changed, accepted: changed.length ? accepted : [] }).toEqual({ changed: [], accepted: [] });
  });
});
