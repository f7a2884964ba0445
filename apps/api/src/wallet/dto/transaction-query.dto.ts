import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, TransactionStatus, TransactionType } from '@wallet/shared';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { InstantField } from '../../common/http/instant';
import { PageQueryDto } from '../../common/http/page-query.dto';

/** A filter on the amount in cents, 0 to the largest amount a move can have. */
const AmountFilter = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: 0,
      maximum: MAX_AMOUNT_CENTS,
      example: 2500,
      description,
    }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: ({ property }) => `${property} must be a whole number of cents` }),
    Min(0),
    Max(MAX_AMOUNT_CENTS),
  );

/** History filters (docs/design.md §5, §13): all optional, combined with AND. */
export class TransactionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TransactionType, enumName: 'TransactionType' })
  @IsOptional()
  @IsEnum(TransactionType)
  type?: TransactionType;

  @ApiPropertyOptional({ enum: TransactionStatus, enumName: 'TransactionStatus' })
  @IsOptional()
  @IsEnum(TransactionStatus)
  status?: TransactionStatus;

  @InstantField({ required: false, description: 'Rows at or after this instant (ISO 8601).' })
  from?: Date;

  @InstantField({
    required: false,
    after: 'from',
    description: 'Rows strictly before this instant (ISO 8601): the range is [from, to).',
  })
  to?: Date;

  @AmountFilter('Rows of at least this many cents.')
  minAmount?: number;

  @AmountFilter('Rows of at most this many cents; not below minAmount.')
  @ValidateBy({
    name: 'isNotBelowMinAmount',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const min = (args?.object as TransactionQueryDto | undefined)?.minAmount;
        return typeof value !== 'number' || typeof min !== 'number' || value >= min;
      },
      defaultMessage: () => 'maxAmount must not be below minAmount',
    },
  })
  maxAmount?: number;
}

/** `?at=`: the instant a balance is asked for (docs/design.md §13). */
export class BalanceQueryDto {
  @InstantField({
    required: true,
    description: 'The balance just after the last SUCCESS row at or before this instant (ISO 8601).',
  })
  at!: Date;
}

/** `?from&to` of a statement (docs/design.md §13), both required: the half-open range [from, to). */
export class StatementQueryDto {
  @InstantField({ required: true, description: 'The first instant of the statement (ISO 8601), included.' })
  from!: Date;

  @InstantField({
    required: true,
    after: 'from',
    description: 'The end of the statement (ISO 8601), excluded: the range is [from, to).',
  })
  to!: Date;
}
