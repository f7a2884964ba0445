import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { MAX_AMOUNT_CENTS, MIN_AMOUNT_CENTS } from '@wallet/shared';
import { IsInt, Max, Min } from 'class-validator';

/** An amount in integer cents, 1 to 100,000,000 (docs/design.md §2); a float or a string is a 400. */
export const AmountField = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      type: 'integer',
      minimum: MIN_AMOUNT_CENTS,
      maximum: MAX_AMOUNT_CENTS,
      example: 2500,
      description: 'Integer cents: 2500 is $25.00.',
    }),
    IsInt({ message: 'amount must be a whole number of cents' }),
    Min(MIN_AMOUNT_CENTS, { message: `amount must be at least ${MIN_AMOUNT_CENTS} cent` }),
    Max(MAX_AMOUNT_CENTS, { message: `amount must be at most ${MAX_AMOUNT_CENTS} cents ($1,000,000.00)` }),
  );
