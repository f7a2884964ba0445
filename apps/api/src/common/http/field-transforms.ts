import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** Emails are compared trimmed and lower-cased everywhere (register, sign-in, transfers, rate limits). */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Trims a string field before it is validated. */
export const Trimmed = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Normalizes an email field before it is validated. */
export const NormalizedEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeEmail(value) : value));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A UUID in a body or query string: the same check as path ids, lower-cased like them. */
export const UuidField = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (isUuid(value) ? value.toLowerCase() : value)),
    ValidateBy({
      name: 'isUuid',
      validator: {
        validate: isUuid,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a UUID`,
      },
    }),
  );
