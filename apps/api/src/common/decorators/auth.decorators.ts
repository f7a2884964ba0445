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
  /** The version of the caller's wallet as of this request (null for admins, who have none), docs/design.md §7. */
  walletVersion: number | null;
  /** An admin whose second factor is on (docs/design.md §15); false for everyone else. */
  secondFactor: boolean;
}

export const IS_PUBLIC = Symbol('isPublic');
export const ROLES = Symbol('roles');
export const BEFORE_TOTP_ENROLLMENT = Symbol('beforeTotpEnrollment');

/** No bearer token needed. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Any signed-in caller, whatever their role: the guard checks the session and nothing more. */
export const SignedIn = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiBearerAuth(), ApiProblems(ErrorCode.UNAUTHENTICATED, ErrorCode.SESSION_EXPIRED));

/**
 * A signed-in caller with one of `roles` (at least one is named). Routes with none of `@Public()`,
 * `@SignedIn()` or this still need a valid session: the guard's default is closed.
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiProblems(ErrorCode.UNAUTHENTICATED, ErrorCode.SESSION_EXPIRED, ErrorCode.FORBIDDEN),
  );

/**
 * Reachable by an admin without a second factor even when `ADMIN_TOTP_REQUIRED` is on
 * (docs/design.md §15): enrolling, and the session's own routes (who am I, refresh, sign out), which
 * grant nothing. Every other route answers such an admin 403 `TOTP_ENROLLMENT_REQUIRED`.
 */
export const BeforeTotpEnrollment = (): MethodDecorator & ClassDecorator =>
  SetMetadata(BEFORE_TOTP_ENROLLMENT, true);

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
