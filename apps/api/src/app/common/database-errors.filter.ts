import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

/** Constraint name → the API field it is about, so a refused write names what is wrong. */
const CONSTRAINT_FIELDS: Record<string, { field: string; message: string; status?: number }> = {
  agents_employee_number_unique: { field: 'employeeNumber', message: 'is already used by another agent', status: 409 },
  agents_email_unique: { field: 'email', message: 'is already used by another agent', status: 409 },
  users_email_unique: { field: 'email', message: 'is already the log-in of another account', status: 409 },
  sites_code_unique: { field: 'code', message: 'is already used by another site', status: 409 },
  rotation_groups_code_unique: { field: 'code', message: 'is already used by another group', status: 409 },
  agents_weekly_bounds: { field: 'weeklyMin', message: 'must be between 0 and weeklyMax, and weeklyMax at most 10' },
  agents_eligible_needs_pool: { field: 'accessPool', message: 'is required for an eligible agent' },
  agents_group_only_if_eligible: { field: 'groupId', message: 'only eligible agents belong to a rotation group' },
  agents_not_own_manager: { field: 'managerId', message: 'an agent cannot be its own manager' },
  agents_site_id_fkey: { field: 'siteId', message: 'unknown site' },
  agents_org_unit_id_fkey: { field: 'orgUnitId', message: 'unknown org unit' },
  agents_manager_id_fkey: { field: 'managerId', message: 'unknown agent' },
  agents_group_id_fkey: { field: 'groupId', message: 'unknown rotation group' },
  rotation_groups_max_size: { field: 'groupId', message: 'the rotation group is full' },
  sites_capacity_non_negative: { field: 'capacity', message: 'must not be negative' },
  sites_agents_restrict: { field: 'id', message: 'the site still has agents', status: 409 },
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
 * SQLSTATEs that only bad input reaches (the request is wrong, the server is fine): answered 400
 * (409 for a duplicate), never 500. Class 22 is "data exception": a date or number out of range
 * (22008, 22003), a malformed value (22P02, 22007), a NUL byte in a text (22021), a LIKE escape
 * (22025)… Class 23 is "integrity constraint violation". 54xxx: a value too large for an index.
 */
function refusal(error: PgError, where: string): { status: number; field: string; message: string } | null {
  const code = error.code ?? '';
  if (code === '23502') return { status: 400, field: error.column ? fieldOf(error.column) : where, message: 'is required' };
  if (code === '23505') return { status: 409, field: where, message: 'already exists' };
  if (code === '23503') return { status: 400, field: where, message: 'refers to something that does not exist' };
  if (code.startsWith('23')) return { status: 400, field: where, message: 'breaks a data rule' };
  if (code.startsWith('22')) return { status: 400, field: where, message: 'holds a value out of range or malformed' };
  if (code.startsWith('54')) return { status: 400, field: where, message: 'holds a value too large' };
  // class 40: the transaction lost a race (deadlock victim, serialization failure); nothing was written
  if (code === '40P01' || code === '40001') return { status: 409, field: 'request', message: 'a concurrent change got in the way: nothing was changed, try again' };
  return null;
}

/**
 * Turns constraint violations and data exceptions into 400/409 answers naming the field; anything
 * else from the database is a 500 logged on the server, never a leaked SQL message.
 */
@Catch(QueryFailedError)
export class DatabaseErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Database');

  catch(exception: QueryFailedError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const driverError = exception.driverError as PgError;
    const known = driverError.constraint ? CONSTRAINT_FIELDS[driverError.constraint] : undefined;
    if (known) {
      const status = known.status ?? HttpStatus.BAD_REQUEST;
      const message = driverError.constraint === 'rotation_groups_max_size' ? driverError.message : known.message;
      response.status(status).json({
        statusCode: status,
        message: `${known.field}: ${message}`,
        errors: [{ field: known.field, message }],
      });
      return;
    }
    const refused = refusal(driverError, driverError.constraint ?? (request.method === 'GET' ? 'query' : 'body'));
    if (refused) {
      this.logger.warn(`refused (${driverError.code}): ${exception.message}`);
      response.status(refused.status).json({
        statusCode: refused.status,
        message: `${refused.field}: ${refused.message}`,
        errors: [{ field: refused.field, message: refused.message }],
      });
      return;
    }
    this.logger.error(exception.message, exception.stack);
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, message: 'Internal server error' });
  }
}
