import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@wallet/shared';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, ROLES } from '../common/decorators/auth.decorators';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import { AuthService } from './auth.service';

/**
 * The one global guard (DESIGN §4): every route needs a live session unless marked `@Public()`,
 * and `@Roles(...)` narrows it to those roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthenticatedError('Send a bearer token: `Authorization: Bearer <token>`.');
    }
    const user = await this.auth.authenticate(token);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (roles.length > 0 && !roles.includes(user.role)) throw new ForbiddenError();
    request.user = user;
    return true;
  }
}
