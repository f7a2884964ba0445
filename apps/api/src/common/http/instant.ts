import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, type ValidationArguments } from 'class-validator';

// Without flags, so that the spec can state it as the fields' `pattern`.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * An ISO 8601 instant in its extended form (`2026-03-01T12:00:00.250+02:00`): a date alone is its
 * midnight, and a time without an offset is UTC, the zone every answer is written in. Read to the
 * millisecond, the precision of every `createdAt` the API writes (docs/design.md §13). Returns null
 * for anything else, an impossible date (`2026-02-30`) included.
 */
export function parseInstant(text: string): Date | null {
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset = 'Z'] = match;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCMonth() !== mo - 1) return null; // 30 February rolled over into March
  date.setUTCHours(h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  if (offset.toUpperCase() !== 'Z') {
    const [, sign, offsetHours, offsetMinutes = '00'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset)!;
    if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
    const minutes = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
    date.setTime(date.getTime() - minutes * 60_000);
  }
  return Number.isNaN(date.getTime()) ? null : date;
}

const INSTANT_EXAMPLE = '2026-01-01T00:00:00Z';

interface InstantOptions {
  description: string;
  required: boolean;
  /** A field of the same object that this instant must be later than. */
  after?: string;
}

/**
 * A query-string instant, turned into a `Date` (docs/design.md §13). Anything unreadable is a 400
 * naming the field, as is an `after` pairing out of order. The spec says `string` without
 * `format: date-time`, because a date alone is accepted too.
 */
export const InstantField = ({ description, required, after }: InstantOptions): PropertyDecorator =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      type: String,
      pattern: ISO_8601.source,
      example: INSTANT_EXAMPLE,
      description,
    }),
    ...(required ? [] : [IsOptional()]),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? (parseInstant(value) ?? value) : value,
    ),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => value instanceof Date,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be an ISO 8601 instant such as ${INSTANT_EXAMPLE}`,
      },
    }),
    ...(after ? [LaterThan(after)] : []),
  );

/** Refuses a value not strictly later than the object's `other` field, when both are instants. */
function LaterThan(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'isLaterThan',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const earlier = (args?.object as Record<string, unknown> | undefined)?.[other];
        return !(value instanceof Date && earlier instanceof Date) || value.getTime() > earlier.getTime();
      },
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'value'} must be later than ${other}: the range is [${other}, ${args?.property ?? 'value'})`,
    },
  });
}
