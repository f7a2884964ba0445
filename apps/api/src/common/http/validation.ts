import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { FieldError, ValidationFailedError } from '../errors/domain-error';

/** Flattens class-validator's tree into `[{field: "a.b", messages}]`. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** A POST without a body validates as `{}`: optional-only bodies (a freeze reason) may be left out. */
class BodyDefaultingValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(metadata.type === 'body' && value === undefined ? {} : value, metadata);
  }
}

/**
 * Unknown fields are refused, not stripped (docs/design.md §5), so `{"amount": 1, "balance": 9}` is a 400
 * instead of a silently ignored attempt. Nothing is converted implicitly: `"25"` is not an amount.
 */
export function createValidationPipe(): ValidationPipe {
  return new BodyDefaultingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(toFieldErrors(errors)),
  });
}
