import { formatMessage, isKnownMessageCode, WEEKDAY_HALF_DAYS } from '@telework/contracts';
import { AGENT_COLUMNS, ImportError, ImportReference, parseAgentCsv, validateAgentRows } from './agent-csv';

const HEADER = 'employee_number;first_name;last_name;email;site_code;org_unit_code;manager_employee_number;role;eligible;access_pool;tier;weekly_min;weekly_max;off_half_days;group_code';

function reference(overrides: Partial<ImportReference> = {}): ImportReference {
  return {
    sites: new Map([['S01', 'site-1'], ['S02', 'site-2']]),
    orgUnits: new Map([['DRH', 'unit-1']]),
    pools: new Map([['VDI', 'pool-vdi'], ['VPN', 'pool-vpn']]),
    groups: new Map([['G1', { id: 'group-1', maxSize: 2, membersOutsideFile: 1 }]]),
    existing: new Map(),
    otherAgents: new Map([['BOSS', 'agent-boss']]),
    emailOwners: new Map([['taken@example.fr', 'OTHER']]),
    ...overrides,
  };
}

describe('agent CSV parsing', () => {
  it('detects ; or , from the header, drops a BOM and numbers lines as in the file', () => {
    const semicolon = parseAgentCsv(Buffer.from(`\uFEFF${HEADER}\r\nA1;Jeanne;Martin;j@example.fr;S01;DRH;;;;;;;;;\r\n`, 'utf8'));
    expect(semicolon.separator).toBe(';');
    expect(semicolon.errors).toEqual([]);
    expect(semicolon.columns[0]).toBe('employee_number');
    expect(semicolon.rows).toEqual([expect.objectContaining({ line: 2, values: expect.objectContaining({ employee_number: 'A1', last_name: 'Martin' }) })]);

    const comma = parseAgentCsv('employee_number,first_name,last_name\n\nA1,"Jean, Paul","Du\nPont"\nA2,Luc,Roy\n');
    expect(comma.separator).toBe(',');
    expect(comma.rows.map((row) => [row.line, row.values.first_name])).toEqual([[3, 'Jean, Paul'], [5, 'Luc']]);
  });

  it('reads Windows-1252 files (French Excel) and French headers', () => {
    const latin1 = Buffer.from('matricule;prénom;nom\nA1;Hélène;Lefèvre\n', 'latin1');
    const parsed = parseAgentCsv(latin1);
    expect(parsed.errors).toEqual([]);
    expect(parsed.columns).toEqual(['employee_number', 'first_name', 'last_name']);
    expect(parsed.rows[0].values).toEqual({ employee_number: 'A1', first_name: 'Hélène', last_name: 'Lefèvre' });
  });

  it('refuses unknown, repeated or missing key columns on line 1, and lines of the wrong width', () => {
    expect(parseAgentCsv('first_name;colour;first_name\nA;B;C\n').errors).toEqual([
      { line: 1, column: 'colour', code: 'CSV_UNKNOWN_COLUMN', name: 'colour', expected: [...AGENT_COLUMNS], message: expect.stringContaining('unknown column "colour"') },
      { line: 1, column: 'first_name', code: 'CSV_DUPLICATE_COLUMN', message: 'the column appears twice' },
      { line: 1, column: 'employee_number', code: 'CSV_KEY_COLUMN_MISSING', message: expect.stringContaining('required') },
    ]);
    expect(parseAgentCsv('employee_number;first_name\nA1;x\nA2\n').errors).toEqual([
      { line: 3, column: '', code: 'CSV_VALUE_COUNT', expected: 2, found: 1, message: 'expected 2 values (one per header column), found 1' },
    ]);
    expect(parseAgentCsv('').errors).toEqual([expect.objectContaining({ line: 1, code: 'CSV_EMPTY' })]);
    expect(parseAgentCsv('employee_number;first_name\n').errors).toEqual([expect.objectContaining({ line: 1, code: 'CSV_NO_LINES' })]);
    expect(parseAgentCsv('employee_number;first_name\nA1;"open\n').errors).toEqual([
      expect.objectContaining({ code: 'CSV_UNREADABLE', detail: expect.any(String), message: expect.stringContaining('unreadable CSV') }),
    ]);
  });
});

describe('agent CSV validation', () => {
  const validate = (lines: string[], ref = reference()) => validateAgentRows(parseAgentCsv([HEADER, ...lines].join('\n')), ref);

  it('resolves codes, booleans, bounds, off half-days and managers named later in the file', () => {
    const { errors, records } = validate([
      'A1;Jeanne;Martin;j@example.fr;S02;DRH;A2;manager;oui;vdi;ESSENTIAL;2;5;WED_AM WED_PM;G1',
      'A2;Paul;Roy;p@example.fr;S01;DRH;BOSS;;non;;;;;;',
    ]);
    expect(errors).toEqual([]);
    const [a1, a2] = records;
    expect(a1).toMatchObject({
      employeeNumber: 'A1', siteId: 'site-2', orgUnitId: 'unit-1', role: 'MANAGER', eligible: true, accessPoolId: 'pool-vdi',
      tier: 'ESSENTIAL', weeklyMin: 2, weeklyMax: 5, offHalfDays: ['WED_AM', 'WED_PM'], groupId: 'group-1', managerId: a2.id, isNew: true,
    });
    expect(a2).toMatchObject({ role: 'AGENT', eligible: false, accessPoolId: null, tier: 'STANDARD', weeklyMin: 4, weeklyMax: 6, managerId: 'agent-boss' });
  });

  it('keeps the stored values of an existing agent for the columns the file lacks', () => {
    const existing = {
      id: 'agent-a1', firstName: 'Old', lastName: 'Name', email: 'old@example.fr', siteId: 'site-1', orgUnitId: 'unit-1', managerId: null,
      role: 'AGENT', eligible: true, accessPoolId: 'pool-vpn', tier: 'DIRECTOR', weeklyMin: 3, weeklyMax: 4, offHalfDays: ['FRI_PM'], groupId: null,
    };
    const parsed = parseAgentCsv('employee_number,last_name,weekly_max\nA1,New,6\n');
    const { errors, records } = validateAgentRows(parsed, reference({ existing: new Map([['A1', existing]]) }));
    expect(errors).toEqual([]);
    expect(records[0]).toEqual({ ...existing, lastName: 'New', weeklyMax: 6, line: 2, employeeNumber: 'A1', isNew: false });
    // the same short file cannot create an agent
    const created = validateAgentRows(parsed, reference());
    expect(created.errors.map((e) => e.column)).toEqual(['first_name', 'email', 'site_code', 'org_unit_code']);
  });

  it('reports every wrong line with its column, and returns nothing to write', () => {
    const { errors, records } = validate([
      'A1;Jeanne;Martin;j@example.fr;S99;DRH;;;;;;;;;',              // 2 unknown site
      'A2;Paul;Roy;p@example.fr;S01;DRH;;CHIEF;;;;;;;',               // 3 bad role
      'A1;Jeanne;Martin;j2@example.fr;S01;DRH;;;;;;;;;',              // 4 duplicate number
      'A3;Léa;Roux;taken@example.fr;S01;DRH;;;;;;;;;',                // 5 e-mail of another agent
      'A4;Léo;Blanc;l@example.fr;S01;DRH;;;;;;5;3;;',                 // 6 min > max
      'A5;Eva;Noir;e@example.fr;S01;DRH;;;oui;;;;;;',                 // 7 eligible without pool
      'A6;Max;Vert;m@example.fr;S01;DRH;NOBODY;;;;;;;;',              // 8 unknown manager
      'A7;Zoé;Gris;z@example.fr;S01;DRH;;;oui;VPN;;;;;G1',            // 9 fills G1 (1 outside + 1 = 2)
      'A8;Ana;Bleu;a@example.fr;S01;DRH;;;oui;VPN;;;;MON_XX;G1',      // 10 bad half-day, and G1 over its maximum
      'A9;Ugo;Rose;u@example.fr;S01;DRH;;;oui;VPN;;;;;G1',            // 11 also in G1 (counted, reported once)
      'A10;Ivy;Brun;P@EXAMPLE.FR;S01;DRH;;;maybe;;;;;;',              // 12 e-mail repeated (case), bad boolean
    ]);
    expect(records).toEqual([]);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'site_code'], [3, 'role'], [4, 'employee_number'], [5, 'email'], [6, 'weekly_min'], [7, 'access_pool'],
      [8, 'manager_employee_number'], [10, 'off_half_days'], [10, 'group_code'], [12, 'email'], [12, 'eligible'],
    ]);
    // each with its code and figures, the English record wording beside
    const checkOf = (e: ImportError) => Object.fromEntries(Object.entries(e).filter(([key]) => !['line', 'column', 'message'].includes(key)));
    expect(errors.map((e) => [e.line, e.column, checkOf(e)])).toEqual([
      [2, 'site_code', { code: 'UNKNOWN_SITE', value: 'S99' }],
      [3, 'role', { code: 'NOT_ALLOWED', allowed: ['AGENT', 'MANAGER', 'HR', 'ADMIN'], value: 'CHIEF' }],
      [4, 'employee_number', { code: 'ALREADY_IN_FILE', value: 'A1', otherLine: 2 }],
      [5, 'email', { code: 'EMAIL_OF_OTHER_AGENT', value: 'taken@example.fr', employeeNumber: 'OTHER' }],
      [6, 'weekly_min', { code: 'WEEKLY_MIN_ABOVE_MAX', weeklyMin: 5, weeklyMax: 3 }],
      [7, 'access_pool', { code: 'ELIGIBLE_NEEDS_POOL' }],
      [8, 'manager_employee_number', { code: 'UNKNOWN_AGENT', value: 'NOBODY' }],
      [10, 'off_half_days', { code: 'NOT_ALLOWED', allowed: [...WEEKDAY_HALF_DAYS], value: 'MON_XX' }],
      [10, 'group_code', { code: 'GROUP_FULL', group: 'G1', members: 4, max: 2 }],
      [12, 'email', { code: 'ALREADY_IN_FILE', value: 'P@EXAMPLE.FR', otherLine: 3 }],
      [12, 'eligible', { code: 'NOT_ALLOWED', allowed: ['oui', 'non', 'true', 'false', '1', '0'], value: 'maybe' }],
    ]);
    expect(errors.find((e) => e.column === 'group_code')?.message).toBe('rotation group G1 would have 4 members, more than its maximum of 2');
    expect(errors.find((e) => e.line === 4)?.message).toBe('A1 is already on line 2');
    expect(formatMessage(errors.find((e) => e.line === 4) as ImportError, 'fr')).toBe('A1 figure déjà ligne 2');
    for (const error of errors) expect(isKnownMessageCode(error.code)).toBe(true);
  });
});
