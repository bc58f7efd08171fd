import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { ApiProblem, CodedMessage } from '@telework/contracts';
import { apiProblem, fieldRefusal } from './problems';

interface ConstraintRefusal {
  field: string;
  check: CodedMessage;
  status?: number;
}

/** Constraint name → the API field it is about and its code, so a refused write names what is wrong. */
const CONSTRAINT_FIELDS: Record<string, ConstraintRefusal> = {
  agents_employee_number_unique: { field: 'employeeNumber', check: { code: 'ALREADY_USED' }, status: 409 },
  agents_email_unique: { field: 'email', check: { code: 'ALREADY_USED' }, status: 409 },
  users_email_unique: { field: 'email', check: { code: 'LOGIN_EMAIL_TAKEN' }, status: 409 },
  sites_code_unique: { field: 'code', check: { code: 'ALREADY_USED' }, status: 409 },
  rotation_groups_code_unique: { field: 'code', check: { code: 'ALREADY_USED' }, status: 409 },
  agents_weekly_bounds: { field: 'weeklyMin', check: { code: 'WEEKLY_MIN_ABOVE_MAX' } },
  agents_eligible_needs_pool: { field: 'accessPool', check: { code: 'ELIGIBLE_NEEDS_POOL' } },
  agents_group_only_if_eligible: { field: 'groupId', check: { code: 'GROUP_NEEDS_ELIGIBLE' } },
  agents_not_own_manager: { field: 'managerId', check: { code: 'OWN_MANAGER' } },
  agents_site_id_fkey: { field: 'siteId', check: { code: 'UNKNOWN_SITE' } },
  agents_org_unit_id_fkey: { field: 'orgUnitId', check: { code: 'UNKNOWN_ORG_UNIT' } },
  agents_manager_id_fkey: { field: 'managerId', check: { code: 'UNKNOWN_AGENT' } },
  agents_group_id_fkey: { field: 'groupId', check: { code: 'UNKNOWN_GROUP' } },
  rotation_groups_max_size: { field: 'groupId', check: { code: 'GROUP_FULL' } },
  sites_capacity_non_negative: { field: 'capacity', check: { code: 'TOO_SMALL', min: 0 } },
  sites_agents_restrict: { field: 'id', check: { code: 'SITE_HAS_AGENTS' }, status: 409 },
};

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  message: string;
}

/** Column name → API field name (first_name → firstName). */
function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * The figures of a full rotation group, from the exception its trigger raises
 * (migrations/1764460800000-InitialDomain.ts: "rotation group % would have % members, more than
 * its maximum of %"): the database gives them no other way.
 */
function groupFullFigures(message: string): Record<string, number> {
  const figures = /would have (\d+) members, more than its maximum of (\d+)/.exec(message);
  return figures ? { members: Number(figures[1]), max: Number(figures[2]) } : {};
}

/**
 * SQLSTATEs that only bad input reaches (the request is wrong, the server is fine): answered 400
 * (409 for a duplicate), never 500. Class 22 is "data exception": a date or number out of range
 * (22008, 22003), a malformed value (22P02, 22007), a NUL byte in a text (22021), a LIKE escape
 * (22025)… Class 23 is "integrity constraint violation". 54xxx: a value too large for an index.
 */
function refusal(error: PgError, where: string): ConstraintRefusal | null {
  const code = error.code ?? '';
  if (code === '23502') return { field: error.column ? fieldOf(error.column) : where, check: { code: 'REQUIRED' } };
  if (code === '23505') return { field: where, check: { code: 'ALREADY_USED' }, status: 409 };
  if (code === '23503') return { field: where, check: { code: 'UNKNOWN_REFERENCE' } };
  if (code.startsWith('23')) return { field: where, check: { code: 'BREAKS_DATA_RULE' } };
  if (code.startsWith('22')) return { field: where, check: { code: 'VALUE_OUT_OF_RANGE' } };
  if (code.startsWith('54')) return { field: where, check: { code: 'VALUE_TOO_LARGE' } };
  return null;
}

/**
 * The answer to a failed query: a constraint violation or a data exception is a 400/409 naming
 * the field with its code; a transaction that lost a race (class 40: deadlock victim,
 * serialization failure; nothing was written) is 409 CONCURRENT_CHANGE; anything else is null
 * (a 500, logged on the server, never a leaked SQL message).
 */
export function databaseProblem(exception: QueryFailedError, method: string): { status: number; body: ApiProblem } | null {
  const driverError = exception.driverError as PgError;
  const known = driverError.constraint ? CONSTRAINT_FIELDS[driverError.constraint] : undefined;
  const refused = known ?? refusal(driverError, driverError.constraint ?? (method === 'GET' ? 'query' : 'body'));
  if (refused) {
    const status = refused.status ?? HttpStatus.BAD_REQUEST;
    const check = driverError.constraint === 'rotation_groups_max_size'
      ? { ...refused.check, ...groupFullFigures(driverError.message) }
      : refused.check;
    return { status, body: fieldRefusal(status, [{ field: refused.field, ...check }]).getResponse() as ApiProblem };
  }
  if (driverError.code === '40P01' || driverError.code === '40001') {
    return { status: 409, body: apiProblem(409, { code: 'CONCURRENT_CHANGE' }).getResponse() as ApiProblem };
  }
  return null;
}

/**
 * Turns constraint violations and data exceptions into coded 400/409 answers naming the field;
 * anything else from the database is a 500 INTERNAL_ERROR logged on the server. ProblemsFilter,
 * the one global filter, hands it every QueryFailedError.
 */
@Catch(QueryFailedError)
export class DatabaseErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Database');

  catch(exception: QueryFailedError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const answer = databaseProblem(exception, request.method);
    if (answer) {
      if (!known(exception)) this.logger.warn(`refused (${(exception.driverError as PgError).code}): ${exception.message}`);
      response.status(answer.status).json(answer.body);
      return;
    }
    this.logger.error(exception.message, exception.stack);
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
  }
}

function known(exception: QueryFailedError): boolean {
  const constraint = (exception.driverError as PgError).constraint;
  return constraint !== undefined && constraint in CONSTRAINT_FIELDS;
}
