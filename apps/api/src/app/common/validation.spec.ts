import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ArgumentsHost, BadRequestException, ForbiddenException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import * as classValidator from 'class-validator';
import { getMetadataStorage, IsInt, Max, validate, ValidationError } from 'class-validator';
import { DIRECTORY_PROBLEM_MESSAGES, formatMessage, isKnownMessageCode } from '@telework/contracts';
import { CreateAgentDto, UpdateAgentDto } from '../directory/agents.dto';
import { ActivateAccountRequestDto } from '../auth/accounts.dto';
import { CreateSiteDto } from '../directory/sites.dto';
import { AuditQueryDto } from '../audit/audit.dto';
import { MAX_API_DATE, MIN_API_DATE } from './iso-date.validator';
import { ProblemsFilter } from './problems.filter';
import { fieldProblems, problemBody } from './problems';
import { CONSTRAINT_CHECKS, createValidationPipe, fieldCheckOf, validationProblems } from './validation';

const SRC = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** What the pipe answers for `plain` validated as `type`. */
async function pipeErrors(type: new () => object, plain: unknown, kind: 'body' | 'query' = 'body') {
  try {
    await createValidationPipe().transform(plain, { type: kind, metatype: type });
  } catch (error) {
    return (error as HttpException).getResponse() as { statusCode: number; code: string; errors: Record<string, unknown>[] };
  }
  throw new Error('the pipe took it');
}

describe('field checks of the validation pipe', () => {
  it('has a code, not INVALID_VALUE, for every validation decorator the API uses (grep of apps/api/src)', () => {
    const decorators = new Set<string>();
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      if (!/from 'class-validator'/.test(text) && !/common\/(optional|iso-date\.validator)'/.test(text)) continue;
      for (const [, name] of text.matchAll(/@(Is[A-Z]\w*|Min|Max|Length|MinLength|MaxLength|Matches|Array[A-Z]\w*|ValidateNested)\(/g)) {
        decorators.add(name);
      }
    }
    // the constraint name of a class-validator decorator is its exported constant (IsUUID → IS_UUID = 'isUuid',
    // Length → IS_LENGTH = 'isLength'); ours and the ones that only choose whether the others run by hand
    const ours: Record<string, string | null> = { IsOptional: null, IsOmittable: 'isNotNull', IsIsoDate: 'isIsoDate', ValidateNested: 'nestedValidation' };
    const constants = classValidator as unknown as Record<string, unknown>;
    const constraintOf = (name: string): string | null => {
      if (name in ours) return ours[name];
      const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toUpperCase();
      const constant = constants[snake] ?? constants[`IS_${snake}`];
      if (typeof constant !== 'string') throw new Error(`no constraint name found for @${name}`);
      return constant;
    };
    const constraints = [...decorators].map(constraintOf).filter((name): name is string => name !== null);
    expect(constraints).toEqual(expect.arrayContaining(['isInt', 'max', 'isIsoDate', 'isNotNull', 'isIn', 'isLength', 'matches', 'arrayUnique', 'isUuid']));
    // and what the pipe itself adds: unknown fields, and a body that is no object
    const unmapped = [...constraints, 'whitelistValidation', 'unknownValue'].filter((name) => !CONSTRAINT_CHECKS[name]);
    expect(unmapped).toEqual([]);
  });

  it('has a code for every constraint class-validator holds once the whole API is loaded', async () => {
    await import('../app.module');
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, { name?: string; type: string }[]> };
    const names = new Set<string>();
    for (const metadatas of storage.validationMetadatas.values()) {
      for (const m of metadatas) {
        // conditionalValidation (IsOptional, ValidateIf) only chooses whether the others run
        if (m.type === 'conditionalValidation') continue;
        names.add(m.type === 'customValidation' ? (m.name as string) : m.type);
      }
    }
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((name) => !CONSTRAINT_CHECKS[name])).toEqual([]);
  });

  it('answers {field: "weeklyMax", code: "TOO_LARGE", max: 10} for a weeklyMax of 11, its figure read from @Max(10)', async () => {
    const body = await pipeErrors(UpdateAgentDto, { weeklyMax: 11, weeklyMin: -1, tier: 'BOSS', employeeNumber: 'a b' });
    expect(body.statusCode).toBe(400);
    expect(body.code).toBe('INVALID_FIELDS');
    expect(body.errors).toEqual(expect.arrayContaining([
      { field: 'weeklyMax', code: 'TOO_LARGE', max: 10, message: 'must be at most 10' },
      { field: 'weeklyMin', code: 'TOO_SMALL', min: 0, message: 'must be at least 0' },
      expect.objectContaining({ field: 'tier', code: 'NOT_ALLOWED', allowed: ['ELECTED', 'DIRECTOR', 'ESSENTIAL', 'STANDARD'] }),
      expect.objectContaining({ field: 'employeeNumber', code: 'BAD_FORMAT', format: 'A-Z a-z 0-9 - _' }),
    ]));
    for (const error of body.errors) expect(isKnownMessageCode(error['code'] as string)).toBe(true);
  });

  it('gives each check the figures of its decorator: lengths, dates, null, unknown fields, UUIDs, e-mails, types', async () => {
    const agent = await pipeErrors(CreateAgentDto, {
      employeeNumber: 'x'.repeat(40), firstName: '', email: 'nope', siteId: 'x', orgUnitId: null, role: null, offHalfDays: ['MON_AM', 'MON_AM'],
      weeklyMin: 1.5, eligible: 'yes', colour: 'red',
    });
    const byField = (field: string) => agent.errors.filter((e) => e['field'] === field)
      .map((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== 'field' && key !== 'message')));
    expect(byField('employeeNumber')).toContainEqual({ code: 'BAD_LENGTH', min: 1, max: 32 });
    expect(byField('firstName')).toContainEqual({ code: 'BAD_LENGTH', min: 1, max: 100 });
    expect(byField('lastName')).toEqual([{ code: 'REQUIRED' }]);
    expect(byField('email')).toEqual([{ code: 'NOT_AN_EMAIL' }]);
    expect(byField('siteId')).toEqual([{ code: 'NOT_A_UUID' }]);
    expect(byField('role')).toEqual([{ code: 'NOT_NULL' }]);
    // a required field sent as null is missing, as if left out
    expect(byField('orgUnitId')).toEqual([{ code: 'REQUIRED' }]);
    expect(byField('offHalfDays')).toEqual([{ code: 'DUPLICATE_ITEMS' }]);
    expect(byField('weeklyMin')).toEqual([{ code: 'NOT_AN_INTEGER' }]);
    expect(byField('eligible')).toEqual([{ code: 'NOT_A_BOOLEAN' }]);
    expect(byField('colour')).toEqual([{ code: 'UNKNOWN_FIELD' }]);

    const audit = await pipeErrors(AuditQueryDto, { from: '2026-02-30', pageSize: '0' }, 'query');
    expect(audit.errors).toEqual(expect.arrayContaining([
      { field: 'from', code: 'NOT_A_DATE', min: MIN_API_DATE, max: MAX_API_DATE, message: `must be a real date YYYY-MM-DD between ${MIN_API_DATE} and ${MAX_API_DATE}` },
      expect.objectContaining({ field: 'pageSize', code: 'TOO_SMALL', min: 1 }),
    ]));

    const site = await pipeErrors(CreateSiteDto, { code: 'S1', name: 'Site', capacity: 100_001 });
    expect(site.errors).toEqual([expect.objectContaining({ field: 'capacity', code: 'TOO_LARGE', max: 100_000 })]);
    // PartialType's fields may be left out, not sent as null
    const patch = await pipeErrors(UpdateAgentDto, { firstName: null, managerId: null });
    expect(patch.errors).toEqual([{ field: 'firstName', code: 'NOT_NULL', message: 'must not be null: leave the field out' }]);

    // a decorator's context names another code: a token of the wrong length is a dead link
    const activation = await pipeErrors(ActivateAccountRequestDto, { token: '', password: 'short' });
    expect(activation.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'token', code: 'ACTIVATION_LINK_INVALID' }),
      expect.objectContaining({ field: 'password', code: 'TOO_SHORT', min: 12 }),
    ]));
  });

  it('names nested fields by their path and gives an unmapped constraint INVALID_VALUE', async () => {
    class Inner { @IsInt() @Max(3) n!: number; }
    const errors = await validate(plainToInstance(Inner, { n: 4 }));
    expect(validationProblems(errors, 'items.0')).toEqual([{ field: 'items.0.n', code: 'TOO_LARGE', max: 3 }]);
    const unknown = fieldCheckOf({ target: new Inner(), property: 'n', contexts: undefined } as unknown as ValidationError, 'isMagic');
    expect(unknown).toEqual({ code: 'INVALID_VALUE' });
  });
});

describe('every error answer carries a code', () => {
  it('keeps a coded body and gives a bare Nest exception the generic code of its status', () => {
    const coded = fieldProblems([{ field: 'weeklyMax', code: 'TOO_LARGE', max: 10 }]);
    expect(problemBody(400, coded.getResponse())).toEqual(coded.getResponse());
    expect(problemBody(404, new NotFoundException('Cannot GET /api/nowhere').getResponse()))
      .toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /api/nowhere' });
    expect(problemBody(401, new UnauthorizedException().getResponse())).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect(problemBody(403, new ForbiddenException().getResponse())).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(problemBody(400, new BadRequestException('Validation failed (uuid is expected)').getResponse()))
      .toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: 'Validation failed (uuid is expected)' });
    for (const [status, code] of [[409, 'CONFLICT'], [413, 'PAYLOAD_TOO_LARGE'], [415, 'UNSUPPORTED_MEDIA_TYPE'], [429, 'TOO_MANY_REQUESTS'], [422, 'BAD_REQUEST']] as const) {
      expect(problemBody(status, new HttpException('x', status).getResponse())).toMatchObject({ statusCode: status, code });
    }
    // a body of older code: its fields are coded too
    expect(problemBody(400, { statusCode: 400, message: 'to: bad', errors: [{ field: 'to', message: 'bad' }] }))
      .toEqual({ statusCode: 400, code: 'INVALID_FIELDS', message: 'to: bad', errors: [{ field: 'to', code: 'INVALID_VALUE', message: 'bad' }] });
  });

  it('answers 500 INTERNAL_ERROR with nothing of the error, and logs it', () => {
    const sent: { status?: number; body?: unknown } = {};
    const response = { headersSent: false, status: (s: number) => ((sent.status = s), response), json: (b: unknown) => ((sent.body = b), response) };
    const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'GET' }) }) } as unknown as ArgumentsHost;
    const filter = new ProblemsFilter();
    const logged = jest.spyOn((filter as unknown as { logger: { error: () => void } }).logger, 'error').mockImplementation(() => undefined);
    filter.catch(new Error('password=hunter2 in SELECT …'), host);
    expect(sent).toEqual({ status: 500, body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' } });
    filter.catch(new HttpException('planning job answered x to y', 500), host);
    expect(sent.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it('words every directory, auth and import code in French', () => {
    const samples: Record<string, Record<string, unknown>> = {
      UNKNOWN_SITE: { value: 'S99' }, POOL_NOT_CONFIGURED: { value: 'VDI' }, WEEKLY_MIN_ABOVE_MAX: { weeklyMin: 6, weeklyMax: 4 },
      GROUP_FULL: { group: 'G1', members: 4, max: 2 }, ROLE_NEEDED: { roles: ['HR', 'ADMIN'] }, ADMIN_ONLY_DISABLE: { role: 'HR' },
      REGROUP_CHANGES_PUBLISHED_PLAN: { groups: 2, agents: 40, remoteHalfDays: 120, from: '2026-11-30', versions: [1, 2] },
      CSV_UNKNOWN_COLUMN: { name: 'colour', expected: ['employee_number'] }, CSV_VALUE_COUNT: { expected: 3, found: 2 },
      ALREADY_IN_FILE: { value: 'A1', otherLine: 2 }, COLUMN_NEEDED_FOR_NEW: { employeeNumber: 'A1' },
      EMAIL_OF_OTHER_AGENT: { value: 'a@b.fr', employeeNumber: 'A2' }, IMPORT_REFUSED: { count: 3 }, IMPORT_NEEDS_ADMIN: { lines: 1 },
    };
    for (const code of Object.keys(DIRECTORY_PROBLEM_MESSAGES)) {
      const fr = formatMessage({ code, ...(samples[code] ?? {}) }, 'fr');
      expect(fr).toEqual(expect.any(String));
      expect(fr).not.toMatch(/undefined|\[object/);
    }
    expect(formatMessage({ code: 'GROUP_FULL', group: 'G1', members: 1700, max: 300 }, 'fr'))
      .toBe('le groupe de rotation «\u00a0G1\u00a0» compterait 1\u202f700 membres, plus que son maximum de 300');
    expect(formatMessage({ code: 'REGROUP_CHANGES_PUBLISHED_PLAN', ...samples['REGROUP_CHANGES_PUBLISHED_PLAN'] }, 'fr'))
      .toContain('à partir du lundi 30 novembre 2026');
    for (const code of ['BAD_JSON', 'HAS_NUL_CHARACTER', 'BAD_UNICODE', 'TOO_DEEP', 'BAD_KEY', 'INTEGER_OUT_OF_RANGE']) {
      expect(formatMessage({ code, max: 32, min: 0 }, 'fr')).toEqual(expect.any(String));
    }
  });
});
