import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { isValidIdempotencyKey, requestFingerprint } from './fingerprint';
import { IdempotentAnswer } from './idempotent-answer';
import { IdempotencyKeyMalformedError, IdempotencyKeyMissingError } from './idempotency.errors';

export const REPLAYED_HEADER = 'idempotency-replayed';

/**
 * The one place idempotency meets HTTP (docs/design.md §3). It validates the key and fingerprints the
 * request into the scope the handler passes to its money move, which claims the key, moves the
 * money and stores the answer in one transaction. It then answers with the move's status, saying
 * `Idempotency-Replayed: true` when the answer is one stored earlier.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    request.idempotency = {
      userId: request.user!.id,
      key: idempotencyKeyOf(request),
      // Lower-cased, as the path's UUID is: a retry that spells the id differently is the same request.
      fingerprint: requestFingerprint(request.method, request.url.split('?')[0].toLowerCase(), request.body),
    };
    return next.handle().pipe(
      map((answer: unknown) => {
        if (!(answer instanceof IdempotentAnswer)) {
          throw new Error('an idempotent route must answer with an IdempotentAnswer');
        }
        if (answer.replayed) void reply.header(REPLAYED_HEADER, 'true');
        void reply.status(answer.status);
        return answer.body as unknown;
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
