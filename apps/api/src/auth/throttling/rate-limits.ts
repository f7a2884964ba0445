import { applyDecorators, ExecutionContext, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '@wallet/config';
import { ErrorCode } from '@wallet/shared';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems';
import { normalizeEmail } from '../../common/http/field-transforms';

/** The counters (docs/design.md §4), each shared by every API instance (see RedisThrottlerStorage). */
const THROTTLERS = {
  /** Attempts at a credential from one client address: sign-ins, and admin registrations (which guess a secret). */
  guessesPerIp: 'ip',
  /** Sign-ins at one email. */
  signInsPerEmail: 'email',
  /** Registrations from one client address: each costs an argon2id hash. */
  registrationsPerIp: 'registration',
} as const;

export function loginThrottlers(config: AppConfig): ThrottlerOptions[] {
  const { windowSeconds, perIp, perEmail, registrationsPerIp } = config.loginRateLimit;
  const ttl = windowSeconds * 1000;
  return [
    { name: THROTTLERS.guessesPerIp, ttl, limit: perIp },
    {
      name: THROTTLERS.signInsPerEmail,
      ttl,
      limit: perEmail,
      // A body without an email fails validation; there is nothing to count it against.
      skipIf: (context: ExecutionContext) => emailOf(context.switchToHttp().getRequest()) === undefined,
      getTracker: (request: Record<string, unknown>) => emailOf(request as unknown as FastifyRequest) ?? '',
    },
    { name: THROTTLERS.registrationsPerIp, ttl, limit: registrationsPerIp },
  ];
}

function emailOf(request: FastifyRequest): string | undefined {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normalizeEmail(email) : undefined;
}

/** Applies only the named counters to a route; a 429 answers past any of them. */
function rateLimited(...counted: Array<(typeof THROTTLERS)[keyof typeof THROTTLERS]>): MethodDecorator {
  const skipped = Object.values(THROTTLERS).filter((name) => !counted.includes(name));
  return applyDecorators(
    UseGuards(ThrottlerGuard),
    SkipThrottle(Object.fromEntries(skipped.map((name) => [name, true]))),
    ApiProblems(ErrorCode.TOO_MANY_REQUESTS),
  );
}

/** Sign-in: per client address and per email. */
export const SignInRateLimited = (): MethodDecorator =>
  applyDecorators(
    rateLimited(THROTTLERS.guessesPerIp, THROTTLERS.signInsPerEmail),
    ApiProblems(ErrorCode.INVALID_CREDENTIALS, ErrorCode.TOTP_REQUIRED, ErrorCode.ACCOUNT_INACTIVE),
  );

/** Admin registration guesses `X-Admin-Secret`: it counts with sign-ins, per client address. */
export const AdminRegistrationRateLimited = (): MethodDecorator => rateLimited(THROTTLERS.guessesPerIp);

/** Registration: per client address. */
export const RegistrationRateLimited = (): MethodDecorator => rateLimited(THROTTLERS.registrationsPerIp);

/**
 * Confirming a TOTP secret guesses a code: it counts with sign-ins, per client address
 * (docs/design.md §15). Codes at sign-in are counted by the sign-in's own limits.
 */
export const TotpCodeRateLimited = (): MethodDecorator => rateLimited(THROTTLERS.guessesPerIp);
