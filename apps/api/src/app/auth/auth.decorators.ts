import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@telework/contracts';

export interface AuthUser {
  userId: string;
  email: string;
  role: Role;
  agentId: string | null;
}

export const IS_PUBLIC = 'telework:public';
export const ROLES = 'telework:roles';

/** The route needs no token (log-in, health, the iCal feed by its secret token). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route; without it any signed-in user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest().user;
});
