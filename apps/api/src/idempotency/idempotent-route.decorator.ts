import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ErrorCode } from '@wallet/shared';
import { ApiProblems } from '../common/http/api-problems';
import { PRINTABLE_ASCII } from './fingerprint';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * A money move: needs an `Idempotency-Key` and runs at most once per key (docs/design.md §3). `refusals`
 * are the other codes the move can answer, documented together with the idempotency ones.
 */
export const IdempotentRoute = (...refusals: ErrorCode[]): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'A unique value per money move (1–255 printable ASCII). Retrying with the same key and body replays ' +
        'the first answer with `Idempotency-Replayed: true`; another body gets 422.',
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        pattern: PRINTABLE_ASCII.source,
        example: '5f0c6a52-2d1e-4f8e-9d8b-5a0b6f3c9e21',
      },
    }),
    ApiProblems(
      ErrorCode.IDEMPOTENCY_KEY_MISSING,
      ErrorCode.IDEMPOTENCY_KEY_IN_USE,
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      ...refusals,
    ),
  );
