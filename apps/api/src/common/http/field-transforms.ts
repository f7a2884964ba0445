import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/**
 * Emails are compared in one form everywhere (register, sign-in, transfers, rate limits): Unicode
 * NFC (so `josé` typed with a combining accent is the same address as with a precomposed one),
 * then trimmed and lower-cased.
 */
export function normalizeEmail(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/**
 * Control characters (line breaks, tabs, NUL, C1) and the characters that change the order text
 * is shown in (bidi embeddings, overrides and isolates): in a name or a reason they could forge
 * lines in an email or disguise what a reader sees.
 */
const UNSAFE_TEXT = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/**
 * Free text people type and others read (names, freeze reasons): NFC-normalized and trimmed, and
 * refused when it holds a control or text-direction character.
 */
export const PlainText = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.normalize('NFC').trim() : value,
    ),
    ValidateBy({
      name: 'isPlainText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !UNSAFE_TEXT.test(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must not contain line breaks, control or text-direction characters`,
      },
    }),
  );

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
