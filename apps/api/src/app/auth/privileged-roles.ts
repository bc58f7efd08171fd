import { ForbiddenException } from '@nestjs/common';
import type { Role } from '@telework/contracts';
import type { FieldError } from '../common/validation';
import type { AuthUser } from './auth.decorators';

/** Roles that manage accounts: only an ADMIN gives or takes them, or opens an account that holds one. */
export const PRIVILEGED_ROLES: readonly Role[] = ['HR', 'ADMIN'];

export const isPrivileged = (role: string | null | undefined): boolean => PRIVILEGED_ROLES.includes(role as Role);

/**
 * Whether `actor` may move an account or agent from role `before` (undefined: a new one) to
 * `after`: anyone with write access for AGENT ↔ MANAGER, only an ADMIN when HR or ADMIN is
 * given or taken. Without this, HR could make itself ADMIN.
 */
export const mayChangeRole = (actor: AuthUser, before: string | null | undefined, after: string): boolean =>
  actor.role === 'ADMIN' || before === after || (!isPrivileged(before) && !isPrivileged(after));

/** A 403 that names its fields, like badRequest's 400: `{ statusCode, message, errors: [{ field, message }] }`. */
export function forbidden(errors: (FieldError & Record<string, unknown>)[]): ForbiddenException {
  return new ForbiddenException({
    statusCode: 403,
    message: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  });
}

export const ADMIN_ONLY_ROLE = 'only an ADMIN can give or take the HR and ADMIN roles';
export const ADMIN_ONLY_INVITATION = 'only an ADMIN can invite or re-enable an HR or ADMIN account';
export const ADMIN_ONLY_EMAIL = "only an ADMIN can change the e-mail (the log-in) of an HR or ADMIN account";
