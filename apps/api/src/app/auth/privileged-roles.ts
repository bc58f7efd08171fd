import type { HttpException } from '@nestjs/common';
import type { Role } from '@telework/contracts';
import { FieldCheckInput, fieldRefusal } from '../common/problems';
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

/**
 * A 403 that names its fields, like fieldProblems' 400: `{ statusCode: 403, code, message,
 * errors: [{ field, code, message, ...figures }] }` (code ADMIN_ONLY_ROLE, ADMIN_ONLY_EMAIL, NEEDS_ADMIN).
 */
export function forbidden(errors: FieldCheckInput[]): HttpException {
  return fieldRefusal(403, errors);
}
