import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { CodedMessage, POOL_KINDS, recordText, ROLES, TIERS, WEEKDAY_HALF_DAYS } from '@telework/contracts';
import { IDENTIFIER_FORMAT, IDENTIFIER_PATTERN } from '../common/identifier';

/** The columns of the HR export, in the order docs/csv-import.md lists them. */
export const AGENT_COLUMNS = [
  'employee_number', 'first_name', 'last_name', 'email', 'site_code', 'org_unit_code', 'manager_employee_number', 'role',
  'eligible', 'access_pool', 'tier', 'weekly_min', 'weekly_max', 'off_half_days', 'group_code',
] as const;
export type AgentColumn = (typeof AGENT_COLUMNS)[number];

/** French headers accepted for the same columns (accents and case do not matter). */
const FRENCH_ALIASES: Record<string, AgentColumn> = {
  matricule: 'employee_number', prenom: 'first_name', nom: 'last_name', courriel: 'email', mail: 'email', e_mail: 'email',
  code_site: 'site_code', code_service: 'org_unit_code', matricule_responsable: 'manager_employee_number',
  eligibilite: 'eligible', eligible_teletravail: 'eligible', acces: 'access_pool', priorite: 'tier', min_hebdo: 'weekly_min',
  max_hebdo: 'weekly_max', demi_journees_non_travaillees: 'off_half_days', code_groupe: 'group_code',
  site: 'site_code', service: 'org_unit_code', groupe: 'group_code', niveau: 'tier', acces_distant: 'access_pool',
};

/** Columns a new agent must have; an existing one keeps its value when the column is absent. */
const REQUIRED_FOR_NEW: AgentColumn[] = ['first_name', 'last_name', 'email', 'site_code', 'org_unit_code'];

/**
 * One wrong cell, line or header of the file: where (`line` of the file, the header being 1;
 * `column`, empty when the whole line is wrong), the `code` of what is wrong and its figures
 * (libs/contracts messages), and `message`, its English record wording.
 */
export interface ImportError extends CodedMessage {
  line: number;
  column: string;
  message: string;
}

/** An import error at `line` and `column`: the check's code, its figures and its English words. */
export function importError(line: number, column: string, check: CodedMessage): ImportError {
  return { ...check, line, column, message: recordText(check) };
}

export interface CsvRow {
  line: number;
  values: Partial<Record<AgentColumn, string>>;
}

export interface ParsedCsv {
  separator: ';' | ',';
  columns: AgentColumn[];
  rows: CsvRow[];
  errors: ImportError[];
}

/**
 * Reads the file: UTF-8 with or without BOM (Windows-1252 when it is not valid UTF-8, as French
 * Excel saves it), `;` or `,` separators (whichever the header uses), a header row naming the
 * columns. Line numbers are those of the file (the header is line 1).
 */
export function parseAgentCsv(content: Buffer | string): ParsedCsv {
  const text = typeof content === 'string' ? content : decode(content);
  const errors: ImportError[] = [];
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const separator: ';' | ',' = count(firstLine, ';') >= count(firstLine, ',') && count(firstLine, ';') > 0 ? ';' : ',';
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      delimiter: separator, bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: true,
    }) as never;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return { separator, columns: [], rows: [], errors: [importError(e.lines ?? 1, '', { code: 'CSV_UNREADABLE', detail: e.message })] };
  }
  const empty = { separator, columns: [], rows: [] };
  if (records.length === 0) return { ...empty, errors: [importError(1, '', { code: 'CSV_EMPTY' })] };

  const header = records[0].record.map(normaliseHeader);
  const columns: AgentColumn[] = [];
  header.forEach((name, i) => {
    const raw = records[0].record[i];
    if (!name) errors.push(importError(1, raw, { code: 'CSV_UNKNOWN_COLUMN', name: raw, expected: [...AGENT_COLUMNS] }));
    else if (columns.includes(name)) errors.push(importError(1, name, { code: 'CSV_DUPLICATE_COLUMN' }));
    columns.push(name as AgentColumn);
  });
  if (!columns.includes('employee_number')) {
    errors.push(importError(1, 'employee_number', { code: 'CSV_KEY_COLUMN_MISSING' }));
  }
  if (errors.length) return { ...empty, errors };

  const rows: CsvRow[] = [];
  for (const { record, info, raw } of records.slice(1)) {
    // info.lines is where the record ends; a quoted value may span lines
    const inner = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
    const line = info.lines - count(inner, '\n');
    if (record.length !== columns.length) {
      errors.push(importError(line, '', { code: 'CSV_VALUE_COUNT', expected: columns.length, found: record.length }));
      continue;
    }
    const values: CsvRow['values'] = {};
    columns.forEach((column, i) => (values[column] = record[i]));
    rows.push({ line, values });
  }
  if (rows.length === 0 && errors.length === 0) errors.push(importError(1, '', { code: 'CSV_NO_LINES' }));
  return { separator, columns, rows, errors };
}

/** What the database holds that the lines refer to, loaded by the service before validating. */
export interface ImportReference {
  sites: Map<string, string>;
  orgUnits: Map<string, string>;
  pools: Map<string, string>;
  /** code → id, maximum size and members that are not in the file */
  groups: Map<string, { id: string; maxSize: number; membersOutsideFile: number }>;
  /** agents of the file that exist already, by employee number */
  existing: Map<string, ExistingAgent>;
  /** employee number → id of agents named as managers but absent from the file */
  otherAgents: Map<string, string>;
  /** lower-case e-mail → employee number of the agent holding it, for the e-mails of the file */
  emailOwners: Map<string, string>;
}

export interface ExistingAgent {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  siteId: string;
  orgUnitId: string;
  managerId: string | null;
  role: string;
  eligible: boolean;
  accessPoolId: string | null;
  tier: string;
  weeklyMin: number;
  weeklyMax: number;
  offHalfDays: string[];
  groupId: string | null;
}

/** A line made ready to write: every column of the agents table resolved to its final value. */
export interface AgentRecord extends ExistingAgent {
  line: number;
  employeeNumber: string;
  isNew: boolean;
}

/** An employee number: an identifier (common/identifier.ts) of at most this many characters, as the API's DTO. */
const EMPLOYEE_NUMBER_MAX = 32;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;
const TRUE_WORDS = ['oui', 'o', 'true', 'vrai', '1', 'yes', 'y'];
const FALSE_WORDS = ['non', 'n', 'false', 'faux', '0', 'no', ''];

/**
 * Checks every line against the rules and the reference data, and resolves codes to ids. Returns
 * every error found (the import is all or nothing), or the records to write when there is none.
 */
export function validateAgentRows(parsed: ParsedCsv, ref: ImportReference): { errors: ImportError[]; records: AgentRecord[] } {
  const errors: ImportError[] = [...parsed.errors];
  const has = (column: AgentColumn) => parsed.columns.includes(column);
  const records: AgentRecord[] = [];
  const lineOfNumber = new Map<string, number>();
  const lineOfEmail = new Map<string, number>();
  const fileNumbers = new Set(parsed.rows.map((row) => row.values.employee_number ?? ''));
  const pendingManagers: { record: AgentRecord; managerNumber: string }[] = [];

  for (const { line, values } of parsed.rows) {
    const fail = (column: AgentColumn | '', check: CodedMessage) => errors.push(importError(line, column, check));
    const before = errors.length;
    const number = values.employee_number ?? '';
    const numberCheck = !number ? { code: 'REQUIRED' }
      : number.length > EMPLOYEE_NUMBER_MAX ? { code: 'TOO_LONG', max: EMPLOYEE_NUMBER_MAX }
      : !IDENTIFIER_PATTERN.test(number) ? { code: 'BAD_FORMAT', ...IDENTIFIER_FORMAT }
      : null;
    if (numberCheck) {
      fail('employee_number', numberCheck);
      continue;
    }
    const seen = lineOfNumber.get(number);
    if (seen !== undefined) {
      fail('employee_number', { code: 'ALREADY_IN_FILE', value: number, otherLine: seen });
      continue;
    }
    lineOfNumber.set(number, line);
    const existing = ref.existing.get(number);
    const isNew = !existing;
    if (isNew) {
      for (const column of REQUIRED_FOR_NEW) {
        if (!has(column)) fail(column, { code: 'COLUMN_NEEDED_FOR_NEW', employeeNumber: number });
      }
    }
    const record: AgentRecord = {
      ...(existing ?? {
        id: randomUUID(), firstName: '', lastName: '', email: '', siteId: '', orgUnitId: '', managerId: null, role: 'AGENT',
        eligible: false, accessPoolId: null, tier: 'STANDARD', weeklyMin: 4, weeklyMax: 6, offHalfDays: [], groupId: null,
      }),
      line, employeeNumber: number, isNew,
    };

    const text = (column: 'first_name' | 'last_name', field: 'firstName' | 'lastName') => {
      if (!has(column)) return;
      const value = values[column] ?? '';
      if (value.length < 1 || value.length > 100) fail(column, value ? { code: 'TOO_LONG', max: 100 } : { code: 'REQUIRED' });
      else record[field] = value;
    };
    text('first_name', 'firstName');
    text('last_name', 'lastName');

    if (has('email')) {
      const email = values.email ?? '';
      if (!EMAIL.test(email) || email.length > 254) fail('email', email ? { code: 'NOT_AN_EMAIL' } : { code: 'REQUIRED' });
      else {
        const key = email.toLowerCase();
        const owner = ref.emailOwners.get(key);
        const sameFile = lineOfEmail.get(key);
        if (sameFile !== undefined) fail('email', { code: 'ALREADY_IN_FILE', value: email, otherLine: sameFile });
        else if (owner && owner !== number && !fileNumbers.has(owner)) fail('email', { code: 'EMAIL_OF_OTHER_AGENT', value: email, employeeNumber: owner });
        lineOfEmail.set(key, line);
        record.email = email;
      }
    }

    const code = (column: AgentColumn, map: Map<string, string>, unknown: 'UNKNOWN_SITE' | 'UNKNOWN_ORG_UNIT', apply: (id: string) => void) => {
      if (!has(column)) return;
      const value = values[column] ?? '';
      const id = map.get(value);
      if (!value) fail(column, { code: 'REQUIRED' });
      else if (!id) fail(column, { code: unknown, value });
      else apply(id);
    };
    code('site_code', ref.sites, 'UNKNOWN_SITE', (id) => (record.siteId = id));
    code('org_unit_code', ref.orgUnits, 'UNKNOWN_ORG_UNIT', (id) => (record.orgUnitId = id));

    const choice = (column: AgentColumn, allowed: readonly string[], fallback: string, apply: (value: string) => void) => {
      if (!has(column)) return;
      const value = (values[column] ?? '').toUpperCase() || fallback;
      if (!allowed.includes(value)) fail(column, { code: 'NOT_ALLOWED', allowed: [...allowed], value: values[column] ?? '' });
      else apply(value);
    };
    choice('role', ROLES, 'AGENT', (value) => (record.role = value));
    choice('tier', TIERS, 'STANDARD', (value) => (record.tier = value));

    if (has('eligible')) {
      const value = (values.eligible ?? '').toLowerCase();
      if (TRUE_WORDS.includes(value)) record.eligible = true;
      else if (FALSE_WORDS.includes(value)) record.eligible = false;
      else fail('eligible', { code: 'NOT_ALLOWED', allowed: ['oui', 'non', 'true', 'false', '1', '0'], value: values.eligible ?? '' });
    }

    if (has('access_pool')) {
      const value = (values.access_pool ?? '').toUpperCase();
      if (!value) record.accessPoolId = null;
      else if (!(POOL_KINDS as readonly string[]).includes(value)) {
        fail('access_pool', { code: 'NOT_ALLOWED', allowed: [...POOL_KINDS, ''], value: values.access_pool ?? '' });
      } else if (!ref.pools.has(value)) fail('access_pool', { code: 'POOL_NOT_CONFIGURED', value });
      else record.accessPoolId = ref.pools.get(value) as string;
    }

    const bound = (column: 'weekly_min' | 'weekly_max', field: 'weeklyMin' | 'weeklyMax', fallback: number) => {
      if (!has(column)) return;
      const value = values[column] ?? '';
      if (value === '') record[field] = fallback;
      else if (!/^\d{1,2}$/.test(value) || Number(value) > 10) fail(column, { code: 'INTEGER_OUT_OF_RANGE', min: 0, max: 10 });
      else record[field] = Number(value);
    };
    bound('weekly_min', 'weeklyMin', 4);
    bound('weekly_max', 'weeklyMax', 6);

    if (has('off_half_days')) {
      const codes = (values.off_half_days ?? '').toUpperCase().split(/[\s|,;+]+/).filter(Boolean);
      const wrong = codes.filter((c) => !(WEEKDAY_HALF_DAYS as readonly string[]).includes(c));
      if (wrong.length) fail('off_half_days', { code: 'NOT_ALLOWED', allowed: [...WEEKDAY_HALF_DAYS], value: wrong.join(' ') });
      else record.offHalfDays = [...new Set(codes)];
    }

    if (has('group_code')) {
      const value = values.group_code ?? '';
      if (!value) record.groupId = null;
      else if (!ref.groups.has(value)) fail('group_code', { code: 'UNKNOWN_GROUP', value });
      else record.groupId = ref.groups.get(value)?.id ?? null;
    }

    let managerNumber: string | null = null;
    if (has('manager_employee_number')) {
      const value = values.manager_employee_number ?? '';
      if (!value) record.managerId = null;
      else if (value === number) fail('manager_employee_number', { code: 'OWN_MANAGER' });
      else managerNumber = value;
    }

    if (errors.length === before) {
      // rules across columns, on the final values (an absent column keeps the stored one)
      if (record.weeklyMin > record.weeklyMax) {
        fail(has('weekly_min') ? 'weekly_min' : 'weekly_max', { code: 'WEEKLY_MIN_ABOVE_MAX', weeklyMin: record.weeklyMin, weeklyMax: record.weeklyMax });
      }
      if (record.eligible && !record.accessPoolId) fail('access_pool', { code: 'ELIGIBLE_NEEDS_POOL' });
      if (!record.eligible && record.groupId) fail('group_code', { code: 'GROUP_NEEDS_ELIGIBLE' });
    }
    records.push(record);
    if (managerNumber) pendingManagers.push({ record, managerNumber });
  }

  // managers may be anywhere in the file, or already in the database
  const idOfNumber = new Map(records.map((r) => [r.employeeNumber, r.id]));
  for (const { record, managerNumber } of pendingManagers) {
    const id = idOfNumber.get(managerNumber) ?? ref.otherAgents.get(managerNumber);
    if (!id) errors.push(importError(record.line, 'manager_employee_number', { code: 'UNKNOWN_AGENT', value: managerNumber }));
    else record.managerId = id;
  }

  // rotation groups within their maximum size once the file is applied: the line of the member
  // one past the maximum is named (one pass over the file, not one per group)
  const inFile = new Map<string, { members: number; firstTooMany: number | null }>();
  const groupById = new Map([...ref.groups.values()].map((group) => [group.id, group]));
  for (const record of records) {
    const group = record.groupId ? groupById.get(record.groupId) : undefined;
    if (!group) continue;
    const count = inFile.get(group.id) ?? { members: 0, firstTooMany: null };
    count.members++;
    if (group.membersOutsideFile + count.members === group.maxSize + 1) count.firstTooMany = record.line;
    inFile.set(group.id, count);
  }
  for (const [code, group] of ref.groups) {
    const count = inFile.get(group.id);
    if (count?.firstTooMany == null) continue;
    errors.push(importError(count.firstTooMany, 'group_code', {
      code: 'GROUP_FULL', group: code, members: group.membersOutsideFile + count.members, max: group.maxSize,
    }));
  }

  errors.sort((a, b) => a.line - b.line || AGENT_COLUMNS.indexOf(a.column as AgentColumn) - AGENT_COLUMNS.indexOf(b.column as AgentColumn));
  return { errors, records: errors.length ? [] : records };
}

function normaliseHeader(name: string): AgentColumn | null {
  const key = name
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((AGENT_COLUMNS as readonly string[]).includes(key)) return key as AgentColumn;
  return FRENCH_ALIASES[key] ?? null;
}

function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
