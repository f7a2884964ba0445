import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ErrorCode, Role } from '@wallet/shared';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';

/** Who is calling, as established by the global auth guard. */
export interface AuthUser {
  id: string;
  role: Role;
  sessionId: string;
  /** When the session ends however active it is; the token expires then too. */
  sessionExpiresAt: Date;
  /** The version of the caller's wallet as of this request (null for admins, who have none), DESIGN §7. */
  walletVersion: number | null;
}

export const IS_PUBLIC = Symbol('isPublic');
export const ROLES = Symbol('roles');

/** No bearer token needed. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * A signed-in caller with one of `roles`; `@Roles()` admits any role. Routes with neither this nor
 * `@Public()` still need a valid session: the guard's default is closed.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiProblems(
      ErrorCode.UNAUTHENTICATED,
      ErrorCode.SESSION_EXPIRED,
      ...(roles.length ? [ErrorCode.FORBIDDEN] : []),
    ),
  );

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<FastifyRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
