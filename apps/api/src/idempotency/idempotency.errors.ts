import { ErrorCode } from '@wallet/shared';
import { DomainError, ValidationFailedError } from '../common/errors/domain-error';

export class IdempotencyKeyMissingError extends DomainError {
  constructor() {
    super(
      ErrorCode.IDEMPOTENCY_KEY_MISSING,
      'Send an Idempotency-Key header with a unique value per money move.',
    );
  }
}

export class IdempotencyKeyMalformedError extends ValidationFailedError {
  constructor() {
    super(
      [{ field: 'Idempotency-Key', messages: ['must be 1 to 255 printable ASCII characters'] }],
      'The Idempotency-Key header is malformed.',
    );
  }
}

export class IdempotencyKeyInUseError extends DomainError {
  constructor() {
    super(
      ErrorCode.IDEMPOTENCY_KEY_IN_USE,
      'A request with this Idempotency-Key is still running; retry shortly.',
    );
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      'This Idempotency-Key was already used with a different request.',
    );
  }
}
