import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { Problem } from '../common/errors/problem';
import { ReplayedProblem } from '../common/errors/problem.filter';
import { isValidIdempotencyKey, requestFingerprint } from './fingerprint';
import { IdempotencyKeyMalformedError, IdempotencyKeyMissingError } from './idempotency.errors';
import { IdempotencyService } from './idempotency.service';

export const REPLAYED_HEADER = 'idempotency-replayed';

/**
 * The one place idempotency happens (DESIGN §3). It validates the key, fingerprints the request,
 * and runs the handler inside the transaction that claims the key, so the handler's repositories
 * join it through the request context. Finished requests are replayed with `Idempotency-Replayed`.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const key = idempotencyKeyOf(request);
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const scope = {
      userId: request.user!.id,
      key,
      // Lower-cased, as the path's UUID is: a retry that spells the id differently is the same request.
      fingerprint: requestFingerprint(request.method, request.url.split('?')[0].toLowerCase(), request.body),
    };
    // next.handle() binds the handler to the async context it is called in, so it is called
    // inside the transaction's context (where the handler's repositories find the transaction),
    // once per attempt: a transaction that lost a deadlock is retried from the start.
    const execute = () => lastValueFrom(next.handle());

    return from(
      this.idempotency.run(scope, status, execute).then((outcome) => {
        switch (outcome.kind) {
          case 'executed':
            return outcome.body;
          case 'refused':
            throw outcome.failure;
          case 'replayed':
            if (outcome.status >= 400) throw new ReplayedProblem(outcome.body as Problem);
            void reply.header(REPLAYED_HEADER, 'true');
            return outcome.body;
        }
      }),
    );
  }
}

function idempotencyKeyOf(request: FastifyRequest): string {
  const key = request.headers['idempotency-key'];
  if (key === undefined || key === '') throw new IdempotencyKeyMissingError();
  if (typeof key !== 'string' || !isValidIdempotencyKey(key)) throw new IdempotencyKeyMalformedError();
  return key;
}
