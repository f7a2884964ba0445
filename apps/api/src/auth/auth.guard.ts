import { type CanActivate, ExecutionContext, Inject, Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '@wallet/config';
import { Role } from '@wallet/shared';
import {
  BEFORE_TOTP_ENROLLMENT,
  IS_PUBLIC,
  ROLES,
  type AuthUser,
} from '../common/decorators/auth.decorators';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import { TotpEnrollmentRequiredError } from '../totp/totp.errors';
import { SessionExpiredError } from './auth.errors';

/**
 * The one global guard (docs/design.md §4), on @nestjs/passport with the JWT strategy of this application
 * (`strategy`, see jwtStrategyNamed): every route needs a live session unless marked `@Public()`,
 * `@SignedIn()` says so explicitly, and `@Roles(...)` narrows it to those roles. With
 * `ADMIN_TOTP_REQUIRED`, an admin without a second factor reaches only the `@BeforeTotpEnrollment()`
 * routes (docs/design.md §15).
 */
export function authGuardFor(strategy: string): Type<CanActivate> {
  @Injectable()
  class AuthGuard extends PassportAuthGuard(strategy) {
    constructor(
      private readonly reflector: Reflector,
      @Inject(APP_CONFIG) private readonly config: AppConfig,
    ) {
      super();
    }

    override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
      const targets = [context.getHandler(), context.getClass()];
      if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
      return super.canActivate(context) as Promise<boolean>;
    }

    /** Turns what passport reports into the problems of docs/design.md §5, and applies `@Roles`. */
    override handleRequest<TUser = AuthUser>(
      error: unknown,
      user: AuthUser | false,
      info: unknown,
      context: ExecutionContext,
    ): TUser {
      if (error instanceof DomainError) throw error;
      if (error) throw error as Error;
      if (!user) throw refusalOf(info);
      const targets = [context.getHandler(), context.getClass()];
      const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
      if (roles.length > 0 && !roles.includes(user.role)) throw new ForbiddenError();
      if (
        this.config.adminSecurity.totpRequired &&
        user.role === Role.ADMIN &&
        !user.secondFactor &&
        !this.reflector.getAllAndOverride<boolean>(BEFORE_TOTP_ENROLLMENT, targets)
      ) {
        throw new TotpEnrollmentRequiredError();
      }
      return user as TUser;
    }
  }
  return AuthGuard;
}

/** passport-jwt's reason for finding no user: no token, an expired one, or an invalid one. */
function refusalOf(info: unknown): DomainError {
  const name = (info as { name?: string } | undefined)?.name;
  if (name === 'TokenExpiredError') return new SessionExpiredError();
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError') {
    return new UnauthenticatedError('The bearer token is invalid.');
  }
  return new UnauthenticatedError('Send a bearer token: `Authorization: Bearer <token>`.');
}
