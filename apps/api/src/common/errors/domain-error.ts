import { ERROR_STATUS, ErrorCode } from '@wallet/shared';

/** A field-level validation problem, listed in `errors` of a 400 answer. */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * An expected failure with a stable {@link ErrorCode}. Services throw subclasses; the problem
 * filter turns them into problem+json (docs/design.md §5). `extra` members are added to the body.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], detail = 'Some fields are missing or invalid.') {
    super(ErrorCode.VALIDATION_FAILED, detail, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NOT_FOUND, `${what} was not found.`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'Your role does not allow this action.') {
    super(ErrorCode.FORBIDDEN, detail);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(detail = 'A valid bearer token is required.') {
    super(ErrorCode.UNAUTHENTICATED, detail);
  }
}
