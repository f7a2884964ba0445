import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Who asked, with which key, for what (docs/design.md §3.2–3.3): keys are scoped per user, and the
 * fingerprint is of the method, route and canonical body. The money move claims the key in its
 * own transaction (docs/design.md §3.4), so the scope travels with it down to the database.
 */
export interface IdempotencyScope {
  userId: string;
  key: string;
  fingerprint: string;
}

/** What an idempotent route answers: the status and body, first given or replayed (docs/design.md §3.6). */
export class IdempotentAnswer<T> {
  constructor(
    readonly status: number,
    readonly body: T,
    readonly replayed: boolean,
  ) {}
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: IdempotencyScope;
  }
}

/** The scope the {@link IdempotencyInterceptor} established for this request. */
export const Idempotency = createParamDecorator((_: unknown, context: ExecutionContext): IdempotencyScope => {
  const scope = context.switchToHttp().getRequest<FastifyRequest>().idempotency;
  if (!scope) throw new Error('@Idempotency() used on a route without @IdempotentRoute()');
  return scope;
});
