import { applyDecorators, ExecutionContext, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@wallet/config';
import { ErrorCode } from '@wallet/shared';
import { ApiProblems } from '../../common/http/api-problems';
import { normalizeEmail } from '../../common/http/field-transforms';
import type { FastifyRequest } from 'fastify';

/** Rate limits for sign-in, per client IP and per email (DESIGN §4). */
export function loginThrottlers(config: AppConfig): ThrottlerOptions[] {
  const { windowSeconds, perIp, perEmail } = config.loginRateLimit;
  const ttl = windowSeconds * 1000;
  return [
    { name: 'ip', ttl, limit: perIp },
    {
      name: 'email',
      ttl,
      limit: perEmail,
      // A body without an email fails validation; there is nothing to count it against.
      skipIf: (context: ExecutionContext) => emailOf(context.switchToHttp().getRequest()) === undefined,
      getTracker: (request: Record<string, unknown>) => emailOf(request as unknown as FastifyRequest) ?? '',
    },
  ];
}

function emailOf(request: FastifyRequest): string | undefined {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normalizeEmail(email) : undefined;
}

/** Applies the sign-in rate limits to a route. */
export const LoginRateLimited = (): MethodDecorator =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    ApiProblems(ErrorCode.INVALID_CREDENTIALS, ErrorCode.ACCOUNT_INACTIVE, ErrorCode.TOO_MANY_REQUESTS),
  );
